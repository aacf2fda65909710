import { SingleFlight } from "../single-flight"

describe("single flight per key", () => {
  it("runs the work once for callers that arrive while it runs, and anew afterwards", async () => {
    const flights = new SingleFlight<number>()
    let runs = 0
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const work = async () => {
      runs++
      await gate
      return runs
    }
    const callers = Array.from({ length: 50 }, () => flights.run("k", work))
    expect(flights.pending("k")).toBeDefined()
    release()
    expect(await Promise.all(callers)).toEqual(Array(50).fill(1))
    expect(flights.pending("k")).toBeUndefined()
    expect(await flights.run("k", work)).toBe(2)
  })

  it("keeps keys apart, and forgets a failed flight so the next caller retries", async () => {
    const flights = new SingleFlight<string>()
    await expect(flights.run("a", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom")
    expect(flights.pending("a")).toBeUndefined()
    const [a, b] = await Promise.all([flights.run("a", () => Promise.resolve("A")), flights.run("b", () => Promise.resolve("B"))])
    expect([a, b]).toEqual(["A", "B"])
  })
})

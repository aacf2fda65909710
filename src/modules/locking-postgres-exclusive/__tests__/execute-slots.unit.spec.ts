import { ExecuteSlots } from "../execute-slots"

const later = (ms: number) => Date.now() + ms

/** Settles to "pending" when `p` has not settled by the next macrotask. */
async function state(p: Promise<unknown>): Promise<"admitted" | "refused" | "pending"> {
  return Promise.race([
    p.then(
      () => "admitted" as const,
      () => "refused" as const
    ),
    new Promise<"pending">((resolve) => setImmediate(() => resolve("pending"))),
  ])
}

describe("ExecuteSlots: how many executes may hold a database connection at once", () => {
  it("admits up to its size at once; the next waits until one leaves", async () => {
    const slots = new ExecuteSlots(2)
    const first = await slots.enter(later(5000))
    await slots.enter(later(5000))
    const third = slots.enter(later(5000))
    expect(await state(third)).toBe("pending")
    first()
    expect(await state(third)).toBe("admitted")
  })

  it("admits waiters in arrival order", async () => {
    const slots = new ExecuteSlots(1)
    const leave = await slots.enter(later(5000))
    const order: string[] = []
    const waiters = ["a", "b", "c"].map((name) =>
      slots.enter(later(5000)).then((release) => {
        order.push(name)
        release()
      })
    )
    leave()
    await Promise.all(waiters)
    expect(order).toEqual(["a", "b", "c"])
  })

  it("refuses a waiter past its deadline with the lock's timeout message, and it takes no slot", async () => {
    const slots = new ExecuteSlots(1)
    const leave = await slots.enter(later(5000))
    await expect(slots.enter(later(30))).rejects.toThrow("Timed-out acquiring lock.")
    const next = slots.enter(later(5000))
    leave()
    expect(await state(next)).toBe("admitted")
  })

  it("frees one slot however often a release is called", async () => {
    const slots = new ExecuteSlots(1)
    const leave = await slots.enter(later(5000))
    const second = slots.enter(later(5000))
    const third = slots.enter(later(5000))
    leave()
    leave()
    expect(await state(second)).toBe("admitted")
    expect(await state(third)).toBe("pending")
    ;(await second)()
    expect(await state(third)).toBe("admitted")
  })
})

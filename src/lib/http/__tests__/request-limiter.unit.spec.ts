import { createRequestLimiter } from "../request-limiter"

const log = { warn: () => undefined, info: () => undefined }
const limits = { perMinute: { auth: 2, checkout: 3, cart_writes: 4, store: 5 } }

describe("createRequestLimiter (in memory)", () => {
  it("lets a client make its group's number of requests per minute, then refuses with the time to wait", async () => {
    const limiter = createRequestLimiter(limits, log)
    const decisions = []
    for (let i = 0; i < 4; i++) {
      decisions.push(await limiter.consume("checkout", "ip:203.0.113.7"))
    }
    expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ])
    expect(decisions.every((d) => d.limit === 3)).toBe(true)
    expect(decisions[3].resetSeconds).toBeGreaterThanOrEqual(1)
    expect(decisions[3].resetSeconds).toBeLessThanOrEqual(60)
    expect(limiter.store()).toBe("memory")
    limiter.close()
  })

  it("counts each client and each group apart", async () => {
    const limiter = createRequestLimiter(limits, log)
    for (let i = 0; i < 2; i++) {
      await limiter.consume("auth", "ip:203.0.113.7")
    }
    expect((await limiter.consume("auth", "ip:203.0.113.7")).allowed).toBe(false)
    expect((await limiter.consume("auth", "ip:203.0.113.8")).allowed).toBe(true)
    expect((await limiter.consume("auth", "customer:cus_1")).allowed).toBe(true)
    expect((await limiter.consume("store", "ip:203.0.113.7")).allowed).toBe(true)
  })
})

import {
  checkoutGate,
  checkoutGateSettings,
  endOrderWriteTurn,
  ORDER_WRITE_TURN_MAX_MS,
  ORDER_WRITE_YIELD_MS,
  takeOrderWriteTurn,
} from "../checkout-gate"

describe("a turn to write an order", () => {
  beforeEach(() => {
    jest.useFakeTimers()
  })
  afterEach(() => {
    jest.useRealTimers()
  })

  /** Every place at the checkout gate taken, and one more checkout queued behind them. */
  async function gateWithQueue() {
    const inside = await Promise.all(
      Array.from({ length: checkoutGateSettings.concurrency }, () => checkoutGate.enter(1_000))
    )
    const queued = checkoutGate.enter(60_000)
    expect(checkoutGate.full).toBe(true)
    return async () => {
      inside.forEach((release) => typeof release === "function" && release())
      const last = await queued
      if (typeof last === "function") {
        last()
      }
    }
  }

  it("lets the checkouts queued at the gate go first, for at most ORDER_WRITE_YIELD_MS", async () => {
    const empty = await gateWithQueue()
    let turn: boolean | null = null
    void takeOrderWriteTurn("order-a").then((t) => (turn = t))
    await jest.advanceTimersByTimeAsync(ORDER_WRITE_YIELD_MS - 1)
    expect(turn).toBeNull()
    await jest.advanceTimersByTimeAsync(1)
    expect(turn).toBe(true)
    endOrderWriteTurn("order-a")
    await empty()
  })

  it("goes at once when the queue empties first", async () => {
    const empty = await gateWithQueue()
    let turn: boolean | null = null
    void takeOrderWriteTurn("order-b").then((t) => (turn = t))
    await jest.advanceTimersByTimeAsync(10)
    expect(turn).toBeNull()
    await empty()
    await jest.advanceTimersByTimeAsync(0)
    expect(turn).toBe(true)
    endOrderWriteTurn("order-b")
  })

  it("does not wait for the queue while it holds the stock lock (the checkouts queued may be waiting for that lock)", async () => {
    const empty = await gateWithQueue()
    let turn: boolean | null = null
    void takeOrderWriteTurn("order-c", { stockLocked: true }).then((t) => (turn = t))
    await jest.advanceTimersByTimeAsync(0)
    expect(turn).toBe(true)
    endOrderWriteTurn("order-c")
    await empty()
  })

  it("ends a turn kept past ORDER_WRITE_TURN_MAX_MS: orders stuck on a slow payment call do not keep the others waiting", async () => {
    // Every turn taken by orders whose payment provider is slow to answer.
    const slow = Array.from({ length: checkoutGateSettings.orderWrites }, (_, i) => `slow-${i}`)
    for (const owner of slow) {
      await expect(takeOrderWriteTurn(owner, { stockLocked: true })).resolves.toBe(true)
    }
    let turn: boolean | null = null
    void takeOrderWriteTurn("cash-on-delivery", { stockLocked: true }).then((t) => (turn = t))
    await jest.advanceTimersByTimeAsync(ORDER_WRITE_TURN_MAX_MS - 1)
    expect(turn).toBeNull()
    await jest.advanceTimersByTimeAsync(1)
    expect(turn).toBe(true)
    // A slow order that ends later gives back nothing it no longer has.
    slow.forEach(endOrderWriteTurn)
    endOrderWriteTurn("cash-on-delivery")
    let next: boolean | null = null
    void takeOrderWriteTurn("after", { stockLocked: true }).then((t) => (next = t))
    await jest.advanceTimersByTimeAsync(0)
    expect(next).toBe(true)
    endOrderWriteTurn("after")
  })
})

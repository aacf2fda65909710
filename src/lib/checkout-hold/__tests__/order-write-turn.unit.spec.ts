import {
  checkoutGate,
  checkoutGateSettings,
  endOrderWriteTurn,
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
})

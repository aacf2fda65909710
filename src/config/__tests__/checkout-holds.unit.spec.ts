import { CHECKOUT_GATE_DEFAULTS, CHECKOUT_HOLD_CAP_DEFAULTS, readCheckoutGate, readCheckoutHoldCaps, shareCap } from "../checkout-holds"

describe("checkout hold caps", () => {
  it("defaults: 2 carts per customer, 10 per guest IP, 30 minutes, 10 minutes cool-down, half of low stock", () => {
    expect(readCheckoutHoldCaps({})).toEqual({
      maxCartsPerCustomer: 2,
      maxCartsPerGuestIp: 10,
      lifetimeMinutes: 30,
      cooldownMinutes: 10,
      lowStockShare: 0.5,
      lowStockShareFromUnits: 4,
      lowStockUnits: 20,
    })
    expect(readCheckoutHoldCaps({})).toEqual(CHECKOUT_HOLD_CAP_DEFAULTS)
  })

  it("reads every variable and names a bad one", () => {
    const caps = readCheckoutHoldCaps({ HOLD_MAX_CARTS_PER_CUSTOMER: "3", HOLD_LOW_STOCK_SHARE: "1", HOLD_COOLDOWN_MINUTES: "0" })
    expect(caps).toMatchObject({ maxCartsPerCustomer: 3, lowStockShare: 1, cooldownMinutes: 0 })
    expect(() => readCheckoutHoldCaps({ HOLD_LIFETIME_MINUTES: "0" })).toThrow(
      'HOLD_LIFETIME_MINUTES must be a whole number of minutes, 1 to 10080 (a week) (got "0")'
    )
    // Beyond a week (the date a hold would expire at may not even exist): refused by name.
    expect(readCheckoutHoldCaps({ HOLD_LIFETIME_MINUTES: "10080", HOLD_COOLDOWN_MINUTES: "10080" })).toMatchObject({
      lifetimeMinutes: 10080,
      cooldownMinutes: 10080,
    })
    expect(() => readCheckoutHoldCaps({ HOLD_LIFETIME_MINUTES: "1e300" })).toThrow('HOLD_LIFETIME_MINUTES must be a whole number of minutes, 1 to 10080')
    expect(() => readCheckoutHoldCaps({ HOLD_COOLDOWN_MINUTES: "10081" })).toThrow('HOLD_COOLDOWN_MINUTES must be a whole number of minutes, 0 to 10080')
    expect(() => readCheckoutHoldCaps({ HOLD_LOW_STOCK_SHARE: "1.5" })).toThrow("HOLD_LOW_STOCK_SHARE must be a share")
  })

  it("a cart may hold half of what is left, rounded up, from 4 units; all of 3 or fewer; above the low-stock mark, all but the 10 a cart at the mark leaves", () => {
    const caps = CHECKOUT_HOLD_CAP_DEFAULTS
    expect([1, 2, 3, 4, 5, 6, 7, 20, 21, 40].map((left) => shareCap(caps, left))).toEqual([1, 2, 3, 2, 3, 3, 4, 10, 11, 30])
    // From the mark up, more left never lets a cart leave fewer for the others.
    for (let left = caps.lowStockUnits; left < 200; left++) {
      expect(left + 1 - shareCap(caps, left + 1)).toBeGreaterThanOrEqual(left - shareCap(caps, left))
    }
    // A share of 1 turns the cap off at every level; a mark below the first shared level, too.
    expect([5, 20, 21, 100].map((left) => shareCap({ ...caps, lowStockShare: 1 }, left))).toEqual([5, 20, 21, 100])
    expect([5, 21].map((left) => shareCap({ ...caps, lowStockUnits: 2 }, left))).toEqual([5, 21])
  })

  it("the checkout gate: defaults, every variable, and a bad one named", () => {
    expect(readCheckoutGate({})).toEqual(CHECKOUT_GATE_DEFAULTS)
    expect(
      readCheckoutGate({
        CHECKOUT_CONCURRENCY: "8",
        CHECKOUT_QUEUE_WAIT_SECONDS: "5",
        CHECKOUT_ORDER_WRITES: "3",
        CHECKOUT_CART_LOCK_WAIT_SECONDS: "10",
      })
    ).toEqual({ concurrency: 8, queueWaitSeconds: 5, orderWrites: 3, cartLockWaitSeconds: 10 })
    expect(() => readCheckoutGate({ CHECKOUT_CONCURRENCY: "0" })).toThrow(
      'CHECKOUT_CONCURRENCY must be a whole number, 1 or more (got "0")'
    )
  })

  it("the gate's waits are at most a day: Node's timers fire at once beyond ~24 days, which would answer every queued checkout busy", () => {
    expect(readCheckoutGate({ CHECKOUT_QUEUE_WAIT_SECONDS: "86400", CHECKOUT_CART_LOCK_WAIT_SECONDS: "86400" })).toMatchObject({
      queueWaitSeconds: 86400,
      cartLockWaitSeconds: 86400,
    })
    expect(() => readCheckoutGate({ CHECKOUT_QUEUE_WAIT_SECONDS: "3000000" })).toThrow(
      'CHECKOUT_QUEUE_WAIT_SECONDS must be a whole number, 1 to 86400 (a day) (got "3000000")'
    )
    expect(() => readCheckoutGate({ CHECKOUT_CART_LOCK_WAIT_SECONDS: "86401" })).toThrow(
      "CHECKOUT_CART_LOCK_WAIT_SECONDS must be a whole number, 1 to 86400 (a day)"
    )
  })
})

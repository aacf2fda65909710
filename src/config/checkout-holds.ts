/**
 * Caps on what one shopper may hold (POST /store/carts/:id/hold), read from the
 * environment. Every variable is in `.env.template`; the owner sees the values
 * read-only on the admin "Checkout holds" page (GET /admin/holds/limits).
 *
 * The shop stocks 1 to 3 units of most things: without caps one cart (or a bot
 * refreshing it) could keep the only unit off the shelf indefinitely.
 */
export type CheckoutHoldCaps = {
  /** Carts with active holds at once, per logged-in customer (HOLD_MAX_CARTS_PER_CUSTOMER, default 2). */
  maxCartsPerCustomer: number
  /**
   * Carts with active holds at once, per guest client IP (HOLD_MAX_CARTS_PER_GUEST_IP,
   * default 10: mobile carriers put many shoppers behind one address).
   */
  maxCartsPerGuestIp: number
  /**
   * Total lifetime of a client's hold on an item from its first take, in any
   * of its carts (HOLD_LIFETIME_MINUTES, default 30).
   */
  lifetimeMinutes: number
  /** Wait after that lifetime before the client may hold the item again, in any cart (HOLD_COOLDOWN_MINUTES, default 10). */
  cooldownMinutes: number
  /**
   * Share of what is left of an item that one cart, and a signed-in customer in
   * all their carts, may hold when stock is low (HOLD_LOW_STOCK_SHARE, default
   * 0.5, rounded up; 1 turns the cap off).
   */
  lowStockShare: number
  /** The share applies from this many units left (HOLD_LOW_STOCK_SHARE_FROM_UNITS, default 4); below it a cart may hold what it asks for. */
  lowStockShareFromUnits: number
  /**
   * Stock is low at or below this many units left (HOLD_LOW_STOCK_UNITS, default
   * 20); above it a cart may hold all but what a cart at the mark leaves others
   * (10 by default: 11 of 21, 30 of 40).
   */
  lowStockUnits: number
}

export const CHECKOUT_HOLD_CAP_DEFAULTS: Readonly<CheckoutHoldCaps> = {
  maxCartsPerCustomer: 2,
  maxCartsPerGuestIp: 10,
  lifetimeMinutes: 30,
  cooldownMinutes: 10,
  lowStockShare: 0.5,
  lowStockShareFromUnits: 4,
  lowStockUnits: 20,
}

export const CHECKOUT_HOLD_CAP_ENV: Readonly<Record<keyof CheckoutHoldCaps, string>> = {
  maxCartsPerCustomer: "HOLD_MAX_CARTS_PER_CUSTOMER",
  maxCartsPerGuestIp: "HOLD_MAX_CARTS_PER_GUEST_IP",
  lifetimeMinutes: "HOLD_LIFETIME_MINUTES",
  cooldownMinutes: "HOLD_COOLDOWN_MINUTES",
  lowStockShare: "HOLD_LOW_STOCK_SHARE",
  lowStockShareFromUnits: "HOLD_LOW_STOCK_SHARE_FROM_UNITS",
  lowStockUnits: "HOLD_LOW_STOCK_UNITS",
}

type Env = Record<string, string | undefined>

function number(env: Env, key: keyof CheckoutHoldCaps, rule: (n: number) => boolean, what: string): number {
  const name = CHECKOUT_HOLD_CAP_ENV[key]
  const raw = env[name]?.trim()
  if (!raw) {
    return CHECKOUT_HOLD_CAP_DEFAULTS[key]
  }
  const n = Number(raw)
  if (!Number.isFinite(n) || !rule(n)) {
    throw new Error(`${name} must be ${what} (got "${raw}")`)
  }
  return n
}

const whole = (min: number, max = Number.MAX_SAFE_INTEGER) => (n: number) => Number.isSafeInteger(n) && n >= min && n <= max

/** A week, in minutes: the longest hold lifetime or cool-down (a date that far is always valid). */
const MAX_MINUTES = 7 * 24 * 60
/** A day, in seconds: the longest wait at the gate or for a cart (beyond ~24 days Node's timers fire at once). */
const MAX_WAIT_SECONDS = 24 * 60 * 60

export function readCheckoutHoldCaps(env: Env = process.env): CheckoutHoldCaps {
  return {
    maxCartsPerCustomer: number(env, "maxCartsPerCustomer", whole(1), "a whole number of carts, 1 or more"),
    maxCartsPerGuestIp: number(env, "maxCartsPerGuestIp", whole(1), "a whole number of carts, 1 or more"),
    lifetimeMinutes: number(env, "lifetimeMinutes", whole(1, MAX_MINUTES), `a whole number of minutes, 1 to ${MAX_MINUTES} (a week)`),
    cooldownMinutes: number(env, "cooldownMinutes", whole(0, MAX_MINUTES), `a whole number of minutes, 0 to ${MAX_MINUTES} (a week)`),
    lowStockShare: number(env, "lowStockShare", (n) => n > 0 && n <= 1, "a share above 0 and at most 1, such as 0.5"),
    lowStockShareFromUnits: number(env, "lowStockShareFromUnits", whole(1), "a whole number of units, 1 or more"),
    lowStockUnits: number(env, "lowStockUnits", whole(0), "a whole number of units, 0 or more"),
  }
}

/**
 * Units of an item one cart may hold when `left` units are free for it (stock
 * net of reservations and other carts' holds): at most the configured share of
 * them, rounded up, while stock is low; above the low-stock mark, all but what
 * a cart at the mark leaves the others (so more stock never lets a cart take
 * the item further down: 10 of 20, 11 of 21).
 */
export function shareCap(caps: CheckoutHoldCaps, left: number): number {
  if (left < caps.lowStockShareFromUnits || caps.lowStockUnits < caps.lowStockShareFromUnits) {
    return left
  }
  if (left <= caps.lowStockUnits) {
    return Math.ceil(left * caps.lowStockShare)
  }
  return left - (caps.lowStockUnits - Math.ceil(caps.lowStockUnits * caps.lowStockShare))
}

/**
 * The gate in front of the checkout's writes, per server process
 * (src/api/checkout-gate.ts).
 */
export type CheckoutGateSettings = {
  /** Checkout writes (hold, complete) run at once per process (CHECKOUT_CONCURRENCY, default 4). */
  concurrency: number
  /** Longest wait at the gate before 409 checkout_busy (CHECKOUT_QUEUE_WAIT_SECONDS, default 20). */
  queueWaitSeconds: number
  /** Orders written at once per process, once their stock is claimed (CHECKOUT_ORDER_WRITES, default 2). */
  orderWrites: number
  /**
   * Longest wait of a completion for another completion of the same cart (a
   * double click, a retry) before 409 checkout_in_progress
   * (CHECKOUT_CART_LOCK_WAIT_SECONDS, default 30: Medusa's own for its cart lock).
   */
  cartLockWaitSeconds: number
}

export const CHECKOUT_GATE_DEFAULTS: Readonly<CheckoutGateSettings> = {
  concurrency: 4,
  queueWaitSeconds: 20,
  orderWrites: 2,
  cartLockWaitSeconds: 30,
}

export function readCheckoutGate(env: Env = process.env): CheckoutGateSettings {
  const read = (name: string, fallback: number, max?: number) => {
    const raw = env[name]?.trim()
    if (!raw) {
      return fallback
    }
    const n = Number(raw)
    if (!whole(1, max)(n)) {
      const range = max ? `1 to ${max} (a day)` : "1 or more"
      throw new Error(`${name} must be a whole number, ${range} (got "${raw}")`)
    }
    return n
  }
  return {
    concurrency: read("CHECKOUT_CONCURRENCY", CHECKOUT_GATE_DEFAULTS.concurrency),
    queueWaitSeconds: read("CHECKOUT_QUEUE_WAIT_SECONDS", CHECKOUT_GATE_DEFAULTS.queueWaitSeconds, MAX_WAIT_SECONDS),
    orderWrites: read("CHECKOUT_ORDER_WRITES", CHECKOUT_GATE_DEFAULTS.orderWrites),
    cartLockWaitSeconds: read("CHECKOUT_CART_LOCK_WAIT_SECONDS", CHECKOUT_GATE_DEFAULTS.cartLockWaitSeconds, MAX_WAIT_SECONDS),
  }
}

import { MedusaError } from "@medusajs/framework/utils"

export const INSUFFICIENT_INVENTORY = "insufficient_inventory"
export const CHECKOUT_BUSY = "checkout_busy"

/** One cart line that cannot be covered, as the shopper sees it. */
export type ShortItem = {
  variant_id: string
  title: string
  requested: number
  available: number
}

function describe(items: ShortItem[]): string {
  return items
    .map((i) =>
      i.available > 0
        ? `Only ${i.available} left of ${i.title}; you asked for ${i.requested}`
        : `${i.title} is sold out; you asked for ${i.requested}`
    )
    .join(". ")
}

/**
 * Not enough stock for the cart once other carts' holds are counted. Answered as
 * 409 `{ type: "insufficient_inventory", message, items }` by the error handler.
 */
export class InsufficientInventoryError extends MedusaError {
  readonly items: ShortItem[]

  constructor(items: ShortItem[]) {
    super(INSUFFICIENT_INVENTORY, describe(items))
    this.items = items
  }
}

/**
 * The stock involved is locked by other checkouts for longer than we wait.
 * Answered as 409 with a Retry-After header: retrying shortly will work.
 */
export class CheckoutBusyError extends MedusaError {
  readonly retryAfterSeconds: number

  constructor(retryAfterSeconds = 1) {
    super(
      CHECKOUT_BUSY,
      `Many shoppers are checking out these items right now; please retry in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}`
    )
    this.retryAfterSeconds = retryAfterSeconds
  }
}

export const CHECKOUT_IN_PROGRESS = "checkout_in_progress"

/**
 * 409: the cart's holds are claimed by its own completion in progress, which
 * converts them or puts them back; a refresh or the owner's release must wait.
 */
export class CheckoutInProgressError extends MedusaError {
  /** When set, answered with a Retry-After header. */
  readonly retryAfterSeconds?: number

  constructor(message: string, retryAfterSeconds?: number) {
    super(CHECKOUT_IN_PROGRESS, message)
    this.retryAfterSeconds = retryAfterSeconds
  }
}

export const HOLD_CAP_REACHED = "hold_cap_reached"

/** Which cap refused a hold (src/config/checkout-holds.ts). */
export type HoldCap = "per_order_limit" | "cart_share" | "carts_per_customer" | "carts_per_guest_ip" | "cool_down"

/**
 * A hold refused by one of the caps on what one shopper may hold. Answered as
 * 409 `{ type: "hold_cap_reached", code, message, until? }`; `until` is when the
 * same request would pass (a cart's hold expiring, a cool-down ending).
 */
export class HoldCapError extends MedusaError {
  readonly code: HoldCap
  readonly until: Date | null

  constructor(code: HoldCap, message: string, until: Date | null = null) {
    super(HOLD_CAP_REACHED, message)
    this.code = code
    this.until = until
  }
}

import type { CheckoutHoldCaps } from "../../config/checkout-holds"

/** Module options (medusa-config: `{ resolve: "./src/modules/checkout-hold", options }`). */
export type CheckoutHoldModuleOptions = {
  /** How long a hold lasts, in seconds (default 900: 15 minutes). */
  ttl_seconds?: number
  /**
   * At completion a hold is stretched to at least this many seconds, so it
   * cannot lapse between the stock check and the order's reservation.
   */
  completion_grace_seconds?: number
  /** Caps on what one shopper may hold (default: src/config/checkout-holds.ts read from the environment). */
  caps?: CheckoutHoldCaps
}

export type HoldLine = {
  variant_id: string
  inventory_item_id: string
  location_id: string
  quantity: number
}

/**
 * Units of an inventory item at a location that other carts hold right now;
 * `completing` of them are claimed by completions in flight.
 */
export type HeldTotal = { inventory_item_id: string; location_id: string; quantity: number; completing: number }

/** Units a cart's lines want held of one variant and inventory item (all its lines of the variant together). */
export type WantedUnits = { variant_id: string; inventory_item_id: string; quantity: number }

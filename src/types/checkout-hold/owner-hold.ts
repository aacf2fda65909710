import type { HoldStatus } from "../../modules/checkout-hold/models/checkout-hold"

/**
 * A hold as the owner reads it: a row of GET /admin/holds (src/lib/checkout-hold/owner-hold-list.ts),
 * and of the admin's "Checkout holds" page (there with its date as JSON carries it).
 */
export type OwnerHold = {
  id: string
  status: HoldStatus
  cart_id: string
  customer_email: string | null
  variant_id: string
  variant_title: string | null
  product_id: string | null
  product_title: string | null
  /** Units of the inventory item held (for a variant made of several items, one row per item). */
  quantity: number
  inventory_item_id: string
  inventory_sku: string | null
  /** Units of the variant this row holds for its cart: quantity / the item's required quantity. */
  variant_units: number
  location_id: string
  expires_at: Date
  seconds_left: number
}

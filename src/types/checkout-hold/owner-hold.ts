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
  quantity: number
  location_id: string
  expires_at: Date
  seconds_left: number
}

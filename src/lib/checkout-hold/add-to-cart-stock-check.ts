import type { MedusaContainer } from "@medusajs/framework/types"
import type { CartLine } from "../catalog/cart-quantity-rules"
import { readVariantLineNeeds, salesChannelLocations } from "./cart-stock-needs"
import { InsufficientInventoryError } from "./errors"
import { planHolds } from "./hold-plan"
import { readStockPositions } from "./stock-positions"

/**
 * The cart the lines are checked for, as Medusa's cart workflows hand it to their
 * validate hooks (no id yet when it is being created).
 */
export type CartToCheck = { id: string | null; sales_channel_id?: string | null }

/**
 * Refuses adding units that other carts hold: the cart's lines after the add,
 * for the items the added variants use, must fit in stock net of others' holds.
 * (Advisory, without the lock: the hold and the completion decide for sure.)
 * Runs on add-to-cart, on a line's new quantity and on a cart created with lines.
 */
export async function checkAddAgainstHolds(
  container: MedusaContainer,
  cart: CartToCheck,
  cartLines: CartLine[],
  addedVariantIds: string[]
) {
  if (!addedVariantIds.length) {
    return
  }
  const salesChannelId = cart.sales_channel_id
  if (!salesChannelId) {
    return
  }
  const lines = cartLines.flatMap((l) => (l.variant_id ? [{ variant_id: l.variant_id, quantity: Number(l.quantity) }] : []))
  const needs = (await readVariantLineNeeds(container, lines)).filter((n) =>
    n.lines.some((l) => addedVariantIds.includes(l.variant_id))
  )
  if (!needs.length) {
    return
  }
  const location_ids = await salesChannelLocations(container, salesChannelId)
  const positions = await readStockPositions(
    container,
    needs.map((n) => n.inventory_item_id),
    location_ids,
    cart.id
  )
  const short = planHolds({ location_ids, needs }, positions).short.filter((s) => addedVariantIds.includes(s.variant_id))
  if (short.length) {
    throw new InsufficientInventoryError(short)
  }
}

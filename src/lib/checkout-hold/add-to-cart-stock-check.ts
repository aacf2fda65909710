import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { readVariantLineNeeds, salesChannelLocations } from "./cart-stock-needs"
import { InsufficientInventoryError } from "./errors"
import { planHolds } from "./hold-plan"
import { readStockPositions } from "./stock-positions"

/**
 * Refuses adding units that other carts hold: the cart's lines after the add,
 * for the items the added variants use, must fit in stock net of others' holds.
 * (Advisory, without the lock: the hold and the completion decide for sure.)
 */
export async function checkAddAgainstHolds(
  container: MedusaContainer,
  cartId: string,
  lines: { variant_id: string; quantity: number }[],
  addedVariantIds: string[]
) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: ["sales_channel_id"], filters: { id: cartId } })
  const salesChannelId = data[0]?.sales_channel_id
  if (!salesChannelId) {
    return
  }
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
    cartId
  )
  const short = planHolds({ location_ids, needs }, positions).short.filter((s) => addedVariantIds.includes(s.variant_id))
  if (short.length) {
    throw new InsufficientInventoryError(short)
  }
}

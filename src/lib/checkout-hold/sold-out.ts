import type { MedusaContainer } from "@medusajs/framework/types"
import { InsufficientInventoryError } from "./errors"
import { soldOutItems } from "./hold-caps"
import { announceSoldOut } from "./stock-lock"
import { readStockPositions } from "./stock-positions"
import type { CartStockNeeds } from "./types"

/**
 * The sold-out fast path: an unlocked read of the cart's stock positions. When
 * an item has nothing left for anyone (stocked - reserved - other carts' holds
 * <= 0) it refuses at once (409 insufficient_inventory) and tells the requests
 * waiting for that item's lock to re-check. It can only say no; the positions
 * it read are returned for the caller's own checks.
 */
export async function refuseIfSoldOut(container: MedusaContainer, cart: CartStockNeeds) {
  const itemIds = cart.needs.map((n) => n.inventory_item_id)
  const positions = await readStockPositions(container, itemIds, cart.location_ids, cart.cart_id)
  const short = soldOutItems(cart, positions)
  if (short.length) {
    announceSoldOut(itemIds)
    throw new InsufficientInventoryError(short)
  }
  return positions
}

import type { MedusaContainer } from "@medusajs/framework/types"
import { InsufficientInventoryError, type ShortItem } from "./errors"
import { soldOutItems } from "./hold-caps"
import { rememberSoldOut } from "./sold-out-memo"
import { announceSoldOut } from "./stock-lock"
import { readStockPositions } from "./stock-positions"
import type { CartStockNeeds, StockPosition } from "./types"

/**
 * Refuses a cart whose needs are short at `positions` (409
 * insufficient_inventory); when an item has nothing left at all, the requests
 * queued for its lock are told to re-check and answer too.
 */
export function refuseShortfall(cart: CartStockNeeds, positions: StockPosition[], short: ShortItem[]): never {
  const gone = soldOutItems(cart, positions)
  if (gone.length) {
    rememberSoldOut(gone)
    // The rush is over for these items: the requests queued behind us answer now.
    announceSoldOut(
      cart.needs.map((n) => n.inventory_item_id),
      positions
    )
  }
  throw new InsufficientInventoryError(short)
}

/**
 * The sold-out fast path: an unlocked read of the cart's stock positions. When
 * an item has nothing left for anyone (stocked - reserved - other carts' holds
 * <= 0) it refuses at once (409 insufficient_inventory) and tells the requests
 * waiting for that item's lock to re-check. It can only say no; the positions
 * it read are returned for the caller's own checks.
 */
export async function refuseIfSoldOut(container: MedusaContainer, cart: CartStockNeeds) {
  const positions = await readStockPositions(
    container,
    cart.needs.map((n) => n.inventory_item_id),
    cart.location_ids,
    cart.cart_id
  )
  const short = soldOutItems(cart, positions)
  if (short.length) {
    refuseShortfall(cart, positions, short)
  }
  return positions
}

/**
 * A queued request's re-check when its items were announced sold out: refused
 * on the announced positions when they cover every item and location it needs
 * and it holds none of these items itself (the announcer counted every other
 * cart's holds, including its own had it any); otherwise on a fresh read.
 */
export async function refuseIfAnnouncedSoldOut(
  container: MedusaContainer,
  cart: CartStockNeeds,
  announced: StockPosition[],
  holdsOwnUnits: boolean
) {
  const covers = cart.needs.every((n) =>
    cart.location_ids.every((l) => announced.some((p) => p.inventory_item_id === n.inventory_item_id && p.location_id === l))
  )
  if (!covers || holdsOwnUnits) {
    await refuseIfSoldOut(container, cart)
    return
  }
  const short = soldOutItems(cart, announced)
  if (short.length) {
    rememberSoldOut(short)
    throw new InsufficientInventoryError(short)
  }
}

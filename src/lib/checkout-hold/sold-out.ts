import type { MedusaContainer } from "@medusajs/framework/types"
import { InsufficientInventoryError } from "./errors"
import { soldOutItems } from "./hold-caps"
import { availableOnceSettled, planHolds } from "./hold-plan"
import { announceSoldOut } from "./stock-lock"
import { readStockPositions } from "./stock-positions"
import type { CartStockNeeds, StockPosition } from "./types"

/**
 * How long a locked step re-reads a shortfall that units counted twice could
 * explain (an order's reservation written, its holds not converted yet: one
 * step apart, see the beforePaymentAuthorization hook) before refusing.
 */
export const SETTLE_WAIT_MS = 150
const SETTLE_POLL_MS = 30

function readPositions(container: MedusaContainer, cart: CartStockNeeds) {
  return readStockPositions(
    container,
    cart.needs.map((n) => n.inventory_item_id),
    cart.location_ids,
    cart.cart_id
  )
}

function refuse(cart: CartStockNeeds, positions: StockPosition[], short = planHolds(cart, positions).short): never {
  if (soldOutItems(cart, positions).length) {
    // The rush is over for these items: the requests queued for their lock answer now.
    announceSoldOut(cart.needs.map((n) => n.inventory_item_id))
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
  const positions = await readPositions(container, cart)
  const short = soldOutItems(cart, positions)
  if (short.length) {
    refuse(cart, positions, short)
  }
  return positions
}

/**
 * Under the stock lock, when the cart's needs are short at `positions`. Units
 * claimed by a completion in flight count twice for a moment (its order's
 * reservation written, its holds not yet converted), so while a shortfall is
 * one that those units could explain, re-reads for up to SETTLE_WAIT_MS:
 * - no longer short: the fresh positions, for the caller to plan on;
 * - still short: 409 insufficient_inventory (and, when nothing is left at all,
 *   the requests queued for the items re-check and answer too).
 */
export async function settleShortfall(
  container: MedusaContainer,
  cart: CartStockNeeds,
  positions: StockPosition[]
): Promise<StockPosition[]> {
  const deadline = Date.now() + SETTLE_WAIT_MS
  for (;;) {
    if (!planHolds(cart, positions).short.length) {
      return positions
    }
    const couldSettle = !planHolds(cart, positions, availableOnceSettled).short.length
    if (!couldSettle || Date.now() >= deadline) {
      refuse(cart, positions)
    }
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS))
    positions = await readPositions(container, cart)
  }
}

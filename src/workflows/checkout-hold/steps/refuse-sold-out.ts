import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { refuseIfSoldOut } from "../../../lib/checkout-hold/sold-out"
import { stockLockKeys, stockQueueActive } from "../../../lib/checkout-hold/stock-lock"
import type { CartStockNeeds } from "../../../lib/checkout-hold/types"

export const refuseSoldOutStepId = "refuse-sold-out"

/**
 * The sold-out fast path, before any lock: when an item the cart needs has
 * nothing left for anyone (stocked - reserved - other carts' holds <= 0), the
 * answer is 409 at once instead of after a queue at the lock. Read unlocked, it
 * may only say no; the locked steps alone can say yes. Only read when a request
 * of this process holds or waits for the lock of these items (otherwise there
 * is no wait to spare: the locked step reads the same and answers as fast).
 */
export const refuseSoldOutStep = createStep(refuseSoldOutStepId, async (cart: CartStockNeeds, { container }) => {
  if (cart.completed || !cart.needs.length) {
    return new StepResponse(undefined)
  }
  if (!stockQueueActive(stockLockKeys(cart.needs.map((n) => n.inventory_item_id)))) {
    // Nobody here holds or waits for the lock of these items: the locked step answers as fast.
    return new StepResponse(undefined)
  }
  await refuseIfSoldOut(container, cart)
  return new StepResponse(undefined)
})

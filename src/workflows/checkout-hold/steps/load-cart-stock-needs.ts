import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { readCartStockNeeds, type CartLinesRead } from "../../../lib/checkout-hold/cart-stock-needs"

export const loadCartStockNeedsStepId = "load-cart-stock-needs"

/**
 * Reads what the cart needs per inventory item and where its sales channel
 * stocks it (from `cart` when the request read it a moment ago).
 */
export const loadCartStockNeedsStep = createStep(
  loadCartStockNeedsStepId,
  async (input: { cart_id: string; cart?: CartLinesRead | null }, { container }) => {
    return new StepResponse(await readCartStockNeeds(container, input.cart_id, input.cart ?? undefined))
  }
)

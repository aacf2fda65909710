import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { readCartStockNeeds } from "../../../lib/checkout-hold/cart-stock-needs"

export const loadCartStockNeedsStepId = "load-cart-stock-needs"

/** Reads what the cart needs per inventory item and where its sales channel stocks it. */
export const loadCartStockNeedsStep = createStep(
  loadCartStockNeedsStepId,
  async (input: { cart_id: string }, { container }) => {
    return new StepResponse(await readCartStockNeeds(container, input.cart_id))
  }
)

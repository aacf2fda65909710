import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { afterOrderWrite } from "../../../lib/checkout-hold/after-order-write"
import { CHECKOUT_HOLD_MODULE } from "../../../modules/checkout-hold"
import type CheckoutHoldModuleService from "../../../modules/checkout-hold/service"

export const convertCheckoutHoldsStepId = "convert-checkout-holds"

/**
 * After the order exists: the cart's holds become "converted" (the order's
 * reservations now keep the stock). Never undone and never failing the
 * completion: a failed write is retried once, then left to the expiry job,
 * which converts the active holds of completed carts (until then they only
 * make the stock look scarcer, never oversold).
 */
export const convertCheckoutHoldsStep = createStep(
  convertCheckoutHoldsStepId,
  async (input: { cart_id: string }, { container }) => {
    const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
    const converted = await afterOrderWrite(container, `converting the holds of cart ${input.cart_id}`, () =>
      holds.closeCartHolds(input.cart_id, "converted")
    )
    return new StepResponse({ converted: converted?.length ?? 0 })
  }
)

import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CHECKOUT_HOLD_MODULE } from "../../../modules/checkout-hold"
import type CheckoutHoldModuleService from "../../../modules/checkout-hold/service"
import type { HoldSnapshot } from "../../../modules/checkout-hold/service"
import type { WantedUnits } from "../../../modules/checkout-hold/types"

export const shrinkCheckoutHoldsStepId = "shrink-checkout-holds"

export type ShrinkCheckoutHoldsInput = {
  cart_id: string
  /** The units the cart's lines want held now, per variant and item (unitsWanted). */
  wanted: WantedUnits[]
  /** The stock locations that may still serve the cart. */
  location_ids: string[]
}

/**
 * Lowers the cart's holds to what its lines still want (shrinkCartHolds: no
 * stock lock, no cap; units only go back). Compensation puts the rows back as
 * they were, unless converted since.
 */
export const shrinkCheckoutHoldsStep = createStep(
  shrinkCheckoutHoldsStepId,
  async (input: ShrinkCheckoutHoldsInput, { container }) => {
    const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
    const previous = await holds.shrinkCartHolds(input.cart_id, input.wanted, input.location_ids)
    return new StepResponse({ changed: previous.map((h) => h.id) }, previous)
  },
  async (previous: HoldSnapshot | undefined, { container }) => {
    if (!previous?.length) {
      return
    }
    const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
    await holds.restoreHoldSnapshot(previous)
  }
)

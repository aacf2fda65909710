import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CheckoutInProgressError } from "../../../lib/checkout-hold/errors"
import { CHECKOUT_HOLD_MODULE } from "../../../modules/checkout-hold"
import type CheckoutHoldModuleService from "../../../modules/checkout-hold/service"

export const releaseCheckoutHoldsStepId = "release-checkout-holds"

export type ReleaseCheckoutHoldsInput = { cart_id: string } | { hold_id: string }

/**
 * Releases a cart's active holds, or one hold by id (the owner's release),
 * except those a completion in progress has claimed (closeCartHolds; the
 * owner's release of one is a 409; checked and written in one statement).
 * Compensation re-activates exactly what it released, unless changed since.
 */
export const releaseCheckoutHoldsStep = createStep(
  releaseCheckoutHoldsStepId,
  async (input: ReleaseCheckoutHoldsInput, { container }) => {
    const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
    if ("cart_id" in input) {
      const released = await holds.closeCartHolds(input.cart_id, "released")
      return new StepResponse({ released }, released)
    }
    if (await holds.releaseOneHold(input.hold_id)) {
      return new StepResponse({ released: [input.hold_id] }, [input.hold_id])
    }
    // Not released: say why, from the row as it is now.
    const [hold] = await holds.listCheckoutHolds({ id: input.hold_id })
    if (!hold) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Checkout hold ${input.hold_id} was not found`)
    }
    if (hold.status !== "active") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Checkout hold ${input.hold_id} is ${hold.status}; only an active hold can be released`
      )
    }
    const releasableFrom = holds.liveClaimUntil(hold.completing_at ?? new Date())
    throw new CheckoutInProgressError(
      `Checkout hold ${input.hold_id} is claimed by its cart's checkout in progress; that checkout converts it or puts it back` +
        ` (should it have stopped, the hold can be released from ${releasableFrom.toISOString()})`
    )
  },
  async (released: string[] | undefined, { container }) => {
    if (!released?.length) {
      return
    }
    const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
    await holds.reactivateReleasedHolds(released)
  }
)

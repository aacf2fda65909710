import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { checkCartQuantityRules } from "../../../lib/catalog/cart-quantity-rules"
import { HoldCapError } from "../../../lib/checkout-hold/errors"
import type { CartStockNeeds } from "../../../lib/checkout-hold/types"

export const checkHoldQuantityLimitsStepId = "check-hold-quantity-limits"

/**
 * A cart may hold no more of an item than one order may buy (a perishable
 * snack: its per-order limit; a one-of-a-kind artwork: 1), even if its lines
 * got there before a limit changed. Refused as the `per_order_limit` cap.
 */
export const checkHoldQuantityLimitsStep = createStep(
  checkHoldQuantityLimitsStepId,
  async (cart: CartStockNeeds, { container }) => {
    const lines = new Map<string, number>()
    for (const line of cart.needs.flatMap((n) => n.lines)) {
      lines.set(line.variant_id, line.quantity)
    }
    try {
      await checkCartQuantityRules(
        container,
        [...lines].map(([variant_id, quantity]) => ({ variant_id, quantity }))
      )
    } catch (e) {
      if (e instanceof MedusaError && e.type === MedusaError.Types.NOT_ALLOWED) {
        throw new HoldCapError("per_order_limit", e.message)
      }
      throw e
    }
    return new StepResponse(undefined)
  }
)

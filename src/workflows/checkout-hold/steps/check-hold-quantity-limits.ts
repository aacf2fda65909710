import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { checkCartQuantityRules } from "../../../lib/catalog/cart-quantity-rules"
import { HoldCapError } from "../../../lib/checkout-hold/errors"
import type { CartStockNeeds, StockNeed } from "../../../lib/checkout-hold/types"

export const checkHoldQuantityLimitsStepId = "check-hold-quantity-limits"

/**
 * A cart may hold no more of an item than one order may buy (a perishable
 * snack: its per-order limit; a one-of-a-kind artwork: 1), even if its lines
 * got there before a limit changed. Refused as the `per_order_limit` cap.
 */
export const checkHoldQuantityLimitsStep = createStep(
  checkHoldQuantityLimitsStepId,
  async (cart: CartStockNeeds, { container }) => {
    // Each variant's lines once: those under the first of its items (a bundle's
    // lines appear under each of its items; a variant may be in two lines).
    const firstNeedOf = new Map<string, StockNeed>()
    for (const need of cart.needs) {
      for (const line of need.lines) {
        if (!firstNeedOf.has(line.variant_id)) {
          firstNeedOf.set(line.variant_id, need)
        }
      }
    }
    const lines = cart.needs.flatMap((need) => need.lines.filter((line) => firstNeedOf.get(line.variant_id) === need))
    try {
      await checkCartQuantityRules(
        container,
        lines.map(({ variant_id, quantity, product_id, product_title }) => ({
          variant_id,
          quantity,
          product_id,
          product_title,
        }))
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

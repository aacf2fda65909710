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
    // One entry per variant (a bundle's lines appear under each of its items), with
    // the units of all its lines (line_units: a variant may be in two lines).
    const lineOf = new Map(cart.needs.flatMap((n) => n.lines).map((line) => [line.variant_id, line]))
    try {
      await checkCartQuantityRules(
        container,
        [...lineOf.values()].map(({ variant_id, product_id, product_title }) => ({
          variant_id,
          quantity: cart.line_units[variant_id] ?? 0,
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

import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { refreshCartItemsWorkflow } from "@medusajs/medusa/core-flows"
import { firstWorkflowError } from "../../../lib/workflows/first-error"

export const refreshCartTaxLinesStepId = "refresh-cart-tax-lines"

/**
 * Refreshes each cart with Medusa's refreshCartItemsWorkflow (under its cart
 * lock), forced so that it recomputes the tax lines: what Medusa itself runs
 * after a cart changes, so the promotions and the payment collection follow the
 * new rates too. Tax lines alone would leave a discount computed at the old rate
 * applied at the new one (20 % off ₹560 became ₹453.69 instead of ₹448 from 18 %
 * to 12 %), and the payment for the old total. A cart that cannot be refreshed
 * now (completed meanwhile, or locked by its completion for longer than that
 * workflow waits) is logged and skipped: the others are still refreshed. All of
 * it is derived from the cart, so there is nothing to undo.
 */
export const refreshCartTaxLinesStep = createStep(
  refreshCartTaxLinesStepId,
  async ({ cart_ids }: { cart_ids: string[] }, { container }) => {
    const refreshed: string[] = []
    for (const cartId of cart_ids) {
      const { errors } = await refreshCartItemsWorkflow(container).run({
        input: { cart_id: cartId, force_refresh: true },
        throwOnError: false,
      })
      const error = firstWorkflowError(errors)
      if (error) {
        container
          .resolve(ContainerRegistrationKeys.LOGGER)
          .warn(`Cart ${cartId} not refreshed after its products' types changed: ${error.message}`)
      } else {
        refreshed.push(cartId)
      }
    }
    return new StepResponse({ refreshed })
  }
)

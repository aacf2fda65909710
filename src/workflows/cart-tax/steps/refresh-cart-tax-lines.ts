import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { updateTaxLinesWorkflow } from "@medusajs/medusa/core-flows"
import { firstWorkflowError } from "../../../lib/workflows/first-error"

export const refreshCartTaxLinesStepId = "refresh-cart-tax-lines"

/**
 * Recomputes the tax lines of each cart with Medusa's updateTaxLinesWorkflow
 * (under its cart lock). A cart that cannot be refreshed now (completed
 * meanwhile, or locked by its completion for longer than that workflow waits)
 * is logged and skipped: the others are still refreshed. Tax lines are derived
 * from the cart, so there is nothing to undo.
 */
export const refreshCartTaxLinesStep = createStep(
  refreshCartTaxLinesStepId,
  async ({ cart_ids }: { cart_ids: string[] }, { container }) => {
    const refreshed: string[] = []
    for (const cartId of cart_ids) {
      const { errors } = await updateTaxLinesWorkflow(container).run({ input: { cart_id: cartId }, throwOnError: false })
      const error = firstWorkflowError(errors)
      if (error) {
        container
          .resolve(ContainerRegistrationKeys.LOGGER)
          .warn(`Tax lines of cart ${cartId} not refreshed after its products' types changed: ${error.message}`)
      } else {
        refreshed.push(cartId)
      }
    }
    return new StepResponse({ refreshed })
  }
)

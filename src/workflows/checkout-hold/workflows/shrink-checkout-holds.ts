import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { shrinkCheckoutHoldsStep, type ShrinkCheckoutHoldsInput } from "../steps/shrink-checkout-holds"

export const shrinkCheckoutHoldsWorkflowId = "shrink-checkout-holds"

/**
 * Lets go of the units a held cart no longer wants (a line removed or lowered)
 * when its holds cannot be re-taken for its new lines: the cart-holds-follow-lines
 * subscriber, after reserveCheckoutHoldWorkflow refused.
 */
export const shrinkCheckoutHoldsWorkflow = createWorkflow(
  shrinkCheckoutHoldsWorkflowId,
  (input: ShrinkCheckoutHoldsInput) => {
    return new WorkflowResponse(shrinkCheckoutHoldsStep(input))
  }
)

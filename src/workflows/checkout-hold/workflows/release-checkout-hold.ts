import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { releaseCheckoutHoldsStep, type ReleaseCheckoutHoldsInput } from "../steps/release-checkout-holds"

export const releaseCheckoutHoldWorkflowId = "release-checkout-hold"

/** Releases a cart's holds (DELETE /store/carts/:id/hold) or one hold (the owner's button). */
export const releaseCheckoutHoldWorkflow = createWorkflow(
  releaseCheckoutHoldWorkflowId,
  (input: ReleaseCheckoutHoldsInput) => {
    return new WorkflowResponse(releaseCheckoutHoldsStep(input))
  }
)

import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { completeCartUnderStockLockStep } from "../steps/complete-cart-under-stock-lock"
import { loadCartStockNeedsStep } from "../steps/load-cart-stock-needs"

export const completeCartWithHoldsWorkflowId = "complete-cart-with-holds"

/**
 * POST /store/carts/:id/complete: Medusa's completeCartWorkflow, run inside the
 * stock lock so that holds are honoured and nobody takes stock another cart holds.
 */
export const completeCartWithHoldsWorkflow = createWorkflow(
  completeCartWithHoldsWorkflowId,
  (input: { cart_id: string }) => {
    const needs = loadCartStockNeedsStep({ cart_id: input.cart_id })
    return new WorkflowResponse(completeCartUnderStockLockStep(needs))
  }
)

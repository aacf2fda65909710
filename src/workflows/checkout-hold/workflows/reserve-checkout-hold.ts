import { createHook, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { loadCartStockNeedsStep } from "../steps/load-cart-stock-needs"
import { takeCheckoutHoldsStep } from "../steps/take-checkout-holds"

export const reserveCheckoutHoldWorkflowId = "reserve-checkout-hold"

export type ReserveCheckoutHoldInput = { cart_id: string }

/**
 * Holds the stock a cart needs for a limited time (POST /store/carts/:id/hold).
 *
 * Hooks for developers:
 * - `validate({ input, needs })`: before any lock is taken; throw to refuse.
 * - `holdsCreated({ cart_id, hold })`: after the holds are written.
 */
export const reserveCheckoutHoldWorkflow = createWorkflow(
  reserveCheckoutHoldWorkflowId,
  (input: ReserveCheckoutHoldInput) => {
    const needs = loadCartStockNeedsStep({ cart_id: input.cart_id })
    const validate = createHook("validate", { input, needs })
    const hold = takeCheckoutHoldsStep(needs)
    const holdsCreated = createHook("holdsCreated", { cart_id: input.cart_id, hold })
    return new WorkflowResponse(hold, { hooks: [validate, holdsCreated] })
  }
)

import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { alignOpenCartLineTypesStep } from "../steps/align-open-cart-line-types"
import { refreshCartTaxLinesStep } from "../steps/refresh-cart-tax-lines"

export const followProductTypesInOpenCartsWorkflowId = "follow-product-types-in-open-carts"

/**
 * After products' types changed (GST by kind follows the type): the open
 * carts' lines of those products take the new type, then those carts are refreshed
 * (tax lines, promotions, and the payment collection when the total moved),
 * so that the order placed from such a cart carries the rate of the product's
 * department now, not the one it had when it was added, and is paid for in full.
 * align line types -> refresh the carts.
 */
export const followProductTypesInOpenCartsWorkflow = createWorkflow(
  followProductTypesInOpenCartsWorkflowId,
  (input: { product_ids: string[] }) => {
    const aligned = alignOpenCartLineTypesStep(input)
    const refreshed = refreshCartTaxLinesStep(aligned)
    return new WorkflowResponse(refreshed)
  }
)

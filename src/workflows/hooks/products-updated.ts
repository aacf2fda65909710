import { updateProductsWorkflow } from "@medusajs/medusa/core-flows"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  applyProductProfiles,
  revertProductProfiles,
  type ProfileAdditionalData,
  type ProfileChange,
} from "../catalog/product-profiles"

/**
 * Patches the snack or art profile sent with a product update, and re-checks the
 * catalogue rules (publishing, category moves) even when no profile was sent.
 */
updateProductsWorkflow.hooks.productsUpdated(
  async ({ products, additional_data }, { container }) => {
    const changes = await applyProductProfiles(
      container,
      products.map((p) => p.id),
      additional_data as ProfileAdditionalData | undefined
    )
    return new StepResponse(changes, changes)
  },
  async (changes: ProfileChange[] | undefined, { container }) => {
    if (changes?.length) {
      await revertProductProfiles(container, changes)
    }
  }
)

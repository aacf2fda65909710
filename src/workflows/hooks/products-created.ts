import { createProductsWorkflow } from "@medusajs/medusa/core-flows"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  applyProductProfiles,
  revertProductProfiles,
  type ProfileAdditionalData,
  type ProfileChange,
} from "../catalog/product-profiles"

/** Saves the snack or art profile sent with a new product, and checks the catalogue rules. */
createProductsWorkflow.hooks.productsCreated(
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

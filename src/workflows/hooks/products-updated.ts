import { updateProductsWorkflow } from "@medusajs/medusa/core-flows"
import { productProfilesHook, undoProductProfilesHook } from "../../lib/catalog/product-profiles"

/**
 * Patches the snack or art profile sent with a product update, and re-checks the
 * catalogue rules (publishing, category moves) even when no profile was sent.
 */
updateProductsWorkflow.hooks.productsUpdated(productProfilesHook, undoProductProfilesHook)

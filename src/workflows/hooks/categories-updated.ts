import { updateProductCategoriesWorkflow } from "@medusajs/medusa/core-flows"
import { categoriesUpdatedHook, undoProductProfilesHook } from "../../lib/catalog/product-profiles"

/**
 * A category moved (or a department's handle changed) takes its products with
 * it: the catalogue rules again for each, and its type (GST) follows its new department.
 */
updateProductCategoriesWorkflow.hooks.categoriesUpdated(categoriesUpdatedHook, undoProductProfilesHook)

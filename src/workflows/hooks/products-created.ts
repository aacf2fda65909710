import { createProductsWorkflow } from "@medusajs/medusa/core-flows"
import { productProfilesHook, undoProductProfilesHook } from "../../lib/catalog/product-profiles"

/** Saves the snack or art profile sent with a new product, and checks the catalogue rules. */
createProductsWorkflow.hooks.productsCreated(productProfilesHook, undoProductProfilesHook)

import { createProductVariantsWorkflow } from "@medusajs/medusa/core-flows"
import { checkOriginalVariantsStock, checkOriginalsSoldFromStock } from "../../lib/catalog/one-of-a-kind-stock"

/**
 * A variant added to a one-of-a-kind artwork is sold from its stock only (no
 * backorders, inventory managed), and from an inventory item with at most 1
 * unit (the workflow links the items it was created with before this hook).
 */
createProductVariantsWorkflow.hooks.productVariantsCreated(async ({ product_variants }, { container }) => {
  const ids = product_variants.map((v) => v.id)
  await checkOriginalsSoldFromStock(container, { variant_ids: ids })
  await checkOriginalVariantsStock(container, ids)
})

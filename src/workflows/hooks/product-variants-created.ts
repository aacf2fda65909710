import { createProductVariantsWorkflow } from "@medusajs/medusa/core-flows"
import { checkOriginalsSoldFromStock } from "../../lib/catalog/one-of-a-kind-stock"

/** A variant added to a one-of-a-kind artwork is sold from its stock only (no backorders, inventory managed). */
createProductVariantsWorkflow.hooks.productVariantsCreated(async ({ product_variants }, { container }) => {
  await checkOriginalsSoldFromStock(container, { variant_ids: product_variants.map((v) => v.id) })
})

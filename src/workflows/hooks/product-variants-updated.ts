import { updateProductVariantsWorkflow } from "@medusajs/medusa/core-flows"
import { checkOriginalsSoldFromStock } from "../../lib/catalog/one-of-a-kind-stock"

/** A one-of-a-kind artwork's variant stays sold from its stock only (no backorders, inventory managed). */
updateProductVariantsWorkflow.hooks.productVariantsUpdated(async ({ product_variants }, { container }) => {
  await checkOriginalsSoldFromStock(container, { variant_ids: product_variants.map((v) => v.id) })
})

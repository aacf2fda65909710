import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { checkOriginalsLinkedToOneUnit, type VariantItemLink } from "../../../lib/catalog/one-of-a-kind-stock"

type LinkBody = { inventory_item_id?: unknown; variant_id?: unknown; create?: unknown }

const isLink = (l: { variant_id?: unknown; inventory_item_id?: unknown }): l is VariantItemLink =>
  typeof l.variant_id === "string" && typeof l.inventory_item_id === "string"

/**
 * POST /admin/products/:id/variants/:variant_id/inventory-items and its batch
 * ("Manage inventory items" in Admin): Medusa links the item without a hook, so
 * a link of an original's variant to an item with more than 1 unit stocked is
 * refused before it is written (checkOriginalsLinkedToOneUnit). A malformed
 * body is left to Medusa's own validation.
 */
export async function guardOriginalInventoryLinks(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const body = (req.body ?? {}) as LinkBody
    const variantId = req.params.variant_id
    const single = variantId ? [{ variant_id: variantId, inventory_item_id: body.inventory_item_id }] : []
    const batch = Array.isArray(body.create) ? (body.create as { variant_id?: unknown; inventory_item_id?: unknown }[]) : []
    await checkOriginalsLinkedToOneUnit(req.scope, [...single, ...batch].filter(isLink))
    next()
  } catch (e) {
    next(e)
  }
}

import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { followPriceListChanges } from "../../../lib/catalog/price-list-changes"
import { afterSuccessfulWrite } from "../../../lib/http/after-write"

/**
 * POST and DELETE /admin/price-lists/:id (a price list drafted, activated,
 * re-dated, re-targeted or deleted in Admin): the pricing module emits no
 * event for them, so once Medusa answers 2xx the cached store prices are
 * cleared and the list's products are re-indexed. A list's prices added or
 * changed emit price events, which the cache and the index already follow.
 */
export function followPriceListWrite(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const id = req.params.id
  afterSuccessfulWrite(req, res, "Store follow-up of a price list change", () => followPriceListChanges(req.scope, [id]))
  next()
}

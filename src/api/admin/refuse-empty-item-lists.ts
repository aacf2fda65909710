import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/**
 * For admin routes whose validation takes `items: []` and whose workflow then
 * fails with Medusa's 500: a claim's returned items
 * (`POST /admin/claims/:id/inbound/items`, a TypeError in
 * claimRequestItemReturnWorkflow, which looks up the return action of the first
 * item). A 400 naming `items` when the list is empty; anything else is Medusa's
 * to validate.
 */
export function refuseEmptyItemList(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const body = req.body as { items?: unknown } | undefined
  if (Array.isArray(body?.items) && body.items.length === 0) {
    return next(new MedusaError(MedusaError.Types.INVALID_DATA, "Invalid request: field 'items' must list at least one item"))
  }
  next()
}

import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { POST as medusaCompleteCart } from "@medusajs/medusa/api/store/carts/[id]/complete/route"

/**
 * Diagnostic only (DIAGNOSTIC_MEDUSA_CART_COMPLETION=true, never in
 * production): `POST /store/carts/:id/complete` is answered by Medusa's own
 * route handler, i.e. plain `completeCartWorkflow` (which still runs the shop's
 * completion hooks), instead of the shop's completion through the stock lock.
 * `npm run bench` sets it on one server of its own, to measure the shop's
 * checkout against plain Medusa over the same HTTP contract.
 */
export async function medusaCartCompletion(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  try {
    // Medusa's route validated this request's query already (its own route middlewares ran first).
    await medusaCompleteCart(req as Parameters<typeof medusaCompleteCart>[0], res)
  } catch (e) {
    next(e)
  }
}

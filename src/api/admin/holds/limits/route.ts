import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { CHECKOUT_HOLD_MODULE } from "../../../../modules/checkout-hold"
import type CheckoutHoldModuleService from "../../../../modules/checkout-hold/service"

/** GET /admin/holds/limits: the caps on what one shopper may hold, as configured (read-only). */
export const GET = (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const holds: CheckoutHoldModuleService = req.scope.resolve(CHECKOUT_HOLD_MODULE)
  res.json({ limits: { ...holds.caps, ttl_minutes: holds.ttlSeconds / 60 } })
}

import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listHoldsForOwner } from "../../../lib/checkout-hold/owner-hold-list"
import type { AdminListHoldsQueryType } from "./validators"

/** GET /admin/holds: checkout holds with product, quantity, cart, email and time left. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListHoldsQueryType>, res: MedusaResponse) => {
  const { holds, count } = await listHoldsForOwner(req.scope, req.validatedQuery)
  res.json({ holds, count, limit: req.validatedQuery.limit, offset: req.validatedQuery.offset })
}

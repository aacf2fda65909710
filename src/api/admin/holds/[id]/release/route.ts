import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { releaseCheckoutHoldWorkflow } from "../../../../../workflows/checkout-hold"

/** POST /admin/holds/:id/release: the owner gives a held unit back to the shop. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await releaseCheckoutHoldWorkflow(req.scope).run({ input: { hold_id: req.params.id } })
  res.json({ id: req.params.id, released: result.released.length === 1 })
}

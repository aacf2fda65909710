import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { releaseCheckoutHoldWorkflow, reserveCheckoutHoldWorkflow } from "../../../../../workflows/checkout-hold"

/** POST /store/carts/:id/hold: hold the cart's stock for the checkout (idempotent, extends). */
export const POST = async (req: MedusaStoreRequest, res: MedusaResponse) => {
  const { result } = await reserveCheckoutHoldWorkflow(req.scope).run({
    input: { cart_id: req.params.id },
  })
  res.json({ hold: result })
}

/** DELETE /store/carts/:id/hold: give the held stock back. */
export const DELETE = async (req: MedusaStoreRequest, res: MedusaResponse) => {
  const { result } = await releaseCheckoutHoldWorkflow(req.scope).run({
    input: { cart_id: req.params.id },
  })
  res.json({ cart_id: req.params.id, released: result.released.length })
}

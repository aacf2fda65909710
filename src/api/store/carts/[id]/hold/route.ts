import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { clientIdentity } from "../../../../../lib/http/client-identity"
import { freshOwnCart } from "../../../../cart-ownership"
import { releaseCheckoutHoldWorkflow, reserveCheckoutHoldWorkflow } from "../../../../../workflows/checkout-hold"

/**
 * POST /store/carts/:id/hold: hold the cart's stock for the checkout (a refresh
 * updates the same holds, up to their lifetime), within the caps per client:
 * the logged-in customer, else the client IP (behind the proxy, `trust proxy`).
 */
export const POST = async (req: MedusaStoreRequest, res: MedusaResponse) => {
  const { result } = await reserveCheckoutHoldWorkflow(req.scope).run({
    input: { cart_id: req.params.id, client: clientIdentity(req), cart: freshOwnCart(req) },
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

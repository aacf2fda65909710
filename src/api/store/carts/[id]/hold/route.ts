import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { clientIdentity } from "../../../../../lib/http/client-identity"
import { ownCartRead } from "../../../../cart-ownership"
import { releaseCheckoutHoldWorkflow, reserveCheckoutHoldWorkflow } from "../../../../../workflows/checkout-hold"

/**
 * The cart as the ownership check read it, when that was a moment ago (it did
 * not wait long at the checkout gate): the hold's stock needs need no second
 * read. The holds are checked under the stock lock either way, and a
 * completion reads the cart afresh.
 */
const FRESH_CART_READ_MS = 1000

/**
 * POST /store/carts/:id/hold: hold the cart's stock for the checkout (a refresh
 * updates the same holds, up to their lifetime), within the caps per client:
 * the logged-in customer, else the client IP (behind the proxy, `trust proxy`).
 */
export const POST = async (req: MedusaStoreRequest, res: MedusaResponse) => {
  const read = ownCartRead(req)
  const fresh = read && Date.now() - read.read_at <= FRESH_CART_READ_MS ? read.cart : null
  const { result } = await reserveCheckoutHoldWorkflow(req.scope).run({
    input: { cart_id: req.params.id, client: clientIdentity(req), cart: fresh },
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

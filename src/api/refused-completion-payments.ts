import onFinished from "on-finished"
import type { MedusaNextFunction, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { announceCompletionRefused } from "../lib/payments/held-funds"
import { INSUFFICIENT_INVENTORY } from "../workflows/checkout-hold"

/**
 * On `POST /store/carts/:id/complete`, after requireOwnCart (only the cart's
 * shopper gets this far): when the completion is refused for stock (409
 * insufficient_inventory, at the checkout gate or in the workflow), the refusal
 * is announced once the answer has gone out, and its subscriber releases the
 * card payment the storefront may already have had authorized. The answer is
 * neither delayed nor changed. Registered only when a provider that may hold
 * funds is configured.
 */
export function releasePaymentsOfRefusedCompletion(req: MedusaStoreRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const json = res.json.bind(res)
  res.json = function (body?: unknown) {
    if (res.statusCode === 409 && (body as { type?: unknown } | undefined)?.type === INSUFFICIENT_INVENTORY) {
      const cartId = req.params.id
      // on-finished: a client that left before its answer still gets its card released.
      onFinished(res, () => void announceCompletionRefused(req.scope, cartId))
    }
    return json(body)
  }
  next()
}

import type { MedusaNextFunction, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { INSUFFICIENT_INVENTORY, releaseRefusedCartPaymentsWorkflow } from "../workflows/checkout-hold"

/**
 * On `POST /store/carts/:id/complete`, after requireOwnCart (only the cart's
 * shopper gets this far): when the completion is refused for stock (409
 * insufficient_inventory, at the checkout gate or in the workflow), the cart's
 * card payment is released once the answer has gone out
 * (releaseRefusedCartPaymentsWorkflow), so a sold-out shopper's money is not
 * held for days. The answer is neither delayed nor changed; a failure, or a
 * payment the provider could not cancel, is logged for the owner.
 * Registered only when a provider that may hold funds is configured.
 */
export function releasePaymentsOfRefusedCompletion(req: MedusaStoreRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const json = res.json.bind(res)
  res.json = function (body?: unknown) {
    if (res.statusCode === 409 && (body as { type?: unknown } | undefined)?.type === INSUFFICIENT_INVENTORY) {
      const cartId = req.params.id
      const logger = () => req.scope.resolve(ContainerRegistrationKeys.LOGGER)
      res.once("finish", () => {
        releaseRefusedCartPaymentsWorkflow(req.scope)
          .run({ input: { cart_id: cartId } })
          .then(({ result }) => {
            if (result.kept.length) {
              logger().warn(
                `Cart ${cartId} was refused for stock, and its payment sessions ${result.kept.join(", ")} could not be cancelled at the provider (a card already charged?): refund them from the provider's dashboard`
              )
            }
          })
          .catch((e: Error) => logger().warn(`Releasing the payment of refused cart ${cartId} failed: ${e.message}`))
      })
    }
    return json(body)
  }
  next()
}

import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CART_COMPLETION_REFUSED } from "../lib/payments/held-funds"
import { releaseRefusedCartPaymentsWorkflow } from "../workflows/checkout-hold"

/**
 * A cart the shop refused to complete (for stock, a per-order limit or a
 * delivery rule): its card payment is released (releaseRefusedCartPaymentsWorkflow). A payment the provider did not cancel
 * (a card already charged, or the provider not answering) is named for the owner.
 */
export default async function refusedCompletionReleasesPayment({ event, container }: SubscriberArgs<{ cart_id: string; refused_at: string }>) {
  const cartId = event.data.cart_id
  const { result } = await releaseRefusedCartPaymentsWorkflow(container).run({ input: { cart_id: cartId, refused_at: event.data.refused_at } })
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  if (result.released.length) {
    logger.info(`Cart ${cartId} was refused (stock or shop rules): payment sessions ${result.released.join(", ")} cancelled at the provider`)
  }
  if (result.kept.length) {
    logger.warn(
      `Cart ${cartId} was refused (stock or shop rules), and its payment sessions ${result.kept.join(", ")} could not be cancelled at the provider: look them up in its dashboard (a card already charged is refunded there, unless Medusa refunded it already)`
    )
  }
}

export const config: SubscriberConfig = {
  event: CART_COMPLETION_REFUSED,
}

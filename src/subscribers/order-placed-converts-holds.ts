import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CHECKOUT_HOLD_MODULE } from "../modules/checkout-hold"
import type CheckoutHoldModuleService from "../modules/checkout-hold/service"

/**
 * An order placed outside our completion route (a payment webhook completing
 * the cart) still turns the cart's holds into "converted". Orders placed
 * through the route were converted in its locked section already.
 */
export default async function orderPlacedConvertsHolds({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order_cart", fields: ["cart_id"], filters: { order_id: event.data.id } })
  const cartId = data.at(0)?.cart_id
  if (!cartId) {
    return
  }
  const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
  const converted = await holds.closeCartHolds(cartId, "converted")
  container
    .resolve(ContainerRegistrationKeys.LOGGER)
    .info(`Order ${event.data.id} placed: ${converted.length} checkout holds of cart ${cartId} converted here`)
}

export const config: SubscriberConfig = {
  event: "order.placed",
}

import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { assertCompletionRespectsHolds } from "../checkout-hold/completion-stock-check"
import { assertDeliveryAllowed, cartShippingOptionIds } from "../delivery/delivery-rules"

/**
 * Before any cart becomes an order, however the completion was started:
 * - the delivery rules again (the cart may have changed since the option was picked);
 * - other carts' checkout holds.
 */
completeCartWorkflow.hooks.validate(async ({ cart }: { cart: { id: string } }, { container }) => {
  await assertDeliveryAllowed(container, cart.id, await cartShippingOptionIds(container, cart.id))
  await assertCompletionRespectsHolds(container, cart.id)
})

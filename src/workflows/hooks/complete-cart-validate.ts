import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { assertDeliveryAllowed, cartShippingOptionIds } from "../delivery/delivery-rules"

/** Completion re-checks the delivery rules: the cart may have changed since the option was picked. */
completeCartWorkflow.hooks.validate(async ({ cart }, { container }) => {
  await assertDeliveryAllowed(container, cart.id, await cartShippingOptionIds(container, cart.id))
})

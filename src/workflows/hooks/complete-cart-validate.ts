import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { assertCompletionRespectsHolds, holdsAlreadyChecked } from "../../lib/checkout-hold/completion-stock-check"
import { assertDeliveryAllowed, cartShippingOptionIds } from "../../lib/delivery/delivery-rules"

/**
 * Before any cart becomes an order, however the completion was started:
 * - the delivery rules again (the cart may have changed since the option was picked);
 * - other carts' checkout holds, unless completeCartWithHoldsWorkflow started
 *   this completion: it checked them under the stock lock (checked once).
 */
completeCartWorkflow.hooks.validate(async ({ input, cart }, { container }) => {
  await assertDeliveryAllowed(container, cart.id, await cartShippingOptionIds(container, cart.id))
  if (!holdsAlreadyChecked(input)) {
    await assertCompletionRespectsHolds(container, cart.id)
  }
})

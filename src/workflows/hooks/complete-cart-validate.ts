import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { checkCartQuantityRules, currentCartLines } from "../../lib/catalog/cart-quantity-rules"
import { assertCompletionRespectsHolds, holdsAlreadyChecked } from "../../lib/checkout-hold/completion-stock-check"
import { assertDeliveryAllowed, cartShippingOptionIds } from "../../lib/delivery/delivery-rules"

/**
 * Before any cart becomes an order, however the completion was started:
 * - the per-order rules again (a profile's limit may have changed since the lines were added);
 * - the delivery rules again (the cart may have changed since the option was picked);
 * - other carts' checkout holds, unless completeCartWithHoldsWorkflow started
 *   this completion: it checked them under the stock lock (checked once).
 */
completeCartWorkflow.hooks.validate(async ({ input, cart }: { input: object; cart: { id: string } }, { container }) => {
  await checkCartQuantityRules(container, await currentCartLines(container, cart.id))
  await assertDeliveryAllowed(container, cart.id, await cartShippingOptionIds(container, cart.id))
  if (!holdsAlreadyChecked(input)) {
    await assertCompletionRespectsHolds(container, cart.id)
  }
})

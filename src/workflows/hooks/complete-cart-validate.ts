import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { checkCartQuantityRules, linesOfCart, type CartWithLines } from "../../lib/catalog/cart-quantity-rules"
import {
  assertCompletionRespectsHolds,
  holdsAlreadyChecked,
  startedByOurRoute,
} from "../../lib/checkout-hold/completion-stock-check"
import { InsufficientInventoryError } from "../../lib/checkout-hold/errors"
import { announcingRefusal } from "../../lib/payments/held-funds"
import type { DeliveryCart } from "../../lib/delivery/delivery-context"
import {
  assertDeliveryAllowed,
  assertDeliveryPricesCurrent,
  shippingOptionIdsOf,
  type PricedDeliveryCart,
} from "../../lib/delivery/delivery-rules"

/** The cart as completeCartWorkflow read it for this completion (completeCartFields, under its cart lock). */
type CompletingCart = { id: string; completed_at?: Date | string | null } & CartWithLines & DeliveryCart & PricedDeliveryCart

/**
 * Before any cart becomes an order, however the completion was started, on the
 * cart completeCartWorkflow has just read (its lines, address and shipping
 * methods: no second read):
 * - the per-order rules again (a profile's limit may have changed since the lines were added);
 * - the delivery rules again (the cart may have changed since the option was picked),
 *   and for a discounted cart the delivery price (Medusa does not re-price it for a promotion);
 * - other carts' checkout holds, unless completeCartWithHoldsWorkflow started
 *   this completion and checked them under the stock lock for these same lines
 *   (checked once). A completion our route did not start (a payment webhook's)
 *   also has its stock read when its own holds cover it (the stock may have
 *   fallen below them), and its refusal is announced, to release the shopper's
 *   card payment.
 * A cart already completed is skipped: Medusa runs this hook before it looks
 * for the cart's order, so a retry (say, after a dropped connection) comes
 * here too, and must be answered with its order even when a rule changed since.
 */
completeCartWorkflow.hooks.validate(async ({ input, cart }: { input: object; cart: CompletingCart }, { container }) => {
  if (cart.completed_at) {
    return
  }
  // A refusal here comes after the shopper may have paid (the storefronts confirm
  // a card before they ask to complete): it is announced, to release that card.
  await announcingRefusal(container, cart.id, async () => {
    await checkCartQuantityRules(container, linesOfCart(cart))
    await assertDeliveryAllowed(container, cart.id, shippingOptionIdsOf(cart), cart)
    await assertDeliveryPricesCurrent(container, cart)
  })
  if (!holdsAlreadyChecked(input, linesOfCart(cart))) {
    // Announced here only for a completion a payment webhook started: our route
    // announces its own stock refusals once its answer is out (releasePaymentsOfRefusedCompletion).
    await announcingRefusal(
      container,
      cart.id,
      () => assertCompletionRespectsHolds(container, cart.id, { ownHoldsSuffice: startedByOurRoute(input) }),
      (e) => e instanceof InsufficientInventoryError && !startedByOurRoute(input)
    )
  }
})

import { checkCartQuantityRules, currentCartLines } from "../catalog/cart-quantity-rules"
import { reserveCheckoutHoldWorkflow } from "../checkout-hold"

/**
 * Per-order rules again when a cart asks for a hold: the cart or the product's
 * profile may have changed since its lines were added (a limit lowered, a
 * snack made perishable). Runs before any lock is taken or hold written.
 */
reserveCheckoutHoldWorkflow.hooks.validate(async ({ input }: { input: { cart_id: string } }, { container }) => {
  await checkCartQuantityRules(container, await currentCartLines(container, input.cart_id))
})

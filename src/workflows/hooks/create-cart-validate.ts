import { createCartWorkflow } from "@medusajs/medusa/core-flows"
import { assertWholeQuantity } from "../../lib/cart/line-quantity"
import { checkCartQuantityRules, type CartLine } from "../../lib/catalog/cart-quantity-rules"

/**
 * A cart created with `items` gets the same per-order rules as one filled by
 * add-to-cart: whole quantities, one-of-a-kind and perishable limits. Runs
 * before the cart is written, so a refused creation leaves no cart behind.
 */
createCartWorkflow.hooks.validate(async ({ cart }, { container }) => {
  const lines: CartLine[] = (cart.items ?? []).map((item, i) => {
    assertWholeQuantity(item.quantity, `items.${i}.quantity`)
    return { variant_id: item.variant_id, quantity: item.quantity }
  })
  if (lines.length) {
    await checkCartQuantityRules(container, lines)
  }
})

import { createCartWorkflow } from "@medusajs/medusa/core-flows"
import { assertWholeQuantity } from "../../lib/cart/line-quantity"
import { checkCartQuantityRules, type CartLine } from "../../lib/catalog/cart-quantity-rules"
import { checkAddAgainstHolds } from "../../lib/checkout-hold/add-to-cart-stock-check"

/**
 * A cart created with `items` gets the same per-order rules as one filled by
 * add-to-cart: whole quantities, one-of-a-kind and perishable limits, and no
 * units that other carts hold. Runs before the cart is written, so a refused
 * creation leaves no cart behind.
 */
createCartWorkflow.hooks.validate(async ({ cart }, { container }) => {
  const lines: CartLine[] = (cart.items ?? []).map((item, i) => {
    assertWholeQuantity(item.quantity, `items.${i}.quantity`)
    return { variant_id: item.variant_id, quantity: item.quantity }
  })
  if (lines.length) {
    await checkCartQuantityRules(container, lines)
    await checkAddAgainstHolds(
      container,
      { id: null, sales_channel_id: cart.sales_channel_id ?? null },
      lines,
      lines.flatMap((l) => (l.variant_id ? [l.variant_id] : []))
    )
  }
})

import { addToCartWorkflow } from "@medusajs/medusa/core-flows"
import { assertWholeQuantity } from "../../lib/cart/line-quantity"
import { checkCartQuantityRules, currentCartLines, type CartLine } from "../../lib/catalog/cart-quantity-rules"
import { checkAddAgainstHolds, type CartToCheck } from "../../lib/checkout-hold/add-to-cart-stock-check"

/**
 * Refuses an add of a fractional quantity, or one that would break a quantity
 * rule (one-of-a-kind, perishable limit) or take units that other carts hold.
 */
addToCartWorkflow.hooks.validate(async ({ input, cart }, { container }) => {
  const items = input.items ?? []
  items.forEach((item, i) => assertWholeQuantity(item.quantity, items.length === 1 ? "quantity" : `items.${i}.quantity`))
  const existing = await currentCartLines(container, input.cart_id)
  const added: CartLine[] = (input.items ?? []).map((i) => ({
    variant_id: i.variant_id,
    quantity: i.quantity,
  }))
  const lines = [...existing, ...added]
  await checkCartQuantityRules(container, lines)
  await checkAddAgainstHolds(
    container,
    // The workflow's own read of the cart (id, sales_channel_id among its fields; typed any).
    cart as CartToCheck,
    lines,
    added.flatMap((l) => (l.variant_id ? [l.variant_id] : []))
  )
})

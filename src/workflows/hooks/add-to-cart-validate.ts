import { addToCartWorkflow } from "@medusajs/medusa/core-flows"
import { checkCartQuantityRules, currentCartLines, type CartLine } from "../catalog/cart-quantity-rules"

/** Refuses an add that would break a quantity rule (one-of-a-kind, perishable limit). */
addToCartWorkflow.hooks.validate(async ({ input }, { container }) => {
  const existing = await currentCartLines(container, input.cart_id)
  const added: CartLine[] = (input.items ?? []).map((i) => ({
    variant_id: i.variant_id,
    quantity: i.quantity,
  }))
  await checkCartQuantityRules(container, [...existing, ...added])
})

import { updateLineItemInCartWorkflow } from "@medusajs/medusa/core-flows"
import { checkCartQuantityRules, currentCartLines } from "../catalog/cart-quantity-rules"

/** Refuses a quantity change that would break a quantity rule. */
updateLineItemInCartWorkflow.hooks.validate(async ({ input }, { container }) => {
  const lines = (await currentCartLines(container, input.cart_id)).map((line) =>
    line.id === input.item_id && input.update.quantity !== undefined
      ? { ...line, quantity: input.update.quantity }
      : line
  )
  await checkCartQuantityRules(container, lines)
})

import { updateLineItemInCartWorkflow } from "@medusajs/medusa/core-flows"
import { assertWholeQuantity } from "../../lib/cart/line-quantity"
import { checkCartQuantityRules, currentCartLines } from "../../lib/catalog/cart-quantity-rules"

/** Refuses a fractional quantity, or a change that would break a quantity rule. */
updateLineItemInCartWorkflow.hooks.validate(async ({ input }, { container }) => {
  if (input.update.quantity !== undefined) {
    // 0 removes the line (Medusa's contract).
    assertWholeQuantity(input.update.quantity, "quantity", { allowZero: true })
  }
  const lines = (await currentCartLines(container, input.cart_id)).map((line) =>
    line.id === input.item_id && input.update.quantity !== undefined
      ? { ...line, quantity: input.update.quantity }
      : line
  )
  await checkCartQuantityRules(container, lines)
})

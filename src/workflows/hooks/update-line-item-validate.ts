import { updateLineItemInCartWorkflow } from "@medusajs/medusa/core-flows"
import { assertWholeQuantity } from "../../lib/cart/line-quantity"
import { checkCartQuantityRules, linesOfCart, type CartWithLines } from "../../lib/catalog/cart-quantity-rules"
import { checkAddAgainstHolds, type CartToCheck } from "../../lib/checkout-hold/add-to-cart-stock-check"

/**
 * Refuses a fractional quantity, or a change that would break a quantity rule
 * or, when it raises the quantity, take units that other carts hold.
 */
updateLineItemInCartWorkflow.hooks.validate(async ({ input, cart }, { container }) => {
  if (input.update.quantity !== undefined) {
    // 0 removes the line (Medusa's contract).
    assertWholeQuantity(input.update.quantity, "quantity", { allowZero: true })
  }
  // The workflow's own read of the cart (its lines, id and sales_channel_id; typed any).
  const read = cart as CartToCheck & CartWithLines
  const current = linesOfCart(read)
  const lines = current.map((line) =>
    line.id === input.item_id && input.update.quantity !== undefined
      ? { ...line, quantity: input.update.quantity }
      : line
  )
  await checkCartQuantityRules(container, lines)
  const changed = current.find((line) => line.id === input.item_id)
  if (changed?.variant_id && Number(input.update.quantity ?? 0) > Number(changed.quantity)) {
    await checkAddAgainstHolds(container, read, lines, [changed.variant_id])
  }
})

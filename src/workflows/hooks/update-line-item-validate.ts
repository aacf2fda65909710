import { updateLineItemInCartWorkflow } from "@medusajs/medusa/core-flows"
import { assertWholeQuantity } from "../../lib/cart/line-quantity"
import { checkCartQuantityRules, linesOfCart, type CartWithLines } from "../../lib/catalog/cart-quantity-rules"
import { checkAddAgainstHolds, type CartToCheck } from "../../lib/checkout-hold/add-to-cart-stock-check"

/**
 * Refuses a fractional quantity, or a raised quantity that would break a
 * quantity rule or take units that other carts hold. Lowering a line is always
 * allowed (also when another rule is broken: the owner lowered a limit).
 */
updateLineItemInCartWorkflow.hooks.validate(async ({ input, cart }, { container }) => {
  if (input.update.quantity !== undefined) {
    // 0 removes the line (Medusa's contract).
    assertWholeQuantity(input.update.quantity, "quantity", { allowZero: true })
  }
  // The workflow's own read of the cart (its lines, id and sales_channel_id; typed any).
  const read = cart as CartToCheck & CartWithLines
  const current = linesOfCart(read)
  const changed = current.find((line) => line.id === input.item_id)
  // A line lowered (or left as it is) cannot make the cart break a rule, and a
  // limit the owner lowered after the lines were added must not stop the
  // shopper from coming down to it, one line at a time.
  if (changed && Number(input.update.quantity ?? changed.quantity) <= Number(changed.quantity)) {
    return
  }
  const lines = current.map((line) =>
    line.id === input.item_id && input.update.quantity !== undefined
      ? { ...line, quantity: input.update.quantity }
      : line
  )
  await checkCartQuantityRules(container, lines)
  if (changed?.variant_id && Number(input.update.quantity ?? 0) > Number(changed.quantity)) {
    await checkAddAgainstHolds(container, read, lines, [changed.variant_id])
  }
})

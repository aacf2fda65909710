import type { MedusaContainer } from "@medusajs/framework/types"
import { CHECKOUT_HOLD_MODULE } from "../../modules/checkout-hold"
import type CheckoutHoldModuleService from "../../modules/checkout-hold/service"
import { readCartStockNeeds } from "./cart-stock-needs"
import { InsufficientInventoryError } from "./errors"
import { traceHoldCheck } from "./hold-check-trace"
import { holdsCoverNeeds, planHolds } from "./hold-plan"
import { readStockPositions } from "./stock-positions"

/**
 * Set in completeCartWorkflow's input by completeCartWithHoldsWorkflow, which
 * checked the holds under the stock lock already: the validate hook skips them.
 */
export const HOLDS_CHECKED = "checkout_holds_checked"

/** True when the completion was started by our workflow, which checked the holds. */
export function holdsAlreadyChecked(input: object): boolean {
  return (input as Record<string, unknown>)[HOLDS_CHECKED] === true
}

/**
 * Holds are honoured by every completion, not only ours: Medusa also completes
 * carts itself (a payment provider's webhook runs processPaymentWorkflow). A cart
 * whose active holds cover its lines passes; any other may only take stock that
 * no other cart holds. Inside completeCartWithHoldsWorkflow this runs under the
 * stock lock and agrees with it; from a webhook it narrows the race to Medusa's
 * own reservation check, which still never oversells.
 */
export async function assertCompletionRespectsHolds(container: MedusaContainer, cartId: string) {
  traceHoldCheck({ cart_id: cartId, site: "complete-cart-validate-hook" })
  const cart = await readCartStockNeeds(container, cartId)
  if (cart.completed || !cart.needs.length) {
    return
  }
  const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
  if (holdsCoverNeeds(await holds.activeHoldsOfCart(cartId), cart.needs)) {
    return
  }
  const positions = await readStockPositions(
    container,
    cart.needs.map((n) => n.inventory_item_id),
    cart.location_ids,
    cartId
  )
  const { short } = planHolds(cart, positions)
  if (short.length) {
    throw new InsufficientInventoryError(short)
  }
}

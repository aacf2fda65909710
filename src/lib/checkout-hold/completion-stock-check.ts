import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { CHECKOUT_HOLD_MODULE } from "../../modules/checkout-hold"
import type CheckoutHoldModuleService from "../../modules/checkout-hold/service"
import { readCartStockNeeds, unitsPerVariant, type CartLinesRead } from "./cart-stock-needs"
import { InsufficientInventoryError } from "./errors"
import { traceHoldCheck } from "./hold-check-trace"
import { holdsCoverNeeds, planHolds } from "./hold-plan"
import { readStockPositions } from "./stock-positions"
import type { CartStockNeeds } from "./types"

/**
 * Set in completeCartWorkflow's input by completeCartWithHoldsWorkflow, which
 * checked the holds under the stock lock already: the cart's units per variant
 * as that check read them. The validate hook skips the check when the cart
 * completeCartWorkflow read under its cart lock has the same lines (a line
 * changed in between, e.g. by a request that took the cart lock first, is
 * checked again).
 */
export const HOLDS_CHECKED = "checkout_holds_checked"

/** True when completeCartWithHoldsWorkflow (the completion route) started this completion. */
export function startedByOurRoute(input: object): boolean {
  return HOLDS_CHECKED in input
}

/** True when our workflow started the completion and checked the holds for these very lines. */
export function holdsAlreadyChecked(input: object, lines: { variant_id?: string | null; quantity: unknown }[]): boolean {
  const checked = (input as Record<string, unknown>)[HOLDS_CHECKED]
  if (!checked || typeof checked !== "object") {
    return false
  }
  const units = unitsPerVariant(lines)
  const checkedUnits = checked as Record<string, unknown>
  const variants = new Set([...Object.keys(units), ...Object.keys(checkedUnits)])
  return [...variants].every((id) => units[id] === checkedUnits[id])
}

/**
 * Holds are honoured by every completion, not only ours: Medusa also completes
 * carts itself (a payment provider's webhook runs processPaymentWorkflow). A cart
 * may only take stock that no other cart holds. Inside completeCartWithHoldsWorkflow
 * this runs under the stock lock and agrees with it; from a webhook it narrows
 * the race to Medusa's own reservation check, which still never oversells.
 *
 * `ownHoldsSuffice` (a completion our route started): a cart whose active holds
 * cover its lines passes unread; should the stock have fallen below its holds,
 * the route words Medusa's refusal as the shop's. A webhook's completion has no
 * such answer after it, so its stock is read even when the holds cover it, as
 * Medusa's reservation step will read it (stocked - reserved: other carts'
 * holds do not come before a cart's own): holds that stand for units no longer
 * there (the owner lowered the stock) are the shop's 409, which releases the
 * card, and they are given back, as the route gives them back.
 */
export async function assertCompletionRespectsHolds(
  container: MedusaContainer,
  cartId: string,
  { ownHoldsSuffice }: { ownHoldsSuffice: boolean }
) {
  traceHoldCheck({ cart_id: cartId, site: "complete-cart-validate-hook" })
  const cart = await readCartStockNeeds(container, cartId)
  if (cart.completed || !cart.needs.length) {
    return
  }
  const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
  const covered = holdsCoverNeeds(await holds.activeHoldsOfCart(cartId), cart)
  if (covered && ownHoldsSuffice) {
    return
  }
  const short = await shortfallOf(container, cart, { othersHoldsFirst: !covered })
  if (short) {
    if (covered) {
      await holds.closeCartHolds(cartId, "released")
    }
    throw short
  }
}

/**
 * What the cart lacks of the stock no other cart holds (its own holds aside),
 * as the shop's 409; null when nothing. Without `othersHoldsFirst` (a cart whose
 * own holds cover it), of the stock not reserved, as Medusa counts it.
 */
async function shortfallOf(
  container: MedusaContainer,
  cart: CartStockNeeds,
  { othersHoldsFirst = true }: { othersHoldsFirst?: boolean } = {}
): Promise<InsufficientInventoryError | null> {
  const positions = await readStockPositions(
    container,
    cart.needs.map((n) => n.inventory_item_id),
    cart.location_ids,
    cart.cart_id,
    othersHoldsFirst ? undefined : []
  )
  const { short } = planHolds(cart, positions)
  return short.length ? new InsufficientInventoryError(short) : null
}

/** Medusa's inventory module refusing the order's reservations for lack of stock (its reserveInventoryStep). */
export function isMedusaStockRefusal(error: { type?: string; message?: string }): boolean {
  return error.type === MedusaError.Types.NOT_ALLOWED && (error.message ?? "").startsWith("Not enough stock available for item ")
}

/**
 * After Medusa refused a completion's reservations for stock although the
 * cart's holds covered it (the owner lowered the stock below the holds, or a
 * completion that takes no stock lock, a webhook's, took the units): the
 * shortfall worded as the shop words it (409 insufficient_inventory, which
 * also releases an authorized card), or null when the stock covers the cart
 * again. `given`: the cart's lines as the request read them (its completion
 * failed, so they still stand).
 */
export async function shortfallAfterMedusaRefusal(container: MedusaContainer, cartId: string, given?: CartLinesRead | null) {
  const cart = await readCartStockNeeds(container, cartId, given ?? undefined)
  return cart.completed ? null : shortfallOf(container, cart)
}

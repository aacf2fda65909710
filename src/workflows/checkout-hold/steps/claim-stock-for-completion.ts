import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cartCompleted } from "../../../lib/cart/cart-completed"
import { leaveCheckoutGate } from "../../../lib/checkout-hold/checkout-gate"
import { holdsCoverNeeds, planHolds } from "../../../lib/checkout-hold/hold-plan"
import { traceHoldCheck } from "../../../lib/checkout-hold/hold-check-trace"
import { refuseShortfall } from "../../../lib/checkout-hold/sold-out"
import { readStockPositions } from "../../../lib/checkout-hold/stock-positions"
import type { CartStockNeeds, PlannedHold } from "../../../lib/checkout-hold/types"
import { CHECKOUT_HOLD_MODULE } from "../../../modules/checkout-hold"
import type CheckoutHoldModuleService from "../../../modules/checkout-hold/service"
import type { HoldSnapshot } from "../../../modules/checkout-hold/service"

export const claimStockForCompletionStepId = "claim-stock-for-completion"

export type StockClaim = {
  lines: PlannedHold[]
  /**
   * True when the cart's sales channel has one stock location: the order's
   * reservations can only land where its holds are, so once claimed the units
   * are safe and the stock lock can go before the order is placed.
   */
  settles_in_place: boolean
  /**
   * True when the cart was completed already (a double click, a retry: an
   * earlier request placed the order): Medusa's completion only answers with
   * that order, and writes none.
   */
  order_placed: boolean
}

type Compensation = { created: string[]; previous: HoldSnapshot }

/**
 * Under the stock lock, before Medusa places the order:
 * - a cart whose active holds cover its lines is not checked again (those units
 *   were set aside for it); its holds are stretched past the completion (claim
 *   and read in one statement);
 * - a cart completed meanwhile (a double click: the first request placed the
 *   order while this one waited for the cart lock) claims nothing: Medusa's
 *   completion answers with its order;
 * - any other cart may only take stock no other cart holds (409
 *   insufficient_inventory), and holds it for the completion.
 * Either way the holds are marked completing until converted: their units are
 * then counted once, whether the order's reservations exist yet or not (see
 * readStockPositions).
 * Once claimed, the request leaves the checkout gate (src/api/checkout-gate.ts).
 * Compensation (the completion failed: payment refused, ...) puts the cart's
 * hold rows back exactly as they were.
 */
export const claimStockForCompletionStep = createStep(
  claimStockForCompletionStepId,
  async (cart: CartStockNeeds, { container }) => {
    traceHoldCheck({ cart_id: cart.cart_id, site: "claim-stock-for-completion" })
    const settles_in_place = cart.location_ids.length <= 1
    if (cart.completed || !cart.needs.length) {
      return new StepResponse<StockClaim, Compensation | null>({ lines: [], settles_in_place, order_placed: cart.completed }, null)
    }
    const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
    // The claim outlasts a completion (twice the cart lock's lease, the most one may
    // take), or keeps the hold's own time when that is longer: a completion that
    // dies with its server keeps units nobody held for it off the shelf for four
    // minutes, not a fresh hold's 15.
    const expiresAt = new Date(Date.now() + 2 * holds.completionGraceSeconds * 1000)
    // Claimed first, checked after: the cart's holds cover it in the usual case.
    const claimed = await holds.claimCartHoldsForCompletion(cart.cart_id, expiresAt)
    if (holdsCoverNeeds(claimed.lines, cart)) {
      leaveCheckoutGate(cart.cart_id)
      return new StepResponse<StockClaim, Compensation | null>(
        { lines: claimed.lines, settles_in_place, order_placed: false },
        { created: [], previous: claimed.previous }
      )
    }
    // They do not (none, or the cart changed): put them back as they were, and
    // read the stock (and whether the cart is completed, alongside: no wait added).
    await holds.restoreHoldSnapshot(claimed.previous)
    const [completed, positions] = await Promise.all([
      cartCompleted(container, cart.cart_id),
      readStockPositions(
        container,
        cart.needs.map((n) => n.inventory_item_id),
        cart.location_ids,
        cart.cart_id
      ),
    ])
    if (completed) {
      // Completed while this request waited for the locks (a double click, a
      // retry racing the first try): Medusa's completion answers with that
      // order. Nothing to claim, and no stock check that could refuse it.
      leaveCheckoutGate(cart.cart_id)
      return new StepResponse<StockClaim, Compensation | null>({ lines: [], settles_in_place, order_placed: true }, null)
    }
    // Take what the cart needs from stock nobody holds.
    const plan = planHolds(cart, positions)
    if (plan.short.length) {
      refuseShortfall(cart, positions, plan.short)
    }
    const { created, previous } = await holds.replaceCartHolds(cart.cart_id, plan.holds, expiresAt, null, new Date())
    leaveCheckoutGate(cart.cart_id)
    return new StepResponse<StockClaim, Compensation | null>(
      { lines: plan.holds, settles_in_place, order_placed: false },
      { created, previous }
    )
  },
  async (compensation, { container }) => {
    if (!compensation) {
      return
    }
    const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
    await holds.restoreCartHolds(compensation.created, compensation.previous)
  }
)

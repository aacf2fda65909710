import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { InsufficientInventoryError } from "../../../lib/checkout-hold/errors"
import { holdsCoverNeeds, planHolds } from "../../../lib/checkout-hold/hold-plan"
import { soldOutItems } from "../../../lib/checkout-hold/hold-caps"
import { traceHoldCheck } from "../../../lib/checkout-hold/hold-check-trace"
import { announceSoldOut } from "../../../lib/checkout-hold/stock-lock"
import { readStockPositions } from "../../../lib/checkout-hold/stock-positions"
import type { CartStockNeeds, PlannedHold } from "../../../lib/checkout-hold/types"
import { CHECKOUT_HOLD_MODULE } from "../../../modules/checkout-hold"
import type CheckoutHoldModuleService from "../../../modules/checkout-hold/service"
import type { HoldSnapshot } from "../../../modules/checkout-hold/service"

export const claimStockForCompletionStepId = "claim-stock-for-completion"

export type StockClaim = { lines: PlannedHold[] }

type Compensation = { created: string[]; previous: HoldSnapshot }

/**
 * Under the stock lock, before Medusa places the order:
 * - a cart whose active holds cover its lines is not checked again (those units
 *   were set aside for it); its holds are stretched past the completion;
 * - any other cart may only take stock no other cart holds (409
 *   insufficient_inventory), and holds it for the completion.
 * Compensation (the completion failed: payment refused, ...) puts the cart's
 * hold rows back exactly as they were.
 */
export const claimStockForCompletionStep = createStep(
  claimStockForCompletionStepId,
  async (cart: CartStockNeeds, { container }) => {
    traceHoldCheck({ cart_id: cart.cart_id, site: "claim-stock-for-completion" })
    if (cart.completed || !cart.needs.length) {
      return new StepResponse<StockClaim, Compensation | null>({ lines: [] }, null)
    }
    const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
    const current = await holds.activeHoldsOfCart(cart.cart_id)
    const expiresAt = new Date(Date.now() + Math.max(holds.ttlSeconds, holds.completionGraceSeconds) * 1000)
    if (holdsCoverNeeds(current, cart.needs)) {
      const previous = await holds.extendCartHolds(cart.cart_id, expiresAt)
      return new StepResponse<StockClaim, Compensation | null>({ lines: current }, { created: [], previous })
    }
    const positions = await readStockPositions(
      container,
      cart.needs.map((n) => n.inventory_item_id),
      cart.location_ids,
      cart.cart_id
    )
    const plan = planHolds(cart, positions)
    if (plan.short.length) {
      if (soldOutItems(cart, positions).length) {
        // The rush is over for these items: the requests queued behind us answer now.
        announceSoldOut(cart.needs.map((n) => n.inventory_item_id))
      }
      throw new InsufficientInventoryError(plan.short)
    }
    const { created, previous } = await holds.replaceCartHolds(cart.cart_id, plan.holds, expiresAt)
    return new StepResponse<StockClaim, Compensation | null>({ lines: plan.holds }, { created, previous })
  },
  async (compensation, { container }) => {
    if (!compensation) {
      return
    }
    const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
    await holds.restoreCartHolds(compensation.created, compensation.previous)
  }
)

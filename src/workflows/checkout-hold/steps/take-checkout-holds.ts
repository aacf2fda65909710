import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CHECKOUT_HOLD_MODULE } from "../../../modules/checkout-hold"
import type CheckoutHoldModuleService from "../../../modules/checkout-hold/service"
import type { HoldSnapshot } from "../../../modules/checkout-hold/service"
import { InsufficientInventoryError } from "../errors"
import { planHolds } from "../hold-plan"
import { readStockPositions } from "../stock-positions"
import { withStockLock } from "../stock-lock"
import type { CartStockNeeds, PlannedHold } from "../types"

export const takeCheckoutHoldsStepId = "take-checkout-holds"

export type CheckoutHold = {
  cart_id: string
  expires_at: Date
  items: PlannedHold[]
}

type Compensation = { cart_id: string; created: string[]; previous: HoldSnapshot }

/**
 * Under the stock lock of every item the cart needs: reads availability net of
 * other carts' holds, refuses with the short items (writing nothing), or
 * replaces the cart's holds with fresh ones for the module's TTL. Calling it
 * again recomputes and extends. Compensation puts the previous holds back.
 */
export const takeCheckoutHoldsStep = createStep(
  takeCheckoutHoldsStepId,
  async (cart: CartStockNeeds, { container }) => {
    if (cart.completed) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Cart ${cart.cart_id} is already completed`)
    }
    const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
    const itemIds = cart.needs.map((n) => n.inventory_item_id)

    const { hold, compensation } = await withStockLock(container, itemIds, async () => {
      const positions = await readStockPositions(container, itemIds, cart.location_ids, cart.cart_id)
      const plan = planHolds(cart, positions)
      if (plan.short.length) {
        throw new InsufficientInventoryError(plan.short)
      }
      const expiresAt = new Date(Date.now() + holds.ttlSeconds * 1000)
      const { holds: created, previous } = await holds.replaceCartHolds(cart.cart_id, plan.holds, expiresAt)
      return {
        hold: { cart_id: cart.cart_id, expires_at: expiresAt, items: plan.holds },
        compensation: { cart_id: cart.cart_id, created: created.map((h) => h.id), previous },
      }
    })
    return new StepResponse(hold, compensation)
  },
  async (compensation: Compensation | undefined, { container }) => {
    if (!compensation) {
      return
    }
    const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
    await holds.restoreCartHolds(compensation.created, compensation.previous)
  }
)

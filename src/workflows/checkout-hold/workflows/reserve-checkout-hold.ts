import { createHook, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { CartLinesRead } from "../../../lib/checkout-hold/cart-stock-needs"
import type { ClientIdentity } from "../../../lib/http/client-identity"
import { acquireStockLockStep } from "../steps/acquire-stock-lock"
import { checkHoldQuantityLimitsStep } from "../steps/check-hold-quantity-limits"
import { loadCartStockNeedsStep } from "../steps/load-cart-stock-needs"
import { refuseSoldOutStep } from "../steps/refuse-sold-out"
import { releaseStockLockStep } from "../steps/release-stock-lock"
import { takeCheckoutHoldsStep } from "../steps/take-checkout-holds"

export const reserveCheckoutHoldWorkflowId = "reserve-checkout-hold"

export type ReserveCheckoutHoldInput = {
  cart_id: string
  /** Who asks (the route passes clientIdentity(req)); omitted when the shop refreshes holds itself. */
  client?: ClientIdentity | null
  /** The cart with its lines, when the caller has just read it (else read here). */
  cart?: CartLinesRead | null
}

/**
 * Holds the stock a cart needs for a limited time (POST /store/carts/:id/hold):
 * load needs -> validate hook -> sold-out fast path -> per-order limits ->
 * acquire stock lock -> take holds (caps, in place) -> release stock lock.
 *
 * Hooks for developers:
 * - `validate({ input, needs })`: before any lock is taken; throw to refuse.
 * - `holdsCreated({ cart_id, hold })`: after the holds are written.
 */
export const reserveCheckoutHoldWorkflow = createWorkflow(
  reserveCheckoutHoldWorkflowId,
  (input: ReserveCheckoutHoldInput) => {
    const needs = loadCartStockNeedsStep({ cart_id: input.cart_id, cart: input.cart })
    const validate = createHook("validate", { input, needs })
    refuseSoldOutStep(needs)
    checkHoldQuantityLimitsStep(needs)
    const lockInput = transform({ needs, input }, ({ needs, input }) => ({
      inventory_item_ids: needs.needs.map((n) => n.inventory_item_id),
      cart: needs,
      client_key: input.client?.key ?? null,
    }))
    const lock = acquireStockLockStep(lockInput)
    const takeInput = transform({ needs, input }, ({ needs, input }) => ({ cart: needs, client: input.client ?? null }))
    const hold = takeCheckoutHoldsStep(takeInput)
    releaseStockLockStep(lock)
    const holdsCreated = createHook("holdsCreated", { cart_id: input.cart_id, hold })
    return new WorkflowResponse(hold, { hooks: [validate, holdsCreated] })
  }
)

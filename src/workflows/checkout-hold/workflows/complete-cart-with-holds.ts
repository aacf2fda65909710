import { createWorkflow, parallelize, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { completeCartWorkflow, releaseLockStep } from "@medusajs/medusa/core-flows"
import { REDIS_LOCK_RETRY } from "../../../config/modules"
import type { CartLinesRead } from "../../../lib/checkout-hold/cart-stock-needs"
import { checkoutGateSettings } from "../../../lib/checkout-hold/checkout-gate"
import { HOLDS_CHECKED } from "../../../lib/checkout-hold/completion-stock-check"
import { acquireCartLockStep } from "../steps/acquire-cart-lock"
import { acquireStockLockStep } from "../steps/acquire-stock-lock"
import { claimStockForCompletionStep } from "../steps/claim-stock-for-completion"
import { convertCheckoutHoldsStep } from "../steps/convert-checkout-holds"
import { loadCartStockNeedsStep } from "../steps/load-cart-stock-needs"
import { moveReservationsToHeldLocationsStep } from "../steps/move-reservations-to-held-locations"
import { endOrderWriteTurnStep, takeOrderWriteTurnStep } from "../steps/order-write-turn"
import { releaseStockLockStep } from "../steps/release-stock-lock"

export const completeCartWithHoldsWorkflowId = "complete-cart-with-holds"

export type CompleteCartWithHoldsInput = {
  cart_id: string
  /** The cart with its lines, when the caller has just read it (else read here). */
  cart?: CartLinesRead | null
}

/**
 * Medusa's own bounds for its cart lock (completeCartWorkflow; the wait is
 * CHECKOUT_CART_LOCK_WAIT_SECONDS), tried again as often as the stock lock's
 * Redis waiters (acquireLockStep's default is every 300 ms): a second request
 * for the cart (a double click on another server) waits for the first one's answer.
 */
const CART_LOCK = { timeout: checkoutGateSettings.cartLockWaitSeconds, ttl: 120, retry_ms: REDIS_LOCK_RETRY.maximumRetryInterval }

/**
 * POST /store/carts/:id/complete, as one composed workflow:
 * 1. load the cart's stock needs (from the request's own read of the cart
 *    when it is fresh: src/api/cart-ownership.ts);
 * 2. acquire the cart lock (acquireCartLockStep, the lock Medusa's
 *    acquireLockStep takes for completeCartWorkflow, whose own is skipped when
 *    it runs as a step), before the stock lock: a second request for the same
 *    cart (a double click, a retry) waits here for the first to finish without
 *    holding the stock lock or a place at the checkout gate, so other carts'
 *    checkouts never queue behind it, and the stock lock covers no wait for the
 *    cart lock;
 * 3-4. acquire the stock lock of the cart's items (sorted keys; a request
 *    waiting here does no other work), after unlocked checks that may only
 *    refuse: a cart whose holds cover it goes straight to the queue; else the
 *    sold-out fast path, then (several stock locations) admission control
 *    (busy at once when requests queued ahead already ask for every unit left);
 * 5. claim the stock: the cart's holds, or stock nobody holds, marked
 *    completing (compensation puts the holds back); the request then leaves
 *    the checkout gate (src/api/checkout-gate.ts);
 * 6. release the stock lock when the sales channel has one stock location: the
 *    claimed holds keep the units until the order's reservations replace them,
 *    so the other checkouts of the same item no longer wait for this order
 *    (with several locations Medusa may reserve elsewhere than the hold, and
 *    the lock stays until step 8 has moved the reservations);
 * 7. a turn to write the order (CHECKOUT_ORDER_WRITES at once per process,
 *    after the checkouts queued at the gate unless the stock lock is still held;
 *    none when the cart was completed already: Medusa's completion then only
 *    answers with its order), completeCartWorkflow.runAsStep, told for which
 *    lines the holds were checked (its validate hook checks again if the cart
 *    it reads under its lock has others), and the turn's end;
 * 8. move reservations to the held locations (several locations only) and
 *    9. convert the holds, in parallel: after the order exists, never undone
 *    and never failing (retried, then repaired);
 * 10. release the cart lock (a failure left to the lock's TTL: the order
 *    stands) and 11. the stock lock (when still held), in parallel.
 */
export const completeCartWithHoldsWorkflow = createWorkflow(
  completeCartWithHoldsWorkflowId,
  (input: CompleteCartWithHoldsInput) => {
    const needs = loadCartStockNeedsStep({ cart_id: input.cart_id, cart: input.cart })
    const lockInput = transform({ needs }, ({ needs }) => ({
      inventory_item_ids: needs.needs.map((n) => n.inventory_item_id),
      cart: needs,
      admission: true,
    }))
    acquireCartLockStep({ cart_id: input.cart_id, ...CART_LOCK })
    const lock = acquireStockLockStep(lockInput)
    const claim = claimStockForCompletionStep(needs)
    const earlyRelease = transform({ lock, claim }, ({ lock, claim }) => ({
      owner: claim.settles_in_place ? lock.owner : null,
    }))
    releaseStockLockStep(earlyRelease).config({ name: "release-stock-lock-after-claim" })
    const turnInput = transform({ claim, lock }, ({ claim, lock }) => ({
      order_placed: claim.order_placed,
      stock_locked: !claim.settles_in_place && !!lock.owner,
    }))
    const turn = takeOrderWriteTurnStep(turnInput)
    const completeInput = transform({ input, needs }, ({ input, needs }) => ({ id: input.cart_id, [HOLDS_CHECKED]: needs.line_units }))
    const order = completeCartWorkflow.runAsStep({ input: completeInput })
    endOrderWriteTurnStep(turn)
    const moveInput = transform({ order, claim }, ({ order, claim }) => ({
      order_id: order.id,
      lines: claim.settles_in_place ? [] : claim.lines,
    }))
    parallelize(moveReservationsToHeldLocationsStep(moveInput), convertCheckoutHoldsStep({ cart_id: input.cart_id }))
    parallelize(
      // After the order exists nothing may undo it: a cart lock that cannot be
      // released (its provider unreachable) is left to its TTL.
      releaseLockStep({ key: input.cart_id }).config({ continueOnPermanentFailure: true }),
      releaseStockLockStep(lock)
    )
    const result = transform({ order }, ({ order }) => ({ order_id: order.id }))
    return new WorkflowResponse(result)
  }
)

import type { MedusaNextFunction, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { CheckoutBusyError, InsufficientInventoryError } from "../lib/checkout-hold/errors"
import { nothingRememberedSoldOut, rememberedSoldOut, whenSoldOut } from "../lib/checkout-hold/sold-out-memo"
import {
  checkoutGate as gate,
  checkoutGateSettings as settings,
  enterCartInFlight,
  holdGateSlot,
} from "../lib/checkout-hold/checkout-gate"
import { CHECKOUT_HOLD_MODULE } from "../modules/checkout-hold"
import type CheckoutHoldModuleService from "../modules/checkout-hold/service"
import { ownCartRead } from "./cart-ownership"

/**
 * The cart's lines (as requireOwnCart read them), unless it holds stock of its
 * own (its held units are its own, whatever is left for others) or is
 * completed already (a retry gets its order back from the route, never "sold
 * out").
 */
async function linesOfUnheldCart(req: MedusaStoreRequest) {
  const cart = ownCartRead(req)?.cart
  const lines = cart?.items ?? []
  if (!cart || cart.completed_at || !lines.length) {
    return []
  }
  const holds: CheckoutHoldModuleService = req.scope.resolve(CHECKOUT_HOLD_MODULE)
  const own = await holds.activeHoldsOfCart(req.params.id)
  return own.length ? [] : lines
}

/**
 * The checkout's writes (`/hold`, `/complete`), after the cart's ownership is
 * checked, pass this process's gate:
 * - a cart, not completed and holding no stock, with a line whose variant this
 *   process found sold out within the last second is refused at once (409
 *   insufficient_inventory), with one small read beyond requireOwnCart's,
 *   unless another request for the same cart is in flight in this process;
 * - at most CHECKOUT_CONCURRENCY run at once; the rest wait in arrival order,
 *   at most CHECKOUT_QUEUE_WAIT_SECONDS (then 409 checkout_busy with a
 *   Retry-After), and leave the queue with "sold out" as soon as one of their
 *   variants is found sold out (again, not a cart's second request in flight). A completion leaves the gate once its stock is
 *   claimed (claimStockForCompletionStep): writing the order needs no turn.
 * In a rush the requests inside finish in tens of milliseconds instead of
 * sharing the cores and the database pool with a hundred others: the stock
 * lock's holder claims fast, and once the units are gone the shoppers behind
 * are told so without running a checkout.
 */
export async function checkoutGate(req: MedusaStoreRequest, res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const inFlight = enterCartInFlight(req.params.id)
    res.once("finish", inFlight.leave)
    res.once("close", inFlight.leave)
    let lines: { variant_id?: string | null; quantity: unknown }[] = []
    // A second request for a cart already in flight here is never told "sold
    // out" by the gate: the first may be placing its order (the gate's reads of
    // the cart predate that), and the second then waits for the cart lock and
    // answers with the order. It waits its turn like any other.
    if (!inFlight.sibling && (!nothingRememberedSoldOut() || gate.full)) {
      lines = await linesOfUnheldCart(req)
      const gone = rememberedSoldOut(lines)
      if (gone.length) {
        return next(new InsufficientInventoryError(gone))
      }
    }
    const variantIds = lines.flatMap((l) => (l.variant_id ? [l.variant_id] : []))
    let stopListening = () => {}
    const soldOut = variantIds.length
      ? new Promise<void>((resolve) => {
          stopListening = whenSoldOut(variantIds, resolve)
        })
      : undefined
    const entered = await gate.enter(settings.queueWaitSeconds * 1000, soldOut)
    stopListening()
    if (entered === "timeout") {
      return next(new CheckoutBusyError(Math.max(1, Math.ceil(settings.queueWaitSeconds / 2))))
    }
    if (entered === "cancelled") {
      const gone = rememberedSoldOut(lines)
      return next(gone.length ? new InsufficientInventoryError(gone) : new CheckoutBusyError(1))
    }
    const release = holdGateSlot(req.params.id, entered)
    res.once("finish", release)
    res.once("close", release)
    next()
  } catch (e) {
    next(e)
  }
}

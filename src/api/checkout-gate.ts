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
import { cartCompleted } from "../lib/cart/cart-completed"
import { ownCartRead } from "./cart-ownership"

/**
 * The cart's lines (as requireOwnCart read them), unless it holds stock of its
 * own (its held units are its own, whatever is left for others) or is
 * completed already (a retry gets its order back from the route, never "sold
 * out"); with `readCompletion`, completed now (requireOwnCart's read predates
 * the answer of an earlier request for the cart).
 */
async function linesOfUnheldCart(req: MedusaStoreRequest, readCompletion: boolean) {
  const cart = ownCartRead(req)?.cart
  const lines = cart?.items ?? []
  if (!cart || cart.completed_at || !lines.length) {
    return []
  }
  const holds: CheckoutHoldModuleService = req.scope.resolve(CHECKOUT_HOLD_MODULE)
  const [own, completed] = await Promise.all([
    holds.activeHoldsOfCart(req.params.id),
    readCompletion ? cartCompleted(req.scope, req.params.id) : false,
  ])
  return own.length || completed ? [] : lines
}

/**
 * The checkout's writes (`/hold`, `/complete`), after the cart's ownership is
 * checked, pass this process's gate:
 * - a cart, not completed and holding no stock, with a line whose variant this
 *   process found sold out within the last second is refused at once (409
 *   insufficient_inventory), with one small read beyond requireOwnCart's (a
 *   second request for a cart in flight in this process first waits for the
 *   first's answer, then reads whether the cart was completed meanwhile);
 * - at most CHECKOUT_CONCURRENCY run at once; the rest wait in arrival order,
 *   at most CHECKOUT_QUEUE_WAIT_SECONDS (then 409 checkout_busy with a
 *   Retry-After), and leave the queue with "sold out" as soon as one of their
 *   variants is found sold out. A completion leaves the gate once its stock is
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
    // A second request for a cart already in flight here (a double click, a
    // retry racing the first try) first waits, outside the gate, for the first
    // to be answered: the first may be placing the order, and the second's read
    // of the cart predates it. Then it reads whether the cart is completed
    // before any "sold out" (or, not answered within the queue's wait, is never
    // told "sold out" by the gate).
    const ended = inFlight.ahead ? await inFlight.ahead(settings.queueWaitSeconds * 1000) : null
    let lines: { variant_id?: string | null; quantity: unknown }[] = []
    if (ended !== false && (!nothingRememberedSoldOut() || gate.full)) {
      lines = await linesOfUnheldCart(req, ended === true)
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

import type { MedusaNextFunction, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import onFinished from "on-finished"
import { CheckoutBusyError, InsufficientInventoryError } from "../lib/checkout-hold/errors"
import { rememberedSoldOut, whenSoldOut } from "../lib/checkout-hold/sold-out-memo"
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

/** The cart's lines as requireOwnCart read them (none when that read showed it completed). */
function linesOfOpenCart(req: MedusaStoreRequest) {
  const cart = ownCartRead(req)?.cart
  return cart && !cart.completed_at ? (cart.items ?? []) : []
}

/** Whether the cart holds stock of its own now: its held units are its own, whatever is left for others. */
async function holdsStock(req: MedusaStoreRequest): Promise<boolean> {
  const holds: CheckoutHoldModuleService = req.scope.resolve(CHECKOUT_HOLD_MODULE)
  return (await holds.activeHoldsOfCart(req.params.id)).length > 0
}

/**
 * Whether the cart may be told "sold out": read now, after whatever showed its
 * item sold out, it holds no stock and is not completed. The holds are read
 * first, then the completion: another request for the same cart (a double
 * click, a retry; on this server or another one behind the load balancer) that
 * took the last unit has either claimed it by the first read (its completing
 * holds show) or placed the order and converted them before it (the completion
 * shows). Such a cart goes on and its completion answers with the order.
 */
async function mayBeToldSoldOut(req: MedusaStoreRequest): Promise<boolean> {
  return !(await holdsStock(req)) && !(await cartCompleted(req.scope, req.params.id))
}

/** Resolves when the client's connection is gone before its answer (at once when it already is); `stop` ends the watch. */
function whenClientLeaves(res: MedusaResponse): { left: Promise<void>; gone: () => boolean; stop: () => void } {
  let stop = () => {}
  const left = new Promise<void>((resolve) => {
    if (onFinished.isFinished(res)) {
      return resolve()
    }
    const onClose = () => {
      if (!res.writableEnded) {
        resolve()
      }
    }
    res.once("close", onClose)
    stop = () => res.off("close", onClose)
  })
  return { left, gone: () => onFinished.isFinished(res) && !res.writableEnded, stop }
}

/** The longest a place at the gate stays taken after its client left, should its request never be answered. */
const LEFT_CLIENT_SLOT_MS = 60_000

/**
 * Gives the place back once the request has been answered (its work is over),
 * not when its client leaves: a client that gives up (a refresh, a timeout at
 * the load balancer) does not stop the work its request started, and its place
 * given to the next request meanwhile would let more checkouts run at once
 * than the gate allows. Should a request whose client left never be answered,
 * its place comes back after LEFT_CLIENT_SLOT_MS.
 */
function releaseWhenAnswered(res: MedusaResponse, release: () => void) {
  const end = res.end.bind(res) as (...args: unknown[]) => MedusaResponse
  res.end = ((...args: unknown[]) => {
    release()
    return end(...args)
  }) as typeof res.end
  onFinished(res, () => {
    if (!res.writableEnded) {
      setTimeout(release, LEFT_CLIENT_SLOT_MS).unref()
    }
  })
}

/**
 * The checkout's writes (`/hold`, `/complete`), after the cart's ownership is
 * checked, pass this process's gate:
 * - a cart with a line whose variant this process found sold out within the
 *   last second is refused at once (409 insufficient_inventory) when, read
 *   after that, it holds no stock and is not completed: two small reads beyond
 *   requireOwnCart's, only for a refusal (a second request for a cart in
 *   flight in this process first waits for the first's answer);
 * - at most CHECKOUT_CONCURRENCY run at once; the rest wait in arrival order,
 *   at most CHECKOUT_QUEUE_WAIT_SECONDS (then 409 checkout_busy with a
 *   Retry-After), and leave the queue with "sold out" as soon as one of their
 *   variants is found sold out (read again as above: a cart whose stock
 *   another request for it took meanwhile goes on to its order), or as soon as
 *   their client leaves (nothing runs for it). A place is given back when its
 *   request is answered, not when its client leaves. A completion
 *   leaves the gate once its stock is claimed (claimStockForCompletionStep:
 *   writing the order needs no place), or when it finds its cart locked by
 *   another request for it (acquireCartLockStep).
 * In a rush the requests inside finish in tens of milliseconds instead of
 * sharing the cores and the database pool with a hundred others: the stock
 * lock's holder claims fast, and once the units are gone the shoppers behind
 * are told so without running a checkout.
 */
export async function checkoutGate(req: MedusaStoreRequest, res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const inFlight = enterCartInFlight(req.params.id)
    // on-finished, not res.once("close"): a client that left while the earlier
    // middlewares ran has closed already, and a listener added now would never
    // be called (nor "finish", for a socket that is gone): its place would stay taken.
    onFinished(res, inFlight.leave)
    // A second request for a cart already in flight here (a double click, a
    // retry racing the first try) first waits, outside the gate, for the first
    // to be answered: the first may be placing the order, and the second's read
    // of the cart predates it (not answered within the queue's wait, it is
    // never told "sold out" by the gate).
    const ended = inFlight.ahead ? await inFlight.ahead(settings.queueWaitSeconds * 1000) : null
    // The lines that may be told "sold out" while queued: a cart holding stock is not.
    let lines: { variant_id?: string | null; quantity: unknown }[] = []
    if (ended !== false) {
      const open = linesOfOpenCart(req)
      const gone = rememberedSoldOut(open)
      if (gone.length && (await mayBeToldSoldOut(req))) {
        return next(new InsufficientInventoryError(gone))
      }
      if (!gone.length && gate.full && open.length && !(await holdsStock(req))) {
        lines = open
      }
    }
    const variantIds = lines.flatMap((l) => (l.variant_id ? [l.variant_id] : []))
    let stopListening = () => {}
    const soldOut = variantIds.length
      ? new Promise<void>((resolve) => {
          stopListening = whenSoldOut(variantIds, resolve)
        })
      : undefined
    // A client that leaves while queued leaves the queue: nobody waits for that work.
    const client = whenClientLeaves(res)
    const entered = await gate.enter(settings.queueWaitSeconds * 1000, soldOut ? Promise.race([soldOut, client.left]) : client.left)
    stopListening()
    client.stop()
    if (entered === "timeout") {
      return next(new CheckoutBusyError(Math.max(1, Math.ceil(settings.queueWaitSeconds / 2))))
    }
    if (entered === "cancelled" && client.gone()) {
      // Answered into a closed connection; with an Idempotency-Key, a busy answer is not kept.
      return next(new CheckoutBusyError(1))
    }
    if (entered === "cancelled") {
      const gone = rememberedSoldOut(lines)
      if (!gone.length) {
        return next(new CheckoutBusyError(1))
      }
      if (await mayBeToldSoldOut(req)) {
        return next(new InsufficientInventoryError(gone))
      }
      // Another request for this cart took its stock while this one queued: this
      // one only waits for its cart (the completion's cart lock), then answers
      // with the order; it needs no place at the gate.
      return next()
    }
    const release = holdGateSlot(req.params.id, entered)
    releaseWhenAnswered(res, release)
    next()
  } catch (e) {
    next(e)
  }
}

import type { MedusaNextFunction, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { cartOfPaymentCollection } from "../../../lib/cart/cart-of-payment-collection"
import { checkoutGate, checkoutGateSettings } from "../../../lib/checkout-hold/checkout-gate"
import { CHECKOUT_BUSY, CHECKOUT_IN_PROGRESS, HOLD_CAP_REACHED, INSUFFICIENT_INVENTORY } from "../../../lib/checkout-hold/errors"
import { afterSuccessfulWrite } from "../../../lib/http/after-write"
import { clientIdentity } from "../../../lib/http/client-identity"
import { reserveCheckoutHoldWorkflow } from "../../../workflows/checkout-hold"
import { freshOwnCart, readOwnCart } from "../../cart-ownership"
import { consumeCheckoutAllowance } from "../../rate-limit"

/** The answer header that says what became of the hold: `held; until=<ISO time>` or `not-held; reason=<type>`. */
export const CHECKOUT_HOLD_HEADER = "X-Checkout-Hold"

/** The longest a payment step waits for a place at the checkout gate before going on without a hold. */
const GATE_WAIT_MS = 2000

/** A cart the asker may not use (its own routes answer 404 or 401): no hold. Anything else is a failure. */
function notTheAskersCart(e: unknown): null {
  const type = (e as { type?: unknown } | null)?.type
  if (type === MedusaError.Types.NOT_FOUND || type === MedusaError.Types.UNAUTHORIZED) {
    return null
  }
  throw e
}

/** The answers a hold request gets for a refusal (409s and 400s), as opposed to a failure. */
const REFUSALS = new Set<string>([
  INSUFFICIENT_INVENTORY,
  HOLD_CAP_REACHED,
  CHECKOUT_BUSY,
  CHECKOUT_IN_PROGRESS,
  MedusaError.Types.NOT_ALLOWED,
  MedusaError.Types.INVALID_DATA,
  MedusaError.Types.CONFLICT,
])

/**
 * Why a hold was refused, for the header: the error's type, and its cap when a
 * cap refused it; null for a failure. By shape: a workflow's error reaches its
 * caller as the engine stored it (type and code kept, class lost).
 */
function refusal(e: unknown): string | null {
  const { type, code } = (e ?? {}) as { type?: unknown; code?: unknown }
  if (typeof type !== "string" || !REFUSALS.has(type)) {
    return null
  }
  return type === HOLD_CAP_REACHED && typeof code === "string" ? `${type}; cap=${code}` : type
}

/**
 * `POST /store/payment-collections/:id/payment-sessions` (HOLD_AT_PAYMENT_STEP=on,
 * the default): once Medusa has created the payment session, the cart the
 * collection belongs to has its stock held, exactly as `POST
 * /store/carts/:id/hold` would (same workflow, caps and client), before the
 * answer goes out. Medusa's storefronts create the session at their payment
 * step and never call `/hold`: this is how a shopper who reached the payment
 * step is not beaten to the last unit by one who completes first.
 *
 * The payment step itself never fails for it: a refused hold (sold out, a cap,
 * the client's checkout limit spent, the checkout busy), a cart that is not the
 * asker's, or any error leaves the answer as Medusa made it, and the completion
 * decides the stock under its lock as it always does. The header
 * `X-Checkout-Hold` says which it was. The answer waits for the hold: at most 2 s
 * for a place at the gate, then the stock lock's own bounded wait.
 */
export function holdAtPaymentStep(req: MedusaStoreRequest, res: MedusaResponse, next: MedusaNextFunction) {
  afterSuccessfulWrite(req, res, "Holding the cart's stock at the payment step", async () => {
    const cartId = await cartOfPaymentCollection(req.scope, req.params.id)
    // A collection of no cart, or a cart the asker may not use (404/401 on its own routes): no hold.
    const cart = cartId ? await readOwnCart(req, cartId).catch(notTheAskersCart) : null
    if (!cartId || !cart || cart.completed_at) {
      res.setHeader(CHECKOUT_HOLD_HEADER, "not-held; reason=no_open_cart")
      return
    }
    // A hold is a checkout write: it counts against the client's checkout limit as /hold does.
    if (!(await consumeCheckoutAllowance(req))) {
      res.setHeader(CHECKOUT_HOLD_HEADER, "not-held; reason=rate_limited")
      return
    }
    const entered = await checkoutGate.enter(Math.min(GATE_WAIT_MS, checkoutGateSettings.queueWaitSeconds * 1000))
    if (typeof entered !== "function") {
      res.setHeader(CHECKOUT_HOLD_HEADER, "not-held; reason=checkout_busy")
      return
    }
    try {
      // The cart read before a wait at the gate is read again (a line changed meanwhile), as /hold does.
      const { result } = await reserveCheckoutHoldWorkflow(req.scope).run({
        input: { cart_id: cartId, client: clientIdentity(req), cart: freshOwnCart(req) },
      })
      res.setHeader(
        CHECKOUT_HOLD_HEADER,
        result.items.length ? `held; until=${new Date(result.expires_at).toISOString()}` : "not-held; reason=nothing_to_hold"
      )
    } catch (e) {
      const reason = refusal(e)
      if (!reason) {
        res.setHeader(CHECKOUT_HOLD_HEADER, "not-held; reason=unexpected_error")
        throw e
      }
      res.setHeader(CHECKOUT_HOLD_HEADER, `not-held; reason=${reason}`)
      req.scope
        .resolve(ContainerRegistrationKeys.LOGGER)
        .debug(`No hold at the payment step for cart ${cartId}: ${(e as Error).message}`)
    } finally {
      entered()
    }
  })
  next()
}

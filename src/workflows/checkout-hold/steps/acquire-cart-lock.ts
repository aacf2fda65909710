import { setTimeout as sleep } from "timers/promises"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { leaveCheckoutGate } from "../../../lib/checkout-hold/checkout-gate"
import { CheckoutInProgressError } from "../../../lib/checkout-hold/errors"

export const acquireCartLockStepId = "acquire-cart-lock"

/** Retry-After of the answer when the cart stayed locked for the whole wait. */
export const CART_LOCK_RETRY_AFTER_SECONDS = 5

export type AcquireCartLockInput = {
  cart_id: string
  /** Seconds to keep trying before the step fails. */
  timeout: number
  /** Seconds the lock lives unless released. */
  ttl: number
  /** Milliseconds between tries. */
  retry_ms: number
}

/**
 * The cart's lock with the contract of Medusa's acquireLockStep, the lock
 * completeCartWorkflow takes for itself (keyed by the cart id, no owner, so
 * Medusa's releaseLockStep releases it; the compensation releases it too), and
 * one difference: a request that finds the cart locked first gives up its place
 * at this server's checkout gate (src/api/checkout-gate.ts). Another request for
 * the cart is completing it (a double click, on this server or another one); the
 * wait uses neither the cores nor the database, and a place held meanwhile keeps
 * other shoppers' checkouts queued until that request's order is written.
 */
export const acquireCartLockStep = createStep(
  acquireCartLockStepId,
  async (input: AcquireCartLockInput, { container }) => {
    const locking = container.resolve(Modules.LOCKING)
    const until = Date.now() + input.timeout * 1000
    for (let attempt = 0; ; attempt++) {
      try {
        await locking.acquire(input.cart_id, { expire: input.ttl })
        break
      } catch (e) {
        // Only a lock held by another request is waited out: anything else (Redis
        // or PostgreSQL out of reach) fails now, answered 503 (src/api/error-handler.ts),
        // instead of after the whole wait.
        if (!(MedusaError.isMedusaError(e) && e.type === MedusaError.Types.CONFLICT)) {
          throw e
        }
        if (attempt === 0) {
          leaveCheckoutGate(input.cart_id)
        }
        if (Date.now() >= until) {
          // Held all along by another completion of this cart (a double click,
          // a retry, or one that died, until the lock's TTL): 409, not Medusa's 500.
          throw new CheckoutInProgressError(
            `Cart ${input.cart_id} is being completed by another request (a double click or a retry): ask again in a few seconds for its order`,
            CART_LOCK_RETRY_AFTER_SECONDS
          )
        }
      }
      await sleep(input.retry_ms)
    }
    return new StepResponse({ cart_id: input.cart_id }, input.cart_id)
  },
  async (cartId, { container }) => {
    if (cartId) {
      await container.resolve(Modules.LOCKING).release(cartId)
    }
  }
)

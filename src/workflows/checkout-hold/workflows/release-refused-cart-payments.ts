import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  deletePaymentSessionsStep,
  releaseLockStep,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import { sessionsToRelease } from "../../../lib/payments/held-funds"

export const releaseRefusedCartPaymentsWorkflowId = "release-refused-cart-payments"

export type ReleaseRefusedCartPaymentsInput = {
  cart_id: string
  /** When the completion was refused (ISO time): sessions started later are the shopper's next try. */
  refused_at: string
}

/**
 * After the shop refused a cart's completion (for stock, 409 insufficient_inventory, or
 * by a per-order limit or a delivery rule):
 * the storefront may already have had the card authorized (Stripe's
 * confirmCardPayment runs before the completion), and that authorization would
 * hold the shopper's money for days on a cart that cannot be completed as it is.
 * Under the cart's lock (Medusa's, the one its completion takes), a cart still
 * not completed has its sessions of providers that may hold funds, started
 * before the refusal (sessionsToRelease), deleted with
 * Medusa's deletePaymentSessionsStep: the provider cancels the payment (Stripe
 * cancels the intent, which releases the authorization). This is what Medusa
 * itself does when the shopper changes the cart; the storefront starts a new
 * session for the next try. A session that could not be deleted (the provider
 * refused to cancel a card already charged, STRIPE_CAPTURE=true, or did not
 * answer) is left as it is and returned in `kept`, for the owner to look at.
 */
export const releaseRefusedCartPaymentsWorkflow = createWorkflow(
  releaseRefusedCartPaymentsWorkflowId,
  (input: ReleaseRefusedCartPaymentsInput) => {
    // Owned by this refusal: should a provider stall past the lease, the release
    // below cannot free the lock a completion of the cart has taken meanwhile.
    const owner = transform({ input }, ({ input }) => `refused-payments:${input.cart_id}:${input.refused_at}`)
    acquireLockStep({ key: input.cart_id, timeout: 30, ttl: 60, ownerId: owner })
    const { data: carts } = useQueryGraphStep({
      entity: "cart",
      fields: [
        "id",
        "completed_at",
        "payment_collection.payment_sessions.id",
        "payment_collection.payment_sessions.provider_id",
        "payment_collection.payment_sessions.created_at",
      ],
      filters: { id: input.cart_id },
    })
    const ids = transform({ carts, input }, ({ carts, input }) =>
      sessionsToRelease(carts[0], new Date(input.refused_at))
    )
    const released = when({ ids }, ({ ids }) => ids.length > 0).then(() => deletePaymentSessionsStep({ ids }))
    releaseLockStep({ key: input.cart_id, ownerId: owner })
    const result = transform({ ids, released }, ({ ids, released }) => {
      const done: string[] = released ?? []
      return { released: done, kept: ids.filter((id) => !done.includes(id)) }
    })
    return new WorkflowResponse(result)
  }
)

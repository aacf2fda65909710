import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  authorizePaymentSessionStep,
  createPaymentSessionsWorkflow,
  releaseLockStep,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import { codCollectionToRenew } from "../../../lib/payments/cod-renewal"
import { COD_PROVIDER_ID } from "../../../lib/payments/held-funds"

export const renewCodPaymentWorkflowId = "renew-cod-payment"

/**
 * After the owner changes a cash-on-delivery order (an order edit, a return,
 * a claim or an exchange), Medusa re-does its payment collection: an
 * authorized payment is cancelled and a new collection, with no payment in
 * it, asks for what is still owed (createOrUpdateOrderPaymentCollectionWorkflow,
 * written for cards, which the shopper authorizes again). Cash is paid at the
 * door, so nobody will: the order would leave the owner's "Cash on delivery to
 * collect" with no payment to record. So that collection gets a cash on
 * delivery payment, authorized as at checkout, with Medusa's own steps
 * (createPaymentSessionsWorkflow, authorizePaymentSessionStep); the owner
 * records it as before. Nothing is done for an order not paid by cash on
 * delivery, a canceled one, or one whose collections all have a payment.
 * Under a lock of the order's renewal: two runs at once (two events of one
 * change, a job handed to a second worker) would each add a payment; the
 * second finds the first one's session and does nothing.
 */
export const renewCodPaymentWorkflow = createWorkflow(renewCodPaymentWorkflowId, (input: { order_id: string }) => {
  const key = transform({ input }, ({ input }) => `cod-renewal:${input.order_id}`)
  acquireLockStep({ key, timeout: 30, ttl: 60 })
  const { data: orders } = useQueryGraphStep({
    entity: "order",
    fields: [
      "id",
      "status",
      "payment_collections.id",
      "payment_collections.status",
      "payment_collections.amount",
      "payment_collections.payments.id",
      "payment_collections.payments.provider_id",
      "payment_collections.payment_sessions.id",
    ],
    filters: { id: input.order_id },
  })
  const collectionId = transform({ orders }, ({ orders }) => codCollectionToRenew(orders[0]))
  const renewed = when({ collectionId }, ({ collectionId }) => !!collectionId).then(() => {
    const session = createPaymentSessionsWorkflow.runAsStep({
      input: transform({ collectionId }, ({ collectionId }) => ({ payment_collection_id: collectionId!, provider_id: COD_PROVIDER_ID })),
    })
    return authorizePaymentSessionStep(transform({ session }, ({ session }) => ({ id: session.id, context: {} })))
  })
  releaseLockStep({ key })
  return new WorkflowResponse(transform({ renewed, collectionId }, ({ renewed, collectionId }) => ({
    payment_collection_id: collectionId,
    payment_id: renewed?.id ?? null,
  })))
})

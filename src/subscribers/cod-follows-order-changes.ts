import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, OrderEditWorkflowEvents, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { renewCodPaymentWorkflow } from "../workflows/cod-payment"

/**
 * An order change the owner confirmed (an edit, a return requested or
 * received, a claim, an exchange) after which Medusa re-did the order's
 * payment collection: a cash-on-delivery order gets its cash payment back on
 * the new collection (renewCodPaymentWorkflow), so it stays in the owner's
 * "Cash on delivery to collect".
 */
export default async function codFollowsOrderChanges({ event, container }: SubscriberArgs<{ order_id: string }>) {
  const { result } = await renewCodPaymentWorkflow(container).run({ input: { order_id: event.data.order_id } })
  if (result.payment_id) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .info(`Order ${event.data.order_id} changed: cash on delivery payment ${result.payment_id} now asks for what is owed`)
  }
}

export const config: SubscriberConfig = {
  event: [
    OrderEditWorkflowEvents.CONFIRMED,
    OrderWorkflowEvents.RETURN_REQUESTED,
    OrderWorkflowEvents.RETURN_RECEIVED,
    OrderWorkflowEvents.CLAIM_CREATED,
    OrderWorkflowEvents.EXCHANGE_CREATED,
  ],
}

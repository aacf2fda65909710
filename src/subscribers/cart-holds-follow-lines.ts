import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CHECKOUT_HOLD_MODULE } from "../modules/checkout-hold"
import type CheckoutHoldModuleService from "../modules/checkout-hold/service"
import { readCartStockNeeds } from "../lib/checkout-hold/cart-stock-needs"
import { INSUFFICIENT_INVENTORY } from "../lib/checkout-hold/errors"
import { holdsCoverNeeds } from "../lib/checkout-hold/hold-plan"
import { releaseCheckoutHoldWorkflow, reserveCheckoutHoldWorkflow } from "../workflows/checkout-hold"
import { firstWorkflowError } from "../lib/workflows/first-error"

/**
 * When a held cart's lines change, its holds follow: re-taken for the new lines
 * (re-checked under the lock), or released if the stock is no longer there.
 * Completion re-checks anyway; this keeps others' availability true meanwhile.
 */
export default async function cartHoldsFollowLines({ event, container }: SubscriberArgs<{ id: string }>) {
  const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
  const cartId = event.data.id
  const current = await holds.activeHoldsOfCart(cartId)
  if (!current.length) {
    return
  }
  const needs = await readCartStockNeeds(container, cartId)
  if (needs.completed || holdsCoverNeeds(current, needs)) {
    return
  }
  const { errors } = await reserveCheckoutHoldWorkflow(container).run({
    input: { cart_id: cartId },
    throwOnError: false,
  })
  const error = firstWorkflowError(errors)
  if (error) {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    if (error.type === INSUFFICIENT_INVENTORY) {
      await releaseCheckoutHoldWorkflow(container).run({ input: { cart_id: cartId } })
      logger.info(`Checkout holds of cart ${cartId} released: its new lines are not in stock`)
    } else {
      logger.warn(`Checkout holds of cart ${cartId} not refreshed: ${error.message}`)
    }
  }
}

export const config: SubscriberConfig = {
  event: "cart.updated",
}

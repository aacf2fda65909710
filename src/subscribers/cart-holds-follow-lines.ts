import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CHECKOUT_HOLD_MODULE } from "../modules/checkout-hold"
import type CheckoutHoldModuleService from "../modules/checkout-hold/service"
import { readCartStockNeeds } from "../lib/checkout-hold/cart-stock-needs"
import { holdsCoverNeeds, unitsWanted } from "../lib/checkout-hold/hold-plan"
import { reserveCheckoutHoldWorkflow, shrinkCheckoutHoldsWorkflow } from "../workflows/checkout-hold"
import { firstWorkflowError } from "../lib/workflows/first-error"

/**
 * When a held cart's lines change, its holds follow: re-taken for the new lines
 * (re-checked under the lock, with every cap). When that is refused (a line's
 * stock is gone, a cap, the lock busy), the cart keeps what it held of what it
 * still wants and lets go of the rest at once: a line removed or lowered never
 * stays held, and a line that cannot be held costs the others nothing.
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
    // The lines as they are now: the refresh may have waited seconds for the lock,
    // and a later change (and its own refresh) may have come meanwhile.
    const latest = await readCartStockNeeds(container, cartId)
    const { result } = await shrinkCheckoutHoldsWorkflow(container).run({
      input: { cart_id: cartId, wanted: unitsWanted(latest), location_ids: latest.location_ids },
    })
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(
        `Checkout holds of cart ${cartId} not refreshed: ${error.message}` +
          (result.changed.length ? `; ${result.changed.length} lowered or released to what its lines still want` : "")
      )
  }
}

export const config: SubscriberConfig = {
  event: "cart.updated",
}

import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CHECKOUT_HOLD_MODULE } from "../modules/checkout-hold"
import type CheckoutHoldModuleService from "../modules/checkout-hold/service"

/**
 * Every minute: marks active holds past their expiry as expired. Bookkeeping
 * only: an expired hold already stopped counting the moment it expired.
 */
export default async function expireCheckoutHolds(container: MedusaContainer) {
  const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
  const expired = await holds.expireHolds()
  if (expired) {
    container.resolve(ContainerRegistrationKeys.LOGGER).info(`Checkout holds: ${expired} expired`)
  }
}

export const config = {
  name: "expire-checkout-holds",
  schedule: "* * * * *",
}

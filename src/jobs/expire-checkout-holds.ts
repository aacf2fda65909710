import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { readShopEnv } from "../config/shop-env"
import { CHECKOUT_HOLD_MODULE } from "../modules/checkout-hold"
import type CheckoutHoldModuleService from "../modules/checkout-hold/service"

/**
 * Every minute (CHECKOUT_HOLD_EXPIRY_SCHEDULE): marks active holds past their
 * expiry as expired. Bookkeeping only: an expired hold already stopped counting
 * the moment it expired. Runs on workers only (MEDUSA_WORKER_MODE worker or
 * shared); each run logs one line, the heartbeat of the worker's scheduler.
 */
export default async function expireCheckoutHolds(container: MedusaContainer, context?: { scheduledFor?: Date }) {
  const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
  const expired = await holds.expireHolds()
  const tick = (context?.scheduledFor ?? new Date()).toISOString()
  container.resolve(ContainerRegistrationKeys.LOGGER).info(`Checkout holds: expiry run for ${tick}, ${expired} expired`)
}

export const config = {
  name: "expire-checkout-holds",
  schedule: readShopEnv().checkoutHoldExpirySchedule,
}

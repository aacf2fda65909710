import type { MedusaContainer } from "@medusajs/framework/types"
import { readShopEnv } from "../config/shop-env"
import { CHECKOUT_HOLD_MODULE } from "../modules/checkout-hold"
import type CheckoutHoldModuleService from "../modules/checkout-hold/service"

/**
 * Hourly: deletes holds that ended more than CHECKOUT_HOLD_HISTORY_DAYS ago
 * (default 30). Every hold, refresh and completion otherwise leaves its rows
 * for good; the checks read active rows only, the owner's list reads history.
 */
export default async function purgeEndedHolds(container: MedusaContainer) {
  const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
  await holds.purgeEndedHolds(readShopEnv().checkoutHoldHistoryDays)
}

export const config = {
  name: "purge-ended-checkout-holds",
  schedule: "30 * * * *",
}

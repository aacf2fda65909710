import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { readShopEnv } from "../config/shop-env"
import { CHECKOUT_HOLD_MODULE } from "../modules/checkout-hold"
import type CheckoutHoldModuleService from "../modules/checkout-hold/service"

/**
 * Every minute (CHECKOUT_HOLD_EXPIRY_SCHEDULE): marks active holds past their
 * expiry as expired. Bookkeeping only: an expired hold already stopped counting
 * the moment it expired. Also the repair of a completion whose hold conversion
 * failed after the order was placed: active holds of carts completed over
 * REPAIR_AFTER_COMPLETED_MS ago become converted. Runs on workers only (MEDUSA_WORKER_MODE worker or
 * shared); each run logs one line, the heartbeat of the worker's scheduler.
 */
export default async function expireCheckoutHolds(container: MedusaContainer, context?: { scheduledFor?: Date }) {
  const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
  const expired = await holds.expireHolds()
  const repaired = await convertHoldsOfCompletedCarts(container)
  const tick = (context?.scheduledFor ?? new Date()).toISOString()
  container
    .resolve(ContainerRegistrationKeys.LOGGER)
    .info(`Checkout holds: expiry run for ${tick}, ${expired} expired${repaired ? `, ${repaired} of completed carts converted` : ""}`)
}

export const config = {
  name: "expire-checkout-holds",
  schedule: readShopEnv().checkoutHoldExpirySchedule,
}

/**
 * How long a cart must have been completed before the repair converts its holds:
 * Medusa writes the cart's completed_at alongside its reservations, so a
 * completion still running may have the one without the others. Converted then,
 * its units would count neither as held nor as reserved for a moment.
 */
export const REPAIR_AFTER_COMPLETED_MS = 2 * 60_000

/**
 * Holds whose cart became an order (its conversion failed) a while ago:
 * converted now. Active ones, and claimed ones that expired meanwhile: a
 * completion's claim lasts max(CHECKOUT_HOLD_TTL_SECONDS, 120 s), so with a TTL
 * of 2 minutes or less the claim has expired (this job marks it so) before the
 * cart has been completed for REPAIR_AFTER_COMPLETED_MS.
 */
async function convertHoldsOfCompletedCarts(container: MedusaContainer): Promise<number> {
  const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
  const [active, expiredClaims] = await Promise.all([
    holds.listCheckoutHolds({ status: "active" }, { select: ["cart_id"], take: null }),
    holds.listCheckoutHolds({ status: "expired", completing_at: { $ne: null } }, { select: ["cart_id"], take: null }),
  ])
  const cartIds = [...new Set([...active, ...expiredClaims].map((h) => h.cart_id))]
  if (!cartIds.length) {
    return 0
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: ["id", "completed_at"], filters: { id: cartIds } })
  let converted = 0
  for (const cart of data) {
    if (cart.completed_at && new Date(cart.completed_at).getTime() < Date.now() - REPAIR_AFTER_COMPLETED_MS) {
      converted += (await holds.closeCartHolds(cart.id, "converted")).length
    }
  }
  return converted
}

import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { readShopEnv } from "../../config/shop-env"

/** Cash on delivery's payment provider (src/modules/cod-payment, registered with id "cod"). */
export const COD_PROVIDER_ID = "pp_cod_cod"
/**
 * Payment providers whose sessions never hold a shopper's money: Medusa's system
 * provider (manual payments) and the shop's cash on delivery. Every other
 * provider (Stripe today) may hold it: a card authorized, or charged, before
 * the cart is completed.
 */
const PROVIDERS_WITHOUT_FUNDS = ["pp_system_default", COD_PROVIDER_ID]

export function mayHoldFunds(providerId: string): boolean {
  return !PROVIDERS_WITHOUT_FUNDS.includes(providerId)
}

export type CartPaymentSessions = {
  completed_at?: unknown
  payment_collection?: {
    payment_sessions?: ({ id: string; provider_id: string; created_at?: Date | string | null } | null)[] | null
  } | null
}

/**
 * The sessions to release after a refusal at `refusedAt`: none once the cart is
 * completed; else those of providers that may hold funds, started before the
 * refusal (a session started since is the shopper's next try, and stays).
 */
export function sessionsToRelease(cart: CartPaymentSessions | undefined, refusedAt: Date): string[] {
  if (!cart || cart.completed_at) {
    return []
  }
  return (cart.payment_collection?.payment_sessions ?? [])
    .filter((s): s is NonNullable<typeof s> => !!s && mayHoldFunds(s.provider_id))
    .filter((s) => !s.created_at || new Date(s.created_at).getTime() <= refusedAt.getTime())
    .map((s) => s.id)
}

/** Whether any provider that may hold funds is configured (Stripe's keys set). */
export function fundHoldingProviderConfigured(env: { stripe?: unknown } = readShopEnv()): boolean {
  return Boolean(env.stripe)
}

/**
 * Emitted when the shop refused to complete a cart by its own rules: for stock
 * (409 insufficient_inventory, by the completion route or, for a completion a
 * payment webhook started, by completeCartWorkflow's validate hook), or by the
 * per-order limits or the delivery rules (checked again in that hook for every
 * completion). Its subscriber releases the payment the shopper may already
 * have made (releaseRefusedCartPaymentsWorkflow).
 */
export const CART_COMPLETION_REFUSED = "local-shop.cart_completion_refused"

/**
 * Announces a refused completion; nothing to do when no provider may hold funds.
 * Never throws: a failure is logged, and the refusal itself stands.
 */
export async function announceCompletionRefused(container: MedusaContainer, cartId: string) {
  if (!fundHoldingProviderConfigured()) {
    return
  }
  try {
    await container
      .resolve(Modules.EVENT_BUS)
      .emit({ name: CART_COMPLETION_REFUSED, data: { cart_id: cartId, refused_at: new Date().toISOString() } })
  } catch (e) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`Announcing the refused completion of cart ${cartId} failed: ${(e as Error).message}`)
  }
}

/** A refusal by the shop's own completion rules: a MedusaError saying the cart is not valid or not allowed (a 400). */
export function isRuleRefusal(e: unknown): boolean {
  return e instanceof MedusaError && (e.type === MedusaError.Types.INVALID_DATA || e.type === MedusaError.Types.NOT_ALLOWED)
}

/**
 * Runs a completion check (`check`): when it refuses the cart (`isRefusal`, by
 * default a refusal by the shop's rules), the refusal is announced, then thrown
 * as it was. Anything else (a database error, say) is thrown unannounced: the
 * shopper's retry may still pay with that card.
 */
export async function announcingRefusal(
  container: MedusaContainer,
  cartId: string,
  check: () => Promise<void>,
  isRefusal: (e: unknown) => boolean = isRuleRefusal
) {
  try {
    await check()
  } catch (e) {
    if (isRefusal(e)) {
      await announceCompletionRefused(container, cartId)
    }
    throw e
  }
}

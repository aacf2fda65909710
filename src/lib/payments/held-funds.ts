/**
 * Payment providers whose sessions never hold a shopper's money: Medusa's system
 * provider (manual payments) and the shop's cash on delivery. Every other
 * provider (Stripe today) may hold it: a card authorized, or charged, before
 * the storefront asks to complete the cart.
 */
const PROVIDERS_WITHOUT_FUNDS = ["pp_system_default", "pp_cod_cod"]

export function mayHoldFunds(providerId: string): boolean {
  return !PROVIDERS_WITHOUT_FUNDS.includes(providerId)
}

/** Whether any provider that may hold funds is configured (Stripe's keys set). */
export function fundHoldingProviderConfigured(env: { stripe?: unknown }): boolean {
  return Boolean(env.stripe)
}

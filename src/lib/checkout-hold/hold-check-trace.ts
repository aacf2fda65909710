import diagnosticsChannel from "diagnostics_channel"

/**
 * Node diagnostics channel on which every run of a completion's hold check is
 * published (for tracing tools and the tests; with no subscriber it costs
 * nothing). A completion checks other carts' holds exactly once: in
 * claimStockForCompletionStep when it came through completeCartWithHoldsWorkflow,
 * else in completeCartWorkflow's validate hook (a payment webhook, Medusa's route).
 */
export const HOLD_CHECK_CHANNEL = "checkout-hold.completion-check"

/** Where the check ran. */
export type HoldCheckSite = "claim-stock-for-completion" | "complete-cart-validate-hook"

export type HoldCheckRun = { cart_id: string; site: HoldCheckSite }

const channel = diagnosticsChannel.channel(HOLD_CHECK_CHANNEL)

/** Publishes one run of the hold check for a cart's completion. */
export function traceHoldCheck(run: HoldCheckRun) {
  if (channel.hasSubscribers) {
    channel.publish(run)
  }
}

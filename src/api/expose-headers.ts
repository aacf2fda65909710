import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/**
 * The shop's answer headers a storefront must be able to read: when to retry
 * (429, 409 checkout_busy and checkout_in_progress, 503), the rate limit left,
 * whether an answer is a replay of an Idempotency-Key's first one, and what
 * became of the stock hold a payment step takes (X-Checkout-Hold).
 */
export const SHOP_RESPONSE_HEADERS = [
  "Retry-After",
  "RateLimit-Limit",
  "RateLimit-Remaining",
  "RateLimit-Reset",
  "Idempotent-Replayed",
  "X-Checkout-Hold",
]

/**
 * CORS lets a browser script on another origin read only a few safelisted
 * headers, and Medusa's CORS options expose none: without this a browser
 * storefront (a Vite app on its own port, say) could not read Retry-After.
 * Mounted on /store and /auth before the rate limiter, so its 429s carry it too.
 */
export function exposeShopHeaders(_req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  res.setHeader("Access-Control-Expose-Headers", SHOP_RESPONSE_HEADERS.join(", "))
  next()
}

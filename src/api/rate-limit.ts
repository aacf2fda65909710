import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RATE_LIMIT_GROUP_NAMES, readRateLimits } from "../config/rate-limits"
import { clientIdentity } from "../lib/http/client-identity"
import { rateLimitGroupOf } from "../lib/http/rate-limit-groups"
import { createRequestLimiter, type RequestLimiter } from "../lib/http/request-limiter"
import { requestPath } from "../lib/http/request-path"

export const TOO_MANY_REQUESTS = "too_many_requests"

let limiter: RequestLimiter | undefined

/** One limiter per server process, made on the first request (config read then). */
function limiterFor(req: MedusaRequest): RequestLimiter {
  if (!limiter) {
    const logger: Logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
    limiter = createRequestLimiter(readRateLimits(process.env), logger)
  }
  return limiter
}

/**
 * Per-client rate limits on /store and /auth (README, Security): each request
 * counts against its route group (rate-limit-groups.ts) for its client (the
 * logged-in customer, else the IP). Every limited answer carries
 * RateLimit-Limit / -Remaining / -Reset; over the limit: 429 with Retry-After,
 * before any other work is done.
 */
export async function rateLimitRequests(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const group = rateLimitGroupOf(req.method, requestPath(req.originalUrl))
  if (!group) {
    return next()
  }
  const decision = await limiterFor(req).consume(group, clientIdentity(req).key)
  res.setHeader("RateLimit-Limit", String(decision.limit))
  res.setHeader("RateLimit-Remaining", String(decision.remaining))
  res.setHeader("RateLimit-Reset", String(decision.resetSeconds))
  if (!decision.allowed) {
    res.setHeader("Retry-After", String(decision.resetSeconds))
    res.status(429).json({
      type: TOO_MANY_REQUESTS,
      message:
        `Too many ${RATE_LIMIT_GROUP_NAMES[group]} from this client: ${decision.limit} per minute. ` +
        `Try again in ${decision.resetSeconds} s.`,
      retry_after: decision.resetSeconds,
    })
    return
  }
  next()
}

/**
 * Counts one request of the checkout group (`RATE_LIMIT_CHECKOUT_PER_MINUTE`)
 * for work that does a checkout's write on another route's request (the hold a
 * payment step takes); says whether it may go on. Sets no header: the
 * request's own group answered for it.
 */
export async function consumeCheckoutAllowance(req: MedusaRequest): Promise<boolean> {
  return (await limiterFor(req).consume("checkout", clientIdentity(req).key)).allowed
}

import type { RateLimitGroup } from "../../config/rate-limits"

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"])
/** /store/carts/:id/hold (take, release) and /store/carts/:id/complete. */
const CHECKOUT = /^\/store\/carts\/[^/]+\/(hold|complete)\/?$/
const CART_WRITE = /^\/store\/(carts|payment-collections)(\/|$)/

/**
 * Which limit a request counts against (each request against exactly one), or
 * null for requests that are not limited (preflights, admin routes, files).
 * Express matches routes whatever the case of the path (`/AUTH/user/emailpass`
 * reaches the sign-in route), so the path's case is ignored here too.
 */
export function rateLimitGroupOf(method: string, requestPath: string): RateLimitGroup | null {
  const verb = method.toUpperCase()
  if (verb === "OPTIONS") {
    return null
  }
  const path = requestPath.toLowerCase()
  if (path === "/auth" || path.startsWith("/auth/")) {
    return "auth"
  }
  if (path !== "/store" && !path.startsWith("/store/")) {
    return null
  }
  if (CHECKOUT.test(path)) {
    return "checkout"
  }
  if (WRITES.has(verb) && CART_WRITE.test(path)) {
    return "cart_writes"
  }
  return "store"
}

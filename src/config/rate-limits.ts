/**
 * Request limits per client and route group, read from the environment.
 *
 * A client is the logged-in customer, else the client IP behind the proxy
 * (src/lib/http/client-identity.ts). Every variable is in `.env.template`.
 */
export const RATE_LIMIT_GROUPS = ["auth", "checkout", "cart_writes", "store"] as const
export type RateLimitGroup = (typeof RATE_LIMIT_GROUPS)[number]

/** Requests per client per minute when the environment says nothing. */
export const RATE_LIMIT_DEFAULTS: Readonly<Record<RateLimitGroup, number>> = {
  auth: 10,
  checkout: 20,
  cart_writes: 60,
  store: 600,
}

export const RATE_LIMIT_ENV: Readonly<Record<RateLimitGroup, string>> = {
  auth: "RATE_LIMIT_AUTH_PER_MINUTE",
  checkout: "RATE_LIMIT_CHECKOUT_PER_MINUTE",
  cart_writes: "RATE_LIMIT_CART_WRITES_PER_MINUTE",
  store: "RATE_LIMIT_STORE_PER_MINUTE",
}

/** What each group covers, for log lines and 429 messages. */
export const RATE_LIMIT_GROUP_NAMES: Readonly<Record<RateLimitGroup, string>> = {
  auth: "sign-in and sign-up",
  checkout: "checkout holds and completions",
  cart_writes: "cart changes",
  store: "store requests",
}

export type RateLimits = {
  /** Requests allowed per client per minute, by group. */
  perMinute: Record<RateLimitGroup, number>
  /**
   * Redis holding the counters, shared by every server (RATE_LIMIT_REDIS_URL,
   * else REDIS_URL). Unset: each process counts in its own memory.
   */
  redisUrl?: string
}

type Env = Record<string, string | undefined>

function wholePerMinute(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim()
  if (!raw) {
    return fallback
  }
  const n = Number(raw)
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new Error(`${name} must be a whole number of requests per minute, 1 or more (got "${raw}")`)
  }
  return n
}

export function readRateLimits(env: Env): RateLimits {
  const perMinute = { ...RATE_LIMIT_DEFAULTS }
  for (const group of RATE_LIMIT_GROUPS) {
    perMinute[group] = wholePerMinute(env, RATE_LIMIT_ENV[group], RATE_LIMIT_DEFAULTS[group])
  }
  const redisUrl = env.RATE_LIMIT_REDIS_URL?.trim() || env.REDIS_URL?.trim() || undefined
  return { perMinute, redisUrl }
}

import Redis from "ioredis"
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible"
import { RATE_LIMIT_GROUPS, type RateLimitGroup, type RateLimits } from "../../config/rate-limits"

/** Counters run over fixed one-minute windows that start at a client's first request. */
export const WINDOW_SECONDS = 60
/** Longest wait for Redis's answer to one count before the memory stand-in answers instead. */
export const COMMAND_TIMEOUT_MS = 500
/** At most one "Redis is down" warning per this many milliseconds. */
const OUTAGE_LOG_EVERY_MS = 60_000

export type LimitDecision = {
  allowed: boolean
  /** Requests allowed in the window. */
  limit: number
  /** Requests left in the window after this one. */
  remaining: number
  /** Seconds until the window ends (the counter starts again). */
  resetSeconds: number
}

export type RequestLimiter = {
  /** Counts one request of `client` in `group` and says whether it may go on. */
  consume(group: RateLimitGroup, client: string): Promise<LimitDecision>
  /** Where the counters live right now. */
  store(): "redis" | "memory"
  close(): void
}

type Log = { warn(message: string): void; info(message: string): void }

/**
 * The in-process limiter that stands in while Redis does not answer: limits
 * stay enforced (per server instead of shared), and the outage is logged.
 */
class MemoryStandIn extends RateLimiterMemory {
  constructor(
    options: ConstructorParameters<typeof RateLimiterMemory>[0],
    private readonly onUse: () => void
  ) {
    super(options)
  }

  consume(key: string | number, points?: number, options?: Record<string, unknown>): Promise<RateLimiterRes> {
    this.onUse()
    return super.consume(key, points, options)
  }
}

function decisionOf(res: RateLimiterRes, limit: number, allowed: boolean): LimitDecision {
  return {
    allowed,
    limit,
    remaining: Math.max(0, res.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  }
}

/**
 * One limiter per route group, built on rate-limiter-flexible: counters in
 * Redis when a URL is configured (shared by every server), with an in-memory
 * insurance limiter taking over while Redis is unreachable; in memory
 * otherwise.
 */
export function createRequestLimiter(limits: RateLimits, log: Log): RequestLimiter {
  let redis: Redis | undefined
  let everReady = false
  let inOutage = false
  let lastOutageLog = 0

  // Logged when an outage starts, then at most once a minute while it lasts.
  const noteOutage = (reason: string) => {
    const now = Date.now()
    if (!inOutage || now - lastOutageLog >= OUTAGE_LOG_EVERY_MS) {
      lastOutageLog = now
      log.warn(
        `Rate limits: the Redis in RATE_LIMIT_REDIS_URL/REDIS_URL does not answer (${reason}); ` +
          "counting requests in this server's memory until it is back"
      )
    }
    inOutage = true
  }

  if (limits.redisUrl) {
    redis = new Redis(limits.redisUrl, {
      // Fail fast instead of queueing while Redis is away: the memory stand-in answers.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      // A Redis that is connected but does not answer (frozen, overloaded, a
      // network that drops packets) keeps the connection "ready": without a
      // bound every request would wait on it. Timed out, the stand-in answers.
      commandTimeout: COMMAND_TIMEOUT_MS,
    })
    redis.on("error", (e: Error) => noteOutage(e.message))
    redis.on("ready", () => {
      everReady = true
      noteBack()
    })
  }

  // Logged once when Redis counts again: on reconnecting, or (a Redis that froze
  // without closing the connection) on the first count it answers after an outage.
  const noteBack = () => {
    if (inOutage) {
      inOutage = false
      log.info("Rate limits: Redis answers again; counters are shared by every server")
    }
  }

  // The stand-in also answers while the first connection is being made at boot:
  // not an outage. After that, using it means Redis is away.
  let standInCounts = 0
  const standInUsed = () => {
    standInCounts++
    if (everReady) {
      noteOutage(`connection ${redis?.status ?? "closed"}`)
    }
  }

  const limiters = new Map<RateLimitGroup, RateLimiterAbstract>()
  for (const group of RATE_LIMIT_GROUPS) {
    const options = { points: limits.perMinute[group], duration: WINDOW_SECONDS, keyPrefix: `local-shop:rl:${group}` }
    limiters.set(
      group,
      redis
        ? new RateLimiterRedis({
            ...options,
            storeClient: redis,
            rejectIfRedisNotReady: true,
            insuranceLimiter: new MemoryStandIn(options, standInUsed),
          })
        : new RateLimiterMemory(options)
    )
  }

  return {
    async consume(group, client) {
      const limiter = limiters.get(group)!
      const limit = limits.perMinute[group]
      const standInBefore = standInCounts
      const answeredByRedis = () => {
        if (inOutage && standInCounts === standInBefore && redis?.status === "ready") {
          noteBack()
        }
      }
      try {
        const res = await limiter.consume(client)
        answeredByRedis()
        return decisionOf(res, limit, true)
      } catch (e) {
        if (e instanceof RateLimiterRes) {
          answeredByRedis()
          return decisionOf(e, limit, false)
        }
        // Only reachable without an insurance limiter, which every store has.
        throw e
      }
    },
    store() {
      return redis && redis.status === "ready" ? "redis" : "memory"
    },
    close() {
      redis?.disconnect()
    },
  }
}

/**
 * The shop's configuration, read once from the environment.
 *
 * Every variable listed here is documented in `.env.template`. medusa-config.ts
 * is the only caller of readShopEnv in the running app (the rate-limit middleware
 * reads its own part through rate-limits.ts); tests call it with a plain object.
 */
import { randomBytes } from "crypto"
import { readCheckoutGate, readCheckoutHoldCaps, type CheckoutGateSettings, type CheckoutHoldCaps } from "./checkout-holds"
import { readRateLimits, type RateLimits } from "./rate-limits"

export type WorkerMode = "shared" | "server" | "worker"

export type ShopEnv = {
  nodeEnv: string
  databaseUrl?: string
  redisUrl?: string
  workerMode: WorkerMode
  adminDisabled: boolean
  /** Public URL of this backend (MEDUSA_BACKEND_URL, default http://localhost:$PORT). */
  backendUrl: string
  /**
   * The backend URL Medusa Admin calls: MEDUSA_BACKEND_URL only when set. Unset,
   * Admin calls its own origin, which is right wherever the backend serves it
   * (a localhost default would be baked into a production build by `npm run build`).
   */
  adminBackendUrl?: string
  /** S3-compatible storage for uploaded files, used only when S3_BUCKET is set. */
  s3?: S3Env
  /** Lifetime of a checkout hold, in seconds (CHECKOUT_HOLD_TTL_SECONDS, default 900). */
  checkoutHoldTtlSeconds: number
  /** Cron of the hold-expiry job (CHECKOUT_HOLD_EXPIRY_SCHEDULE, default every minute; 6 fields for seconds). */
  checkoutHoldExpirySchedule: string
  /** Days ended holds are kept before the hourly purge deletes them (CHECKOUT_HOLD_HISTORY_DAYS, default 30). */
  checkoutHoldHistoryDays: number
  /** Caps on what one shopper may hold (src/config/checkout-holds.ts). */
  checkoutHoldCaps: CheckoutHoldCaps
  /**
   * HOLD_AT_PAYMENT_STEP (on, default; or off): a payment session created for a
   * cart also holds its stock (src/api/store/payment-collections), for
   * storefronts that never call POST /store/carts/:id/hold themselves.
   */
  checkoutHoldAtPaymentStep: boolean
  checkoutGate: CheckoutGateSettings
  /** The Store API response cache (src/lib/store-cache). */
  storeCache: StoreCacheEnv
  /** Switches for measurements only; never set in production. */
  diagnostics: { medusaCartCompletion: boolean }
  /** Stripe, registered only when STRIPE_API_KEY is set. */
  stripe?: { apiKey: string; webhookSecret: string; capture: boolean }
  /** The shop's time zone: when its days start, for the owner's dashboard (SHOP_TIME_ZONE, default Asia/Kolkata). */
  shopTimeZone: string
  /** Requests per client per minute, by route group (src/config/rate-limits.ts). */
  rateLimits: RateLimits
  http: {
    storeCors: string
    adminCors: string
    authCors: string
    jwtSecret: string
    cookieSecret: string
  }
}

export type StoreCacheEnv = {
  /** STORE_CACHE=off turns the response cache off (answers carry X-Cache: bypass). */
  enabled: boolean
  /** Safety-net lifetime of a cached answer; changes clear it at once (STORE_CACHE_TTL_SECONDS, 600). */
  ttlSeconds: number
  /** What a CDN may keep an anonymous answer: s-maxage and stale-while-revalidate, in seconds. */
  cdnMaxAgeSeconds: number
  cdnStaleSeconds: number
  /** With Redis: how long each process keeps its own copy of an answer, in ms (STORE_CACHE_LOCAL_MS, 200; 0: none). */
  localMs: number
}

export type S3Env = {
  bucket: string
  region: string
  endpoint?: string
  accessKeyId: string
  secretAccessKey: string
  /** Public base URL of the bucket's files (S3_FILE_URL). */
  fileUrl: string
  /** Path-style addressing (http://host/bucket/key), needed by most non-AWS stores. */
  forcePathStyle: boolean
  prefix?: string
}

/**
 * Secrets that were ever public (this project's old development default and
 * Medusa's own): a token signed with one of them is forgeable by anyone.
 */
const PUBLIC_SECRETS = new Set(["local-shop-dev-secret", "supersecret"])
const DEFAULT_CORS = "http://localhost:8000,http://localhost:5173,http://localhost:9000"

type Env = Record<string, string | undefined>

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim()
  return value ? value : undefined
}

/**
 * Signed sessions and tokens with a well-known secret are forgeable, so there is
 * no fixed fallback: production refuses to start without a real secret, and any
 * other mode without one gets a random secret for this process (logins then end
 * when it restarts; `npm run dev` keeps its own in .local-shop/dev-secrets.json).
 */
function secret(env: Env, name: string, nodeEnv: string): string {
  const value = optional(env, name)
  if (nodeEnv === "production") {
    if (!value) {
      throw new Error(`${name} must be set when NODE_ENV=production (for example: openssl rand -hex 32)`)
    }
    if (PUBLIC_SECRETS.has(value)) {
      throw new Error(`${name} is a publicly known value; set a random one (for example: openssl rand -hex 32)`)
    }
  }
  return value ?? randomBytes(32).toString("hex")
}

/** The URL with its password hidden, for error messages. */
function withoutPassword(raw: string): string {
  try {
    const url = new URL(raw)
    if (url.password) {
      url.password = "***"
    }
    return url.toString()
  } catch {
    return raw.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@")
  }
}

/** A URL variable checked at start-up, naming the variable and the expected shape. */
function urlOf(env: Env, name: string, protocols: string[], example: string): string | undefined {
  const value = optional(env, name)
  if (value === undefined) {
    return undefined
  }
  let protocol: string | undefined
  try {
    protocol = new URL(value).protocol
  } catch {
    protocol = undefined
  }
  if (!protocol || !protocols.includes(protocol)) {
    throw new Error(`${name} must be a URL like ${example} (got "${withoutPassword(value)}")`)
  }
  return value
}

function workerMode(env: Env): WorkerMode {
  const value = optional(env, "MEDUSA_WORKER_MODE") ?? "shared"
  if (value !== "shared" && value !== "server" && value !== "worker") {
    throw new Error(
      `MEDUSA_WORKER_MODE must be one of shared, server, worker (got "${value}")`
    )
  }
  return value
}

function wholeSeconds(env: Env, name: string, fallback: number, min: 0 | 1, max?: { value: number; words: string }): number {
  const value = optional(env, name)
  if (value === undefined) {
    return fallback
  }
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < min || (max && n > max.value)) {
    const what = max
      ? `whole number of seconds, ${min} to ${max.value} (${max.words})`
      : min === 0
        ? "whole number of seconds (0 or more)"
        : "positive whole number of seconds"
    throw new Error(`${name} must be a ${what} (got "${value}")`)
  }
  return n
}

function positiveInt(env: Env, name: string, fallback: number): number {
  return wholeSeconds(env, name, fallback, 1)
}

function cron(env: Env, name: string, fallback: string): string {
  const value = optional(env, name) ?? fallback
  const fields = value.split(/\s+/)
  if (fields.length < 5 || fields.length > 6 || !fields.every((f) => /^[\d*/,-]+$/.test(f))) {
    throw new Error(`${name} must be a cron expression of 5 or 6 fields, e.g. "* * * * *" (got "${value}")`)
  }
  return value
}

function localMs(env: Env): number {
  const value = optional(env, "STORE_CACHE_LOCAL_MS")
  if (value === undefined) {
    return 200
  }
  const n = Number(value)
  // A copy older than a second would break "a change is seen on every server within 1 s".
  if (!Number.isInteger(n) || n < 0 || n > 1000) {
    throw new Error(`STORE_CACHE_LOCAL_MS must be a whole number of milliseconds from 0 to 1000 (got "${value}")`)
  }
  return n
}

/** A switch written `on` or `off`; unset: `fallback`. */
function onOff(env: Env, name: string, fallback: boolean): boolean {
  const mode = optional(env, name)
  if (mode === undefined) {
    return fallback
  }
  if (mode !== "on" && mode !== "off") {
    throw new Error(`${name} must be on or off (got "${mode}")`)
  }
  return mode === "on"
}

function storeCache(env: Env): StoreCacheEnv {
  return {
    enabled: onOff(env, "STORE_CACHE", true),
    ttlSeconds: positiveInt(env, "STORE_CACHE_TTL_SECONDS", 600),
    cdnMaxAgeSeconds: wholeSeconds(env, "STORE_CACHE_CDN_MAX_AGE", 1, 0),
    cdnStaleSeconds: wholeSeconds(env, "STORE_CACHE_CDN_STALE", 5, 0),
    localMs: localMs(env),
  }
}

function s3(env: Env): ShopEnv["s3"] {
  const bucket = optional(env, "S3_BUCKET")
  if (!bucket) {
    return undefined
  }
  // A half-configured bucket would fail on the first upload, long after start-up:
  // name every missing variable now.
  const required = ["S3_FILE_URL", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const
  const missing = required.filter((name) => !optional(env, name))
  if (missing.length) {
    throw new Error(`${missing.join(", ")} must be set when S3_BUCKET is set`)
  }
  return {
    bucket,
    region: optional(env, "S3_REGION") ?? "us-east-1",
    endpoint: optional(env, "S3_ENDPOINT"),
    accessKeyId: optional(env, "S3_ACCESS_KEY_ID")!,
    secretAccessKey: optional(env, "S3_SECRET_ACCESS_KEY")!,
    fileUrl: optional(env, "S3_FILE_URL")!.replace(/\/+$/, ""),
    forcePathStyle: optional(env, "S3_FORCE_PATH_STYLE") === "true",
    prefix: optional(env, "S3_PREFIX"),
  }
}

function timeZone(env: Env): string {
  const value = optional(env, "SHOP_TIME_ZONE") ?? "Asia/Kolkata"
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value })
  } catch {
    throw new Error(`SHOP_TIME_ZONE must be an IANA time zone such as Asia/Kolkata (got "${value}")`)
  }
  return value
}

function backendUrl(env: Env): string {
  const explicit = optional(env, "MEDUSA_BACKEND_URL")
  if (explicit) {
    return explicit.replace(/\/+$/, "")
  }
  return `http://localhost:${optional(env, "PORT") ?? "9000"}`
}

function stripe(env: Env): ShopEnv["stripe"] {
  const apiKey = optional(env, "STRIPE_API_KEY")
  if (!apiKey) {
    return undefined
  }
  const webhookSecret = optional(env, "STRIPE_WEBHOOK_SECRET")
  // Without the signing secret no webhook could be verified, and Stripe payments
  // would never be confirmed: refuse a half-configured Stripe.
  if (!webhookSecret) {
    throw new Error("STRIPE_WEBHOOK_SECRET must be set when STRIPE_API_KEY is set")
  }
  return { apiKey, webhookSecret, capture: optional(env, "STRIPE_CAPTURE") === "true" }
}

/** What refuseUnsharedRoles needs to know of the process (tests pass their own). */
export type ProcessFacts = {
  /** The process's command line (`medusa start`, and the child of `medusa develop`, have "start" as their command). */
  argv: string[]
  /** A process forked by a cluster (`medusa start --cluster`, or a process manager's cluster mode). */
  clusterWorker: boolean
}

/**
 * Refuses to start a server (MEDUSA_WORKER_MODE=server) or a worker without
 * REDIS_URL. A server runs no subscribers or jobs: they run on the worker,
 * which hears the servers' events only through Redis; a worker without Redis
 * hears nothing. Without Redis each would also lock, cache and limit rates on
 * its own, so a server missing REDIS_URL beside others that have it would not
 * share their stock lock. Several processes without Redis run as "shared"
 * (each its own worker; locks in PostgreSQL). Only `start` is refused: Medusa's
 * own commands (db:migrate, exec, user) set server mode in their process, and a
 * build needs no Redis. A process forked by a cluster is not refused but told
 * (stderr): its primary would fork a new one for each that exits, forever.
 * Returns the message when it was only told.
 */
export function refuseUnsharedRoles(env: ShopEnv, proc: ProcessFacts): string | null {
  if (env.redisUrl || env.workerMode === "shared" || !proc.argv.slice(2).includes("start")) {
    return null
  }
  const message = `MEDUSA_WORKER_MODE=${env.workerMode} needs REDIS_URL: events, jobs, locks and the cache are shared between processes through Redis (set REDIS_URL, or run one process with MEDUSA_WORKER_MODE=shared)`
  if (proc.clusterWorker) {
    console.error(`[local-shop] ${message}`)
    return message
  }
  throw new Error(message)
}

export function readShopEnv(env: Env = process.env): ShopEnv {
  const nodeEnv = optional(env, "NODE_ENV") ?? "development"
  const mode = workerMode(env)
  // MEDUSA_WORKER_MODE=server without REDIS_URL is not refused here: Medusa's own
  // commands (db:migrate, exec, user) set it in their process. `medusa start` in a
  // role without Redis is refused by refuseUnsharedRoles (medusa-config.ts).
  const redisUrl = urlOf(env, "REDIS_URL", ["redis:", "rediss:"], "redis://host:6379")
  return {
    nodeEnv,
    databaseUrl: urlOf(env, "DATABASE_URL", ["postgres:", "postgresql:"], "postgres://user:password@host:5432/database"),
    redisUrl,
    workerMode: mode,
    // A worker serves no HTTP routes: it never serves the admin either.
    adminDisabled: optional(env, "DISABLE_MEDUSA_ADMIN") === "true" || mode === "worker",
    backendUrl: backendUrl(env),
    adminBackendUrl: optional(env, "MEDUSA_BACKEND_URL") ? backendUrl(env) : undefined,
    s3: s3(env),
    // At most a day: a hold never outlives the hold lifetime cap anyway (a week at most).
    checkoutHoldTtlSeconds: wholeSeconds(env, "CHECKOUT_HOLD_TTL_SECONDS", 15 * 60, 1, { value: 24 * 60 * 60, words: "a day" }),
    checkoutHoldExpirySchedule: cron(env, "CHECKOUT_HOLD_EXPIRY_SCHEDULE", "* * * * *"),
    checkoutHoldHistoryDays: positiveInt(env, "CHECKOUT_HOLD_HISTORY_DAYS", 30),
    checkoutHoldCaps: readCheckoutHoldCaps(env),
    checkoutHoldAtPaymentStep: onOff(env, "HOLD_AT_PAYMENT_STEP", true),
    // Read again where the gate is built (src/lib/checkout-hold/checkout-gate.ts):
    // read here, a bad value stops the start with its name, like every other variable.
    checkoutGate: readCheckoutGate(env),
    storeCache: storeCache(env),
    diagnostics: {
      medusaCartCompletion: optional(env, "DIAGNOSTIC_MEDUSA_CART_COMPLETION") === "true",
    },
    stripe: stripe(env),
    shopTimeZone: timeZone(env),
    rateLimits: readRateLimits({
      ...env,
      RATE_LIMIT_REDIS_URL: urlOf(env, "RATE_LIMIT_REDIS_URL", ["redis:", "rediss:"], "redis://host:6379"),
    }),
    http: {
      storeCors: optional(env, "STORE_CORS") ?? DEFAULT_CORS,
      adminCors: optional(env, "ADMIN_CORS") ?? DEFAULT_CORS,
      authCors: optional(env, "AUTH_CORS") ?? DEFAULT_CORS,
      jwtSecret: secret(env, "JWT_SECRET", nodeEnv),
      cookieSecret: secret(env, "COOKIE_SECRET", nodeEnv),
    },
  }
}

/** The demo owner's login, printed in the README: never a production password. */
const DEMO_OWNER = { email: "owner@localshop.test", password: "localshop-owner" }

/**
 * The owner's Medusa Admin login the seed creates (SHOP_OWNER_EMAIL /
 * SHOP_OWNER_PASSWORD; the demo login by default). With NODE_ENV=production
 * the password must be set, and not to the demo one. Read by the seed only, so
 * a server starts without it.
 */
export function readOwnerLogin(env: Env = process.env): { email: string; password: string } {
  const password = optional(env, "SHOP_OWNER_PASSWORD")
  if ((optional(env, "NODE_ENV") ?? "development") === "production" && (!password || password === DEMO_OWNER.password)) {
    throw new Error(
      "SHOP_OWNER_PASSWORD must be set when NODE_ENV=production, and not to the demo password: it is the owner's Admin login the seed creates"
    )
  }
  return { email: optional(env, "SHOP_OWNER_EMAIL") ?? DEMO_OWNER.email, password: password ?? DEMO_OWNER.password }
}

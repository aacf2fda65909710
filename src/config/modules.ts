import type { ShopEnv } from "./shop-env"

/** A module entry as medusa-config's `modules` list takes it. */
export type ModuleEntry = {
  resolve: string
  key?: string
  options?: Record<string, unknown>
}

export const LOCKING_PROVIDER_IDS = {
  postgres: "locking-postgres",
  postgresExclusive: "locking-postgres-exclusive",
  redis: "locking-redis",
} as const

/**
 * How a waiter for a Redis lock retries (options the Redis provider reads):
 * every 20 ms at first, never less often than every 50 ms. The provider's own
 * default backs off to once a second, so in a rush a server whose waiter has
 * backed off loses every hand-over of the stock lock to the server holding it
 * (measured: one server claimed 19 of 20 units while the other's waiter slept,
 * and wrote 19 orders alone). A process has at most one waiter per stock lock
 * (src/lib/checkout-hold/stock-lock.ts), so polling costs a few commands.
 */
export const REDIS_LOCK_RETRY = { defaultRetryInterval: 20, maximumRetryInterval: 50, backoffFactor: 2 } as const

/**
 * The Locking Module's default provider: Redis when REDIS_URL is set (shared by
 * every server; a waiter polls for the lock), else the shop's PostgreSQL one.
 */
export function defaultLockingProvider(env: Pick<ShopEnv, "redisUrl">) {
  return env.redisUrl ? LOCKING_PROVIDER_IDS.redis : LOCKING_PROVIDER_IDS.postgresExclusive
}

/**
 * The Locking Module, always with a distributed provider as the default.
 *
 * Medusa's built-in in-memory provider only serializes within one process: two
 * servers on one database oversell (measured: 20 carts for 5 units gave up to 9
 * orders). So there is no branch here that leaves the in-memory default in place.
 */
export function lockingModule(env: Pick<ShopEnv, "redisUrl">): ModuleEntry {
  const redis = defaultLockingProvider(env) === LOCKING_PROVIDER_IDS.redis
  const providers = redis
    ? [
        {
          // Medusa's locking-redis, with several keys taken in order (src/modules/locking-redis-ordered).
          resolve: "./src/modules/locking-redis-ordered",
          id: LOCKING_PROVIDER_IDS.redis,
          is_default: true,
          options: { redisUrl: env.redisUrl, ...REDIS_LOCK_RETRY },
        },
      ]
    : [
        // Medusa's provider for its `locking` table (migrations); ours, the
        // default, is the same with unowned locks made exclusive
        // (src/modules/locking-postgres-exclusive).
        { resolve: "@medusajs/medusa/locking-postgres", id: LOCKING_PROVIDER_IDS.postgres },
        {
          resolve: "./src/modules/locking-postgres-exclusive",
          id: LOCKING_PROVIDER_IDS.postgresExclusive,
          is_default: true,
        },
      ]
  return {
    resolve: "@medusajs/medusa/locking",
    options: { providers },
  }
}

/** Redis-backed infrastructure, used only when REDIS_URL is set. */
function redisModules(redisUrl: string): ModuleEntry[] {
  return [
    {
      resolve: "@medusajs/medusa/event-bus-redis",
      options: { redisUrl },
    },
    {
      resolve: "@medusajs/medusa/workflow-engine-redis",
      options: { redis: { redisUrl } },
    },
  ]
}

export const CACHING_PROVIDER_IDS = {
  memory: "cache-memory",
  redis: "caching-redis",
} as const

/**
 * Medusa's in-memory provider: bounded by its memory budget (300 MB by default,
 * entries past it are skipped with a warning), not by node-cache's 25,000 keys,
 * past which every write throws (ECACHEFULL): a crawler minting odd query
 * strings would turn the cache off.
 */
const IN_MEMORY_CACHE = { enable: true, maxKeys: -1 }

/**
 * Medusa's Caching Module, in every mode (with the `caching` feature flag set in
 * medusa-config.ts): the in-memory provider in one process without Redis, the
 * Redis provider shared by every server when REDIS_URL is set. Medusa's own
 * cached queries and the Store API response cache (src/lib/store-cache) use it;
 * Medusa clears its entries by tag on every module event.
 */
export function cachingModule(env: Pick<ShopEnv, "redisUrl">): ModuleEntry {
  if (!env.redisUrl) {
    return { resolve: "@medusajs/medusa/caching", options: { in_memory: IN_MEMORY_CACHE } }
  }
  return {
    resolve: "@medusajs/medusa/caching",
    options: {
      // Also the in-memory provider (not the default): each server's short-lived
      // copy of the store's answers in front of Redis (STORE_CACHE_LOCAL_MS).
      in_memory: IN_MEMORY_CACHE,
      providers: [
        {
          resolve: "@medusajs/medusa/caching-redis",
          id: CACHING_PROVIDER_IDS.redis,
          is_default: true,
          options: { redisUrl: env.redisUrl },
        },
      ],
    },
  }
}

/**
 * Payments: cash on delivery always (`pp_cod_cod`), Stripe (`pp_stripe_stripe`)
 * only when its keys are set. Medusa's system provider stays available.
 */
export function paymentModule(env: Pick<ShopEnv, "stripe">): ModuleEntry {
  const providers: Record<string, unknown>[] = [{ resolve: "./src/modules/cod-payment", id: "cod" }]
  if (env.stripe) {
    providers.push({
      resolve: "@medusajs/medusa/payment-stripe",
      id: "stripe",
      options: {
        apiKey: env.stripe.apiKey,
        webhookSecret: env.stripe.webhookSecret,
        capture: env.stripe.capture,
      },
    })
  }
  return { resolve: "@medusajs/medusa/payment", options: { providers } }
}

/**
 * Files (product images): any S3-compatible bucket when S3_BUCKET is set, with
 * browser uploads going straight to it through presigned URLs; otherwise
 * Medusa's local provider, whose URLs are built from the shop's public URL
 * (its own default is http://localhost:9000/static whatever the port).
 */
export function fileModule(env: Pick<ShopEnv, "backendUrl" | "s3">): ModuleEntry {
  const provider = env.s3
    ? {
        resolve: "@medusajs/medusa/file-s3",
        id: "s3",
        options: {
          file_url: env.s3.fileUrl,
          bucket: env.s3.bucket,
          region: env.s3.region,
          endpoint: env.s3.endpoint,
          access_key_id: env.s3.accessKeyId,
          secret_access_key: env.s3.secretAccessKey,
          prefix: env.s3.prefix,
          additional_client_config: {
            forcePathStyle: env.s3.forcePathStyle,
            // Without this the AWS SDK signs a CRC32 of the empty body into every
            // presigned PUT URL, and S3 refuses the browser's upload of the real file.
            requestChecksumCalculation: "WHEN_REQUIRED",
          },
        },
      }
    : {
        resolve: "@medusajs/medusa/file-local",
        id: "local",
        options: { backend_url: `${env.backendUrl}/static` },
      }
  return { resolve: "@medusajs/medusa/file", options: { providers: [provider] } }
}

/**
 * The public URL of a stored file, as the configured provider serves it: the
 * bucket's public URL (S3_FILE_URL) plus the key, or this server's /static.
 * Used to attach a photo uploaded straight to the bucket, whose presigned URL
 * is not the URL it is served from.
 */
export function publicFileUrl(env: Pick<ShopEnv, "backendUrl" | "s3">, key: string): string {
  const path = key.split("/").map(encodeURIComponent).join("/")
  return env.s3 ? `${env.s3.fileUrl}/${path}` : `${env.backendUrl}/static/${path}`
}

/** The shop's own modules (src/modules). */
export function shopOwnModules(env: Pick<ShopEnv, "checkoutHoldTtlSeconds" | "checkoutHoldCaps">): ModuleEntry[] {
  return [
    { resolve: "./src/modules/snack-profile" },
    { resolve: "./src/modules/art-profile" },
    {
      resolve: "./src/modules/checkout-hold",
      options: { ttl_seconds: env.checkoutHoldTtlSeconds, caps: env.checkoutHoldCaps },
    },
    { resolve: "./src/modules/idempotency", options: { ttl_hours: 24 } },
  ]
}

export function shopModules(env: ShopEnv): ModuleEntry[] {
  return [
    ...shopOwnModules(env),
    paymentModule(env),
    fileModule(env),
    lockingModule(env),
    cachingModule(env),
    ...(env.redisUrl ? redisModules(env.redisUrl) : []),
  ]
}

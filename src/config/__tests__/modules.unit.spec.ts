import { CHECKOUT_GATE_DEFAULTS, CHECKOUT_HOLD_CAP_DEFAULTS } from "../checkout-holds"
import { CACHING_PROVIDER_IDS, LOCKING_PROVIDER_IDS, lockingModule, publicFileUrl, REDIS_LOCK_RETRY, shopModules } from "../modules"
import { readShopEnv, refuseUnsharedRoles } from "../shop-env"

type Provider = { resolve: string; id: string; is_default?: boolean; options?: Record<string, unknown> }

function providersOf(entry: { options?: Record<string, unknown> }): Provider[] {
  return (entry.options?.providers ?? []) as Provider[]
}

describe("locking configuration", () => {
  it("uses PostgreSQL locks as the default provider when no Redis is configured (the shop's exclusive one, beside Medusa's for its table)", () => {
    const providers = providersOf(lockingModule({ redisUrl: undefined }))
    expect(providers).toEqual([
      { resolve: "@medusajs/medusa/locking-postgres", id: LOCKING_PROVIDER_IDS.postgres },
      expect.objectContaining({
        resolve: "./src/modules/locking-postgres-exclusive",
        id: LOCKING_PROVIDER_IDS.postgresExclusive,
        is_default: true,
      }),
    ])
  })

  it("uses Redis locks as the default provider when REDIS_URL is set", () => {
    const providers = providersOf(lockingModule({ redisUrl: "redis://127.0.0.1:6379" }))
    expect(providers).toEqual([
      expect.objectContaining({
        resolve: "./src/modules/locking-redis-ordered",
        id: LOCKING_PROVIDER_IDS.redis,
        is_default: true,
        options: { redisUrl: "redis://127.0.0.1:6379", ...REDIS_LOCK_RETRY },
      }),
    ])
  })

  it("retries a Redis lock at least every 50 ms: the installed provider reads the options", () => {
    const { RedisLockingProvider } = jest.requireActual<{
      RedisLockingProvider: new (deps: unknown, options: unknown) => Record<string, unknown>
    }>("@medusajs/locking-redis/dist/services/redis-lock")
    const provider = new RedisLockingProvider({ redisClient: { defineCommand: () => undefined } }, REDIS_LOCK_RETRY)
    expect(provider).toMatchObject({ defaultRetryInterval: 20, maximumRetryInterval: 50, backoffFactor: 2 })
    const defaults = new RedisLockingProvider({ redisClient: { defineCommand: () => undefined } }, {})
    expect(defaults.maximumRetryInterval).toBeGreaterThan(REDIS_LOCK_RETRY.maximumRetryInterval)
  })

  it.each([
    ["no Redis", {}],
    ["Redis", { REDIS_URL: "redis://127.0.0.1:6379" }],
    ["production", { NODE_ENV: "production", JWT_SECRET: "a", COOKIE_SECRET: "b" }],
  ])("never leaves the in-memory locking default in place (%s)", (_label, vars) => {
    const modules = shopModules(readShopEnv(vars))
    const locking = modules.filter((m) => m.resolve === "@medusajs/medusa/locking")
    expect(locking).toHaveLength(1)
    const defaults = providersOf(locking[0]).filter((p) => p.is_default)
    expect(defaults).toHaveLength(1)
    expect(defaults[0].resolve).not.toMatch(/in-memory|inmemory/)
    expect(defaults[0].resolve).toMatch(/locking-(postgres|redis|postgres-exclusive|redis-ordered)$/)
  })

  it("adds the Redis event bus and workflow engine only when REDIS_URL is set", () => {
    const without = shopModules(readShopEnv({})).map((m) => m.resolve)
    const withRedis = shopModules(readShopEnv({ REDIS_URL: "redis://127.0.0.1:6379" })).map(
      (m) => m.resolve
    )
    expect(without).not.toEqual(
      expect.arrayContaining(["@medusajs/medusa/event-bus-redis"])
    )
    expect(without).toContain("@medusajs/medusa/locking")
    expect(withRedis).toEqual(
      expect.arrayContaining([
        "@medusajs/medusa/event-bus-redis",
        "@medusajs/medusa/workflow-engine-redis",
        "@medusajs/medusa/caching",
      ])
    )
  })
})

describe("caching configuration", () => {
  const caching = (vars: Record<string, string>) =>
    shopModules(readShopEnv(vars)).filter((m) => m.resolve === "@medusajs/medusa/caching")

  it("registers Medusa's Caching Module with its in-memory provider when there is no Redis", () => {
    const entries = caching({})
    expect(entries).toHaveLength(1)
    expect(entries[0].options).toEqual({ in_memory: { enable: true, maxKeys: -1 } })
  })

  it("registers the Redis caching provider as the default when REDIS_URL is set", () => {
    const entries = caching({ REDIS_URL: "redis://127.0.0.1:6379/3" })
    expect(entries).toHaveLength(1)
    // The in-memory provider is there too, but Redis is the default every server shares.
    expect(entries[0].options?.in_memory).toEqual({ enable: true, maxKeys: -1 })
    expect(providersOf(entries[0])).toEqual([
      {
        resolve: "@medusajs/medusa/caching-redis",
        id: CACHING_PROVIDER_IDS.redis,
        is_default: true,
        options: { redisUrl: "redis://127.0.0.1:6379/3" },
      },
    ])
  })

  it("reads the store cache switch and its lifetimes, refusing anything but on or off", () => {
    expect(readShopEnv({}).storeCache).toEqual({ enabled: true, ttlSeconds: 600, cdnMaxAgeSeconds: 1, cdnStaleSeconds: 5, localMs: 200 })
    expect(() => readShopEnv({ STORE_CACHE_LOCAL_MS: "5000" })).toThrow(
      'STORE_CACHE_LOCAL_MS must be a whole number of milliseconds from 0 to 1000 (got "5000")'
    )
    expect(readShopEnv({ STORE_CACHE: "off" }).storeCache.enabled).toBe(false)
    expect(() => readShopEnv({ STORE_CACHE: "false" })).toThrow('STORE_CACHE must be on or off (got "false")')
    expect(readShopEnv({ STORE_CACHE_CDN_MAX_AGE: "0" }).storeCache.cdnMaxAgeSeconds).toBe(0)
    expect(() => readShopEnv({ STORE_CACHE_TTL_SECONDS: "0" })).toThrow(
      'STORE_CACHE_TTL_SECONDS must be a positive whole number of seconds (got "0")'
    )
  })
})

describe("hold expiry schedule", () => {
  it("runs every minute by default, takes a 6-field cron, and names a bad one", () => {
    expect(readShopEnv({}).checkoutHoldExpirySchedule).toBe("* * * * *")
    expect(readShopEnv({ CHECKOUT_HOLD_EXPIRY_SCHEDULE: "*/5 * * * * *" }).checkoutHoldExpirySchedule).toBe("*/5 * * * * *")
    expect(() => readShopEnv({ CHECKOUT_HOLD_EXPIRY_SCHEDULE: "every minute" })).toThrow(
      'CHECKOUT_HOLD_EXPIRY_SCHEDULE must be a cron expression of 5 or 6 fields, e.g. "* * * * *" (got "every minute")'
    )
  })
})

describe("worker mode", () => {
  const REDIS_URL = "redis://127.0.0.1:6379/3"
  it("never serves the admin from a worker", () => {
    expect(readShopEnv({ MEDUSA_WORKER_MODE: "worker", REDIS_URL }).adminDisabled).toBe(true)
    expect(readShopEnv({ MEDUSA_WORKER_MODE: "server", REDIS_URL }).adminDisabled).toBe(false)
    expect(readShopEnv({ MEDUSA_WORKER_MODE: "server", REDIS_URL, DISABLE_MEDUSA_ADMIN: "true" }).adminDisabled).toBe(true)
  })

  it("reads server mode without Redis: Medusa's own commands (db:migrate, exec) set it in their process", () => {
    expect(readShopEnv({ MEDUSA_WORKER_MODE: "server" }).workerMode).toBe("server")
    expect(() => refuseUnsharedRoles(readShopEnv({ MEDUSA_WORKER_MODE: "server" }), { argv: ["node", "medusa", "db:migrate"], clusterWorker: false })).not.toThrow()
    expect(() => refuseUnsharedRoles(readShopEnv({ MEDUSA_WORKER_MODE: "server" }), { argv: ["node", "medusa", "exec", "./start.ts"], clusterWorker: false })).not.toThrow()
  })

  it("refuses to start a server or a worker without Redis, which they share events, jobs and locks through", () => {
    const start = { argv: ["node", "medusa", "start"], clusterWorker: false }
    expect(() => refuseUnsharedRoles(readShopEnv({ MEDUSA_WORKER_MODE: "server" }), start)).toThrow(
      "MEDUSA_WORKER_MODE=server needs REDIS_URL"
    )
    expect(() => refuseUnsharedRoles(readShopEnv({ MEDUSA_WORKER_MODE: "worker" }), start)).toThrow(
      "MEDUSA_WORKER_MODE=worker needs REDIS_URL"
    )
    // With Redis every role starts; without it one shared process (or several, locking in PostgreSQL).
    for (const mode of ["server", "worker", "shared"]) {
      expect(refuseUnsharedRoles(readShopEnv({ MEDUSA_WORKER_MODE: mode, REDIS_URL }), start)).toBeNull()
    }
    expect(refuseUnsharedRoles(readShopEnv({}), start)).toBeNull()
    // A build of a worker's image needs no Redis.
    expect(refuseUnsharedRoles(readShopEnv({ MEDUSA_WORKER_MODE: "worker" }), { ...start, argv: ["node", "medusa", "build"] })).toBeNull()
  })

  it("only tells a cluster's forked process (its primary would fork another for each that exits)", () => {
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined)
    try {
      const forked = { argv: ["node", "medusa", "start", "--cluster"], clusterWorker: true }
      expect(refuseUnsharedRoles(readShopEnv({ MEDUSA_WORKER_MODE: "worker" }), forked)).toContain("MEDUSA_WORKER_MODE=worker needs REDIS_URL")
      expect(error).toHaveBeenCalledWith(expect.stringContaining("MEDUSA_WORKER_MODE=worker needs REDIS_URL"))
    } finally {
      error.mockRestore()
    }
  })
})

describe("payment configuration", () => {
  const providerIds = (vars: Record<string, string>) =>
    providersOf(shopModules(readShopEnv(vars)).find((m) => m.resolve === "@medusajs/medusa/payment")!).map((p) => p.id)

  it("always offers cash on delivery, and Stripe only when its keys are set", () => {
    expect(providerIds({})).toEqual(["cod"])
    expect(providerIds({ STRIPE_API_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" })).toEqual(["cod", "stripe"])
  })

  it("refuses Stripe without its webhook signing secret", () => {
    expect(() => readShopEnv({ STRIPE_API_KEY: "sk_test_x" })).toThrow(
      "STRIPE_WEBHOOK_SECRET must be set when STRIPE_API_KEY is set"
    )
  })
})

describe("shop environment", () => {
  it("refuses to run in production without real secrets", () => {
    expect(() => readShopEnv({ NODE_ENV: "production" })).toThrow(
      "JWT_SECRET must be set when NODE_ENV=production"
    )
    expect(() => readShopEnv({ NODE_ENV: "production", JWT_SECRET: "x" })).toThrow(
      "COOKIE_SECRET must be set when NODE_ENV=production"
    )
  })

  it("lets Medusa Admin call its own origin unless MEDUSA_BACKEND_URL is set (no localhost baked into a build)", () => {
    expect(readShopEnv({ PORT: "9100" }).adminBackendUrl).toBeUndefined()
    // Locally stored files still need an absolute address.
    expect(readShopEnv({ PORT: "9100" }).backendUrl).toBe("http://localhost:9100")
    expect(readShopEnv({ MEDUSA_BACKEND_URL: "https://shop.example.in/" }).adminBackendUrl).toBe("https://shop.example.in")
  })

  it("rejects an unknown worker mode by name", () => {
    expect(() => readShopEnv({ MEDUSA_WORKER_MODE: "both" })).toThrow(
      'MEDUSA_WORKER_MODE must be one of shared, server, worker (got "both")'
    )
  })

  it("reads the checkout hold lifetime and passes it to the checkout-hold module", () => {
    const env = readShopEnv({ CHECKOUT_HOLD_TTL_SECONDS: "2" })
    expect(env.checkoutHoldTtlSeconds).toBe(2)
    expect(readShopEnv({}).checkoutHoldTtlSeconds).toBe(900)
    const hold = shopModules(env).find((m) => m.resolve === "./src/modules/checkout-hold")
    expect(hold?.options).toEqual({ ttl_seconds: 2, caps: CHECKOUT_HOLD_CAP_DEFAULTS })
    expect(() => readShopEnv({ CHECKOUT_HOLD_TTL_SECONDS: "-5" })).toThrow(
      'CHECKOUT_HOLD_TTL_SECONDS must be a whole number of seconds, 1 to 86400 (a day) (got "-5")'
    )
    // A hold's end must be a date: 1e300 seconds is a whole number, but no date.
    expect(() => readShopEnv({ CHECKOUT_HOLD_TTL_SECONDS: "1e300" })).toThrow("CHECKOUT_HOLD_TTL_SECONDS must be a whole number of seconds, 1 to 86400")
    expect(readShopEnv({ CHECKOUT_HOLD_TTL_SECONDS: "86400" }).checkoutHoldTtlSeconds).toBe(86400)
  })

  it("checks the checkout gate's variables at start, by name, with the rest", () => {
    expect(readShopEnv({}).checkoutGate).toEqual(CHECKOUT_GATE_DEFAULTS)
    expect(() => readShopEnv({ CHECKOUT_QUEUE_WAIT_SECONDS: "soon" })).toThrow(
      'CHECKOUT_QUEUE_WAIT_SECONDS must be a whole number, 1 to 86400 (a day) (got "soon")'
    )
  })

  it("treats blank variables as unset", () => {
    const env = readShopEnv({ REDIS_URL: "  ", DATABASE_URL: "" })
    expect(env.redisUrl).toBeUndefined()
    expect(env.databaseUrl).toBeUndefined()
    expect(env.workerMode).toBe("shared")
  })
})

describe("file configuration", () => {
  const fileProvider = (vars: Record<string, string>) =>
    providersOf(shopModules(readShopEnv(vars)).find((m) => m.resolve === "@medusajs/medusa/file")!)

  it("serves local files from the shop's public URL, following PORT when none is given", () => {
    expect(fileProvider({})[0]).toMatchObject({
      resolve: "@medusajs/medusa/file-local",
      options: { backend_url: "http://localhost:9000/static" },
    })
    expect(fileProvider({ PORT: "9100" })[0].options).toEqual({ backend_url: "http://localhost:9100/static" })
    expect(fileProvider({ PORT: "9100", MEDUSA_BACKEND_URL: "https://shop.example.in/" })[0].options).toEqual({
      backend_url: "https://shop.example.in/static",
    })
  })

  it("uses an S3-compatible bucket when S3_BUCKET is set, and names what is missing", () => {
    const s3 = {
      S3_BUCKET: "shop",
      S3_FILE_URL: "http://127.0.0.1:4569/shop/",
      S3_ACCESS_KEY_ID: "key",
      S3_SECRET_ACCESS_KEY: "secret",
      S3_ENDPOINT: "http://127.0.0.1:4569",
      S3_FORCE_PATH_STYLE: "true",
    }
    expect(fileProvider(s3)).toEqual([
      expect.objectContaining({
        resolve: "@medusajs/medusa/file-s3",
        options: expect.objectContaining({
          bucket: "shop",
          file_url: "http://127.0.0.1:4569/shop",
          endpoint: "http://127.0.0.1:4569",
          // presigned PUTs without a checksum of an empty body, which S3 would refuse
          additional_client_config: { forcePathStyle: true, requestChecksumCalculation: "WHEN_REQUIRED" },
        }),
      }),
    ])
    expect(() => readShopEnv({ S3_BUCKET: "shop" })).toThrow(
      "S3_FILE_URL, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY must be set when S3_BUCKET is set"
    )
  })

  it("builds a stored file's public URL as its provider serves it", () => {
    const s3 = readShopEnv({
      S3_BUCKET: "shop",
      S3_FILE_URL: "http://127.0.0.1:4569/shop/",
      S3_ACCESS_KEY_ID: "key",
      S3_SECRET_ACCESS_KEY: "secret",
    })
    expect(publicFileUrl(s3, "products/01JD.jpg")).toBe("http://127.0.0.1:4569/shop/products/01JD.jpg")
    expect(publicFileUrl(readShopEnv({ PORT: "9100" }), "1732-my photo.png")).toBe(
      "http://localhost:9100/static/1732-my%20photo.png"
    )
  })
})

describe("shop time zone", () => {
  it("is Asia/Kolkata unless SHOP_TIME_ZONE names another IANA zone, and refuses a made-up one", () => {
    expect(readShopEnv({}).shopTimeZone).toBe("Asia/Kolkata")
    expect(readShopEnv({ SHOP_TIME_ZONE: "Europe/Berlin" }).shopTimeZone).toBe("Europe/Berlin")
    expect(() => readShopEnv({ SHOP_TIME_ZONE: "Mars/Olympus" })).toThrow(
      'SHOP_TIME_ZONE must be an IANA time zone such as Asia/Kolkata (got "Mars/Olympus")'
    )
  })
})

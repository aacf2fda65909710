import { RATE_LIMIT_DEFAULTS, readRateLimits } from "../rate-limits"
import { readOwnerLogin, readShopEnv } from "../shop-env"

describe("rate limit configuration", () => {
  it("defaults to 10/min for sign-in, 20 for hold and complete, 60 for cart writes, 600 for other store routes, in memory", () => {
    expect(readRateLimits({})).toEqual({
      perMinute: { auth: 10, checkout: 20, cart_writes: 60, store: 600 },
      redisUrl: undefined,
    })
    expect(RATE_LIMIT_DEFAULTS).toEqual({ auth: 10, checkout: 20, cart_writes: 60, store: 600 })
  })

  it("takes each limit from its variable, and counts in RATE_LIMIT_REDIS_URL, else REDIS_URL", () => {
    const limits = readRateLimits({
      RATE_LIMIT_AUTH_PER_MINUTE: "5",
      RATE_LIMIT_CHECKOUT_PER_MINUTE: "40",
      RATE_LIMIT_CART_WRITES_PER_MINUTE: "120",
      RATE_LIMIT_STORE_PER_MINUTE: " 1200 ",
      REDIS_URL: "redis://shared:6379",
    })
    expect(limits).toEqual({ perMinute: { auth: 5, checkout: 40, cart_writes: 120, store: 1200 }, redisUrl: "redis://shared:6379" })
    expect(readRateLimits({ REDIS_URL: "redis://a:6379", RATE_LIMIT_REDIS_URL: "redis://b:6379" }).redisUrl).toBe("redis://b:6379")
  })

  it.each(["0", "-1", "1.5", "ten", "1e400"])("refuses %s as a limit, naming the variable", (value) => {
    expect(() => readRateLimits({ RATE_LIMIT_CHECKOUT_PER_MINUTE: value })).toThrow(
      /RATE_LIMIT_CHECKOUT_PER_MINUTE must be a whole number of requests per minute/
    )
  })

  it("is part of the shop's configuration, checked at start-up", () => {
    expect(readShopEnv({ RATE_LIMIT_AUTH_PER_MINUTE: "3" }).rateLimits.perMinute.auth).toBe(3)
    expect(() => readShopEnv({ RATE_LIMIT_STORE_PER_MINUTE: "lots" })).toThrow(/RATE_LIMIT_STORE_PER_MINUTE/)
    expect(() => readShopEnv({ RATE_LIMIT_REDIS_URL: "localhost:6379" })).toThrow(/RATE_LIMIT_REDIS_URL must be a URL like redis:/)
  })
})

describe("signing secrets", () => {
  it("are never a fixed value outside production: a random one per process when unset", () => {
    const a = readShopEnv({}).http
    const b = readShopEnv({}).http
    expect(a.jwtSecret).toMatch(/^[0-9a-f]{64}$/)
    expect(a.cookieSecret).toMatch(/^[0-9a-f]{64}$/)
    expect(a.jwtSecret).not.toBe(b.jwtSecret)
    expect(a.jwtSecret).not.toBe(a.cookieSecret)
    expect(["local-shop-dev-secret", "supersecret"]).not.toContain(a.jwtSecret)
  })

  it("come from JWT_SECRET and COOKIE_SECRET when set", () => {
    const { http } = readShopEnv({ JWT_SECRET: "j".repeat(40), COOKIE_SECRET: "c".repeat(40) })
    expect(http).toMatchObject({ jwtSecret: "j".repeat(40), cookieSecret: "c".repeat(40) })
  })

  it("are required in production, and publicly known values are refused", () => {
    expect(() => readShopEnv({ NODE_ENV: "production", COOKIE_SECRET: "x".repeat(40) })).toThrow(
      /JWT_SECRET must be set when NODE_ENV=production/
    )
    expect(() => readShopEnv({ NODE_ENV: "production", JWT_SECRET: "x".repeat(40) })).toThrow(/COOKIE_SECRET must be set/)
    for (const known of ["supersecret", "local-shop-dev-secret"]) {
      expect(() => readShopEnv({ NODE_ENV: "production", JWT_SECRET: known, COOKIE_SECRET: "x".repeat(40) })).toThrow(
        /JWT_SECRET is a publicly known value/
      )
    }
  })
})

describe("the owner's login the seed creates", () => {
  it("is the demo login outside production, or the one set", () => {
    expect(readOwnerLogin({})).toEqual({ email: "owner@localshop.test", password: "localshop-owner" })
    expect(readOwnerLogin({ SHOP_OWNER_EMAIL: "me@shop.in", SHOP_OWNER_PASSWORD: "p".repeat(20) })).toEqual({
      email: "me@shop.in",
      password: "p".repeat(20),
    })
  })

  it("in production needs SHOP_OWNER_PASSWORD, and not the demo one; a server starts without it", () => {
    expect(() => readOwnerLogin({ NODE_ENV: "production" })).toThrow(/SHOP_OWNER_PASSWORD must be set when NODE_ENV=production/)
    expect(() => readOwnerLogin({ NODE_ENV: "production", SHOP_OWNER_PASSWORD: "localshop-owner" })).toThrow(/not to the demo password/)
    expect(readOwnerLogin({ NODE_ENV: "production", SHOP_OWNER_PASSWORD: "a-long-owner-password" }).password).toBe("a-long-owner-password")
    expect(() => readShopEnv({ NODE_ENV: "production", JWT_SECRET: "j".repeat(40), COOKIE_SECRET: "c".repeat(40) })).not.toThrow()
  })
})

describe("service URLs", () => {
  it.each([
    ["DATABASE_URL", "localhost:5432/shop", /DATABASE_URL must be a URL like postgres:\/\/user:password@host:5432\/database/],
    ["DATABASE_URL", "mysql://root@db/shop", /DATABASE_URL must be a URL like postgres:/],
    ["REDIS_URL", "127.0.0.1:6379", /REDIS_URL must be a URL like redis:\/\/host:6379/],
    ["REDIS_URL", "http://cache:6379", /REDIS_URL must be a URL like redis:/],
  ])("refuse %s=%s at start-up, naming the variable and the expected shape", (name, value, message) => {
    expect(() => readShopEnv({ [name]: value })).toThrow(message)
  })

  it("never print a password in that message", () => {
    expect(() => readShopEnv({ DATABASE_URL: "mysql://shop:hunter2@db/shop" })).toThrow(/shop:\*\*\*@db/)
    expect(() => readShopEnv({ DATABASE_URL: "mysql://shop:hunter2@db/shop" })).not.toThrow(/hunter2/)
  })

  it("accept postgres://, postgresql://, redis:// and rediss://", () => {
    expect(readShopEnv({ DATABASE_URL: "postgresql://u:p@db:5432/shop", REDIS_URL: "rediss://cache:6380" })).toMatchObject({
      databaseUrl: "postgresql://u:p@db:5432/shop",
      redisUrl: "rediss://cache:6380",
    })
  })
})

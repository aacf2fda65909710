import { execFileSync, spawn, type ChildProcess } from "child_process"
import http from "http"
import { createHmac } from "crypto"
import Redis from "ioredis"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { shopTestRunner } from "../helpers/shop-runner"
import { RATE_LIMIT_ENV } from "../../src/config/rate-limits"
import type { SeedDemoShopResult } from "../../src/scripts/demo-shop/seed-demo-shop"
import { failing } from "../helpers/admin-client"
import { inBatches, outcome, readyCart } from "../helpers/checkout"
import { inventoryItemOf, pgOf } from "../helpers/stock-census"
import { waitFor } from "../helpers/wait-for"
import { OWNER, seedShop, storeHeaders, variantBySku, type TestApi } from "../helpers/store-client"

jest.setTimeout(300_000)

// This file's app runs with the real default limits (setup.js raises them for
// every other test file). Each test speaks as its own clients, told apart by
// X-Forwarded-For (Medusa trusts one proxy), so no test eats another's budget.
for (const name of Object.values(RATE_LIMIT_ENV)) {
  delete process.env[name]
}

/**
 * A throwaway Redis for the rate limiter alone, so that it can be stopped in the
 * middle of a test (never the machine's shared Redis). Needs `redis-server` on
 * PATH (Debian: apt-get install redis-server); without it the limits are
 * tested in memory and the outage test is not registered.
 */
function redisServerPath(): string | undefined {
  try {
    return execFileSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).trim() || undefined
  } catch {
    return undefined
  }
}
function freePortNow(): number {
  const script = "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim())
}
const REDIS_SERVER = redisServerPath()
const redisPort = REDIS_SERVER ? freePortNow() : undefined
delete process.env.REDIS_URL
if (redisPort) {
  process.env.RATE_LIMIT_REDIS_URL = `redis://127.0.0.1:${redisPort}`
} else {
  delete process.env.RATE_LIMIT_REDIS_URL
  console.warn("redis-server is not on PATH: rate limits are tested in memory only, the Redis outage test is not run")
}

let redisProcess: ChildProcess | undefined
async function startRedis() {
  redisProcess = spawn(REDIS_SERVER!, ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  })
  const probe = new Redis(redisPort!, "127.0.0.1", { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 })
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      await probe.connect()
      await probe.ping()
      probe.disconnect()
      return
    } catch (e) {
      probe.disconnect()
      if (Date.now() > deadline) {
        throw e
      }
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}
async function stopRedis() {
  const child = redisProcess
  redisProcess = undefined
  if (!child || child.exitCode !== null) {
    return
  }
  const exited = new Promise((r) => child.once("exit", r))
  child.kill("SIGTERM")
  await exited
}
afterAll(stopRedis)

/** An HS256 JWT signed with `secret`, as anyone who knows the secret could make one. */
function signJwt(payload: Record<string, unknown>, secret: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")
  const unsigned = `${part({ alg: "HS256", typ: "JWT" })}.${part(payload)}`
  return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`
}

shopTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const client = api as TestApi
    let shop: SeedDemoShopResult

    let nextAddress = 0
    /** A new client address (documentation ranges, one per call). */
    const newClient = () => {
      nextAddress++
      return `198.51.${100 + Math.floor(nextAddress / 250)}.${(nextAddress % 250) + 1}`
    }
    /** The test client, speaking from `ip` (and as `token`'s customer or user, when given). */
    const via = (ip: string, token?: string): TestApi => {
      const withIp = (config: Record<string, any> = {}) => ({
        ...config,
        headers: {
          ...(config.headers ?? {}),
          "x-forwarded-for": ip,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      })
      return {
        get: (url, config) => client.get(url, withIp(config)),
        post: (url, body, config) => client.post(url, body, withIp(config)),
        delete: (url, config) => client.delete(url, withIp(config)),
      }
    }
    const store = () => storeHeaders(shop.publishable_key)
    const EXPIRES_RULE = "expires_before must be an ISO date or date-time with its offset between 1970-01-01 and 9999-12-31"
    const count = async (sql: string, bindings: unknown[] = []) =>
      Number((await pgOf(getContainer()).raw(sql, bindings)).rows[0].n)
    const carts = () => count("select count(*)::int as n from cart where deleted_at is null")
    const orders = () => count('select count(*)::int as n from "order" where deleted_at is null')
    const adminToken = async () => (await via(newClient()).post("/auth/user/emailpass", OWNER)).data.token as string

    beforeAll(async () => {
      shop = await seedShop(getContainer())
    })

    describe("rate limits (real defaults)", () => {
      let redis: Redis | undefined
      const counter = async (group: string, ip: string) => redis?.get(`local-shop:rl:${group}:ip:${ip}`)
      /** Whether a new client's store request gets counted in Redis within a minute. */
      const countsInRedis = () =>
        waitFor(
          async () => {
            const ip = newClient()
            await via(ip).get("/store/regions?fields=id", store())
            return Boolean(await counter("store", ip))
          },
          (counted) => counted,
          { within: 60_000, every: 200 }
        )

      beforeAll(async () => {
        if (!REDIS_SERVER) {
          return
        }
        await startRedis()
        redis = new Redis(redisPort!, "127.0.0.1", { maxRetriesPerRequest: 1 })
        // The limiter connects on the first request; wait until it counts in Redis.
        expect(await countsInRedis()).toBe(true)
      })
      afterAll(() => redis?.disconnect())

      /** The call's status and rate-limit headers (axios lower-cases header names). */
      const completeWithHeaders = async (ip: string, cartId: string, token?: string, query = "") => {
        try {
          const res = await via(ip, token).post(`/store/carts/${cartId}/complete${query}`, {}, store())
          return { status: res.status as number, headers: res.headers as Record<string, string>, data: res.data }
        } catch (e: any) {
          if (!e?.response) {
            throw e
          }
          return { status: e.response.status as number, headers: e.response.headers as Record<string, string>, data: e.response.data }
        }
      }
      /**
       * A /complete call that passes the limiter and then fails validation at once:
       * the limited calls of a test must fit in one minute even on a loaded machine.
       */
      const QUICK = "?no_such_param=1"

      it("25 /complete calls in a minute from one client: 20 pass, 5 get 429 with Retry-After and RateLimit-* and write nothing; a second client and a signed-in customer are unaffected", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "BAR-PBP-SINGLEBAR")
        const line = [{ variant_id: variant.id, quantity: 1 }]
        const [first, ...refusedCarts] = await inBatches(6, 3, () => readyCart(via(newClient()), shop, line))
        const secondClientCart = await readyCart(via(newClient()), shop, line)

        const shopper = newClient()
        const ordersBefore = await orders()
        // The first call completes a cart; 19 more follow at once (they pass the limiter,
        // then fail validation, which keeps the minute short).
        const placed = await completeWithHeaders(shopper, first)
        expect(placed.status).toBe(200)
        expect(placed.data.type).toBe("order")
        const passed = [
          placed,
          ...(await Promise.all(Array.from({ length: 19 }, () => completeWithHeaders(shopper, first, undefined, QUICK)))),
        ]
        expect(passed.map((r) => r.status)).not.toContain(429)
        expect(passed.map((r) => Number(r.headers["ratelimit-remaining"])).sort((a, b) => b - a)).toEqual(
          Array.from({ length: 20 }, (_, i) => 19 - i)
        )
        expect(passed.every((r) => r.headers["ratelimit-limit"] === "20")).toBe(true)

        const refused = []
        for (const cartId of refusedCarts) {
          refused.push(await completeWithHeaders(shopper, cartId))
        }
        for (const r of refused) {
          expect(r.status).toBe(429)
          expect(r.data).toMatchObject({ type: "too_many_requests" })
          expect(r.data.message).toContain("20 per minute")
          const retryAfter = Number(r.headers["retry-after"])
          expect(retryAfter).toBeGreaterThanOrEqual(1)
          expect(retryAfter).toBeLessThanOrEqual(60)
          expect(r.headers["ratelimit-limit"]).toBe("20")
          expect(r.headers["ratelimit-remaining"]).toBe("0")
          expect(Number(r.headers["ratelimit-reset"])).toBe(retryAfter)
        }
        // A browser storefront on another origin may read them (CORS shows only safelisted headers).
        const fromBrowser = await via(shopper)
          .post(`/store/carts/${refusedCarts[0]}/complete`, {}, { headers: { ...store().headers, origin: "http://localhost:8000" } })
          .catch((e: { response: { status: number; headers: Record<string, string> } }) => e.response)
        expect([fromBrowser.status, fromBrowser.headers["access-control-allow-origin"]]).toEqual([429, "http://localhost:8000"])
        expect(fromBrowser.headers["access-control-expose-headers"]?.split(", ")).toEqual(
          expect.arrayContaining(["Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Idempotent-Replayed"])
        )
        // The refused calls wrote nothing: one order in all (the first cart's), the others untouched.
        expect(await orders()).toBe(ordersBefore + 1)
        expect(
          await count("select count(*)::int as n from cart where id = any(?) and completed_at is not null", [refusedCarts])
        ).toBe(0)

        // Another client, at the same moment, is not affected.
        const other = await completeWithHeaders(newClient(), secondClientCart)
        expect(other.status).toBe(200)
        expect(other.data.type).toBe("order")
        expect(other.headers["ratelimit-remaining"]).toBe("19")

        // A signed-in customer is counted as themselves, even from the limited address.
        const email = `limits-${Date.now()}@example.in`
        const signUp = via(newClient())
        const registration = await signUp.post("/auth/customer/emailpass/register", { email, password: "a-long-password" })
        await via(newClient(), registration.data.token).post("/store/customers", { email, first_name: "Asha" }, store())
        const login = await signUp.post("/auth/customer/emailpass", { email, password: "a-long-password" })
        const customerCart = await via(shopper, login.data.token).post("/store/carts", { region_id: shop.region_id }, store())
        const asCustomer = await completeWithHeaders(shopper, customerCart.data.cart.id, login.data.token)
        expect(asCustomer.status).not.toBe(429)
        expect(asCustomer.headers["ratelimit-remaining"]).toBe("19")

        if (redis) {
          // The counters live in Redis, shared by every server: 26 counted for this client
          // (20 passed, 5 refused, and the browser's).
          expect(await counter("checkout", shopper)).toBe("26")
        }
      })

      if (REDIS_SERVER) {
        it("with Redis stopped mid-test, the limiter keeps limiting from memory, says so in the log, and returns to Redis once it is back", async () => {
          const logger = getContainer().resolve("logger")
          const warn = jest.spyOn(logger, "warn")
          const info = jest.spyOn(logger, "info")
          const emptyCart = (await via(newClient()).post("/store/carts", { region_id: shop.region_id }, store())).data.cart.id

          await stopRedis()
          const shopper = newClient()
          const answers = await Promise.all(Array.from({ length: 25 }, () => completeWithHeaders(shopper, emptyCart, undefined, QUICK)))
          expect(answers.filter((r) => r.status !== 429)).toHaveLength(20)
          const refused = answers.filter((r) => r.status === 429)
          expect(refused).toHaveLength(5)
          for (const r of refused) {
            expect(Number(r.headers["retry-after"])).toBeGreaterThanOrEqual(1)
            expect(r.headers["ratelimit-remaining"]).toBe("0")
          }
          expect(warn.mock.calls.map((c) => String(c[0])).join("\n")).toMatch(/Rate limits: .*Redis.*does not answer.*memory/)
          // Another client still passes.
          expect((await completeWithHeaders(newClient(), emptyCart, undefined, QUICK)).status).not.toBe(429)

          await startRedis()
          expect(await countsInRedis()).toBe(true)
          expect(info.mock.calls.map((c) => String(c[0])).join("\n")).toMatch(/Rate limits: Redis answers again/)
          warn.mockRestore()
          info.mockRestore()
        })

        it("with Redis frozen (connected, not answering), store requests are still answered and limited from memory, and counted in Redis again once it answers", async () => {
          expect(await countsInRedis()).toBe(true)
          const logger = getContainer().resolve("logger")
          const warn = jest.spyOn(logger, "warn")
          const info = jest.spyOn(logger, "info")
          const emptyCart = (await via(newClient()).post("/store/carts", { region_id: shop.region_id }, store())).data.cart.id
          const shopper = newClient()
          redisProcess!.kill("SIGSTOP")
          try {
            // Each answer within 15 s, or the test fails here (without a bound they wait for Redis for ever).
            const answered = Promise.all([
              ...Array.from({ length: 25 }, () => completeWithHeaders(shopper, emptyCart, undefined, QUICK)),
              outcome(via(newClient()).get("/store/regions?fields=id", store())),
            ])
            const late = new Promise<"late">((resolve) => setTimeout(() => resolve("late"), 15_000).unref())
            const answers = await Promise.race([answered, late])
            expect(answers).not.toBe("late")
            const statuses = (answers as { status: number }[]).map((a) => a.status)
            expect(statuses.slice(0, 25).filter((s) => s === 429)).toHaveLength(5)
            expect(statuses[25]).toBe(200)
          } finally {
            redisProcess!.kill("SIGCONT")
          }
          expect(warn.mock.calls.map((c) => String(c[0])).join("\n")).toMatch(/Rate limits: .*Redis.*does not answer.*memory/)
          expect(await countsInRedis()).toBe(true)
          // The connection never closed: Redis's first answer after the freeze says it is back.
          expect(info.mock.calls.map((c) => String(c[0])).join("\n")).toMatch(/Rate limits: Redis answers again/)
          warn.mockRestore()
          info.mockRestore()
        })
      }

      it("sign-in: 10 attempts per minute per address; the 11th is refused before any password is checked, whatever the case of the path", async () => {
        const ip = newClient()
        // Express routes ignore the path's case: /AUTH/user/emailpass is the same sign-in, and counts the same.
        const paths = ["/auth/user/emailpass", "/AUTH/user/emailpass", "/Auth/user/emailpass"]
        const guesses = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            outcome(via(ip).post(paths[i % paths.length], { email: OWNER.email, password: `guess-${i}` })).then((r) => r.status)
          )
        )
        expect(guesses).toEqual(Array(10).fill(401))
        for (const path of paths) {
          expect((await outcome(via(ip).post(path, { email: OWNER.email, password: "guess-10" }))).status).toBe(429)
        }
        // Even the right password waits out the minute from that address; another address signs in.
        expect((await outcome(via(ip).post("/AUTH/user/emailpass", OWNER))).status).toBe(429)
        expect((await outcome(via(newClient()).post("/auth/user/emailpass", OWNER))).status).toBe(200)
      })

      it("cart writes: 60 per minute per client; the 61st, a new cart, is refused and not created", async () => {
        const ip = newClient()
        const before = await carts()
        // 59 writes that pass the limiter and fail validation at once (a fast minute)...
        const quick = await Promise.all(
          Array.from({ length: 59 }, () => outcome(via(ip).post("/store/carts", { no_such_field: 1 }, store())).then((r) => r.status))
        )
        expect(quick).toEqual(Array(59).fill(400))
        // ...then the 60th creates a cart, and the 61st is refused.
        const sixtieth = await via(ip).post("/store/carts", { region_id: shop.region_id }, store())
        expect(sixtieth.headers["ratelimit-remaining"]).toBe("0")
        const refused = await failing(via(ip).post("/store/carts", { region_id: shop.region_id }, store()))
        expect(refused.status).toBe(429)
        expect(await carts()).toBe(before + 1)
        // Reading a cart is not a cart write.
        expect((await via(ip).get(`/store/carts/${sixtieth.data.cart.id}`, store())).status).toBe(200)
      })

      it("other store routes: 600 per minute per client", async () => {
        const ip = newClient()
        const quick = await inBatches(599, 50, () =>
          outcome(via(ip).get("/store/no-such-route", store())).then((r) => r.status)
        )
        expect(quick.every((s) => s === 404)).toBe(true)
        const last = await via(ip).get("/store/regions?fields=id", store())
        expect(last.headers["ratelimit-remaining"]).toBe("0")
        expect((await failing(via(ip).get("/store/regions?fields=id", store()))).status).toBe(429)
      })
    })

    describe("bad input gets a 400 naming the field and changes nothing", () => {
      it("a malformed percent-escape in a path: 400, not Medusa's 500", async () => {
        const shopper = via(newClient())
        for (const [method, path] of [
          ["get", "/store/products/%E0%A4"],
          ["post", "/store/carts/%E0%A4/hold"],
        ] as const) {
          const res = await failing(method === "get" ? shopper.get(path, store()) : shopper.post(path, {}, store()))
          expect([res.status, res.data.type]).toEqual([400, "invalid_data"])
          expect(res.data.message).toMatch(/^The request path is not valid/)
        }
      })

      it("a body nested deeper than 32 levels with an Idempotency-Key: 400 naming the rule, and no cart", async () => {
        const before = await carts()
        // Written as text: 5000 levels are too deep for JSON.stringify here too.
        const body = `{"region_id":"${shop.region_id}","metadata":{"deep":${"[".repeat(5000)}"ladoo"${"]".repeat(5000)}}}`
        const res = await failing(
          via(newClient()).post("/store/carts", body, {
            headers: { ...store().headers, "content-type": "application/json", "idempotency-key": `deep-body-${Date.now()}-0001` },
            transformRequest: [(d: unknown) => d],
          })
        )
        expect([res.status, res.data.message]).toEqual([400, "A request with an Idempotency-Key may nest its body at most 32 levels deep"])
        expect(await carts()).toBe(before)
      })

      it("an absolute-form request line (POST http://host/auth/...) is rate limited like any other", async () => {
        const base = new URL((api as unknown as { defaults: { baseURL: string } }).defaults.baseURL)
        const answer = await new Promise<http.IncomingMessage>((resolve, reject) => {
          const req = http.request({
            host: base.hostname,
            port: base.port,
            path: `http://${base.host}/auth/customer/emailpass`,
            method: "POST",
            agent: false,
            headers: { "content-type": "application/json", "x-forwarded-for": newClient() },
          })
          req.on("response", (res) => {
            res.resume()
            resolve(res)
          })
          req.on("error", reject)
          req.end(JSON.stringify({ email: "nobody@example.in", password: "not-the-password" }))
        })
        // Express routed it to the sign-in (401), and the sign-in limit counted it.
        expect([answer.statusCode, answer.headers["ratelimit-limit"]]).toEqual([401, "10"])
      })

      it("a NUL byte in a query: the catalogue's and Medusa's own product search", async () => {
        const shopper = via(newClient())
        for (const path of ["/store/catalog/products?q=lad%00oo", "/store/products?q=lad%00oo"]) {
          const res = await failing(shopper.get(path, store()))
          expect(res.status).toBe(400)
          expect(res.data.message).toContain("field 'q' contains a control character (U+0000)")
        }
      })

      it("a NUL byte in a cart id (path) or in a body field, or half of a surrogate pair; no cart, line or hold is written", async () => {
        const shopper = via(newClient())
        const before = {
          carts: await carts(),
          holds: await count("select count(*)::int as n from checkout_hold"),
        }
        const { data } = await shopper.post("/store/carts", { region_id: shop.region_id }, store())
        const cartId: string = data.cart.id

        const inPath = await failing(shopper.post(`/store/carts/${cartId}%00/hold`, {}, store()))
        expect(inPath.status).toBe(400)
        expect(inPath.data.message).toContain(`path segment '${cartId}%00'`)
        const inBody = await failing(
          shopper.post("/store/carts", { region_id: shop.region_id, email: "asha\u0000@example.in" }, store())
        )
        expect(inBody.status).toBe(400)
        expect(inBody.data.message).toContain("field 'email'")
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-DTN-250G")
        const inLine = await failing(
          shopper.post(`/store/carts/${cartId}/line-items`, { variant_id: variant.id, quantity: 1, metadata: { note: "x\u0007" } }, store())
        )
        expect(inLine.status).toBe(400)
        expect(inLine.data.message).toContain("field 'metadata.note'")
        // Half of a surrogate pair: PostgreSQL refuses it in jsonb (it was a 500).
        const halfPair = await failing(shopper.post("/store/carts", { region_id: shop.region_id, metadata: { n: "\ud800" } }, store()))
        expect([halfPair.status, halfPair.data.message]).toEqual([
          400,
          "Invalid request: field 'metadata.n' contains an unpaired surrogate (U+D800), which is not allowed",
        ])

        expect(await carts()).toBe(before.carts + 1)
        expect(await count("select count(*)::int as n from cart_line_item where cart_id = ? and deleted_at is null", [cartId])).toBe(0)
        expect(await count("select count(*)::int as n from checkout_hold")).toBe(before.holds)
      })

      it("a NUL byte in a snack profile field (admin); the profile is unchanged", async () => {
        const token = await adminToken()
        const [product] = await getContainer().resolve(Modules.PRODUCT).listProducts({ handle: "almond-ladoo" })
        const read = async () =>
          (await via(newClient(), token).get(`/admin/products/${product.id}?fields=title,*snack_profile`)).data.product
        const before = await read()
        const res = await failing(
          via(newClient(), token).post(`/admin/products/${product.id}`, {
            additional_data: { snack_profile: { storage_instructions: "Keep\u0000cool" } },
          })
        )
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("field 'additional_data.snack_profile.storage_instructions'")
        expect(await read()).toEqual(before)
      })

      it.each([
        ["/admin/holds?expires_before=99999-01-01", EXPIRES_RULE],
        ["/admin/holds?expires_before=yesterday", EXPIRES_RULE],
        // Not read leniently: trailing words, a day the calendar lacks, a time without its offset.
        ["/admin/holds?expires_before=2026-01-01%20junk", EXPIRES_RULE],
        ["/admin/holds?expires_before=2026-02-30", EXPIRES_RULE],
        ["/admin/holds?expires_before=2026-11-24T18:00", EXPIRES_RULE],
        ["/admin/holds?a.b.c=1", "Query parameter 'a.b.c' is not allowed: a parameter name has at most two parts (a.b)"],
        ["/admin/holds?offset=99999999999999999999", "field 'offset' too big, expected at most: '1000000'"],
        ["/admin/holds?limit=1e400", "field 'limit'"],
      ])("%s: out of range, 400 naming the field", async (path, message) => {
        const res = await failing(via(newClient(), await adminToken()).get(path))
        expect(res.status).toBe(400)
        expect(res.data.message).toContain(message)
      })

      it("an owner's dates in full ISO form are read as written", async () => {
        const token = await adminToken()
        for (const date of ["2026-11-24", "2026-11-24T18:00:00Z", "2026-11-24T23:30+05:30", "2026-11-24T18:00:00.250Z"]) {
          const res = await via(newClient(), token).get(`/admin/holds?expires_before=${encodeURIComponent(date)}`)
          expect([date, res.status]).toEqual([date, 200])
        }
      })

      it.each(["/store/catalog/products?a.b.c=1", "/store/products?a.b.c=1", "/store/availability?variant_id=variant_1&x.y.z=1"])(
        "%s: a query parameter name of three parts is a 400 naming it, not a 500",
        async (path) => {
          const res = await failing(via(newClient()).get(path, store()))
          expect(res.status).toBe(400)
          expect(res.data.message).toMatch(/^Query parameter '(a\.b\.c|x\.y\.z)' is not allowed/)
        }
      )

      it("the checkout's writes refuse a body that is not an object, and query parameters, naming them; nothing is held", async () => {
        const shopper = via(newClient())
        const { variant } = await variantBySku(client, shop.publishable_key, "DRY-WAL-250G")
        const cartId = await readyCart(shopper, shop, [{ variant_id: variant.id, quantity: 1 }])
        const asText = { headers: { ...store().headers, "content-type": "text/plain" } }
        const text = await failing(shopper.post(`/store/carts/${cartId}/hold`, "x", asText))
        expect([text.status, text.data.message]).toEqual([400, "Invalid request: The request body must be empty or {}: this route takes no fields (got string)"])
        const list = await failing(shopper.post(`/store/carts/${cartId}/hold`, [], store()))
        expect([list.status, list.data.message]).toEqual([400, "Invalid request: The request body must be empty or {}: this route takes no fields (got a list)"])
        const query = await failing(shopper.post(`/store/carts/${cartId}/hold?quantity=5`, {}, store()))
        expect([query.status, query.data.message]).toEqual([400, "Invalid request: Unrecognized fields: 'quantity'"])
        const release = await failing(shopper.delete(`/store/carts/${cartId}/hold?all=1`, store()))
        expect([release.status, release.data.message]).toEqual([400, "Invalid request: Unrecognized fields: 'all'"])
        expect(await count("select count(*)::int as n from checkout_hold where cart_id = ?", [cartId])).toBe(0)
        // The same requests without them are answered.
        expect((await shopper.post(`/store/carts/${cartId}/hold`, undefined, store())).status).toBe(200)
      })

      it.each([
        ["/store/catalog/products?offset=1e20", "field 'offset' too big, expected at most: '1000000'"],
        ["/store/catalog/products?limit=0", "field 'limit' too small, expected at least: '1'"],
        ["/store/catalog/products?dietary=vegan,paleo", "dietary: 'paleo' is not allowed; allowed values: vegan, vegetarian, jain, gluten_free, sugar_free, keto, high_protein"],
        ["/store/catalog/products?allergen_free=shellfish", "allowed values: gluten, milk, eggs, peanuts, tree_nuts, sesame, soy, mustard, sulphites"],
        ["/store/catalog/products?medium=crayon,ink", "medium: 'crayon' is not allowed; allowed values: watercolour"],
        ["/store/catalog/products?kind=food", "snack, art"],
      ])("%s: 400 naming the field and the allowed values", async (path, message) => {
        const res = await failing(via(newClient()).get(path, store()))
        expect(res.status).toBe(400)
        expect(res.data.message).toContain(message)
      })

      it("an unknown body field on /hold and /complete: 400 naming it, also once the item is sold out; no hold, no order", async () => {
        const shopper = via(newClient())
        const { variant } = await variantBySku(client, shop.publishable_key, "DRY-WAL-250G")
        const cartId = await readyCart(shopper, shop, [{ variant_id: variant.id, quantity: 1 }])
        const ordersBefore = await orders()
        const holdsOfCart = () => count("select count(*)::int as n from checkout_hold where cart_id = ?", [cartId])
        const expectBodyRefused = async () => {
          for (const route of ["hold", "complete"]) {
            const res = await failing(shopper.post(`/store/carts/${cartId}/${route}`, { sneaky: true }, store()))
            expect([route, res.status, res.data.message]).toEqual([route, 400, "Invalid request: Unrecognized fields: 'sneaky'"])
          }
        }
        await expectBodyRefused()

        // Sold out: the answer about the body still comes first, ahead of "sold out".
        const inventory = getContainer().resolve(Modules.INVENTORY)
        const level = { inventory_item_id: await inventoryItemOf(getContainer(), variant.id), location_id: shop.stock_location_id }
        const [{ stocked_quantity: stocked }] = await inventory.listInventoryLevels(level)
        await inventory.updateInventoryLevels([{ ...level, stocked_quantity: 0 }])
        try {
          // Without a body, as @medusajs/js-sdk sends it: refused for the stock, not for the body.
          const soldOut = await failing(shopper.post(`/store/carts/${cartId}/complete`, undefined, store()))
          expect([soldOut.status, soldOut.data.type]).toEqual([409, "insufficient_inventory"])
          await expectBodyRefused()
        } finally {
          await inventory.updateInventoryLevels([{ ...level, stocked_quantity: Number(stocked) }])
        }
        expect(await holdsOfCart()).toBe(0)
        expect(await orders()).toBe(ordersBefore)
      })

      it("a fractional quantity on every cart route: 400 naming the field, and no line, no cart, no change", async () => {
        const shopper = via(newClient())
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-DTN-250G")
        const { data } = await shopper.post("/store/carts", { region_id: shop.region_id }, store())
        const cartId: string = data.cart.id
        const lines = () =>
          pgOf(getContainer())
            .raw("select quantity::text as q from cart_line_item where cart_id = ? and deleted_at is null", [cartId])
            .then((r) => r.rows.map((row: { q: string }) => Number(row.q)))

        for (const quantity of [1.5, 0.4]) {
          const res = await failing(shopper.post(`/store/carts/${cartId}/line-items`, { variant_id: variant.id, quantity }, store()))
          expect(res.status).toBe(400)
          expect(res.data.message).toContain(`quantity must be a whole number of units from 1 to 10000 (got ${quantity})`)
        }
        expect(await lines()).toEqual([])

        const added = await shopper.post(`/store/carts/${cartId}/line-items`, { variant_id: variant.id, quantity: 2 }, store())
        const lineId = added.data.cart.items[0].id
        const update = await failing(shopper.post(`/store/carts/${cartId}/line-items/${lineId}`, { quantity: 2.5 }, store()))
        expect(update.status).toBe(400)
        expect(update.data.message).toContain("quantity must be a whole number of units from 0 to 10000 (got 2.5)")
        expect(await lines()).toEqual([2])

        const before = await carts()
        const created = await failing(
          shopper.post("/store/carts", { region_id: shop.region_id, items: [{ variant_id: variant.id, quantity: 1.5 }] }, store())
        )
        expect(created.status).toBe(400)
        expect(created.data.message).toContain("items.0.quantity must be a whole number")
        expect(await carts()).toBe(before)
      })
      it("a payment session for a payment collection or a provider that does not exist: 404 / 400 naming it, not Medusa's 500; no session is written", async () => {
        const shopper = via(newClient())
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-DTN-250G")
        const { data } = await shopper.post(
          "/store/carts",
          { region_id: shop.region_id, items: [{ variant_id: variant.id, quantity: 1 }] },
          store()
        )
        const { data: created } = await shopper.post("/store/payment-collections", { cart_id: data.cart.id }, store())
        const collectionId: string = created.payment_collection.id
        const sessions = () =>
          count("select count(*)::int as n from payment_session where payment_collection_id = ? and deleted_at is null", [collectionId])

        const unknownCollection = await failing(
          shopper.post("/store/payment-collections/pay_col_nope/payment-sessions", { provider_id: "pp_system_default" }, store())
        )
        expect([unknownCollection.status, unknownCollection.data.message]).toEqual([404, "Payment collection with id: pay_col_nope was not found"])
        for (const providerId of ["pp_nope", ""]) {
          const res = await failing(
            shopper.post(`/store/payment-collections/${collectionId}/payment-sessions`, { provider_id: providerId }, store())
          )
          expect([res.status, res.data.type]).toEqual([400, "invalid_data"])
          expect(res.data.message).toContain(`provider_id: ${JSON.stringify(providerId)} is not an enabled payment provider of this shop`)
        }
        // The same through Admin's own route.
        const owner = via(newClient(), await adminToken())
        const adminUnknown = await failing(owner.post("/admin/payment-collections/pay_col_nope/payment-sessions", { provider_id: "pp_system_default" }))
        expect([adminUnknown.status, adminUnknown.data.message]).toEqual([404, "Payment collection with id: pay_col_nope was not found"])
        const adminProvider = await failing(owner.post(`/admin/payment-collections/${collectionId}/payment-sessions`, { provider_id: "pp_nope" }))
        expect([adminProvider.status, adminProvider.data.message]).toEqual([
          400,
          'provider_id: "pp_nope" is not an enabled payment provider of this shop (GET /admin/payments/payment-providers lists them)',
        ])
        expect(await sessions()).toBe(0)

        const ok = await shopper.post(`/store/payment-collections/${collectionId}/payment-sessions`, { provider_id: "pp_system_default" }, store())
        expect(ok.status).toBe(200)
        expect(await sessions()).toBe(1)
      })

      it("a sales channel's product links (admin): a channel or a product that does not exist, or a product listed twice, 404 / 400 naming it, and no link is written", async () => {
        const owner = via(newClient(), await adminToken())
        const [product] = await getContainer().resolve(Modules.PRODUCT).listProducts({ handle: "almond-ladoo" })
        const links = () => count("select count(*)::int as n from product_sales_channel where deleted_at is null")
        const before = await links()
        const channel = `/admin/sales-channels/${shop.sales_channel_id}/products`
        for (const [path, body, status, message] of [
          ["/admin/sales-channels/sc_nope/products", { add: [product.id] }, 404, "Sales channel with id: sc_nope was not found"],
          [channel, { add: ["prod_nope"] }, 400, "add: no product with id prod_nope"],
          [channel, { add: [product.id, product.id] }, 400, `add: ${product.id} is listed twice`],
          [channel, { remove: [product.id, product.id] }, 400, `remove: ${product.id} is listed twice`],
        ] as const) {
          const res = await failing(owner.post(path, body))
          expect([path, res.status, res.data.message]).toEqual([path, status, message])
        }
        expect(await links()).toBe(before)
        // The product is still in the shop's channel (the refused removal removed nothing).
        const listed = await via(newClient()).get(`/store/products?handle=almond-ladoo&fields=id`, store())
        expect(listed.data.products.map((p: { id: string }) => p.id)).toEqual([product.id])
      })

      const LIST_DATE_RULE = "must be an ISO date or date-time with its offset between 1970-01-01 and 9999-12-31"
      it.each([
        ["/store/products?limit=-1", "field 'limit' must be a whole number of 0 or more (got '-1')"],
        ["/store/collections?offset=-1", "field 'offset' must be a whole number of 0 or more (got '-1')"],
        ["/store/regions?limit=5&offset=-20", "field 'offset' must be a whole number of 0 or more (got '-20')"],
        ["/store/product-categories?created_at[$gt]=soon", `field 'created_at[$gt]' ${LIST_DATE_RULE}`],
        ["/store/product-types?updated_at=2026-02-30", `field 'updated_at' ${LIST_DATE_RULE}`],
        ["/admin/orders?limit=-5", "field 'limit' must be a whole number of 0 or more (got '-5')"],
        ["/admin/products?created_at[$lt]=yesterday", `field 'created_at[$lt]' ${LIST_DATE_RULE}`],
      ])("%s on Medusa's own list route: 400 naming the parameter, not Medusa's 500", async (path, message) => {
        const asker = path.startsWith("/admin") ? via(newClient(), await adminToken()) : via(newClient())
        const res = await failing(asker.get(path, path.startsWith("/store") ? store() : undefined))
        expect([res.status, res.data.type]).toEqual([400, "invalid_data"])
        expect(res.data.message).toContain(message)
      })

      it("well-formed list parameters still reach Medusa's list routes", async () => {
        const shopper = via(newClient())
        const collections = await shopper.get("/store/collections?created_at[$gt]=2020-01-01T00:00:00.000Z&limit=1&offset=0&fields=id", store())
        expect([collections.status, collections.data.collections.length, collections.data.limit]).toEqual([200, 1, 1])
        const owner = via(newClient(), await adminToken())
        const orders = await owner.get("/admin/orders?limit=1&created_at[$lte]=2999-01-01T00:00:00Z&fields=id")
        expect([orders.status, orders.data.limit, Array.isArray(orders.data.orders)]).toEqual([200, 1, true])
      })

      it("an admin list ordered by a field its entity lacks: 400 in the words of Medusa's store routes, not its 500; a real field still orders", async () => {
        const owner = via(newClient(), await adminToken())
        for (const order of ["-nope", "created_at,nope"]) {
          const res = await failing(owner.get(`/admin/products?order=${order}&fields=id`))
          expect([res.status, res.data.message]).toEqual([400, `Order field ${order.replace(/^-/, "")} is not valid`])
        }
        const ordered = await owner.get("/admin/products?order=-created_at&fields=id,created_at&limit=3")
        const times = ordered.data.products.map((p: { created_at: string }) => Date.parse(p.created_at))
        expect(times).toEqual([...times].sort((a: number, b: number) => b - a))
      })

      it("a stock location needs a name (admin): a create without one, or with null, a number or blanks, and an update to any of those, is a 400 naming the field; nothing is written", async () => {
        const owner = via(newClient(), await adminToken())
        const locations = () => count("select count(*)::int as n from stock_location where deleted_at is null")
        const name = async () =>
          (await pgOf(getContainer()).raw("select name from stock_location where id = ?", [shop.stock_location_id])).rows[0].name as string
        const [before, nameBefore] = [await locations(), await name()]
        for (const [path, body, got] of [
          ["/admin/stock-locations", {}, "nothing"],
          ["/admin/stock-locations", { name: null }, "'null'"],
          ["/admin/stock-locations", { name: 7 }, "'7'"],
          ["/admin/stock-locations", { name: "   " }, "'   '"],
          [`/admin/stock-locations/${shop.stock_location_id}`, { name: null }, "'null'"],
          [`/admin/stock-locations/${shop.stock_location_id}`, { name: "" }, "''"],
        ] as const) {
          const res = await failing(owner.post(path, body))
          expect([path, res.status, res.data.message]).toEqual([
            path,
            400,
            `Invalid request: field 'name' must be the location's name, some text (got ${got})`,
          ])
        }
        expect([await locations(), await name()]).toEqual([before, nameBefore])
        // An update that leaves the name alone is Medusa's as before.
        const kept = await owner.post(`/admin/stock-locations/${shop.stock_location_id}`, { metadata: { till: "front" } })
        expect([kept.status, kept.data.stock_location.name]).toEqual([200, nameBefore])
      })

      /** What the admin writes below could change: counts, a product's references, the store's defaults, the region's currency. */
      const adminState = async (productId: string) =>
        (
          await pgOf(getContainer()).raw(
            `select (select count(*)::int from tax_rate where deleted_at is null) as tax_rates,
                    (select count(*)::int from price_list where deleted_at is null) as price_lists,
                    (select count(*)::int from region where deleted_at is null) as regions,
                    (select count(*)::int from product_category where deleted_at is null) as categories,
                    (select count(*)::int from return_reason where deleted_at is null) as return_reasons,
                    (select count(*)::int from "order" where deleted_at is null) as orders,
                    (select json_build_array(type_id, collection_id) from product where id = ?) as product_refs,
                    (select json_agg(json_build_array(default_region_id, default_sales_channel_id, default_location_id)) from store) as store_defaults,
                    (select json_agg(currency_code order by id) from region where deleted_at is null) as currencies,
                    (select json_agg(json_build_array(starts_at, ends_at) order by id) from price_list where deleted_at is null) as price_list_dates,
                    (select json_agg(json_build_array(provider_id, shipping_profile_id) order by id) from shipping_option where deleted_at is null) as shipping_options,
                    (select json_agg(provider_id order by id) from tax_region where deleted_at is null) as tax_providers,
                    (select json_agg(campaign_id order by id) from promotion where deleted_at is null) as promotion_campaigns`,
            [productId]
          )
        ).rows[0]

      const BLANK_PROMOTION = {
        code: "BLANKREFS",
        type: "standard",
        status: "draft",
        application_method: { type: "percentage", target_type: "order", allocation: "across", value: 10, currency_code: "inr" },
      }

      it("blank text where an admin write names another record or a date: 400 naming the field, not Medusa's 500 or a blank saved; null still clears", async () => {
        const owner = via(newClient(), await adminToken())
        const [product] = await getContainer().resolve(Modules.PRODUCT).listProducts({ handle: "almond-ladoo" })
        const [store] = await getContainer().resolve(Modules.STORE).listStores({}, { select: ["id"] })
        const [category] = await getContainer().resolve(Modules.PRODUCT).listProductCategories({}, { select: ["id"], take: 1 })
        const priceList = (await owner.post("/admin/price-lists", { title: "Blank dates", description: "test", starts_at: null })).data.price_list
        const [shippingOption] = await getContainer().resolve(Modules.FULFILLMENT).listShippingOptions({}, { take: 1 })
        const [taxRegion] = await getContainer().resolve(Modules.TAX).listTaxRegions({ country_code: "in" }, { take: 1 })
        const promotion = (await owner.post("/admin/promotions", BLANK_PROMOTION)).data.promotion
        const before = await adminState(product.id)
        const variant = { title: "One", options: { Size: "S" }, prices: [] }
        const newProduct = { title: "Blank refs", options: [{ title: "Size", values: ["S"] }], variants: [variant] }
        const id = (rule: string) => `${rule}, or null for none (got '')`
        for (const [path, body, field, rule] of [
          [`/admin/products/${product.id}`, { type_id: "" }, "type_id", id("a product type's id")],
          [`/admin/products/${product.id}`, { collection_id: " " }, "collection_id", "a collection's id, or null for none (got ' ')"],
          ["/admin/products", { ...newProduct, type_id: "" }, "type_id", id("a product type's id")],
          ["/admin/products", { ...newProduct, collection_id: "" }, "collection_id", id("a collection's id")],
          ["/admin/tax-rates", { tax_region_id: "", name: "Blank", code: "BLANK", rate: 5 }, "tax_region_id", "a tax region's id (got '')"],
          ["/admin/price-lists", { title: "Blank", description: "test", starts_at: "" }, "starts_at", id("a date")],
          [`/admin/price-lists/${priceList.id}`, { ends_at: "" }, "ends_at", id("a date")],
          ["/admin/regions", { name: "Blank", currency_code: "" }, "currency_code", "a currency code such as 'inr' (got '')"],
          ["/admin/product-categories", { name: "Blank", parent_category_id: "" }, "parent_category_id", id("a category's id")],
          [`/admin/product-categories/${category.id}`, { parent_category_id: "" }, "parent_category_id", id("a category's id")],
          [`/admin/shipping-options/${shippingOption.id}`, { provider_id: "" }, "provider_id", "a fulfillment provider's id (got '')"],
          [`/admin/shipping-options/${shippingOption.id}`, { shipping_profile_id: "" }, "shipping_profile_id", "a shipping profile's id (got '')"],
          [`/admin/tax-regions/${taxRegion.id}`, { provider_id: "" }, "provider_id", "a tax provider's id (got '')"],
          [`/admin/promotions/${promotion.id}`, { campaign_id: "" }, "campaign_id", id("a campaign's id")],
          ["/admin/return-reasons", { value: "blank", label: "Blank", parent_return_reason_id: "" }, "parent_return_reason_id", id("a return reason's id")],
          ["/admin/draft-orders", { region_id: "", email: "asha@example.com" }, "region_id", "a region's id (got '')"],
          [`/admin/stores/${store.id}`, { default_region_id: "" }, "default_region_id", id("a region's id")],
          [`/admin/stores/${store.id}`, { default_sales_channel_id: "" }, "default_sales_channel_id", id("a sales channel's id")],
          [`/admin/stores/${store.id}`, { default_location_id: "" }, "default_location_id", id("a stock location's id")],
        ] as const) {
          const res = await failing(owner.post(path, body))
          expect([path, res.status, res.data.message]).toEqual([path, 400, `Invalid request: field '${field}' must be ${rule}`])
        }
        expect(await adminState(product.id)).toEqual(before)
        // null clears, as Medusa Admin sends it.
        const cleared = await owner.post(`/admin/price-lists/${priceList.id}`, { ends_at: null })
        expect([cleared.status, cleared.data.price_list.ends_at]).toEqual([200, null])
        const kept = await owner.post(`/admin/products/${product.id}`, { collection_id: null })
        expect([kept.status, kept.data.product.collection_id]).toEqual([200, null])
      })

      it("a nested record without a field it needs on an admin update (a variant without a title, a price without a currency, a budget without a type): 400 naming the field, not the ORM's 500; nothing is written", async () => {
        const owner = via(newClient(), await adminToken())
        const [product] = await getContainer().resolve(Modules.PRODUCT).listProducts({ handle: "almond-ladoo" })
        const [shippingOption] = await getContainer().resolve(Modules.FULFILLMENT).listShippingOptions({}, { take: 1 })
        const campaign = (await owner.post("/admin/campaigns", { name: "No budget", campaign_identifier: "no-budget" })).data.campaign
        const written = async () =>
          (
            await pgOf(getContainer()).raw(
              `select (select count(*)::int from product_variant where product_id = ? and deleted_at is null) as variants,
                      (select count(*)::int from price where deleted_at is null) as prices,
                      (select count(*)::int from promotion_campaign_budget where deleted_at is null) as budgets`,
              [product.id]
            )
          ).rows[0]
        const before = await written()
        for (const [path, body, message] of [
          [`/admin/products/${product.id}`, { variants: [{}] }, "field 'title' is required for each ProductVariant in the request"],
          [`/admin/shipping-options/${shippingOption.id}`, { prices: [{}] }, "field 'currency_code' is required for each Price in the request"],
          [`/admin/campaigns/${campaign.id}`, { budget: {} }, "field 'type' is required for each CampaignBudget in the request"],
        ] as const) {
          const res = await failing(owner.post(path, body))
          expect([path, res.status, res.data.message]).toEqual([path, 400, `Invalid request: ${message}`])
        }
        expect(await written()).toEqual(before)
      })

      it("store defaults, a new category's parent, a region's currency or a draft order's region that name nothing (admin): 400 naming the field, not saved as Medusa would or its 500", async () => {
        const owner = via(newClient(), await adminToken())
        const [product] = await getContainer().resolve(Modules.PRODUCT).listProducts({ handle: "almond-ladoo" })
        const [store] = await getContainer().resolve(Modules.STORE).listStores({}, { select: ["id"] })
        const before = await adminState(product.id)
        for (const [path, body, message] of [
          [`/admin/stores/${store.id}`, { default_region_id: "reg_nope" }, "default_region_id: there is no region reg_nope"],
          [`/admin/stores/${store.id}`, { default_sales_channel_id: "sc_nope" }, "default_sales_channel_id: there is no sales channel sc_nope"],
          [`/admin/stores/${store.id}`, { default_location_id: "sloc_nope" }, "default_location_id: there is no stock location sloc_nope"],
          ["/admin/product-categories", { name: "Orphan", parent_category_id: "pcat_nope" }, "parent_category_id: there is no category pcat_nope"],
          ["/admin/regions", { name: "Nowhere", currency_code: "zzz" }, "currency_code: there is no currency zzz"],
          ["/admin/draft-orders", { region_id: "reg_nope", email: "asha@example.com" }, "region_id: there is no region reg_nope"],
          [`/admin/regions/${shop.region_id}`, { currency_code: "qqq" }, "currency_code: there is no currency qqq"],
        ] as const) {
          const res = await failing(owner.post(path, body))
          expect([path, res.status, res.data.message]).toEqual([path, 400, message])
        }
        expect(await adminState(product.id)).toEqual(before)
        // Defaults that exist are saved as before.
        const saved = await owner.post(`/admin/stores/${store.id}`, {
          default_region_id: shop.region_id,
          default_location_id: shop.stock_location_id,
        })
        expect([saved.status, saved.data.store.default_region_id, saved.data.store.default_location_id]).toEqual([
          200,
          shop.region_id,
          shop.stock_location_id,
        ])
      })

      it("returns, claims, exchanges and order edits (admin): a shipping option that does not exist or is blank, a returned item's blank or unknown reason, a claim's empty list of returned items, an order edit of another order's item: 400 / 404 naming it, not Medusa's 500 or a return that can never be confirmed; nothing is written", async () => {
        const owner = via(newClient(), await adminToken())
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-DTN-250G")
        const placed = await inBatches(4, 2, async () => {
          const shopper = via(newClient())
          const cartId = await readyCart(shopper, shop, [{ variant_id: variant.id, quantity: 1 }])
          const { data } = await shopper.post(`/store/carts/${cartId}/complete`, {}, store())
          const order = data.order as { id: string; items: { id: string }[] }
          await owner.post(`/admin/orders/${order.id}/fulfillments`, {
            location_id: shop.stock_location_id,
            items: [{ id: order.items[0].id, quantity: 1 }],
          })
          return order
        })
        const [forReturn, forClaim, forExchange, forEdit] = placed
        const actions = () =>
          count("select count(*)::int as n from order_change_action where order_id = any(?) and deleted_at is null", [placed.map((o) => o.id)])
        const methods = () =>
          count("select count(*)::int as n from order_shipping where order_id = any(?) and deleted_at is null", [placed.map((o) => o.id)])
        const expectRefused = async (path: string, body: unknown, message: string) => {
          const res = await failing(owner.post(path, body))
          expect([path, res.status, res.data.message]).toEqual([path, 400, message])
        }
        const noOption = "shipping_option_id: there is no shipping option so_nope"
        const blankOption = "Invalid request: field 'shipping_option_id' must be a shipping option's id (got '')"

        const { data: begun } = await owner.post("/admin/returns", { order_id: forReturn.id, location_id: shop.stock_location_id })
        const returnId: string = begun.return.id
        const { data: claimed } = await owner.post("/admin/claims", { order_id: forClaim.id, type: "replace" })
        const claimId: string = claimed.claim.id
        const { data: exchanged } = await owner.post("/admin/exchanges", { order_id: forExchange.id })
        const exchangeId: string = exchanged.exchange.id
        await owner.post("/admin/order-edits", { order_id: forEdit.id })
        const before = [await actions(), await methods()]
        for (const path of [
          `/admin/returns/${returnId}/shipping-method`,
          `/admin/claims/${claimId}/inbound/shipping-method`,
          `/admin/claims/${claimId}/outbound/shipping-method`,
          `/admin/exchanges/${exchangeId}/inbound/shipping-method`,
          `/admin/exchanges/${exchangeId}/outbound/shipping-method`,
          `/admin/order-edits/${forEdit.id}/shipping-method`,
        ]) {
          await expectRefused(path, { shipping_option_id: "so_nope" }, noOption)
          await expectRefused(path, { shipping_option_id: "" }, blankOption)
        }
        for (const [path, item] of [
          [`/admin/returns/${returnId}/request-items`, forReturn.items[0].id],
          [`/admin/claims/${claimId}/inbound/items`, forClaim.items[0].id],
          [`/admin/exchanges/${exchangeId}/inbound/items`, forExchange.items[0].id],
        ] as const) {
          await expectRefused(
            path,
            { items: [{ id: item, quantity: 1, reason_id: "" }] },
            "Invalid request: field 'items[0].reason_id' must be a return reason's id (got '')"
          )
          await expectRefused(path, { items: [{ id: item, quantity: 1, reason_id: "rr_nope" }] }, "items[0].reason_id: there is no return reason rr_nope")
        }
        await expectRefused(`/admin/claims/${claimId}/inbound/items`, { items: [] }, "Invalid request: field 'items' must list at least one item")
        // An order edit's quantity change for another order's item: 404, not Medusa's 500.
        for (const quantity of [0, 2]) {
          const foreign = await failing(owner.post(`/admin/order-edits/${forEdit.id}/items/item/${forReturn.items[0].id}`, { quantity }))
          expect([foreign.status, foreign.data.message]).toEqual([404, `Order ${forEdit.id} has no item ${forReturn.items[0].id}`])
        }
        expect([await actions(), await methods()]).toEqual(before)
        // The order's own item still changes.
        const own = await owner.post(`/admin/order-edits/${forEdit.id}/items/item/${forEdit.items[0].id}`, { quantity: 2 })
        expect(own.status).toBe(200)

        // A returned item's reason changed to a blank one is refused too; the return is then
        // confirmed (Medusa saved the blank and failed every confirmation with its 500).
        const { data: requested } = await owner.post(`/admin/returns/${returnId}/request-items`, {
          items: [{ id: forReturn.items[0].id, quantity: 1 }],
        })
        const action = (requested.order_preview.items as { actions?: { id: string; action: string }[] }[])
          .flatMap((i) => i.actions ?? [])
          .find((a) => a.action === "RETURN_ITEM")!
        await expectRefused(
          `/admin/returns/${returnId}/request-items/${action.id}`,
          { reason_id: "" },
          "Invalid request: field 'reason_id' must be a return reason's id, or null for none (got '')"
        )
        const confirmed = await owner.post(`/admin/returns/${returnId}/request`, {})
        expect([confirmed.status, confirmed.data.return.status]).toEqual([200, "requested"])
      })

      it("promotions on a cart that does not exist: 404 as its other routes answer, not Medusa's 500", async () => {
        const shopper = via(newClient())
        for (const send of [
          () => shopper.post("/store/carts/cart_nope/promotions", { promo_codes: ["DIWALI10"] }, store()),
          () => shopper.delete("/store/carts/cart_nope/promotions", { ...store(), data: { promo_codes: ["DIWALI10"] } }),
        ]) {
          const res = await failing(send())
          expect([res.status, res.data.message]).toEqual([404, "Cart id not found: cart_nope"])
        }
      })
    })

    describe("per-order rules when a cart is created with items", () => {
      it("15 perishable ladoos in POST /store/carts are refused (limit 10), also when split across pack sizes; no cart is written", async () => {
        const shopper = via(newClient())
        const small = (await variantBySku(client, shop.publishable_key, "LAD-DTN-250G")).variant
        const large = (await variantBySku(client, shop.publishable_key, "LAD-DTN-500G")).variant
        const before = await carts()
        for (const items of [
          [{ variant_id: small.id, quantity: 15 }],
          [
            { variant_id: small.id, quantity: 6 },
            { variant_id: large.id, quantity: 5 },
          ],
        ]) {
          const res = await failing(shopper.post("/store/carts", { region_id: shop.region_id, items }, store()))
          expect(res.status).toBe(400)
          const units = items.reduce((n, i) => n + i.quantity, 0)
          expect(res.data.message).toBe(`Dates & Nuts Ladoo is perishable: at most 10 per order; you asked for ${units}`)
        }
        expect(await carts()).toBe(before)

        // At the limit the cart is created with its lines.
        const ok = await shopper.post("/store/carts", { region_id: shop.region_id, items: [{ variant_id: small.id, quantity: 10 }] }, store())
        expect(ok.data.cart.items.map((i: { quantity: number }) => i.quantity)).toEqual([10])
        expect(await carts()).toBe(before + 1)
      })
    })

    describe("per-order rules again at hold and completion", () => {
      it("a limit lowered after the lines were added refuses the hold (409 per_order_limit) and the completion (400) and writes nothing; the shopper may lower each line down to it; a retry of the placed order still gets the order", async () => {
        const shopper = via(newClient())
        const token = await adminToken()
        const [product] = await getContainer().resolve(Modules.PRODUCT).listProducts({ handle: "dates-nuts-ladoo" })
        const setLimit = (max_per_order: number | null) =>
          via(newClient(), token).post(`/admin/products/${product.id}`, { additional_data: { snack_profile: { max_per_order } } })
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-DTN-250G")
        const cartId = await readyCart(shopper, shop, [{ variant_id: variant.id, quantity: 8 }])
        // The same 8 units in two lines of the variant (Medusa keeps lines with other metadata apart): counted together.
        const splitCartId = await readyCart(shopper, shop, [
          { variant_id: variant.id, quantity: 4, metadata: { gift_note: "for Asha" } },
          { variant_id: variant.id, quantity: 4, metadata: { gift_note: "for Bilal" } },
        ])
        const split = await shopper.get(`/store/carts/${splitCartId}`, store())
        expect(split.data.cart.items.map((i: { quantity: number }) => i.quantity)).toEqual([4, 4])
        const before = {
          holds: await count("select count(*)::int as n from checkout_hold"),
          orders: await orders(),
        }
        await setLimit(5)
        try {
          const message = "Dates & Nuts Ladoo is perishable: at most 5 per order; you asked for 8"
          // The hold: refused as the per-order cap on what one cart may hold.
          const hold = await failing(shopper.post(`/store/carts/${cartId}/hold`, {}, store()))
          expect(hold.status).toBe(409)
          expect(hold.data).toMatchObject({ type: "hold_cap_reached", code: "per_order_limit", message })
          const splitHold = await failing(shopper.post(`/store/carts/${splitCartId}/hold`, {}, store()))
          expect([splitHold.status, splitHold.data]).toEqual([409, expect.objectContaining({ code: "per_order_limit", message })])
          // The completion: refused by completeCartWorkflow's validate hook.
          const completion = await failing(shopper.post(`/store/carts/${cartId}/complete`, {}, store()))
          expect(completion.status).toBe(400)
          expect(JSON.stringify(completion.data)).toContain(message)
          expect(await count("select count(*)::int as n from checkout_hold")).toBe(before.holds)
          expect(await orders()).toBe(before.orders)

          // The shopper comes down to the limit one line at a time: each lowering is
          // allowed although the cart is still over it; raising again is not.
          const lineIds = split.data.cart.items.map((i: { id: string }) => i.id)
          const setQuantity = (lineId: string, quantity: number) =>
            outcome(shopper.post(`/store/carts/${splitCartId}/line-items/${lineId}`, { quantity }, store()))
          expect((await setQuantity(lineIds[1], 3)).status).toBe(200)
          expect((await setQuantity(lineIds[0], 2)).status).toBe(200)
          const raised = await setQuantity(lineIds[0], 3)
          expect([raised.status, raised.data.message]).toEqual([400, "Dates & Nuts Ladoo is perishable: at most 5 per order; you asked for 6"])
          const lowered = await shopper.get(`/store/carts/${splitCartId}`, store())
          expect(lowered.data.cart.items.map((i: { quantity: number }) => i.quantity).sort()).toEqual([2, 3])
          expect((await shopper.post(`/store/carts/${splitCartId}/hold`, {}, store())).status).toBe(200)
        } finally {
          await setLimit(null)
        }
        // With the limit back, the same cart goes through.
        const placed = await shopper.post(`/store/carts/${cartId}/complete`, {}, store())
        expect(placed.data.type).toBe("order")
        // A retry (the answer was lost on the way) after the owner lowered the limit again: the same order, not a 400.
        await setLimit(5)
        try {
          const retry = await outcome(shopper.post(`/store/carts/${cartId}/complete`, {}, store()))
          expect([retry.status, retry.data.type, retry.data.order?.id]).toEqual([200, "order", placed.data.order.id])
          expect(await orders()).toBe(before.orders + 1)
        } finally {
          await setLimit(null)
        }
      })
    })

    describe("a cart belongs to its shopper", () => {
      const accountEmail = (name: string) => `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.in`
      const signedInCustomer = async (name: string, email = accountEmail(name)) => {
        const from = via(newClient())
        const registration = await from.post("/auth/customer/emailpass/register", { email, password: "a-long-password" })
        await via(newClient(), registration.data.token).post("/store/customers", { email, first_name: name }, store())
        return (await from.post("/auth/customer/emailpass", { email, password: "a-long-password" })).data.token as string
      }
      const holds = (cartId: string) => count("select count(*)::int as n from checkout_hold where cart_id = ?", [cartId])
      const ordersOf = (cartId: string) =>
        count("select count(*)::int as n from order_cart where cart_id = ? and deleted_at is null", [cartId])
      // Status and body whether the request succeeded or not.
      const hold = (api: TestApi, cartId: string, headers = store()) => outcome(api.post(`/store/carts/${cartId}/hold`, {}, headers))
      const release = (api: TestApi, cartId: string, headers = store()) => outcome(api.delete(`/store/carts/${cartId}/hold`, headers))
      const complete = (api: TestApi, cartId: string, headers = store()) =>
        outcome(api.post(`/store/carts/${cartId}/complete`, {}, headers))

      it("a customer's cart: another customer who knows its id gets 404 on /hold, DELETE /hold, /complete and the takeover, a signed-out request 401 (sign in again), and nothing changes", async () => {
        const asha = await signedInCustomer("asha")
        const ravi = await signedInCustomer("ravi")
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-DTN-250G")
        const cartId = await readyCart(via(newClient(), asha), shop, [{ variant_id: variant.id, quantity: 1 }])
        expect((await hold(via(newClient(), asha), cartId)).status).toBe(200)
        expect(await holds(cartId)).toBeGreaterThan(0)
        const held = await holds(cartId)

        // Signed out (the owner's session ended, or anyone with the id): told to sign in, nothing more.
        const signIn = [401, "This cart belongs to a customer account: sign in again to use it"]
        const strangers = [
          { api: via(newClient(), ravi), answer: [404, `Cart id not found: ${cartId}`] },
          { api: via(newClient()), answer: signIn },
        ]
        for (const { api, answer } of strangers) {
          for (const attempt of [hold, release, complete]) {
            const res = await attempt(api, cartId)
            expect([res.status, res.data.message]).toEqual(answer)
          }
        }
        expect(await count("select count(*)::int as n from checkout_hold where cart_id = ? and status = 'active'", [cartId])).toBe(held)
        expect(await ordersOf(cartId)).toBe(0)
        // Nor learn what it holds: availability for that cart is its owner's to ask.
        const availability = `/store/availability?variant_id=${variant.id}&cart_id=${cartId}`
        for (const { api, answer } of strangers) {
          const res = await outcome(api.get(availability, store()))
          expect([res.status, res.data.message]).toEqual(answer)
        }
        expect((await outcome(via(newClient(), asha).get(availability, store()))).status).toBe(200)
        // Nor can another customer take it over (Medusa's POST /store/carts/:id/customer).
        const takeover = await outcome(via(newClient(), ravi).post(`/store/carts/${cartId}/customer`, {}, store()))
        expect([takeover.status, takeover.data.message]).toEqual([404, `Cart id not found: ${cartId}`])

        // Its owner completes it.
        expect((await complete(via(newClient(), asha), cartId)).data.type).toBe("order")
      })

      it("a registered customer checking out as a guest with their account's email holds and places the order, as in plain Medusa", async () => {
        const email = accountEmail("meera")
        await signedInCustomer("meera", email)
        const guest = via(newClient())
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-DTN-250G")
        const cartId = await readyCart(guest, shop, [{ variant_id: variant.id, quantity: 1 }], email)
        // Medusa linked the guest's cart to the account that has this email.
        const linked = "select count(*)::int as n from cart c join customer cu on cu.id = c.customer_id where c.id = ? and cu.has_account"
        expect(await count(linked, [cartId])).toBe(1)
        expect((await hold(guest, cartId)).status).toBe(200)
        const placed = await complete(guest, cartId)
        expect([placed.status, placed.data.type]).toEqual([200, "order"])
      })

      it("a guest's cart taken over by a signed-in customer (POST /store/carts/:id/customer) is then theirs only", async () => {
        const ravi = await signedInCustomer("ravi")
        const guest = via(newClient())
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-DTN-250G")
        const cartId = await readyCart(guest, shop, [{ variant_id: variant.id, quantity: 1 }])
        const takeover = await outcome(via(newClient(), ravi).post(`/store/carts/${cartId}/customer`, {}, store()))
        expect(takeover.status).toBe(200)
        // The guest who started it, now signed out of it: told to sign in.
        for (const attempt of [hold, complete]) {
          expect((await attempt(guest, cartId)).status).toBe(401)
        }
        expect(await holds(cartId)).toBe(0)
        expect((await complete(via(newClient(), ravi), cartId)).data.type).toBe("order")
      })

      it("a signed-in customer's cart whose owner cannot be recorded is not handed out: 503, and the retry is recorded", async () => {
        const asha = await signedInCustomer("asha")
        const pg = pgOf(getContainer())
        await pg.raw(`create or replace function refuse_cart_owner() returns trigger language plpgsql as $$
          begin raise exception 'owner record refused by the test'; end $$`)
        await pg.raw("create trigger refuse_cart_owner before insert or update on checkout_cart_owner for each row execute function refuse_cart_owner()")
        // Sent with a retry key: the 503 must not be kept for it as the cart it was not.
        const keyed = { headers: { ...store().headers, "idempotency-key": `owner-record-${Date.now()}-retry` } }
        let refused
        try {
          refused = await outcome(via(newClient(), asha).post("/store/carts", { region_id: shop.region_id }, keyed))
        } finally {
          await pg.raw("drop trigger if exists refuse_cart_owner on checkout_cart_owner")
          await pg.raw("drop function if exists refuse_cart_owner()")
        }
        expect([refused.status, refused.data.type, refused.data.cart]).toEqual([503, "unexpected_state", undefined])
        // The retry with the same key runs again (no replay of an unrecorded cart), and is recorded.
        const retry = await via(newClient(), asha).post("/store/carts", { region_id: shop.region_id }, keyed)
        expect(retry.headers["idempotent-replayed"]).toBeUndefined()
        const owned = "select count(*)::int as n from checkout_cart_owner where cart_id = ? and deleted_at is null"
        expect(await count(owned, [retry.data.cart.id])).toBe(1)
        // ...so a guest who learns its id is refused (told to sign in: the cart is a customer's).
        expect((await hold(via(newClient()), retry.data.cart.id)).status).toBe(401)
      })

      it("any cart only through a publishable key of its own sales channel; unknown carts get 404 on every method", async () => {
        const token = await adminToken()
        const admin = via(newClient(), token)
        const channel = (await admin.post("/admin/sales-channels", { name: `Elsewhere ${Date.now()}` })).data.sales_channel
        const key = (await admin.post("/admin/api-keys", { title: `Elsewhere ${Date.now()}`, type: "publishable" })).data.api_key
        await admin.post(`/admin/api-keys/${key.id}/sales-channels`, { add: [channel.id] })
        const elsewhere = storeHeaders(key.token as string)

        const shopper = via(newClient())
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-DTN-250G")
        const cartId = await readyCart(shopper, shop, [{ variant_id: variant.id, quantity: 1 }])
        for (const attempt of [hold, release, complete]) {
          expect((await attempt(shopper, cartId, elsewhere)).status).toBe(404)
          expect((await attempt(shopper, "cart_01UNKNOWN00000000000000000")).status).toBe(404)
        }
        expect(await holds(cartId)).toBe(0)
        expect(await ordersOf(cartId)).toBe(0)
        // The same guest, through the shop's own key, is served.
        expect((await hold(shopper, cartId)).status).toBe(200)
      })
    })

    describe("shoppers who drop the connection", () => {
      /** Sends POST `path` with body {} on a connection of its own; returns the request, to be destroyed. */
      const sendAndKeep = (path: string, ip: string) => {
        const base = new URL((api as unknown as { defaults: { baseURL: string } }).defaults.baseURL)
        const req = http.request({
          host: base.hostname,
          port: base.port,
          path,
          method: "POST",
          agent: false,
          headers: { ...store().headers, "content-type": "application/json", "x-forwarded-for": ip },
        })
        req.on("error", () => undefined)
        req.end("{}")
        return req
      }

      it("checkouts whose clients left while the server read their carts give their places at the gate back: the next shopper, and a retry, are served", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-DTN-250G")
        const line = [{ variant_id: variant.id, quantity: 1 }]
        // As many as the gate lets in at once (CHECKOUT_CONCURRENCY, default 4), each its own shopper.
        const leavers = await inBatches(4, 2, async () => {
          const ip = newClient()
          return { ip, cartId: await readyCart(via(ip), shop, line) }
        })
        const next = { ip: newClient(), cartId: await readyCart(via(newClient()), shop, line) }

        // The carts are read under a table lock the test holds: each request waits
        // in PostgreSQL, and its client leaves before the gate is reached.
        const pg = getContainer().resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
        const blocking = await pg.transaction()
        try {
          await blocking.raw("lock table cart in access exclusive mode")
          const waiting = () => count("select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()")
          const requests = leavers.map(({ ip, cartId }) => sendAndKeep(`/store/carts/${cartId}/hold`, ip))
          expect(await waitFor(waiting, (n) => n >= leavers.length)).toBeGreaterThanOrEqual(leavers.length)
          for (const req of requests) {
            req.destroy()
          }
          // A round trip on a new connection: the server has seen those clients leave.
          await client.get("/health")
        } finally {
          await blocking.commit()
        }

        // The leavers' holds still run to their end (Medusa does not stop work for a client that left).
        const heldCarts = async () =>
          count("select count(distinct cart_id)::int as n from checkout_hold where cart_id = any(?) and status = 'active'", [
            leavers.map((l) => l.cartId),
          ])
        expect(await waitFor(heldCarts, (n) => n === leavers.length)).toBe(leavers.length)

        // Their places at the gate were given back: the next shopper holds (not 20 s in the queue, then busy),
        // and a leaver's retry (same cart) refreshes its hold.
        const answers = await Promise.all([
          outcome(via(next.ip).post(`/store/carts/${next.cartId}/hold`, {}, store())),
          outcome(via(leavers[0].ip).post(`/store/carts/${leavers[0].cartId}/hold`, {}, store())),
        ])
        expect(answers.map((a) => [a.status, a.data.type ?? "held"])).toEqual([
          [200, "held"],
          [200, "held"],
        ])
      })
    })

    describe("no forgeable login", () => {
      it("a token signed with a well-known secret gets 401 on the admin API and changes no stock; the real one works", async () => {
        const token = await adminToken()
        const payload = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString())
        const admin = (t: string) => via(newClient(), t)
        expect((await admin(token).get("/admin/holds")).status).toBe(200)

        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-DTN-250G")
        const itemId = await inventoryItemOf(getContainer(), variant.id)
        const stock = () =>
          count(
            "select stocked_quantity::int as n from inventory_level where inventory_item_id = ? and location_id = ? and deleted_at is null",
            [itemId, shop.stock_location_id]
          )
        const before = await stock()
        for (const secret of ["local-shop-dev-secret", "supersecret"]) {
          const forged = signJwt(payload, secret)
          expect((await failing(admin(forged).get("/admin/holds"))).status).toBe(401)
          const write = await failing(
            admin(forged).post(`/admin/inventory-items/${itemId}/location-levels/${shop.stock_location_id}`, {
              stocked_quantity: 999,
            })
          )
          expect(write.status).toBe(401)
        }
        expect(await stock()).toBe(before)
      })
    })

    describe("security headers", () => {
      it.each([
        ["/health", {}],
        ["/store/regions", { key: true }],
        ["/store/no-such-route", { key: true }],
        ["/admin/holds", {}],
      ])("%s answers with helmet's headers and no X-Powered-By", async (path, { key }: { key?: boolean }) => {
        const res = await via(newClient()).get(path, { ...(key ? store() : {}), validateStatus: () => true })
        const headers = res.headers as Record<string, string>
        expect(headers["x-frame-options"]).toBe("DENY")
        // Express's own 404 page replaces the CSP with an even stricter `default-src 'none'`.
        expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'|default-src 'none'/)
        expect(headers["x-content-type-options"]).toBe("nosniff")
        expect(headers["referrer-policy"]).toBe("no-referrer")
        expect(headers["x-powered-by"]).toBeUndefined()
        // Not production: no HSTS (unit test security-headers.unit.spec.ts covers production).
        expect(headers["strict-transport-security"]).toBeUndefined()
      })
    })
  },
})

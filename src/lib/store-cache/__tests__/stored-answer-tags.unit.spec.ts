import { createHash } from "crypto"
import Redis from "ioredis"
import { RedisCachingProvider } from "@medusajs/caching-redis/dist/services/redis-cache"
import { MemoryCachingProvider } from "@medusajs/caching/dist/providers/memory-cache"
import { STOCK_FACTS_TTL_SECONDS } from "../../checkout-hold/cart-stock-needs"
import { tagsNotCoveredBy, tagsOfStoredAnswer } from "../covered-tags"
import { sharedTaggedTtlSeconds } from "../response-cache"
import { RouteGenerations, type TaggedStore } from "../route-generations"

/**
 * Where a miss stores its answer, against Medusa's own caching providers: under
 * its request's key plus the route's generation, noted before the read. Any
 * change to what the route shows clears the generation (it carries the route's
 * tags), which puts every answer stored under it out of reach; the answers
 * themselves carry only the automatic tags the route's do not cover.
 */
const redisUrl = process.env.TEST_REDIS_URL
const ROUTE = { path: "/store/products", tags: ["Product:list:*", "ProductVariant:list:*", "Price:list:*"] }
const OTHER_ROUTE = { path: "/store/regions", tags: ["Region:list:*"] }
/** How Medusa's strategy clears on a module event. */
const AUTOMATIC = { autoInvalidate: true }
const hasher = (text: string) => createHash("sha1").update(text).digest("hex")

/** Medusa's Redis provider on its own connection, under a prefix of this test run. */
function redisProvider(url: string) {
  const redis = new Redis(url)
  const prefix = `local-shop-test:${process.pid}:${Date.now()}:`
  const provider = new RedisCachingProvider({ redisClient: redis, prefix, hasher, logger: console as never }, {})
  return { provider, redis, prefix, close: () => redis.disconnect() }
}

type Provider = TaggedStore & { clear(options: { key?: string; tags?: string[]; options?: object }): Promise<void> }

function providerContract(name: string, make: () => { provider: Provider; close: () => void }) {
  describe(`where a miss stores its answer (${name})`, () => {
    let provider: Provider
    let close: () => void
    let n = 0
    const generations = new RouteGenerations(600)
    const requestKey = () => `request-${process.pid}-${Date.now()}-${n++}`
    const store = (key: string, v: number, found: string[] = ["Product:prod_1"]) =>
      provider.set({ key, data: { v }, tags: tagsNotCoveredBy(found, ROUTE.tags), ttl: 600 })

    beforeAll(() => {
      ;({ provider, close } = make())
    })

    afterAll(() => close())

    it("finds an answer again while nothing changes, and never after a change to what the route shows", async () => {
      const request = requestKey()
      const key = await generations.answerKey(provider, ROUTE, request)
      await store(key, 1)
      expect(await generations.answerKey(provider, ROUTE, request)).toBe(key)
      expect(await provider.get({ key: await generations.answerKey(provider, ROUTE, request) })).toEqual({ v: 1 })

      await provider.clear({ tags: ["Price:list:*"], options: AUTOMATIC })
      const after = await generations.answerKey(provider, ROUTE, request)
      expect(after).not.toBe(key)
      expect(await provider.get({ key: after })).toBeNull()
    })

    it("an answer read while a change landed is stored where no later read looks", async () => {
      const request = requestKey()
      const key = await generations.answerKey(provider, ROUTE, request)
      // The route reads the database; meanwhile a variant changes (Medusa clears its list tag).
      await provider.clear({ tags: ["ProductVariant:list:*"], options: AUTOMATIC })
      await store(key, 2)
      const next = await generations.answerKey(provider, ROUTE, request)
      expect(next).not.toBe(key)
      expect(await provider.get({ key: next })).toBeNull()

      // The next miss stores under the new generation, and its answer is found.
      await store(next, 3)
      expect(await provider.get({ key: await generations.answerKey(provider, ROUTE, request) })).toEqual({ v: 3 })
    })

    it("misses of one process starting a generation at once after a change share it", async () => {
      await provider.clear({ tags: ["Product:list:*"], options: AUTOMATIC })
      const request = requestKey()
      const keys = await Promise.all(Array.from({ length: 20 }, () => generations.answerKey(provider, ROUTE, request)))
      expect(new Set(keys).size).toBe(1)
    })

    it("a change to what another route shows leaves this route's answers alone", async () => {
      const request = requestKey()
      const key = await generations.answerKey(provider, ROUTE, request)
      await store(key, 4)
      await generations.answerKey(provider, OTHER_ROUTE, requestKey())
      await provider.clear({ tags: ["Region:list:*"], options: AUTOMATIC })
      expect(await generations.answerKey(provider, ROUTE, request)).toBe(key)
      expect(await provider.get({ key })).toEqual({ v: 4 })
    })

    it("an answer keeps the automatic tags the route's tags do not cover", async () => {
      const key = await generations.answerKey(provider, ROUTE, requestKey())
      await store(key, 5, ["Product:prod_1", "InventoryItem:iitem_1"])
      await provider.clear({ tags: ["InventoryItem:iitem_1"], options: AUTOMATIC })
      expect(await provider.get({ key })).toBeNull()
    })
  })
}

providerContract("Medusa's in-memory caching provider", () => ({
  provider: new MemoryCachingProvider({ logger: console as never, hasher }, {}),
  close: () => {},
}))

describe("answers of a past generation in one process (Medusa's in-memory caching provider)", () => {
  it("are freed by the change itself when they carry the route's tags, and only kept till expiry without them", async () => {
    const provider = new MemoryCachingProvider({ logger: console as never, hasher }, {})
    const generations = new RouteGenerations(600)
    const inOneProcess = await generations.answerKey(provider, ROUTE, "request-one-process")
    await provider.set({ key: inOneProcess, data: { v: 1 }, tags: tagsOfStoredAnswer(ROUTE.tags, ["Product:prod_1"], true), ttl: 600 })
    const shared = `${inOneProcess}:shared-layout`
    await provider.set({ key: shared, data: { v: 2 }, tags: tagsOfStoredAnswer(ROUTE.tags, ["Product:prod_1"], false), ttl: 600 })

    await provider.clear({ tags: ["PriceList:list:*", "Price:list:*"], options: AUTOMATIC })
    expect(await generations.answerKey(provider, ROUTE, "request-one-process")).not.toBe(inOneProcess)
    expect(await provider.get({ key: inOneProcess })).toBeNull()
    expect(await provider.get({ key: shared })).toEqual({ v: 2 })
  })
})

if (redisUrl) {
  providerContract("Medusa's Redis caching provider", () => redisProvider(redisUrl))

  describe("route generations in Medusa's Redis caching provider", () => {
    let redis: ReturnType<typeof redisProvider>

    beforeEach(() => {
      redis = redisProvider(redisUrl)
    })

    afterEach(() => redis.close())

    const tagIndex = (tag: string) => `${redis.prefix}tag:${hasher(tag)}`

    it("a route's tag index holds its generation alone, however many answers it stores", async () => {
      const generations = new RouteGenerations(600)
      for (let i = 0; i < 50; i++) {
        const key = await generations.answerKey(redis.provider, ROUTE, `request-${i}`)
        await redis.provider.set({ key, data: { v: i }, tags: tagsNotCoveredBy(["Product:prod_1"], ROUTE.tags), ttl: 600 })
      }
      for (const tag of ROUTE.tags) {
        expect(await redis.redis.scard(tagIndex(tag))).toBe(1)
      }
    })

    it("a generation never outlives its tag index, whatever shorter-lived entry is written under its tags later", async () => {
      const generations = new RouteGenerations(sharedTaggedTtlSeconds(600))
      await generations.answerKey(redis.provider, ROUTE, "request")
      // The checkout's stock facts, written under a catalogue list tag with their own, shorter life.
      await redis.provider.set({ key: "stock-facts", data: { v: 1 }, tags: ["ProductVariant:list:*"], ttl: STOCK_FACTS_TTL_SECONDS })
      const generationTtl = await redis.redis.ttl(`${redis.prefix}store-cache:generation:${ROUTE.path}`)
      expect(generationTtl).toBeGreaterThan(0)
      expect(await redis.redis.ttl(tagIndex("ProductVariant:list:*"))).toBeGreaterThanOrEqual(generationTtl)
    })
  })
}

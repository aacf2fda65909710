import { createHash } from "crypto"
import Redis from "ioredis"
import { RedisCachingProvider } from "@medusajs/caching-redis/dist/services/redis-cache"
import { MemoryCachingProvider } from "@medusajs/caching/dist/providers/memory-cache"
import { tagsOfStoredAnswer } from "../covered-tags"
import { RouteGenerations, type TaggedStore } from "../route-generations"

/**
 * How a miss stores its answer, against Medusa's own caching providers: the
 * route's generation noted before the read, the answer stored with its tags,
 * then kept only when no change moved the generation meanwhile; and the tags
 * it carries let every later change clear it.
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
  const provider = new RedisCachingProvider(
    { redisClient: redis, prefix: `local-shop-test:${process.pid}:`, hasher, logger: console as never },
    {}
  )
  return { provider, close: () => redis.disconnect() }
}

type Provider = TaggedStore & { clear(options: { key?: string; tags?: string[]; options?: object }): Promise<void> }

function providerContract(name: string, make: () => { provider: Provider; close: () => void }) {
  describe(`a miss's store (${name})`, () => {
    let provider: Provider
    let close: () => void
    let n = 0
    const generations = new RouteGenerations(600)
    const answerKey = () => `answer-${process.pid}-${Date.now()}-${n++}`
    const answer = (key: string, v: number, found: string[] = ["Product:prod_1"]) => ({
      key,
      data: { v },
      tags: tagsOfStoredAnswer(ROUTE.tags, found),
      ttl: 600,
    })

    beforeAll(() => {
      ;({ provider, close } = make())
    })

    afterAll(() => close())

    it("keeps an answer no change raced, and the next change clears it", async () => {
      const key = answerKey()
      const generation = await generations.current(provider, ROUTE)
      expect(await generations.current(provider, ROUTE)).toBe(generation)
      expect(await generations.storeUnlessRaced(provider, ROUTE, generation, answer(key, 1))).toBe(true)
      expect(await provider.get({ key })).toEqual({ v: 1 })

      await provider.clear({ tags: ["Price:list:*"], options: AUTOMATIC })
      expect(await provider.get({ key })).toBeNull()
    })

    it("does not keep an answer read while a change landed: its generation moved", async () => {
      const key = answerKey()
      const generation = await generations.current(provider, ROUTE)
      // The route reads the database; meanwhile a variant changes (Medusa clears its list tag).
      await provider.clear({ tags: ["ProductVariant:list:*"], options: AUTOMATIC })
      expect(await generations.storeUnlessRaced(provider, ROUTE, generation, answer(key, 2))).toBe(false)
      expect(await provider.get({ key })).toBeNull()

      // The next miss starts a new generation, and its answer stays.
      const next = await generations.current(provider, ROUTE)
      expect(next).not.toBe(generation)
      expect(await generations.storeUnlessRaced(provider, ROUTE, next, answer(key, 3))).toBe(true)
      expect(await provider.get({ key })).toEqual({ v: 3 })
    })

    it("misses starting a generation at once after a change all keep their answers", async () => {
      await provider.clear({ tags: ["Product:list:*"], options: AUTOMATIC })
      const keys = [answerKey(), answerKey(), answerKey()]
      const started = await Promise.all(keys.map(() => generations.current(provider, ROUTE)))
      expect(new Set(started).size).toBe(1)
      const kept = await Promise.all(
        keys.map((key, i) => generations.storeUnlessRaced(provider, ROUTE, started[i], answer(key, 10 + i)))
      )
      expect(kept).toEqual([true, true, true])
    })

    it("a change to what another route shows leaves this route's generation alone", async () => {
      const key = answerKey()
      const generation = await generations.current(provider, ROUTE)
      await generations.current(provider, OTHER_ROUTE)
      await provider.clear({ tags: ["Region:list:*"], options: AUTOMATIC })
      expect(await generations.storeUnlessRaced(provider, ROUTE, generation, answer(key, 4))).toBe(true)
      expect(await provider.get({ key })).toEqual({ v: 4 })
    })

    it("keeps the automatic tags the route's tags do not cover", async () => {
      const key = answerKey()
      const generation = await generations.current(provider, ROUTE)
      await generations.storeUnlessRaced(provider, ROUTE, generation, answer(key, 5, ["InventoryItem:iitem_1"]))
      await provider.clear({ tags: ["InventoryItem:iitem_1"], options: AUTOMATIC })
      expect(await provider.get({ key })).toBeNull()
    })
  })
}

providerContract("Medusa's in-memory caching provider", () => ({
  provider: new MemoryCachingProvider({ logger: console as never, hasher }, {}),
  close: () => {},
}))

if (redisUrl) {
  providerContract("Medusa's Redis caching provider", () => redisProvider(redisUrl))

  describe("the tags a stored answer carries (Medusa's Redis caching provider)", () => {
    it("an answer stored again after a clear removed the earlier entry's tag index is cleared by the next change", async () => {
      const { provider, close } = redisProvider(redisUrl)
      const key = `answer-again-${process.pid}-${Date.now()}`
      try {
        await provider.set({ key, data: { v: 0 }, tags: ROUTE.tags, ttl: 600 })
        await provider.clear({ tags: ["ProductVariant:list:*"], options: AUTOMATIC })
        await provider.set({ key, data: { v: 1 }, tags: tagsOfStoredAnswer(ROUTE.tags, ["Product:prod_1"]), ttl: 600 })
        expect(await provider.get({ key })).toEqual({ v: 1 })
        await provider.clear({ tags: ["Price:list:*"], options: AUTOMATIC })
        expect(await provider.get({ key })).toBeNull()
      } finally {
        close()
      }
    })
  })
}

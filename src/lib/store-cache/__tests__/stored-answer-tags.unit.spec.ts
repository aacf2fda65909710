import { createHash } from "crypto"
import Redis from "ioredis"
import { RedisCachingProvider } from "@medusajs/caching-redis/dist/services/redis-cache"
import { tagsOfStoredAnswer } from "../covered-tags"

/**
 * A miss stores a placeholder under its key with the route's tags, runs the
 * route, checks the placeholder is still there (no change raced the read), then
 * stores the answer. Checked against Medusa's own Redis provider: a clear that
 * lands between that check and the store must not leave an answer no later
 * change can clear.
 */
const redisUrl = process.env.TEST_REDIS_URL
const ROUTE_TAGS = ["Product:list:*", "ProductVariant:list:*", "Price:list:*"]
const AUTOMATIC = { autoInvalidate: true }

if (redisUrl) {
  describe("the tags a stored answer carries (Medusa's Redis caching provider)", () => {
    let redis: Redis
    let provider: RedisCachingProvider
    const key = `answer-${process.pid}-${Date.now()}`

    beforeAll(() => {
      redis = new Redis(redisUrl)
      provider = new RedisCachingProvider(
        {
          redisClient: redis,
          prefix: `local-shop-test:${process.pid}:`,
          hasher: (text: string) => createHash("sha1").update(text).digest("hex"),
          logger: console as never,
        },
        {}
      )
    })

    afterAll(async () => {
      await provider.clear({ key })
      redis.disconnect()
    })

    it("an answer stored after a clear removed its placeholder is cleared by the next change", async () => {
      await provider.set({ key, data: { v: 0 }, tags: ROUTE_TAGS, ttl: 600 })
      // The race check found the placeholder; then a change's clear lands (Medusa's strategy call).
      expect(await provider.get({ key })).toEqual({ v: 0 })
      await provider.clear({ tags: ["ProductVariant:list:*"], options: AUTOMATIC })
      await provider.set({ key, data: { v: 1 }, tags: tagsOfStoredAnswer(ROUTE_TAGS, ["Product:prod_1"]), ttl: 600 })
      expect(await provider.get({ key })).toEqual({ v: 1 })

      // The next price change must clear it.
      await provider.clear({ tags: ["Price:list:*"], options: AUTOMATIC })
      expect(await provider.get({ key })).toBeNull()
    })

    it("keeps the automatic tags the route's tags do not cover", async () => {
      await provider.set({ key, data: { v: 2 }, tags: tagsOfStoredAnswer(ROUTE_TAGS, ["InventoryItem:iitem_1"]), ttl: 600 })
      await provider.clear({ tags: ["InventoryItem:iitem_1"], options: AUTOMATIC })
      expect(await provider.get({ key })).toBeNull()
    })
  })
} else {
  describe("the tags a stored answer carries", () => {
    it("needs TEST_REDIS_URL (Medusa's Redis caching provider); the in-memory provider replaces a key's tags on every store", () => {
      expect(tagsOfStoredAnswer(ROUTE_TAGS, ["Product:prod_1", "InventoryItem:iitem_1"])).toEqual([...ROUTE_TAGS, "InventoryItem:iitem_1"])
    })
  })
}

import Redis from "ioredis"
import OrderedRedisLockProvider from "../service"

/**
 * The shop's Redis locking provider against a real Redis (TEST_REDIS_URL; the
 * CI sets it when Redis is reachable), each test under a prefix of its own.
 */
const redisUrl = process.env.TEST_REDIS_URL
jest.setTimeout(60_000)

type Lock = OrderedRedisLockProvider

function providers(count: number) {
  const redis = new Redis(redisUrl as string)
  const prefix = `local-shop-lock-test:${process.pid}:${Date.now()}:`
  // One connection per provider, as one per server; Medusa's fast retries (src/config/modules.ts).
  const clients = Array.from({ length: count }, () => new Redis(redisUrl as string))
  const locks = clients.map(
    (redisClient) =>
      new OrderedRedisLockProvider({ redisClient: redisClient as never, prefix, logger: console as never }, {
        defaultRetryInterval: 20,
        maximumRetryInterval: 50,
        backoffFactor: 2,
      })
  )
  const keysLeft = () => redis.keys(`${prefix}*`)
  const close = () => [redis, ...clients].forEach((c) => c.disconnect())
  return { locks, redis, prefix, keysLeft, close }
}

async function waitUntil(check: () => Promise<boolean>, withinMs: number) {
  const deadline = Date.now() + withinMs
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`not within ${withinMs} ms`)
    }
    await new Promise((r) => setTimeout(r, 20))
  }
}

/**
 * Medusa's lock commands on a map instead of Redis (SET NX, owner-checked
 * release and renewal), noting the order keys are taken in.
 */
function memoryLockClient() {
  const held = new Map<string, string>()
  const taken: string[] = []
  return {
    held,
    taken,
    defineCommand: () => undefined,
    acquireLock: (key: string, owner: string) => {
      if (held.has(key)) {
        return Promise.resolve(0)
      }
      held.set(key, owner)
      taken.push(key)
      return Promise.resolve(1)
    },
    releaseLock: (key: string, owner: string) => Promise.resolve(held.get(key) === owner && held.delete(key) ? 1 : 0),
    extendLock: (key: string, owner: string) => Promise.resolve(held.get(key) === owner ? 1 : 0),
  }
}

describe("the shop's Redis locking provider, keys in order (Medusa's lock commands on a map)", () => {
  const lockOn = (client: ReturnType<typeof memoryLockClient>) =>
    new OrderedRedisLockProvider({ redisClient: client as never, prefix: "lock:", logger: console as never }, {
      defaultRetryInterval: 5,
      maximumRetryInterval: 20,
      backoffFactor: 2,
    })

  it("takes an execute's keys one at a time, sorted and once each, whatever order they are given in", async () => {
    const client = memoryLockClient()
    const during = await lockOn(client).execute(["iitem_c", "iitem_a", "iitem_b", "iitem_a"], () => Promise.resolve([...client.held.keys()]))
    expect(client.taken).toEqual(["lock:iitem_a", "lock:iitem_b", "lock:iitem_c"])
    expect(during).toEqual(["lock:iitem_a", "lock:iitem_b", "lock:iitem_c"])
    expect([...client.held.keys()]).toEqual([])
  })

  it("gives up within the caller's wait when a later key stays taken, handing back the keys it took", async () => {
    const client = memoryLockClient()
    client.held.set("lock:iitem_b", "someone-else")
    let ran = false
    await expect(
      lockOn(client).execute(["iitem_b", "iitem_a"], () => Promise.resolve((ran = true)), { timeout: 1 })
    ).rejects.toThrow("Timed-out acquiring lock.")
    expect(ran).toBe(false)
    expect([...client.held.entries()]).toEqual([["lock:iitem_b", "someone-else"]])
  })
})

if (redisUrl) {
  describe("Medusa's Redis locking provider, several keys taken in order", () => {
    let env: ReturnType<typeof providers>
    afterEach(() => env?.close())

    it("four executes of the same two keys at once, in either order, all run, one at a time, and leave no key locked", async () => {
      env = providers(4)
      let inside = 0
      let most = 0
      const outcomes: string[] = []
      for (let round = 0; round < 10; round++) {
        const keys = [`iitem_a${round}`, `iitem_b${round}`]
        const runs = env.locks.map((lock: Lock, i) =>
          lock
            .execute(
              i % 2 ? [...keys].reverse() : keys,
              async () => {
                most = Math.max(most, ++inside)
                await new Promise((r) => setTimeout(r, 30))
                inside--
              },
              { timeout: 2 }
            )
            .then(
              () => outcomes.push("ran"),
              (e: Error) => outcomes.push(e.message)
            )
        )
        await Promise.all(runs)
      }
      expect(outcomes).toEqual(Array(40).fill("ran"))
      expect(most).toBe(1)
      expect(await env.keysLeft()).toEqual([])
    })

    it("a wait that runs out hands back the key it took: only the holder's key stays locked", async () => {
      env = providers(2)
      const [holder, waiter] = env.locks
      let letGo!: () => void
      const holding = holder.execute("iitem_b", () => new Promise<void>((r) => (letGo = r)), { timeout: 1 })
      await waitUntil(async () => (await env.keysLeft()).length === 1, 2_000)
      await expect(waiter.execute(["iitem_a", "iitem_b"], () => Promise.resolve("ran"), { timeout: 1 })).rejects.toThrow("Timed-out acquiring lock.")
      // iitem_a, taken first, is free again at once (not after its 60 s lease).
      await waitUntil(async () => (await env.keysLeft()).length === 1, 2_000)
      expect(await env.keysLeft()).toEqual([`${env.prefix}iitem_b`])
      expect(await env.redis.ttl(`${env.prefix}iitem_b`)).toBeGreaterThan(0)
      letGo()
      await holding
      expect(await env.keysLeft()).toEqual([])
    })

    it("losing any one of the keys mid-job aborts the job's signal, and the execute fails", async () => {
      env = providers(1)
      const [lock] = env.locks
      let aborted: unknown = null
      const run = lock.execute(
        ["iitem_a", "iitem_b"],
        (signal) =>
          new Promise<string>((resolve) => {
            signal?.addEventListener("abort", () => {
              aborted = signal.reason
              resolve("stopped")
            })
            // The second key's lease is lost (evicted, a Redis restart): deleted.
            void env.redis.del(`${env.prefix}iitem_b`)
          }),
        { timeout: 1, expire: 1 }
      )
      await expect(run).rejects.toThrow(/Lost the lock for key\(s\) "iitem_b"/)
      expect(String(aborted)).toContain("iitem_b")
      expect(await env.keysLeft()).toEqual([])
    })
  })
} else {
  console.log("TEST_REDIS_URL is not set: the Redis locking provider tests are not registered")
}

import { randomUUID } from "crypto"

/** What this needs of Medusa's Caching Module: its service, or one of its providers. */
export type TaggedStore = {
  get(options: { key: string }): Promise<unknown>
  set(options: { key: string; data: object; tags?: string[]; ttl?: number }): Promise<void>
  clear(options: { key: string }): Promise<void>
}

/** The route a miss answers, as far as its changes go. */
export type RouteChanges = { path: string; tags: readonly string[] }

type Generation = { generation: string }

function isGeneration(value: unknown): value is Generation {
  return typeof value === "object" && value !== null && typeof (value as { generation?: unknown }).generation === "string"
}

/**
 * A catalogue change that lands while a miss reads must not leave the miss's
 * older answer stored. Each route keeps one generation key, tagged with the
 * route's tags: Medusa clears `<Entity>:list:*` on every change of that
 * entity, and the key with it. A miss notes the generation before it reads
 * (`current`), stores its answer, then looks again (`storeUnlessRaced`):
 * another generation, or none, means a change may have raced the read, and
 * the answer is cleared at once. A change landing after the store clears the
 * answer itself, which carries the same tags. There is no window between the
 * check and the store: the check comes after it.
 *
 * Per miss that is two small reads; the first misses after a change also
 * write the new generation. (Before: a placeholder under each answer's key, written
 * with every route tag, two Redis commands per tag on every miss.)
 */
export class RouteGenerations {
  /**
   * `ttlSeconds`: no longer than the answers' own life. Medusa's Redis provider
   * sets a tag's index to expire with the last entry stored under it; a
   * generation outliving that index would no longer be cleared by its tags.
   */
  constructor(private readonly ttlSeconds: number) {}

  private keyOf(route: RouteChanges) {
    return `store-cache:generation:${route.path}`
  }

  /** The route's generation as stored, or null when there is none. */
  private async read(store: TaggedStore, route: RouteChanges): Promise<string | null> {
    const found = await store.get({ key: this.keyOf(route) })
    return isGeneration(found) ? found.generation : null
  }

  /**
   * The route's generation now, started when there is none (after a change, or
   * its expiry). After starting one it reads again and takes whatever is there:
   * misses that start one at once (a crowd right after a change) end up with
   * the last one written, instead of all but one looking raced. Safe, because
   * a generation read before the route's read begins is deleted by any change
   * after that moment.
   */
  async current(store: TaggedStore, route: RouteChanges): Promise<string> {
    const found = await this.read(store, route)
    if (found) {
      return found
    }
    const generation = randomUUID()
    await store.set({ key: this.keyOf(route), data: { generation }, tags: [...route.tags], ttl: this.ttlSeconds })
    return (await this.read(store, route)) ?? generation
  }

  /**
   * Stores `entry`, then clears it again unless the route is still at
   * `generation` (what `current` gave before the read). True when it stays.
   * A false alarm (a generation expiring, or two started in the same instant)
   * only clears an answer the next read computes again.
   */
  async storeUnlessRaced(
    store: TaggedStore,
    route: RouteChanges,
    generation: string,
    entry: { key: string; data: object; tags: string[]; ttl: number }
  ): Promise<boolean> {
    await store.set(entry)
    if ((await this.read(store, route)) === generation) {
      return true
    }
    await store.clear({ key: entry.key })
    return false
  }
}

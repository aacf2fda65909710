import { randomUUID } from "crypto"
import { SingleFlight } from "./single-flight"

/** What this needs of Medusa's Caching Module: its service, or one of its providers. */
export type TaggedStore = {
  get(options: { key: string }): Promise<unknown>
  set(options: { key: string; data: object; tags?: string[]; ttl?: number }): Promise<void>
}

/** The route a miss answers, as far as its changes go. */
export type RouteChanges = { path: string; tags: readonly string[] }

type Generation = { generation: string }

/** A route generation as stored (what a reader may keep a copy of). */
export function isGeneration(value: unknown): value is Generation {
  return typeof value === "object" && value !== null && typeof (value as { generation?: unknown }).generation === "string"
}

/**
 * Every answer of a route is stored under its request's key plus the route's
 * generation: one small key per route, tagged with the route's tags. Medusa
 * clears `<Entity>:list:*` on every change of that entity, and the generation
 * with it; the next read starts a new one, and every answer stored under the
 * old one is out of reach at once (it expires unread).
 *
 * - A change costs one key, however many answers the route has stored. (Tagging
 *   each answer with the route's two dozen tags made Medusa's Redis provider
 *   untag every stored answer from every tag on a clear: with a few hundred
 *   answers, a price change took seconds to clear.)
 * - A miss writes its answer without the route's tags, and nothing races it: it
 *   stores under the generation it noted before its read, so an answer read
 *   while a change landed is stored where no later read looks.
 */
export class RouteGenerations {
  /**
   * `ttlSeconds`: how long a generation lives, no longer than its answers do,
   * and no longer than Medusa's Redis provider keeps the generation's tag index
   * (see `sharedTaggedTtlSeconds` in response-cache.ts).
   */
  constructor(private readonly ttlSeconds: number) {}

  /** Generations being started in this process, by route. */
  private readonly starts = new SingleFlight<string>()

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
   * its expiry). Misses of one process that find none at once (a crowd right
   * after a change) start one together, and so share their answers. Across
   * servers, a start reads again after writing and takes whatever is there: the
   * last one written, for all but a server whose read came between two writes
   * (its answers are then stored where no later read looks, a wasted read and
   * nothing worse).
   */
  async current(store: TaggedStore, route: RouteChanges): Promise<string> {
    const found = await this.read(store, route)
    if (found) {
      return found
    }
    return this.starts.run(this.keyOf(route), async () => {
      // A start of this process may have ended between the read above and now.
      const started = await this.read(store, route)
      if (started) {
        return started
      }
      const generation = randomUUID()
      await store.set({ key: this.keyOf(route), data: { generation }, tags: [...route.tags], ttl: this.ttlSeconds })
      return (await this.read(store, route)) ?? generation
    })
  }

  /** Where an answer to `requestKey` is stored in the route's current generation. */
  async answerKey(store: TaggedStore, route: RouteChanges, requestKey: string): Promise<string> {
    return `${requestKey}:${await this.current(store, route)}`
  }
}

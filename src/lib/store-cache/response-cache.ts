import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { asValue } from "@medusajs/framework/awilix"
import type {
  ICachingModuleService,
  ILockingModule,
  Logger,
  MedusaContainer,
  QueryGraphFunction,
} from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  Modules,
  getTotalVariantAvailability,
  getVariantAvailability,
} from "@medusajs/framework/utils"
import {
  GZIP_MIN_BYTES,
  RenderedAnswers,
  gzipEtagOf,
  gzippedBody,
  hashOf,
  matchesIfNoneMatch,
  toSlottedJson,
} from "./availability-slots"
import { SingleFlight } from "./single-flight"
import { tagsOfStoredAnswer } from "./covered-tags"
import { RouteGenerations, isGeneration, type TaggedStore } from "./route-generations"
import { STOCK_FACTS_TTL_SECONDS } from "../checkout-hold/cart-stock-needs"
import { requestPath } from "../http/request-path"

/** One Store API read answered from the cache, by its Express path. */
export type CachedRoute = {
  /** e.g. "/store/products/:id" */
  path: string
  /**
   * Tags for what the answer depends on without carrying its id (an empty list,
   * a new product, a link table, a price list, the region). Medusa clears
   * `<Entity>:list:*` on every create, update and delete of that entity; the
   * ids found in the answer are tagged automatically.
   */
  tags: string[]
  /** Prices in the answer follow the customer's groups (price lists): key by group, never share. */
  pricedForCustomer: boolean
}

export type StoreCacheOptions = {
  enabled: boolean
  ttlSeconds: number
  cdnMaxAgeSeconds: number
  cdnStaleSeconds: number
  /** The Caching Module's provider is shared by several servers (Redis): lock misses across servers. */
  sharedAcrossServers: boolean
  /**
   * With a shared provider: the in-memory provider (id) keeps each answer this
   * many seconds in the process too, sparing a Redis round trip and a gunzip per
   * hit. A change reaches these copies when they expire (never later than this).
   */
  local?: { providerId: string; sharedProviderId: string; seconds: number }
}

/** What the cache keeps for one answer (availability cut out, see availability-slots.ts). */
type StoredAnswer = {
  v: 1
  parts: string[]
  slots: string[]
  hash: string
  /** The sales channel Medusa computed the answer's availability for. */
  channel: string | null
  availabilityKey: string | null
}

type Quantities = Record<string, number | null>

/** Stock moves clear every availability entry; the 1 s life bounds what a lost race could leave. */
const AVAILABILITY_TTL_SECONDS = 1
const STOCK_TAGS = [
  "ReservationItem:list:*",
  "InventoryLevel:list:*",
  "InventoryItem:list:*",
  "LinkProductVariantInventoryItem:list:*",
  "LinkSalesChannelStockLocation:list:*",
  "StockLocation:list:*",
]
/** Cross-server miss lock: how long a second server waits for the first one's answer, and the lease. */
const LOCK_WAIT_SECONDS = 10
const LOCK_LEASE_SECONDS = 30

/**
 * Medusa's Redis provider sets a tag's index to expire 60 s after the entry
 * written under that tag last (EXPIRE, not extended: a shorter-lived entry cuts
 * it short). The shortest-lived entries written under the catalogue's tags are
 * the checkout's stock facts, and a generation living longer than their index
 * could outlive the index that clears it. So with a shared provider, answers
 * and generations live at most this long.
 */
export function sharedTaggedTtlSeconds(ttlSeconds: number): number {
  return Math.min(ttlSeconds, STOCK_FACTS_TTL_SECONDS + 60)
}

export const X_CACHE = "X-Cache"
/** Entities Medusa's middlewares read for the pricing and tax context (see uncachedQuery). */
const CONTEXT_ENTITIES = ["region", "store"] as const

function isStoredAnswer(value: unknown): value is StoredAnswer {
  return typeof value === "object" && value !== null && (value as { v?: unknown }).v === 1
}

function isQuantities(value: unknown): value is Quantities {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

function pathPattern(path: string): RegExp {
  const source = path
    .split("/")
    .map((segment) => (segment.startsWith(":") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/")
  return new RegExp(`^${source}/?$`)
}

/** Why this request must not be answered from a shared entry, if it must not. */
function personalReason(req: MedusaStoreRequest): string | null {
  // The cart decides region and tax address: the answer is that shopper's alone.
  if (req.query.cart_id !== undefined) {
    return "cart_id"
  }
  return null
}

/** Medusa's rule for which channel availability is computed in (variant-inventory-quantity.js). */
function availabilityChannel(req: MedusaStoreRequest): string | null {
  const keyChannels = req.publishable_key_context?.sales_channel_ids ?? []
  if (keyChannels.length === 1) {
    return keyChannels[0]
  }
  const asked = req.query.sales_channel_id
  const ids = Array.isArray(asked) ? asked : asked === undefined ? [] : [asked]
  return ids.length === 1 && typeof ids[0] === "string" ? ids[0] : null
}

/**
 * The Store API response cache: a middleware for the configured GET routes,
 * built on Medusa's Caching Module (key, tags, automatic tags, clear by tag).
 *
 * - hit: the stored answer with fresh availability merged in, ETag / 304,
 *   Cache-Control for CDNs, `X-Cache: hit`;
 * - miss: the route runs as usual (whatever it does inside); its 200 JSON
 *   answer is stored, tagged with the ids it carries plus the route's tags;
 *   concurrent misses of one key run the route once per process, and once
 *   across servers when the provider is shared (Redis lock);
 * - bypass: cache off, or an answer personal to a cart.
 */
export function storeResponseCache(routes: CachedRoute[], options: StoreCacheOptions) {
  const compiled = routes.map((route) => ({ route, pattern: pathPattern(route.path) }))
  const answers = new SingleFlight<StoredAnswer | null>()
  const availabilities = new SingleFlight<Quantities>()
  const renderings = new RenderedAnswers()
  const ttlSeconds = options.sharedAcrossServers ? sharedTaggedTtlSeconds(options.ttlSeconds) : options.ttlSeconds
  const generations = new RouteGenerations(ttlSeconds)

  const publicCacheControl = (withAvailability: boolean) => {
    // Availability must be true within a second: a CDN keeps such answers 1 s at most.
    const maxAge = withAvailability ? Math.min(options.cdnMaxAgeSeconds, 1) : options.cdnMaxAgeSeconds
    const stale = withAvailability ? 0 : options.cdnStaleSeconds
    return `public, max-age=0, s-maxage=${maxAge}${stale ? `, stale-while-revalidate=${stale}` : ""}`
  }

  /**
   * The value under `key` that `accept` takes (a stored answer, or availability
   * figures): this process's copy first, then the shared one, then kept in this
   * process too (for `options.local.seconds`).
   */
  async function nearThenFar<T extends object>(
    caching: ICachingModuleService,
    key: string,
    accept: (value: unknown) => value is T
  ): Promise<T | null> {
    const local = options.local
    if (!local) {
      const stored: unknown = await caching.get({ key })
      return accept(stored) ? stored : null
    }
    const near: unknown = await caching.get({ key, providers: [local.providerId] })
    if (accept(near)) {
      return near
    }
    const far: unknown = await caching.get({ key, providers: [local.sharedProviderId] })
    if (!accept(far)) {
      return null
    }
    await bestEffort(caching.set({ key, data: far, tags: [], providers: [{ id: local.providerId, ttl: local.seconds }] }))
    return far
  }

  const getAnswer = (caching: ICachingModuleService, key: string) => nearThenFar(caching, key, isStoredAnswer)

  /** The route generations, read like answers: this process's copy first, then the shared one. */
  const generationStore = (caching: ICachingModuleService): TaggedStore => ({
    get: ({ key }) => nearThenFar(caching, key, isGeneration),
    set: (entry) => caching.set(entry),
  })

  async function customerGroups(container: MedusaContainer, req: MedusaStoreRequest): Promise<string[] | null> {
    const customerId = req.auth_context?.actor_type === "customer" ? req.auth_context.actor_id : undefined
    if (!customerId) {
      return null
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "customer_group",
      fields: ["id"],
      filters: { customers: { id: customerId } },
    })
    return data.map((group) => group.id).sort()
  }

  /** Fresh figures for an answer's slots: from the cache, or computed once per process. */
  async function quantitiesFor(container: MedusaContainer, answer: StoredAnswer): Promise<(number | null)[]> {
    if (!answer.slots.length || !answer.availabilityKey) {
      return []
    }
    const caching: ICachingModuleService = container.resolve(Modules.CACHING)
    const key = answer.availabilityKey
    const map =
      (await nearThenFar(caching, key, isQuantities)) ??
      (await availabilities.run(key, async () => {
          const variantIds = [...new Set(answer.slots)]
          // Medusa's own availability computation, but read from the database: its
          // cached variant of this query may lag behind a reservation.
          const fresh = uncachedQuery(container.resolve(ContainerRegistrationKeys.QUERY))
          const result = answer.channel
            ? await getVariantAvailability(fresh, { variant_ids: variantIds, sales_channel_id: answer.channel })
            : await getTotalVariantAvailability(fresh, { variant_ids: variantIds })
          const quantities: Quantities = {}
          for (const id of variantIds) {
            quantities[id] = result[id]?.availability ?? null
          }
          await bestEffort(caching.set({ key, data: quantities, ttl: AVAILABILITY_TTL_SECONDS, tags: STOCK_TAGS }))
          return quantities
        }))
    return answer.slots.map((id) => map[id] ?? null)
  }

  /**
   * Sends a stored answer with `quantities` merged in: gzip-encoded (bytes kept
   * per rendering) to a client that accepts gzip, as browsers and Node's fetch
   * do, else as it is; 304 when If-None-Match names either representation.
   */
  async function send(
    req: MedusaStoreRequest,
    res: MedusaResponse,
    answer: StoredAnswer,
    quantities: (number | null)[],
    state: "hit" | "miss",
    personal: boolean
  ) {
    const rendered = renderings.render(answer, quantities)
    const gzipEtag = gzipEtagOf(rendered.etag)
    const wantsGzip = rendered.body.length >= GZIP_MIN_BYTES && req.acceptsEncodings("gzip", "identity") === "gzip"
    let body = rendered.body
    let etag = rendered.etag
    if (wantsGzip) {
      try {
        body = await gzippedBody(rendered)
        etag = gzipEtag
      } catch (e) {
        logger(req.scope).warn(`Store cache: could not gzip ${req.originalUrl}, sending it plain: ${(e as Error).message}`)
      }
    }
    res.setHeader(X_CACHE, state)
    res.setHeader("ETag", etag)
    res.setHeader("Cache-Control", personal ? "private, no-store" : publicCacheControl(answer.slots.length > 0))
    // Added to what is there (CORS's `Origin`): a CDN must not hand one storefront's
    // Access-Control-Allow-Origin to another.
    res.vary("x-publishable-api-key, x-medusa-locale, Accept-Encoding")
    if (matchesIfNoneMatch(req.get("if-none-match"), rendered.etag, gzipEtag)) {
      res.status(304).end()
      return
    }
    // The bytes as they are: res.send would copy the text into a new Buffer per request.
    res.status(200)
    res.setHeader("Content-Type", "application/json; charset=utf-8")
    if (body !== rendered.body) {
      res.setHeader("Content-Encoding", "gzip")
    }
    res.setHeader("Content-Length", body.length)
    res.end(body)
  }

  /** Runs the route behind this middleware and captures its 200 JSON answer (null for anything else). */
  function runRoute(req: MedusaStoreRequest, res: MedusaResponse, next: MedusaNextFunction): Promise<{ body: unknown } | null> {
    readDatabase(req)
    return new Promise((resolve) => {
      const json = res.json.bind(res)
      let settled = false
      const settle = (value: { body: unknown } | null) => {
        if (!settled) {
          settled = true
          res.json = json
          resolve(value)
        }
      }
      res.json = function (body?: unknown) {
        if (res.statusCode === 200 && !settled) {
          settle({ body })
          return res
        }
        settle(null)
        return json(body)
      }
      res.once("finish", () => settle(null))
      res.once("close", () => settle(null))
      next()
    })
  }

  /**
   * What a miss stores of the route's `body`: its text with availability cut
   * out, and its tags (covered-tags.ts); null when they could not be computed
   * (the answer is then sent, not stored).
   */
  async function storedAnswerOf(caching: ICachingModuleService, req: MedusaStoreRequest, route: CachedRoute, body: unknown) {
    const slotted = toSlottedJson(body)
    const variantIds = [...new Set(slotted.slots)].sort()
    const channel = availabilityChannel(req)
    const answer: StoredAnswer = {
      v: 1,
      parts: slotted.parts,
      slots: slotted.slots,
      hash: hashOf(slotted.parts),
      channel,
      availabilityKey: variantIds.length ? `store-cache:availability:${await caching.computeKey({ channel, variantIds })}` : null,
    }
    let tags: string[] | null = null
    try {
      const found = typeof body === "object" && body !== null ? await caching.computeTags(body) : []
      tags = tagsOfStoredAnswer(route.tags, found, !options.sharedAcrossServers)
    } catch (e) {
      logger(req.scope).warn(`Store cache: could not tag ${req.originalUrl}, not storing it: ${(e as Error).message}`)
    }
    return { answer, quantities: slotted.quantities, tags }
  }

  /** The miss of one key in this process: run the route once, answer, store. */
  async function lead(
    container: MedusaContainer,
    req: MedusaStoreRequest,
    res: MedusaResponse,
    next: MedusaNextFunction,
    key: string,
    route: CachedRoute,
    personal: boolean
  ): Promise<StoredAnswer | null> {
    const caching: ICachingModuleService = container.resolve(Modules.CACHING)
    const compute = async (): Promise<StoredAnswer | null> => {
      // The route's body is let go of as soon as it is cut into the stored answer
      // and its tags are computed: held through the Redis round trips below, a
      // page of product objects per miss outlived the young generation under load.
      const prepared = await runRoute(req, res, next).then(
        (captured) => captured && storedAnswerOf(caching, req, route, captured.body)
      )
      if (!prepared) {
        return null
      }
      const { answer, quantities, tags } = prepared
      await send(req, res, answer, quantities, "miss", personal)
      if (tags) {
        try {
          // Under the generation noted before the read (the key): a change that
          // landed meanwhile has already put it out of reach. Not kept in this
          // process's copy yet: the first hit fetches it (a cold crawl of pages
          // nobody asks twice pays for one store, not two).
          await caching.set({ key, data: answer, tags, ttl: ttlSeconds })
        } catch (e) {
          logger(container).warn(`Store cache: could not store ${req.originalUrl}: ${(e as Error).message}`)
        }
      }
      return answer
    }

    if (!options.sharedAcrossServers) {
      return compute()
    }
    const locking: ILockingModule = container.resolve(Modules.LOCKING)
    let ran = false
    try {
      return await locking.execute(
        `store-cache:${key}`,
        async () => {
          ran = true
          // Another server may have answered this key while we waited for the lock.
          const stored = await getAnswer(caching, key)
          if (stored) {
            await send(req, res, stored, await quantitiesFor(container, stored), "hit", personal)
            return stored
          }
          return compute()
        },
        { timeout: LOCK_WAIT_SECONDS, expire: LOCK_LEASE_SECONDS }
      )
    } catch (e) {
      if (ran || res.headersSent) {
        throw e
      }
      // The lock could not be had in time: answer anyway, uncoordinated.
      return compute()
    }
  }

  return async function storeCache(request: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
    // Mounted under /store: Medusa has already checked the publishable key and the customer.
    const req = request as MedusaStoreRequest
    if (req.method !== "GET") {
      return next()
    }
    const path = requestPath(req.originalUrl)
    const match = compiled.find((c) => c.pattern.test(path))
    if (!match) {
      return next()
    }
    if (match.route.pricedForCustomer) {
      // A public answer of a priced route is the anonymous one: a CDN must not hand
      // it to a signed-in customer (bearer token or session cookie), whose group may
      // have prices of its own.
      res.vary("Authorization, Cookie")
    }
    if (!options.enabled) {
      res.setHeader(X_CACHE, "bypass")
      return next()
    }
    if (personalReason(req)) {
      res.setHeader(X_CACHE, "bypass")
      res.setHeader("Cache-Control", "private, no-store")
      return routeReadingDatabase(req, next)
    }

    const container = req.scope
    let key: string
    let personal = false
    let stored: unknown
    try {
      const caching: ICachingModuleService = container.resolve(Modules.CACHING)
      const groups = match.route.pricedForCustomer ? await customerGroups(container, req) : null
      personal = groups !== null
      const requestKey = `store-cache:${await caching.computeKey({
        path,
        query: req.query,
        channels: [...(req.publishable_key_context?.sales_channel_ids ?? [])].sort(),
        locale: req.locale ?? null,
        groups,
      })}`
      // Noted before the route's read: see route-generations.ts.
      key = await generations.answerKey(generationStore(caching), match.route, requestKey)
      stored = await getAnswer(caching, key)
    } catch (e) {
      logger(container).warn(`Store cache unavailable, answering uncached: ${(e as Error).message}`)
      res.setHeader(X_CACHE, "bypass")
      return routeReadingDatabase(req, next)
    }

    try {
      if (isStoredAnswer(stored)) {
        await send(req, res, stored, await quantitiesFor(container, stored), "hit", personal)
        return
      }
      let leader = false
      const answer = await answers.run(key, () => {
        leader = true
        return lead(container, req, res, next, key, match.route, personal)
      })
      if (leader) {
        return
      }
      if (answer) {
        await send(req, res, answer, await quantitiesFor(container, answer), "hit", personal)
        return
      }
      // The leader's answer was not cacheable (an error, say): run the route for this one too.
      res.setHeader(X_CACHE, "miss")
      return routeReadingDatabase(req, next)
    } catch (e) {
      if (!res.headersSent) {
        return next(e)
      }
      logger(container).error(`Store cache: ${(e as Error).message}`)
    }
  }
}

/**
 * This request's Query reads the database, whether its answer is stored by the
 * cache or bypasses it (a cart's prices, the cache unreachable): Medusa's own
 * query cache would otherwise sit behind ours, with tags that miss some changes
 * (a sale price list activated, a product moved into a category: neither
 * changes a row the cached read was tagged with). Registered in the request's
 * scope only. With STORE_CACHE=off the routes read as Medusa's do on their own.
 */
function readDatabase(req: MedusaStoreRequest) {
  req.scope.register(
    ContainerRegistrationKeys.QUERY,
    asValue(uncachedQuery(req.scope.resolve(ContainerRegistrationKeys.QUERY), CONTEXT_ENTITIES))
  )
}

/** Passes the request on to its route, which reads the database (readDatabase). */
function routeReadingDatabase(req: MedusaStoreRequest, next: MedusaNextFunction) {
  readDatabase(req)
  return next()
}

/**
 * Query without Medusa's query cache, except for the entities in `keep`: the
 * region and store lookups Medusa's own middlewares make for the pricing and tax
 * context. Those are cleared by Medusa's own tags on every change (regions and
 * the store emit events), and the shop's answers are tagged with them too.
 */
function uncachedQuery<Q extends { graph: QueryGraphFunction }>(query: Q, keep: readonly string[] = []): Q {
  return new Proxy(query, {
    get(target, prop, receiver) {
      if (prop === "graph") {
        const graph: QueryGraphFunction = (config, opts) =>
          keep.includes(String(config.entity))
            ? target.graph(config, opts)
            : target.graph(config, { ...opts, cache: { ...opts?.cache, enable: false } })
        return graph
      }
      return Reflect.get(target, prop, receiver)
    },
  })
}

/**
 * A copy kept for later reads: the answer in hand is sent whether or not the
 * cache took it (full, say), as Medusa's own cached queries do.
 */
async function bestEffort(write: Promise<unknown>): Promise<void> {
  await write.catch(() => undefined)
}

function logger(container: MedusaContainer): Logger {
  return container.resolve(ContainerRegistrationKeys.LOGGER)
}

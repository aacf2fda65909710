/**
 * Catalogue reads at `connections` connections for `duration` seconds, per
 * route: the cache off (a server started with STORE_CACHE=off), cold (every
 * request a key never seen: a new offset each time), cold and off at once (half
 * the connections each) and warm (one key), plus X-Cache counts to show what
 * each run really measured.
 */
const autocannon = require("autocannon")
const { stats } = require("./lib/http")

/** What Medusa's official storefronts ask for when they list products. */
const STOREFRONT_FIELDS = "*variants.calculated_price,+variants.inventory_quantity,+metadata,+tags"

function catalogueRoutes(shop) {
  return [
    {
      name: "store_products",
      label: "/store/products?limit=20 (storefront fields, region_id)",
      path: (offset, limit = 20) =>
        `/store/products?limit=${limit}&offset=${offset}&region_id=${shop.region_id}&fields=${encodeURIComponent(STOREFRONT_FIELDS)}`,
    },
    {
      name: "catalog_products",
      label: "/store/catalog/products?limit=20",
      path: (offset, limit = 20) => `/store/catalog/products?limit=${limit}&offset=${offset}`,
    },
  ]
}

/**
 * Waits until the servers have finished what the last load run left behind:
 * autocannon stops at its deadline with up to `connections` requests in flight,
 * which the servers still complete (at 50 connections on /store/products, several
 * seconds of work). Left alone, that backlog weighs on the next run: the cold run,
 * which always followed the cache-off run, paid for it. The sign: no query of the
 * shop's database running, three polls in a row.
 */
async function drained(pg, log) {
  const deadline = Date.now() + 60_000
  for (let quiet = 0; quiet < 3; ) {
    const { rows } = await pg.query(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid()"
    )
    quiet = rows[0].n === 0 ? quiet + 1 : 0
    if (Date.now() > deadline) {
      log("the servers were still busy after 60 s; measuring anyway")
      return
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

/**
 * One autocannon run; `pathFor(i)` gives the i-th request's path. A request may
 * take up to 30 s: one the client gave up on would still be worked on by the
 * server, yet counted nowhere.
 */
async function load({ url, key, pathFor, connections, duration }) {
  const latencies = []
  const cache = {}
  let counter = 0
  const instance = autocannon({
    url,
    connections,
    duration,
    timeout: 30,
    headers: { "x-publishable-api-key": key },
    requests: [
      {
        method: "GET",
        setupRequest: (req) => ({ ...req, path: pathFor(counter++) }),
        onResponse: (status, _body, _context, headers) => {
          const state = headers["X-Cache"] ?? headers["x-cache"] ?? "none"
          cache[state] = (cache[state] ?? 0) + 1
        },
      },
    ],
  })
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime)
  })
  const result = await instance
  const seconds = result.duration || duration
  return {
    req_per_s: +(result["2xx"] / seconds).toFixed(1),
    ...stats(latencies),
    non_2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    x_cache: cache,
  }
}

/**
 * The cost of a miss next to the cache-off path, one request at a time: pairs of
 * the same new page asked of the cache-off server and (as a miss) of server A,
 * in alternating order, so that whatever else loads the machine weighs on both.
 * Medians of the server's time per request (no queueing, unlike the 50-connection runs).
 */
async function missCost({ offUrl, cacheUrl, key, pathFor, pairs }) {
  const timed = async (url, path) => {
    const started = process.hrtime.bigint()
    const res = await fetch(`${url}${path}`, { headers: { "x-publishable-api-key": key } })
    await res.arrayBuffer()
    if (!res.ok) throw new Error(`GET ${path} -> ${res.status}`)
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, state: res.headers.get("x-cache") }
  }
  const off = []
  const miss = []
  const states = {}
  // Warm the code paths of both servers first (a few pages not timed).
  for (let i = 0; i < 3; i++) {
    await timed(offUrl, pathFor(10_000 + i))
    await timed(cacheUrl, pathFor(20_000 + i))
  }
  for (let i = 0; i < pairs; i++) {
    const path = pathFor(i)
    const first = i % 2 === 0
    const a = first ? await timed(offUrl, path) : null
    const m = await timed(cacheUrl, path)
    const b = first ? a : await timed(offUrl, path)
    off.push(b.ms)
    miss.push(m.ms)
    states[m.state] = (states[m.state] ?? 0) + 1
  }
  const median = (xs) => {
    const sorted = [...xs].sort((x, y) => x - y)
    return sorted[Math.floor(sorted.length / 2)]
  }
  const offMedian = median(off)
  const missMedian = median(miss)
  return {
    pairs,
    off_p50_ms: +offMedian.toFixed(1),
    miss_p50_ms: +missMedian.toFixed(1),
    miss_over_off: +(missMedian / offMedian).toFixed(3),
    x_cache: states,
  }
}

async function benchCatalogue(ctx) {
  const { servers, shop, cfg, pg, log } = ctx
  const out = {}
  for (const route of catalogueRoutes(shop)) {
    const common = { key: shop.key, connections: cfg.connections, duration: cfg.duration }
    // Distinct full pages: offsets 0..maxOffset, never two alike within a run.
    const maxOffset = Math.max(cfg.products - 40, 1)
    const cold = (start) => (i) => route.path((start + i) % maxOffset)
    log(`catalogue ${route.name}: a miss next to cache off, one request at a time`)
    // Pages from the far end of the catalogue, so the load runs below still start cold.
    const miss = await missCost({
      offUrl: servers.off.url,
      cacheUrl: servers.a.url,
      key: shop.key,
      pathFor: (i) => route.path(maxOffset - 1 - (i % Math.floor(maxOffset / 2))),
      pairs: cfg.missPairs,
    })
    log(`catalogue ${route.name}: cache off`)
    await drained(pg, log)
    const off = await load({ ...common, url: servers.off.url, pathFor: cold(0) })
    log(`catalogue ${route.name}: cold`)
    await drained(pg, log)
    const coldRun = await load({ ...common, url: servers.a.url, pathFor: cold(0) })
    // Run after run, this machine's speed moves more than 5 % (the same cache-off
    // run gave 5 and 15 req/s an hour apart): the cold path and the cache-off path
    // also run at once, half the connections each, on the same new pages (limit 19:
    // keys no earlier run asked), so that whatever loads the machine weighs on both.
    log(`catalogue ${route.name}: cold and cache off at once`)
    await drained(pg, log)
    const half = Math.max(1, Math.floor(cfg.connections / 2))
    const fresh = (i) => route.path(i % maxOffset, 19)
    const [offTogether, coldTogether] = await Promise.all([
      load({ ...common, connections: half, url: servers.off.url, pathFor: fresh }),
      load({ ...common, connections: half, url: servers.a.url, pathFor: fresh }),
    ])
    log(`catalogue ${route.name}: warm`)
    await drained(pg, log)
    const warmPath = route.path(0)
    await fetch(`${servers.a.url}${warmPath}`, { headers: { "x-publishable-api-key": shop.key } })
    const warm = await load({ ...common, url: servers.a.url, pathFor: () => warmPath })
    out[route.name] = {
      label: route.label,
      off,
      cold: coldRun,
      warm,
      miss_cost: miss,
      warm_over_off_req_per_s: off.req_per_s ? +(warm.req_per_s / off.req_per_s).toFixed(1) : null,
      // The cold path's cost next to the cache-off path: throughput and median latency, same pages.
      cold_over_off_req_per_s: off.req_per_s ? +(coldRun.req_per_s / off.req_per_s).toFixed(3) : null,
      cold_over_off_p50: off.p50_ms ? +(coldRun.p50_ms / off.p50_ms).toFixed(3) : null,
      at_once: {
        off: offTogether,
        cold: coldTogether,
        cold_over_off_req_per_s: offTogether.req_per_s ? +(coldTogether.req_per_s / offTogether.req_per_s).toFixed(3) : null,
        cold_over_off_p50: offTogether.p50_ms ? +(coldTogether.p50_ms / offTogether.p50_ms).toFixed(3) : null,
      },
    }
  }
  return out
}

module.exports = { benchCatalogue, catalogueRoutes, STOREFRONT_FIELDS }

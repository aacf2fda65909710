/**
 * Catalogue reads at `connections` connections, per route: the cache off (a
 * server started with STORE_CACHE=off) and cold (every request a key never seen:
 * a new offset each time) in interleaved rounds of a fixed number of requests,
 * warm (one key) for `duration` seconds, plus X-Cache counts to show what each
 * run really measured and the servers' CPU time per request.
 */
const autocannon = require("autocannon")
const { cpuMs } = require("./lib/cpu")
const { stats } = require("./lib/http")

/**
 * What the official storefronts' requests accept: Node's fetch (the js-sdk on the
 * Next.js server) sends this, browsers add br. Warm reads are measured with it,
 * and once more without any (a client that takes only plain bytes).
 */
const STOREFRONT_ACCEPT_ENCODING = { "accept-encoding": "gzip, deflate" }

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
 * One autocannon run; `pathFor(i)` gives the i-th request's path. Either for
 * `duration` seconds, or (`amount`) until that many requests are answered:
 * throughput is then answers / time to the last answer. (A fixed window counts
 * only what finished inside it: at 50 connections on a route taking seconds
 * under load, that is one batch or none, and a few % of work decides which.)
 * A request may take up to 30 s: one the client gave up on would still be
 * worked on by the server, yet counted nowhere. `pid`: the server, whose CPU
 * time per answer is reported.
 */
async function load({ url, key, pathFor, connections, duration, amount, pid, headers = {} }) {
  const latencies = []
  const cache = {}
  let counter = 0
  const cpuBefore = pid ? cpuMs(pid) : null
  const started = Date.now()
  const instance = autocannon({
    url,
    connections,
    ...(amount ? { amount } : { duration }),
    timeout: 30,
    headers: { "x-publishable-api-key": key, ...headers },
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
  let lastAnswer = started
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    lastAnswer = Date.now()
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime)
  })
  const result = await instance
  // autocannon notices the last answer on its next 1 s tick: time to the answer itself.
  const seconds = amount ? (lastAnswer - started) / 1000 : result.duration || duration
  const cpuAfter = pid ? cpuMs(pid) : null
  const answered = result["2xx"]
  return {
    req_per_s: +(answered / seconds).toFixed(1),
    ...stats(latencies),
    seconds: +seconds.toFixed(2),
    server_cpu_ms_per_req: cpuBefore !== null && cpuAfter !== null && answered ? +((cpuAfter - cpuBefore) / answered).toFixed(2) : null,
    non_2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    x_cache: cache,
    latencies,
  }
}

/** Figures of several runs taken as one: answers over total time, pooled latencies, CPU per answer. */
function pooled(runs) {
  const latencies = runs.flatMap((r) => r.latencies)
  const seconds = runs.reduce((a, r) => a + r.seconds, 0)
  const cpu = runs.every((r) => r.server_cpu_ms_per_req !== null)
    ? runs.reduce((a, r) => a + r.server_cpu_ms_per_req * r.n, 0) / Math.max(1, latencies.length)
    : null
  const cache = {}
  for (const r of runs) for (const [state, n] of Object.entries(r.x_cache)) cache[state] = (cache[state] ?? 0) + n
  return {
    req_per_s: +(latencies.length / seconds).toFixed(1),
    ...stats(latencies),
    seconds: +seconds.toFixed(2),
    server_cpu_ms_per_req: cpu === null ? null : +cpu.toFixed(2),
    non_2xx: runs.reduce((a, r) => a + r.non_2xx, 0),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    x_cache: cache,
  }
}

const withoutLatencies = ({ latencies: _latencies, ...rest }) => rest

/**
 * The cost of a miss next to the cache-off path, one request at a time: pairs of
 * the same new page asked of the cache-off server and (as a miss) of server A,
 * in alternating order, so that whatever else loads the machine weighs on both.
 * Medians of the time per request (no queueing, unlike the 50-connection runs),
 * and each server's CPU time over all its requests (its own work only: what
 * a miss adds, whatever the machine's load does to latency). Asked as Node's
 * fetch asks (the js-sdk's storefronts): gzip accepted.
 */
async function missCost({ off: offServer, cache: cacheServer, key, pathFor, pairs }) {
  const cpu = { off: 0, miss: 0 }
  const timed = async (server, path, account) => {
    const cpuBefore = cpuMs(server.pid)
    const started = process.hrtime.bigint()
    const res = await fetch(`${server.url}${path}`, { headers: { "x-publishable-api-key": key } })
    await res.arrayBuffer()
    if (!res.ok) throw new Error(`GET ${path} -> ${res.status}`)
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    if (account) cpu[account] += cpuMs(server.pid) - cpuBefore
    return { ms, state: res.headers.get("x-cache") }
  }
  const off = []
  const miss = []
  const states = {}
  // Warm the code paths of both servers first (a few pages not timed).
  for (let i = 0; i < 3; i++) {
    await timed(offServer, pathFor(10_000 + i))
    await timed(cacheServer, pathFor(20_000 + i))
  }
  for (let i = 0; i < pairs; i++) {
    const path = pathFor(i)
    const first = i % 2 === 0
    const a = first ? await timed(offServer, path, "off") : null
    const m = await timed(cacheServer, path, "miss")
    const b = first ? a : await timed(offServer, path, "off")
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
    off_cpu_ms_per_req: +(cpu.off / pairs).toFixed(2),
    miss_cpu_ms_per_req: +(cpu.miss / pairs).toFixed(2),
    miss_over_off_cpu: cpu.off ? +(cpu.miss / cpu.off).toFixed(3) : null,
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
    log(`catalogue ${route.name}: a miss next to cache off, one request at a time`)
    // Pages from the far end of the catalogue, so the load runs below still start cold.
    const miss = await missCost({
      off: servers.off,
      cache: servers.a,
      key: shop.key,
      pathFor: (i) => route.path(maxOffset - 1 - (i % Math.floor(maxOffset / 2))),
      pairs: cfg.missPairs,
    })
    // The cold path next to the cache-off path, in rounds that alternate which
    // runs first, `roundRequests` answers each, so that whatever else loads the
    // machine weighs on both. Each round asks new pages (its own limit), of both
    // servers: the cache-off server's Medusa query cache must not help it either.
    const offRuns = []
    const coldRuns = []
    for (let round = 0; round < cfg.rounds; round++) {
      const limit = Math.max(1, 19 - round)
      const pages = (i) => route.path(i % maxOffset, limit)
      const offRun = async () => {
        log(`catalogue ${route.name}: round ${round + 1}, cache off`)
        await drained(pg, log)
        offRuns.push(await load({ ...common, url: servers.off.url, pid: servers.off.pid, pathFor: pages, amount: cfg.roundRequests }))
      }
      const coldRun = async () => {
        log(`catalogue ${route.name}: round ${round + 1}, cold`)
        await drained(pg, log)
        coldRuns.push(await load({ ...common, url: servers.a.url, pid: servers.a.pid, pathFor: pages, amount: cfg.roundRequests }))
      }
      if (round % 2 === 0) {
        await offRun()
        await coldRun()
      } else {
        await coldRun()
        await offRun()
      }
    }
    const off = pooled(offRuns)
    const cold = pooled(coldRuns)
    log(`catalogue ${route.name}: warm`)
    await drained(pg, log)
    const warmPath = route.path(0)
    await fetch(`${servers.a.url}${warmPath}`, { headers: { "x-publishable-api-key": shop.key } })
    // A warm-up at the same load first, reported on its own row: the hit path has
    // not run under load yet, and for its first seconds V8 is still compiling it.
    // The measured run is the steady state a crowd meets after its first seconds.
    const warmRun = (extra) =>
      load({ ...common, ...extra, url: servers.a.url, pid: servers.a.pid, pathFor: () => warmPath }).then(withoutLatencies)
    const warmup = await warmRun({ duration: cfg.warmup, headers: STOREFRONT_ACCEPT_ENCODING })
    const warm = await warmRun({ headers: STOREFRONT_ACCEPT_ENCODING })
    const warmPlain = await warmRun({})
    const ratio = (a, b) => (a !== null && b ? +(a / b).toFixed(3) : null)
    out[route.name] = {
      label: route.label,
      off,
      cold,
      warmup,
      warm,
      warm_plain: warmPlain,
      miss_cost: miss,
      // Like for like: the cache-off server is asked for plain bytes too.
      warm_over_off_req_per_s: off.req_per_s ? +(warmPlain.req_per_s / off.req_per_s).toFixed(1) : null,
      // The cold path's cost next to the cache-off path: throughput, the server's CPU per answer, median latency.
      cold_over_off_req_per_s: ratio(cold.req_per_s, off.req_per_s),
      cold_over_off_cpu_per_req: ratio(cold.server_cpu_ms_per_req, off.server_cpu_ms_per_req),
      cold_over_off_p50: ratio(cold.p50_ms, off.p50_ms),
      rounds: offRuns.map((o, i) => ({
        off: withoutLatencies(o),
        cold: withoutLatencies(coldRuns[i]),
        cold_over_off_req_per_s: ratio(coldRuns[i].req_per_s, o.req_per_s),
        cold_over_off_cpu_per_req: ratio(coldRuns[i].server_cpu_ms_per_req, o.server_cpu_ms_per_req),
      })),
    }
  }
  return out
}

module.exports = { benchCatalogue, catalogueRoutes, STOREFRONT_FIELDS }

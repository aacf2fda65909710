#!/usr/bin/env node
/**
 * `npm run bench` (everything), `npm run bench:catalogue` (reads and
 * invalidation), `npm run bench:checkout` (= bench:holds: checkout latency and
 * the rushes). Over HTTP, on the built app:
 *
 *  1. `medusa build` (backend only; BENCH_SKIP_BUILD=1 reuses .medusa/server);
 *  2. a fresh database (DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD, or an embedded
 *     PostgreSQL on EMBEDDED_PG_TEST_PORT), migrated, the demo seed, then the
 *     bench seed scaling the shop to BENCH_PRODUCTS products;
 *  3. `medusa start` processes: with BENCH_REDIS_URL the production topology
 *     (servers A and B, a worker) plus server "off" (STORE_CACHE=off and
 *     DIAGNOSTIC_MEDUSA_CART_COMPLETION=true: Medusa's own completion route);
 *     without it, one shared server A and the "off" server, in-memory caching;
 *  4. the benches (bench/*.js), then bench/results/latest.json (a single
 *     bench's run: latest-<bench>.json) and a table.
 *
 * Sizes: BENCH_PRODUCTS (520), BENCH_DURATION seconds per warm load run (10)
 * after BENCH_WARMUP seconds of the same load, reported apart (3),
 * BENCH_CONNECTIONS (50), BENCH_ROUNDS of cache-off and cold runs (3) of
 * BENCH_ROUND_REQUESTS answers each (100), BENCH_MISS_PAIRS (40),
 * BENCH_LATENCY_CARTS (40), BENCH_BUSY_RESERVATIONS (200), BENCH_RUSH_CARTS (200), BENCH_RUSH_UNITS (20),
 * BENCH_RUSH_READERS (10), BENCH_INVALIDATION_ROUNDS (5).
 * BENCH_SMOKE=1: a short run with small sizes (for CI). BENCH_REDIS_URL's
 * database is emptied first: give the bench a database of its own.
 */
const { spawn } = require("child_process")
const fs = require("fs")
const path = require("path")
const { Client } = require("pg")
const { startEmbeddedPostgres } = require("./lib/embedded-postgres")
const { LOAD_TEST_ENV, ROOT, startCluster, startShopProcess } = require("./lib/shop-cluster")

const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const DB_NAME = process.env.BENCH_DB_NAME || "local_shop_bench"
const APP_DIR = path.join(ROOT, ".medusa", "server")
const LOG_DIR = path.join(ROOT, ".local-shop", "bench-logs")
const RESULTS_DIR = path.join(ROOT, "bench", "results")
/** A full run's figures: latest.json; one bench alone: latest-<bench>.json (never over the full run's). */
const resultsFile = (which) => path.join(RESULTS_DIR, which ? `latest-${which}.json` : "latest.json")
const STAGES = { catalogue: ["catalogue", "invalidation"], checkout: ["checkout"], holds: ["checkout"] }

const log = (m) => console.log(`[bench] ${m}`)

function int(name, fallback) {
  const raw = process.env[name]
  if (raw === undefined || raw === "") return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number (got "${raw}")`)
  return n
}

function config() {
  const smoke = process.env.BENCH_SMOKE === "1"
  return {
    smoke,
    products: int("BENCH_PRODUCTS", smoke ? 80 : 520),
    duration: int("BENCH_DURATION", smoke ? 2 : 10),
    warmup: int("BENCH_WARMUP", smoke ? 1 : 3),
    connections: int("BENCH_CONNECTIONS", smoke ? 10 : 50),
    latencyCarts: int("BENCH_LATENCY_CARTS", smoke ? 5 : 40),
    busyReservations: int("BENCH_BUSY_RESERVATIONS", smoke ? 10 : 200),
    rushCarts: int("BENCH_RUSH_CARTS", smoke ? 20 : 200),
    rushUnits: int("BENCH_RUSH_UNITS", smoke ? 4 : 20),
    rushReaders: int("BENCH_RUSH_READERS", smoke ? 4 : 10),
    invalidationRounds: int("BENCH_INVALIDATION_ROUNDS", smoke ? 2 : 5),
    missPairs: int("BENCH_MISS_PAIRS", smoke ? 6 : 40),
    rounds: int("BENCH_ROUNDS", smoke ? 1 : 3),
    roundRequests: int("BENCH_ROUND_REQUESTS", smoke ? 20 : 100),
  }
}

function run(args, env, cwd = ROOT) {
  return new Promise((resolve, reject) => {
    const child = spawn(MEDUSA, args, { cwd, env, stdio: ["ignore", "inherit", "inherit"] })
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`medusa ${args.join(" ")} exited with ${code}`))))
  })
}

async function database() {
  if (process.env.DB_HOST) {
    const user = encodeURIComponent(process.env.DB_USERNAME || "postgres")
    const pass = process.env.DB_PASSWORD ? `:${encodeURIComponent(process.env.DB_PASSWORD)}` : ""
    return { base: `postgres://${user}${pass}@${process.env.DB_HOST}:${process.env.DB_PORT || 5432}`, stop: async () => {} }
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(ROOT, ".local-shop", "bench-postgres"),
    port: Number(process.env.BENCH_PG_PORT || 54332),
    portVariable: "BENCH_PG_PORT",
    ownDatabase: "DB_HOST (with DB_PORT, DB_USERNAME, DB_PASSWORD)",
    // A throwaway cluster: a taken default port (a test or e2e run's cluster) is
    // no reason to fail; a port named in BENCH_PG_PORT is kept to.
    anyFreePort: !process.env.BENCH_PG_PORT,
    persistent: false,
    log: (m) => log(m),
  })
  return {
    base: `postgres://${embedded.user}:${embedded.password}@localhost:${embedded.port}`,
    stop: () => embedded.stop(),
  }
}

/** Peak resident memory of a process so far (VmHWM), in MB; null where /proc is absent. */
function peakRssMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8")
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1])
    return kb ? Math.round(kb / 1024) : null
  } catch {
    return null
  }
}

async function startProcesses(databaseUrl, redisUrl) {
  // `medusa start` runs with NODE_ENV=production, which wants real secrets: throwaway ones for the bench.
  const secret = require("crypto").randomBytes(24).toString("hex")
  const quiet = {
    ...LOAD_TEST_ENV,
    JWT_SECRET: secret,
    COOKIE_SECRET: secret,
    DISABLE_MEDUSA_ADMIN: "true",
    LOG_LEVEL: process.env.LOG_LEVEL || "error",
  }
  const offEnv = { ...quiet, STORE_CACHE: "off", DIAGNOSTIC_MEDUSA_CART_COMPLETION: "true" }
  // The shop as it runs by default for Medusa's storefronts: the payment step holds the stock.
  const payEnv = { ...quiet, HOLD_AT_PAYMENT_STEP: "on" }
  fs.rmSync(LOG_DIR, { recursive: true, force: true })
  if (redisUrl) {
    const cluster = await startCluster({ appDir: APP_DIR, servers: 2, workers: 1, databaseUrl, redisUrl, logDir: LOG_DIR, extra: quiet })
    const [off, pay] = await Promise.all(
      [
        ["off", offEnv],
        ["pay", payEnv],
      ].map(([name, extra]) =>
        startShopProcess({ appDir: APP_DIR, role: "server", databaseUrl, redisUrl, logFile: path.join(LOG_DIR, `server-${name}.log`), extra })
      )
    )
    return {
      servers: { a: cluster.servers[0], b: cluster.servers[1], off, pay, worker: cluster.workers[0] },
      stop: async () => Promise.all([cluster.stop(), off.stop(), pay.stop()]),
    }
  }
  const [a, off, pay] = await Promise.all(
    [
      ["a", quiet],
      ["off", offEnv],
      ["pay", payEnv],
    ].map(([name, extra]) =>
      startShopProcess({ appDir: APP_DIR, role: "shared", databaseUrl, logFile: path.join(LOG_DIR, `server-${name}.log`), extra })
    )
  )
  return { servers: { a, off, pay }, stop: async () => Promise.all([a.stop(), off.stop(), pay.stop()]) }
}

function printTable(results) {
  const rows = []
  const add = (measure, value) => rows.push([measure, value])
  const fmt = (r) => (r ? `${r.req_per_s} req/s, p50/p95/p99 ${r.p50_ms}/${r.p95_ms}/${r.p99_ms} ms` : "-")
  for (const [, r] of Object.entries(results.catalogue ?? {})) {
    const route = r.label.split(" ")[0]
    const cpu = (x) => (x.server_cpu_ms_per_req === null ? "" : `; server CPU ${x.server_cpu_ms_per_req} ms/answer`)
    const runs = r.rounds.length
    add(`${r.label}: cache off (${runs} rounds of ${r.rounds[0].off.n} answers)`, `${fmt(r.off)}${cpu(r.off)}`)
    add(`${route}: cold (every request a miss; rounds interleaved with cache off)`, `${fmt(r.cold)}${cpu(r.cold)}; X-Cache ${JSON.stringify(r.cold.x_cache)}`)
    add(`${route}: warm-up before it (${results.config.warmup} s, same load)`, `${fmt(r.warmup)}${cpu(r.warmup)}`)
    add(`${route}: warm (${results.config.duration} s, Accept-Encoding as storefronts send)`, `${fmt(r.warm)}${cpu(r.warm)}; X-Cache ${JSON.stringify(r.warm.x_cache)}`)
    add(`${route}: warm, no Accept-Encoding (plain bytes)`, `${fmt(r.warm_plain)}${cpu(r.warm_plain)}; X-Cache ${JSON.stringify(r.warm_plain.x_cache)}`)
    add(`${route}: warm / off (req/s; both plain bytes)`, `${r.warm_over_off_req_per_s}x`)
    add(
      `${route}: cold / off: req/s, server CPU per answer, p50 (per round)`,
      `${r.cold_over_off_req_per_s}, ${r.cold_over_off_cpu_per_req}, ${r.cold_over_off_p50} (${r.rounds.map((x) => `${x.cold_over_off_req_per_s}/${x.cold_over_off_cpu_per_req}`).join("; ")})`
    )
    if (r.miss_cost) {
      const m = r.miss_cost
      add(`${route}: one miss / one cache-off request (p50 of ${m.pairs} interleaved pairs)`, `${m.miss_over_off} (${m.miss_p50_ms} ms / ${m.off_p50_ms} ms)`)
      add(`${route}: one miss / one cache-off request, server CPU (all ${m.pairs} pairs)`, `${m.miss_over_off_cpu} (${m.miss_cpu_ms_per_req} ms / ${m.off_cpu_ms_per_req} ms)`)
    }
  }
  const inv = results.invalidation
  if (inv) {
    add("price update -> first read showing it, same server", `p50 ${inv.same_server.p50_ms} ms, max ${inv.same_server.max_ms} ms`)
    add("same, on the other server", inv.other_server ? `p50 ${inv.other_server.p50_ms} ms, max ${inv.other_server.max_ms} ms` : "n/a (no Redis)")
  }
  const co = results.checkout
  if (co) {
    const l = co.latency
    add("plain Medusa completion, mean / p50 / p95", `${l.plain_complete.mean_ms} / ${l.plain_complete.p50_ms} / ${l.plain_complete.p95_ms} ms`)
    add("hold + completion, mean / p50 / p95", `${l.hold_then_complete.mean_ms} / ${l.hold_then_complete.p50_ms} / ${l.hold_then_complete.p95_ms} ms`)
    add("ratio (ours / plain), mean / p50", `${l.ratio_mean} / ${l.ratio_p50}`)
    if (l.ratio_mean_95) {
      const range = ([low, high]) => `${low}-${high}`
      add(
        `95% interval of those ratios (pairs resampled); target <= ${l.target.ratio}`,
        `mean ${range(l.ratio_mean_95)} (${l.target.mean}), p50 ${range(l.ratio_p50_95)} (${l.target.p50})`
      )
    }
    const ca = l.completion_alone
    if (ca) {
      add(
        "the shop's completion alone (after its hold) / plain completion, mean / p50 (95% intervals)",
        `${ca.ratio_mean} / ${ca.ratio_p50} (${ca.ratio_mean_95?.join("-")}; ${ca.ratio_p50_95?.join("-")}); ${ca.other.mean_ms} / ${ca.other.p50_ms} ms; the hold alone ${l.hold_alone.mean_ms} / ${l.hold_alone.p50_ms} ms`
      )
    }
    const ps = co.payment_step_latency
    if (ps) {
      add(
        "payment session + completion, plain Medusa / the shop holding at the payment step, mean / p50",
        `${ps.plain_session_then_complete.mean_ms} / ${ps.plain_session_then_complete.p50_ms} ms; ${ps.held_session_then_complete.mean_ms} / ${ps.held_session_then_complete.p50_ms} ms (${ps.sessions_that_held} sessions held)`
      )
      add(
        `its ratio, mean / p50 (95% intervals; target <= ${ps.target.ratio})`,
        `${ps.ratio_mean} / ${ps.ratio_p50} (${ps.ratio_mean_95?.join("-")} ${ps.target.mean}; ${ps.ratio_p50_95?.join("-")} ${ps.target.p50})`
      )
      add("the payment session alone, plain / with the hold, p50", `${ps.session_plain.p50_ms} / ${ps.session_with_hold.p50_ms} ms`)
    }
    const b = co.hold_with_reservations
    if (b) {
      add(
        `a hold, item with ${b.reservations} unshipped reservations / item with none, p50 / mean`,
        `${b.ratio_p50} / ${b.ratio_mean} (${b.busy.p50_ms} ms / ${b.quiet.p50_ms} ms)`
      )
    }
    for (const r of [co.rush, co.orders_only, co.rush_with_readers, co.rush_under_cpu_load, co.rush_double_clicks].filter(Boolean)) {
      const setting = r.cpu_burner
        ? " (CPU burner)"
        : r.catalogue_readers
          ? ` (${r.catalogue_readers} catalogue readers)`
          : r.clicks_per_shopper > 1
            ? `, each shopper clicking ${r.clicks_per_shopper} times (${r.shoppers_answered_differently} answered differently)`
            : ""
      add(
        `${r.carts} carts at once for ${r.units} units${setting}`,
        `${r.orders} orders (${Object.entries(r.orders_by_server ?? {}).map(([k, n]) => `${n} on ${k}`).join(", ")}), ${r.sold_out_409} sold out, ${r.busy_409} busy, ${r.other} other; drained in ${r.drain_ms} ms; ` +
          `${r.busy_first_answer} busy at first; loser p95 first answer ${r.loser_first_answer_latency.p95_ms} ms, final ${r.loser_final_answer_latency.p95_ms} ms; ${r.reservation_rows} reservation rows; unsold while refused: ${r.unit_left_unsold_while_a_buyer_was_turned_away}`
      )
      if (r.phases && r.cpu) {
        const p = r.phases
        const c = r.cpu
        add(
          "its phases and CPU",
          `last unit claimed at ${p.last_unit_claimed_ms} ms, orders written ${p.first_order_written_ms} to ${p.last_order_written_ms} ms; ` +
            `CPU of the whole machine ${c.machine_ms} ms (utilization ${c.machine_utilization}, ${c.machine_ms_per_order} ms per order), ` +
            `of which ${Object.entries(c.by_process_ms).map(([k, ms]) => `${k} ${ms}`).join(", ")} ms`
        )
      }
      if (r.losers_again_when_sold_out) {
        const a = r.losers_again_when_sold_out
        add(
          `its ${a.requests} losers again at once, the item sold out (every one refused at the door)`,
          `${a.sold_out_409} sold out, ${a.other} other; p50/p95 ${a.latency.p50_ms}/${a.latency.p95_ms} ms; drained in ${a.drain_ms} ms`
        )
      }
      if (r.cheapest_answers_at_once) {
        const { health, cached_product: hit, own_cart: cart } = r.cheapest_answers_at_once
        add(
          `the same ${health.requests} requests at once to Medusa's cheapest answers (the machine's floor)`,
          `GET /health p50/p95 ${health.latency.p50_ms}/${health.latency.p95_ms} ms; ` +
            `a cached product read p50/p95 ${hit.latency.p50_ms}/${hit.latency.p95_ms} ms; ` +
            `each loser's cart, ?fields=id, p50/p95 ${cart.latency.p50_ms}/${cart.latency.p95_ms} ms (${cart.ok} answered 200)`
        )
        if (r.losers_again_when_sold_out) {
          const p95 = (x) => x.latency.p95_ms
          add(
            "losers' p95 over the cart read's p95 (first answer in the rush; again at the door)",
            `${(r.loser_first_answer_latency.p95_ms / p95(cart)).toFixed(1)}x; ${(p95(r.losers_again_when_sold_out) / p95(cart)).toFixed(1)}x`
          )
        }
      }
      if (r.catalogue_during_rush) {
        const c = r.catalogue_during_rush
        add("catalogue hit rate during that rush", `${c.hit_rate} (${c.x_cache.hit ?? 0} hits of ${c.reads} reads)`)
      }
    }
  }
  for (const [name, mb] of Object.entries(results.peak_rss_mb ?? {})) {
    add(`peak RSS, ${name}`, mb === null ? "n/a" : `${mb} MB`)
  }
  // A Markdown table: the README's Performance section takes it as printed.
  const cell = (text) => String(text).replace(/\|/g, "\\|")
  console.log("")
  console.log(`| measure (${results.topology}; ${results.config.products} products) | figure |`)
  console.log("| --- | --- |")
  for (const [m, v] of rows) console.log(`| ${cell(m.trim())} | ${cell(v)} |`)
  console.log("")
}

async function main() {
  const which = process.argv[2]
  if (which && !STAGES[which]) throw new Error(`Unknown bench "${which}": one of ${Object.keys(STAGES).join(", ")}`)
  const stages = which ? STAGES[which] : ["catalogue", "invalidation", "checkout"]
  const cfg = config()
  const redisUrl = process.env.BENCH_REDIS_URL || undefined

  if (process.env.BENCH_SKIP_BUILD === "1" && fs.existsSync(path.join(APP_DIR, "medusa-config.js"))) {
    log("reusing the build in .medusa/server")
  } else {
    log("medusa build (backend only)")
    await run(["build"], { ...process.env, DISABLE_MEDUSA_ADMIN: "true", LOG_LEVEL: "error" })
  }

  const db = await database()
  let processes = null
  let pg = null
  try {
    const admin = new Client({ connectionString: `${db.base}/postgres` })
    await admin.connect()
    await admin.query(`drop database if exists ${DB_NAME} with (force)`)
    await admin.query(`create database ${DB_NAME}`)
    await admin.end()
    const databaseUrl = `${db.base}/${DB_NAME}`
    const setupEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: process.env.LOG_LEVEL || "error", BENCH_PRODUCTS: String(cfg.products) }
    delete setupEnv.REDIS_URL
    log("migrate, demo seed, bench seed")
    await run(["db:migrate"], setupEnv)
    await run(["exec", "./src/scripts/seed.ts"], setupEnv)
    await run(["exec", "./bench/seed-catalogue.ts"], setupEnv)

    if (redisUrl) {
      const Redis = require("ioredis")
      const redis = new Redis(redisUrl)
      await redis.flushdb()
      redis.disconnect()
    }
    log(redisUrl ? "starting 2 servers + worker + the cache-off server (Redis)" : "starting a server + the cache-off server (no Redis)")
    processes = await startProcesses(databaseUrl, redisUrl)
    pg = new Client({ connectionString: databaseUrl })
    await pg.connect()

    const { shopFacts } = require("../bench/lib/shop")
    const shop = await shopFacts(processes.servers.a.url)
    const ctx = { servers: processes.servers, shop, cfg, pg, log }
    const results = {
      measured_at: new Date().toISOString(),
      machine: { cpus: require("os").cpus().length, node: process.version, note: "figures depend on the machine and its load" },
      topology: redisUrl ? "2 servers + 1 worker + cache-off server, Redis" : "1 server + cache-off server, in-memory caching",
      config: cfg,
    }
    if (stages.includes("catalogue")) results.catalogue = await require("../bench/catalogue").benchCatalogue(ctx)
    if (stages.includes("invalidation")) results.invalidation = await require("../bench/invalidation").benchInvalidation(ctx)
    if (stages.includes("checkout")) results.checkout = await require("../bench/checkout").benchCheckout(ctx)
    results.peak_rss_mb = Object.fromEntries(Object.entries(processes.servers).map(([name, p]) => [name, peakRssMb(p.pid)]))

    const file = resultsFile(which)
    fs.mkdirSync(RESULTS_DIR, { recursive: true })
    fs.writeFileSync(file, JSON.stringify(results, null, 2) + "\n")
    printTable(results)
    log(`written to ${path.relative(ROOT, file)}`)
    console.log(`BENCH ${JSON.stringify(results)}`)
  } finally {
    await pg?.end()
    await processes?.stop()
    await db.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})

/**
 * Checkout over HTTP:
 *  1. latency, interleaved on the same shop: plain Medusa completion (a server
 *     with DIAGNOSTIC_MEDUSA_CART_COMPLETION=true runs Medusa's own route) vs the
 *     shop's path (POST /store/carts/:id/hold, then POST /store/carts/:id/complete);
 *  2. the rush: `rushCarts` carts completing at once for `rushUnits` units,
 *     spread over the servers; a shopper told "busy" honours Retry-After
 *     (losers' first answer and final answer after the retries are reported
 *     apart);
 *  3. the same rush while `rushReaders` shoppers keep reading the catalogue
 *     (the rush product and the first page, back to back): the cache's hit
 *     rate while stock moves;
 *  4. the same rush while a CPU burner process loads every core;
 *  5. (before the rushes) a hold's cost on an item with many unshipped orders
 *     against one with none;
 *  6. the rush with every shopper clicking "Place order" twice at once (two
 *     requests per cart, on two servers when there are two): one order per
 *     winning cart, both clicks answered alike;
 *  7. (after 1.) the payment session and the completion, as Medusa's storefronts
 *     send them, plain Medusa against the shop holding the stock at the payment
 *     step (a server of its own with HOLD_AT_PAYMENT_STEP=on).
 */
const { spawn } = require("child_process")
const os = require("os")
const path = require("path")
const { cpuMs, machineBusyMs } = require("./lib/cpu")
const { call, inBatches, must, stats } = require("./lib/http")
const { ratioInterval, verdict } = require("./lib/ratio-interval")
const { readyCart, stockedVariant } = require("./lib/shop")
const { STOREFRONT_FIELDS } = require("./catalogue")

/**
 * Runs `base(i)` and `other(i)` for i < count, the first of each pair alternating
 * (each then follows the other's request, whose background work may still run,
 * as often as its own). Both record their own times; the first `warmup(count)` of
 * each warm the servers up and are left out.
 */
async function interleaved(count, base, other) {
  for (let i = 0; i < count; i++) {
    const pair = i % 2 ? [other, base] : [base, other]
    for (const run of pair) await run(i)
  }
}
const warmup = (count) => Math.min(3, Math.floor(count / 4))

/**
 * Stats of two paired series past the warm-up, the second's over the first's,
 * and the 95% intervals of those two ratios (ratioInterval).
 */
function sideBySide(baseMs, otherMs) {
  const skip = warmup(baseMs.length)
  const base = stats(baseMs.slice(skip))
  const other = stats(otherMs.slice(skip))
  // One pair has no spread to resample (BENCH_LATENCY_CARTS=1).
  const interval = base.n >= 2 ? ratioInterval(baseMs.slice(skip), otherMs.slice(skip)) : { mean: null, p50: null }
  return {
    base,
    other,
    ratio_mean: +(other.mean_ms / base.mean_ms).toFixed(2),
    ratio_p50: +(other.p50_ms / base.p50_ms).toFixed(2),
    ratio_mean_95: interval.mean,
    ratio_p50_95: interval.p50,
  }
}

/** The target for a hold and a completion against plain Medusa completion. */
const LATENCY_RATIO_TARGET = 1.1

/** sideBySide, with the verdict of each 95% interval against LATENCY_RATIO_TARGET. */
function againstTarget(baseMs, otherMs) {
  const compared = sideBySide(baseMs, otherMs)
  const verdictOf = (interval) => (interval ? verdict(interval, LATENCY_RATIO_TARGET) : "undecided")
  return {
    ...compared,
    target: { ratio: LATENCY_RATIO_TARGET, mean: verdictOf(compared.ratio_mean_95), p50: verdictOf(compared.ratio_p50_95) },
  }
}

async function latency(ctx) {
  const { servers, shop, cfg, pg, log } = ctx
  const variant = await stockedVariant(servers.a.url, shop, pg, "Bench Bar (latency)", 100_000)
  log(`checkout latency: ${cfg.latencyCarts} carts per path`)
  const plainCarts = await inBatches(cfg.latencyCarts, 10, () => readyCart(servers.off.url, shop, variant.variant_id))
  const ourCarts = await inBatches(cfg.latencyCarts, 10, () => readyCart(servers.a.url, shop, variant.variant_id))
  const plain = []
  const ours = []
  const holdAlone = []
  const completionMs = []
  const plainOne = async (i) => {
    const p = await call(servers.off.url, "POST", `/store/carts/${plainCarts[i]}/complete`, { key: shop.key, body: {} })
    if (p.data?.type !== "order") throw new Error(`plain completion failed: ${p.status} ${JSON.stringify(p.data).slice(0, 200)}`)
    plain.push(p.ms)
  }
  const ourOne = async (i) => {
    const h = await call(servers.a.url, "POST", `/store/carts/${ourCarts[i]}/hold`, { key: shop.key, body: {} })
    const c = await call(servers.a.url, "POST", `/store/carts/${ourCarts[i]}/complete`, { key: shop.key, body: {} })
    if (h.status !== 200 || c.data?.type !== "order") throw new Error(`hold + complete failed: ${h.status} ${c.status}`)
    holdAlone.push(h.ms)
    completionMs.push(c.ms)
    ours.push(h.ms + c.ms)
  }
  await interleaved(cfg.latencyCarts, plainOne, ourOne)
  const { base, other, ...ratios } = againstTarget(plain, ours)
  // The shop's completion request alone (after its hold) over plain Medusa's (its
  // base is plain_complete): how much of the ratio is the completion, how much the hold.
  const { base: _plainAgain, ...completionAlone } = sideBySide(plain, completionMs)
  return {
    plain_complete: base,
    hold_then_complete: other,
    hold_alone: stats(holdAlone.slice(warmup(holdAlone.length))),
    completion_alone: completionAlone,
    ...ratios,
  }
}

/**
 * The checkout's last two requests as Medusa's storefronts send them (they never
 * call /hold): the payment session, then the completion. Plain Medusa on the
 * cache-off server against the shop with HOLD_AT_PAYMENT_STEP=on (server `pay`),
 * whose payment session also holds the stock; interleaved as above.
 */
async function paymentStepLatency(ctx) {
  const { servers, shop, cfg, pg, log } = ctx
  const variant = await stockedVariant(servers.pay.url, shop, pg, "Bench Bar (payment step)", 100_000)
  log(`payment step + completion: ${cfg.latencyCarts} carts per path`)
  const plainCarts = await inBatches(cfg.latencyCarts, 10, () => readyCart(servers.off.url, shop, variant.variant_id, { session: false }))
  const ourCarts = await inBatches(cfg.latencyCarts, 10, () => readyCart(servers.pay.url, shop, variant.variant_id, { session: false }))
  const plain = []
  const ours = []
  const sessionPlain = []
  const sessionOurs = []
  let held = 0
  const checkoutTail = (base, carts, total, session) => async (i) => {
    const s = await call(base, "POST", `/store/payment-collections/${carts[i].paymentCollectionId}/payment-sessions`, {
      key: shop.key,
      body: { provider_id: "pp_system_default" },
    })
    const c = await call(base, "POST", `/store/carts/${carts[i].cartId}/complete`, { key: shop.key, body: {} })
    if (s.status !== 200 || c.data?.type !== "order") throw new Error(`payment session + complete failed: ${s.status} ${c.status}`)
    if (String(s.headers.get("x-checkout-hold") ?? "").startsWith("held")) held++
    session.push(s.ms)
    total.push(s.ms + c.ms)
  }
  await interleaved(cfg.latencyCarts, checkoutTail(servers.off.url, plainCarts, plain, sessionPlain), checkoutTail(servers.pay.url, ourCarts, ours, sessionOurs))
  const { base, other, ...ratios } = againstTarget(plain, ours)
  const skip = warmup(sessionPlain.length)
  return {
    plain_session_then_complete: base,
    held_session_then_complete: other,
    session_plain: stats(sessionPlain.slice(skip)),
    session_with_hold: stats(sessionOurs.slice(skip)),
    sessions_that_held: held,
    ...ratios,
  }
}

/**
 * What a hold costs as an item's unfulfilled orders pile up: holds (each released
 * again) for an item with `busyReservations` reservations no order has shipped yet,
 * interleaved with holds for an item with none. A hold reads the level's
 * reserved_quantity, not every reservation row, so the two should cost alike.
 */
async function holdWithReservations(ctx) {
  const { servers, shop, cfg, pg, log } = ctx
  const base = servers.a.url
  const busy = await stockedVariant(base, shop, pg, "Bench Bar (unshipped orders)", 1_000_000)
  const quiet = await stockedVariant(base, shop, pg, "Bench Bar (nothing reserved)", 1_000_000)
  log(`hold cost: ${cfg.busyReservations} reservations on one item, ${cfg.latencyCarts} holds per item`)
  // One at a time: each runs under the item's lock (Medusa's createReservationsStep).
  for (let i = 0; i < cfg.busyReservations; i++) {
    const body = { inventory_item_id: busy.inventory_item_id, location_id: shop.location_id, quantity: 1 }
    await must(base, "POST", "/admin/reservations", { token: shop.token, body })
  }
  const carts = {
    busy: await inBatches(cfg.latencyCarts, 10, () => readyCart(base, shop, busy.variant_id)),
    quiet: await inBatches(cfg.latencyCarts, 10, () => readyCart(base, shop, quiet.variant_id)),
  }
  const ms = { busy: [], quiet: [] }
  const holdOnce = async (which, i) => {
    const h = await call(base, "POST", `/store/carts/${carts[which][i]}/hold`, { key: shop.key, body: {} })
    if (h.status !== 200) throw new Error(`hold failed: ${h.status} ${JSON.stringify(h.data).slice(0, 200)}`)
    ms[which].push(h.ms)
    await must(base, "DELETE", `/store/carts/${carts[which][i]}/hold`, { key: shop.key })
  }
  await interleaved(cfg.latencyCarts, (i) => holdOnce("quiet", i), (i) => holdOnce("busy", i))
  const compared = sideBySide(ms.quiet, ms.busy)
  return {
    reservations: cfg.busyReservations,
    busy: compared.other,
    quiet: compared.base,
    ratio_p50: compared.ratio_p50,
    ratio_mean: compared.ratio_mean,
  }
}

/** Shoppers reading the catalogue (the rush product and the first page) until stopped. */
function catalogueReaders(ctx, productId, width) {
  const { servers, shop } = ctx
  const bases = [servers.a.url, ...(servers.b ? [servers.b.url] : [])]
  const paths = [
    `/store/products/${productId}?region_id=${shop.region_id}&fields=${encodeURIComponent(STOREFRONT_FIELDS)}`,
    `/store/products?limit=20&region_id=${shop.region_id}&fields=${encodeURIComponent(STOREFRONT_FIELDS)}`,
  ]
  const counts = {}
  let running = true
  const loops = Array.from({ length: width }, async (_, i) => {
    for (let n = 0; running; n++) {
      const reply = await call(bases[(i + n) % bases.length], "GET", paths[n % paths.length], { key: shop.key })
      const state = reply.headers.get("x-cache") ?? "none"
      counts[state] = (counts[state] ?? 0) + 1
    }
  })
  return async () => {
    running = false
    await Promise.all(loops)
    const total = Object.values(counts).reduce((a, b) => a + b, 0)
    return { reads: total, x_cache: counts, hit_rate: total ? +((counts.hit ?? 0) / total).toFixed(3) : null }
  }
}

/** `count` requests sent at once (`send(i)`), their replies and the time to the last answer. */
async function allAtOnce(count, send) {
  const started = performance.now()
  const replies = await Promise.all(Array.from({ length: count }, (_, i) => send(i)))
  return { replies, drain_ms: Math.round(performance.now() - started), latency: stats(replies.map((r) => r.ms)) }
}

/**
 * The losers of a rush, all at once again, for the item now sold out: every
 * request is refused at the door (the sold-out fast path).
 */
async function soldOutAgain(ctx, bases, loserCarts) {
  const { shop } = ctx
  const { replies, drain_ms, latency } = await allAtOnce(loserCarts.length, (i) =>
    call(bases[i % bases.length], "POST", `/store/carts/${loserCarts[i]}/complete`, { key: shop.key, body: {} })
  )
  const soldOut = replies.filter((r) => r.status === 409 && r.data?.type === "insufficient_inventory").length
  return { requests: replies.length, sold_out_409: soldOut, other: replies.length - soldOut, drain_ms, latency }
}

/**
 * The same number of requests at once to Medusa's cheapest answers: GET /health
 * (none of the Store API's middleware, no database), the rush product from the
 * store cache (a hit), and each loser's own cart read by Medusa's own route with
 * the least it can answer (`?fields=id`: the Store API's middleware and one read
 * of the cart, which any answer about a cart needs). What any route of this
 * machine needs to answer that many shoppers at once, the measure the losers'
 * latency is read against.
 */
async function cheapestAnswersAtOnce(ctx, bases, loserCarts, productId) {
  const { shop } = ctx
  const count = loserCarts.length
  const atOnce = async (pathOf) => {
    const { replies, drain_ms, latency } = await allAtOnce(count, (i) => call(bases[i % bases.length], "GET", pathOf(i), { key: shop.key }))
    return { requests: count, ok: replies.filter((r) => r.status === 200).length, drain_ms, latency }
  }
  const product = () => `/store/products/${productId}?region_id=${shop.region_id}`
  // The product's first read fills the cache: the timed round reads hits.
  await atOnce(product)
  return {
    health: await atOnce(() => "/health"),
    cached_product: await atOnce(product),
    own_cart: await atOnce((i) => `/store/carts/${loserCarts[i]}?fields=id`),
  }
}

/**
 * When the rush's units were claimed and its orders written, in ms from its
 * start (the database's clock on both ends): a rush is a claim phase (every
 * unit given to a cart under the stock lock; the losers are answered at its
 * end) and an order phase (Medusa's completion for each winner).
 */
async function rushPhases(pg, variant, startedAtMs) {
  const { rows: claimed } = await pg.query(
    `select extract(epoch from max(completing_at)) * 1000 - $2::float8 as last_ms
       from checkout_hold where inventory_item_id = $1 and completing_at is not null`,
    [variant.inventory_item_id, startedAtMs]
  )
  const { rows: written } = await pg.query(
    `select extract(epoch from min(o.created_at)) * 1000 - $2::float8 as first_ms,
            extract(epoch from max(o.created_at)) * 1000 - $2::float8 as last_ms
       from "order" o
       join order_item oi on oi.order_id = o.id
       join order_line_item li on li.id = oi.item_id
      where li.variant_id = $1`,
    [variant.variant_id, startedAtMs]
  )
  const ms = (v) => (v === null || v === undefined ? null : Math.round(Number(v)))
  return {
    last_unit_claimed_ms: ms(claimed[0]?.last_ms),
    first_order_written_ms: ms(written[0]?.first_ms),
    last_order_written_ms: ms(written[0]?.last_ms),
  }
}

/** CPU used meanwhile by the shop's processes and by the whole machine (every core, every process). */
function cpuMeter(ctx) {
  const processes = Object.entries(ctx.servers).filter(([name, p]) => name !== "off" && p?.pid)
  const before = { machine: machineBusyMs(), ...Object.fromEntries(processes.map(([name, p]) => [name, cpuMs(p.pid)])) }
  return (orders, wallMs) => {
    const spent = (now, then) => (now === null || then === null ? null : Math.round(now - then))
    const machine = spent(machineBusyMs(), before.machine)
    const cores = os.cpus().length
    return {
      by_process_ms: Object.fromEntries(processes.map(([name, p]) => [name, spent(cpuMs(p.pid), before[name])])),
      machine_ms: machine,
      // Busy share of all cores over the rush: near 1, the rush waited for CPU, not for a lock.
      machine_utilization: machine === null ? null : +(machine / (cores * wallMs)).toFixed(2),
      machine_ms_per_order: machine === null || !orders ? null : Math.round(machine / orders),
    }
  }
}

async function rush(ctx, label, { burn, readers, floor = false, cartCount = ctx.cfg.rushCarts, clicks = 1 }) {
  const { servers, shop, cfg, pg, log } = ctx
  const bases = [servers.a.url, ...(servers.b ? [servers.b.url] : [])]
  const serverNames = ["a", "b"].slice(0, bases.length)
  const variant = await stockedVariant(servers.a.url, shop, pg, `Bench Ladoo (${label})`, cfg.rushUnits)
  log(`rush ${label}: preparing ${cartCount} carts for ${cfg.rushUnits} units`)
  const carts = await inBatches(cartCount, 10, (i) => readyCart(bases[i % bases.length], shop, variant.variant_id))
  const burner = burn
    ? spawn(process.execPath, [path.join(__dirname, "cpu-burner.js")], { stdio: "ignore" })
    : null
  try {
    if (burner) await new Promise((r) => setTimeout(r, 1000))
    const stopReaders = readers ? catalogueReaders(ctx, variant.product_id, cfg.rushReaders) : null
    log(`rush ${label}: ${cartCount} completions at once`)
    const { rows: clock } = await pg.query("select extract(epoch from clock_timestamp()) * 1000 as now_ms")
    const cpu = cpuMeter(ctx)
    const started = performance.now()
    // A shopper told "busy" honours Retry-After and tries again, as a storefront would.
    let retries = 0
    let busyFirst = 0
    const replies = await Promise.all(
      carts.map(async (c, i) => {
        // A double click's second request reaches the other server, as a load
        // balancer may send it (a browser opens a second connection for it).
        const click = async (_, k) => {
          const begun = performance.now()
          let firstMs = null
          for (let attempt = 0; ; attempt++) {
            const reply = await call(bases[(i + k) % bases.length], "POST", `/store/carts/${c}/complete`, { key: shop.key, body: {} })
            const busy = reply.status === 409 && reply.data?.type === "checkout_busy"
            if (attempt === 0) firstMs = performance.now() - begun
            if (busy && attempt === 0) busyFirst++
            if (!busy || attempt === 5) return { ...reply, ms: performance.now() - begun, firstMs, attempts: attempt + 1 }
            retries++
            await new Promise((r) => setTimeout(r, Number(reply.headers.get("retry-after") ?? 1) * 1000))
          }
        }
        // A shopper who clicks more than once (all at once) is done when every click is answered.
        const answers = await Promise.all(Array.from({ length: clicks }, click))
        const answer = (r) => `${r.status} ${r.data?.type} ${r.data?.order?.id ?? ""}`
        return {
          ...(answers.find((r) => r.status === 200 && r.data?.type === "order") ?? answers[0]),
          ms: Math.max(...answers.map((r) => r.ms)),
          firstMs: Math.max(...answers.map((r) => r.firstMs)),
          attempts: Math.max(...answers.map((r) => r.attempts)),
          answered_alike: answers.every((r) => answer(r) === answer(answers[0])),
          answers: answers.map(answer),
        }
      })
    )
    const drainMs = performance.now() - started
    const won = (r) => r.status === 200 && r.data?.type === "order"
    const cpuUsed = cpu(replies.filter(won).length, drainMs)
    const reads = stopReaders ? await stopReaders() : null
    const { rows } = await pg.query(
      "select count(*)::int as n from reservation_item where inventory_item_id = $1 and deleted_at is null",
      [variant.inventory_item_id]
    )
    const orders = replies.filter(won).length
    const soldOut = replies.filter((r) => r.status === 409 && r.data?.type === "insufficient_inventory").length
    const busy = replies.filter((r) => r.status === 409 && r.data?.type === "checkout_busy").length
    const losers = replies.filter((r) => !won(r))
    const loserCarts = carts.filter((_, i) => !won(replies[i]))
    const again = floor ? await soldOutAgain(ctx, bases, loserCarts) : null
    const cheapest = floor ? await cheapestAnswersAtOnce(ctx, bases, loserCarts, variant.product_id) : null
    return {
      carts: cartCount,
      units: cfg.rushUnits,
      clicks_per_shopper: clicks,
      // A double click's answers must agree: the same order, or the same refusal.
      shoppers_answered_differently: replies.filter((r) => !r.answered_alike).length,
      answered_differently_examples: replies.filter((r) => !r.answered_alike).slice(0, 5).map((r) => r.answers),
      cpu_burner: Boolean(burn),
      catalogue_readers: readers ? cfg.rushReaders : 0,
      orders,
      // Each cart's (first) requests go to one server (round robin): where the orders were written.
      orders_by_server: Object.fromEntries(
        serverNames.map((name, k) => [name, replies.filter((r, i) => i % bases.length === k && won(r)).length])
      ),
      sold_out_409: soldOut,
      busy_409: busy,
      busy_first_answer: busyFirst,
      busy_retries: retries,
      other: replies.length - orders - soldOut - busy,
      drain_ms: Math.round(drainMs),
      phases: await rushPhases(pg, variant, Number(clock[0].now_ms)),
      cpu: cpuUsed,
      winner_latency: stats(replies.filter((r) => r.data?.type === "order").map((r) => r.ms)),
      // First answer (busy or sold out) vs final answer (after honouring Retry-After).
      loser_first_answer_latency: stats(losers.map((r) => r.firstMs)),
      loser_final_answer_latency: stats(losers.map((r) => r.ms)),
      max_attempts: Math.max(...replies.map((r) => r.attempts)),
      reservation_rows: rows[0].n,
      unit_left_unsold_while_a_buyer_was_turned_away: orders < cfg.rushUnits && losers.length > 0,
      oversold: rows[0].n > cfg.rushUnits || orders > cfg.rushUnits,
      catalogue_during_rush: reads,
      losers_again_when_sold_out: again,
      cheapest_answers_at_once: cheapest,
    }
  } finally {
    burner?.kill("SIGKILL")
  }
}

async function benchCheckout(ctx) {
  return {
    latency: await latency(ctx),
    payment_step_latency: ctx.servers.pay ? await paymentStepLatency(ctx) : null,
    hold_with_reservations: await holdWithReservations(ctx),
    rush: await rush(ctx, "rush", { burn: false, readers: false, floor: true }),
    // As many carts as units, at once: nobody loses, nothing waits for a unit. The
    // machine's floor for writing that many orders at once, next to the rush's drain.
    orders_only: await rush(ctx, "orders only", { burn: false, readers: false, cartCount: ctx.cfg.rushUnits }),
    rush_with_readers: await rush(ctx, "rush, catalogue readers", { burn: false, readers: true }),
    rush_under_cpu_load: await rush(ctx, "rush, CPU burner", { burn: true, readers: false }),
    // Every shopper clicks "Place order" twice at once: a second click waits for
    // its own cart's first, and must not keep anyone else's checkout waiting.
    rush_double_clicks: await rush(ctx, "rush, double clicks", { burn: false, readers: false, clicks: 2 }),
  }
}

module.exports = { benchCheckout, rush }

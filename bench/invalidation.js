/**
 * Invalidation: the time from a price update (the admin's answer) to the first
 * read that shows the new price, on the server that took the update and on the
 * other server (through the shared Redis cache), each read a cached answer
 * before the update. Repeated `rounds` times on different products.
 */
const { call, must, stats } = require("./lib/http")

async function priceOn(base, shop, productId, variantId) {
  const path = `/store/products/${productId}?region_id=${shop.region_id}&fields=id,*variants.calculated_price`
  const reply = await call(base, "GET", path, { key: shop.key })
  const variant = reply.data.product.variants.find((v) => v.id === variantId)
  return { amount: variant.calculated_price.calculated_amount, cache: reply.headers.get("x-cache") }
}

async function firstSeen(base, shop, productId, variantId, amount, since, timeoutMs) {
  for (;;) {
    const now = await priceOn(base, shop, productId, variantId)
    if (now.amount === amount) return performance.now() - since
    if (performance.now() - since > timeoutMs) return null
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** The slowest, in ms; null when one update was never seen (within 10 s). */
function maxOf(xs) {
  return xs.some((x) => x === null) ? null : +Math.max(...xs).toFixed(1)
}

async function benchInvalidation(ctx) {
  const { servers, shop, cfg, log } = ctx
  const { products } = await must(servers.a.url, "GET", `/store/products?limit=${cfg.invalidationRounds}&fields=id,variants.id`, { key: shop.key })
  const same = []
  const other = []
  const cachedBefore = []
  for (const product of products) {
    const variant = product.variants[0]
    const readers = [servers.a, ...(servers.b ? [servers.b] : [])]
    for (const s of readers) {
      await priceOn(s.url, shop, product.id, variant.id)
      cachedBefore.push((await priceOn(s.url, shop, product.id, variant.id)).cache)
    }
    const full = await must(servers.a.url, "GET", `/admin/products/${product.id}/variants/${variant.id}?fields=*prices`, { token: shop.token })
    const inr = full.variant.prices.find((p) => p.currency_code === "inr")
    const amount = inr.amount + 1
    await must(servers.a.url, "POST", `/admin/products/${product.id}/variants/${variant.id}`, {
      token: shop.token,
      body: { prices: [{ id: inr.id, currency_code: "inr", amount }] },
    })
    const since = performance.now()
    const [onA, onB] = await Promise.all([
      firstSeen(servers.a.url, shop, product.id, variant.id, amount, since, 10_000),
      servers.b ? firstSeen(servers.b.url, shop, product.id, variant.id, amount, since, 10_000) : Promise.resolve(null),
    ])
    same.push(onA)
    if (servers.b) other.push(onB)
  }
  log(`invalidation: ${same.length} price updates`)
  const summary = (xs) => (xs.some((x) => x === null) ? { ...stats(xs.filter((x) => x !== null)), not_seen_within_10s: xs.filter((x) => x === null).length } : stats(xs))
  return {
    rounds: same.length,
    reads_cached_before_update: cachedBefore.filter((c) => c === "hit").length + "/" + cachedBefore.length,
    same_server: { ...summary(same), max_ms: maxOf(same) },
    other_server: servers.b ? { ...summary(other), max_ms: maxOf(other) } : null,
  }
}

module.exports = { benchInvalidation }

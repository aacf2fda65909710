/**
 * Several server processes on one database: the claim "nothing oversold, ever"
 * has to hold there, where Medusa's in-memory locking does not (measured: up to
 * 9 orders for 5 units). Servers are real `medusa start` processes with the
 * default config (locking-postgres). The same race over Redis (locking-redis,
 * 2 servers + a worker) is integration-tests/http/topology.spec.ts.
 */
import { Client } from "pg"
import { call, must } from "../helpers/http-client"
import { seededDatabase } from "../helpers/seeded-template"
import { dropDatabase, serverUrl, startServer, type ShopServer } from "../helpers/server-pool"
import { soldExactly, stockCensus } from "../helpers/stock-census"
import { waitFor } from "../helpers/wait-for"
import { OWNER, SHOPPER_ADDRESS } from "../helpers/store-client"

jest.setTimeout(15 * 60 * 1000)

const DB = `local_shop_mp_${process.pid}`
const TRIALS = 10
const CARTS = 20
const UNITS = 5

type Shop = {
  key: string
  region_id: string
  location_id: string
  sales_channel_id: string
  shipping_profile_id: string
  token: string
}
type RaceVariant = { variant_id: string; inventory_item_id: string }

let pg: Client
const raw = {
  raw: async (sql: string, bindings: unknown[] = []) => {
    let n = 0
    return pg.query(sql.replace(/\?/g, () => `$${++n}`), bindings)
  },
}

async function shopFacts(base: string): Promise<Shop> {
  const { token } = await must(base, "POST", "/auth/user/emailpass", { body: OWNER })
  const keys = await must(base, "GET", "/admin/api-keys?type=publishable&fields=token,title", { token })
  const key = keys.api_keys.find((k: { title: string }) => k.title === "Local Shop Storefront").token
  const regions = await must(base, "GET", "/store/regions", { key })
  const locations = await must(base, "GET", "/admin/stock-locations", { token })
  const channels = await must(base, "GET", "/admin/sales-channels?name=Local%20Shop%20Storefront", { token })
  const profiles = await must(base, "GET", "/admin/shipping-profiles?type=default", { token })
  return {
    key,
    token,
    region_id: regions.regions[0].id,
    location_id: locations.stock_locations[0].id,
    sales_channel_id: channels.sales_channels[0].id,
    shipping_profile_id: profiles.shipping_profiles[0].id,
  }
}

/** A product with `count` variants, each with its own inventory item stocked with UNITS. */
async function raceVariants(base: string, shop: Shop, title: string, count: number): Promise<RaceVariant[]> {
  const batches = Array.from({ length: count }, (_, i) => `Batch ${i + 1}`)
  const { product } = await must(base, "POST", "/admin/products", {
    token: shop.token,
    body: {
      title,
      status: "published",
      shipping_profile_id: shop.shipping_profile_id,
      sales_channels: [{ id: shop.sales_channel_id }],
      options: [{ title: "Batch", values: batches }],
      variants: batches.map((b) => ({
        title: b,
        options: { Batch: b },
        manage_inventory: true,
        prices: [{ currency_code: "inr", amount: 99 }],
      })),
    },
  })
  const out: RaceVariant[] = []
  for (const b of batches) {
    const variant = product.variants.find((v: { title: string }) => v.title === b)
    const { rows } = await raw.raw(
      "select inventory_item_id from product_variant_inventory_item where variant_id = ? and deleted_at is null",
      [variant.id]
    )
    const itemId = rows[0].inventory_item_id
    await must(base, "POST", `/admin/inventory-items/${itemId}/location-levels`, {
      token: shop.token,
      body: { location_id: shop.location_id, stocked_quantity: UNITS },
    })
    out.push({ variant_id: variant.id, inventory_item_id: itemId })
  }
  return out
}

async function readyCart(base: string, shop: Shop, variantId: string): Promise<string> {
  const key = shop.key
  const email = `racer-${Math.random().toString(36).slice(2, 10)}@example.in`
  const { cart } = await must(base, "POST", "/store/carts", {
    key,
    body: { region_id: shop.region_id, email, shipping_address: SHOPPER_ADDRESS, billing_address: SHOPPER_ADDRESS },
  })
  await must(base, "POST", `/store/carts/${cart.id}/line-items`, { key, body: { variant_id: variantId, quantity: 1 } })
  const options = await must(base, "GET", `/store/shipping-options?cart_id=${cart.id}`, { key })
  const pickup = options.shipping_options.find((o: { name: string }) => o.name === "Store pickup")
  await must(base, "POST", `/store/carts/${cart.id}/shipping-methods`, { key, body: { option_id: pickup.id } })
  const pc = await must(base, "POST", "/store/payment-collections", { key, body: { cart_id: cart.id } })
  await must(base, "POST", `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, {
    key,
    body: { provider_id: "pp_system_default" },
  })
  return cart.id
}

const shopperIp = (i: number) => `198.18.0.${i + 1}`

type TrialResult = {
  mode: "hold" | "complete"
  holds_ok: number
  orders_answered: number
  refused_409: number
  census: Awaited<ReturnType<typeof stockCensus>>
}

/** 20 carts for 5 units, every request spread across the servers, all fired at once. */
async function trial(servers: ShopServer[], shop: Shop, v: RaceVariant, mode: "hold" | "complete"): Promise<TrialResult> {
  const at = (i: number) => servers[i % servers.length].url
  const carts: string[] = []
  for (let start = 0; start < CARTS; start += 10) {
    carts.push(...(await Promise.all(Array.from({ length: 10 }, (_, k) => readyCart(at(start + k), shop, v.variant_id)))))
  }
  let holdsOk = 0
  if (mode === "hold") {
    // Each racing shopper from an address of its own (the per-guest-IP cap is on).
    const holds = await Promise.all(
      carts.map((c, i) => call(at(i + 1), "POST", `/store/carts/${c}/hold`, { key: shop.key, body: {}, ip: shopperIp(i) }))
    )
    holdsOk = holds.filter((h) => h.status === 200).length
    expect(holds.filter((h) => h.status === 409).every((h) => h.data.type === "insufficient_inventory")).toBe(true)
  }
  const completions = await Promise.all(
    carts.map((c, i) => call(at(i), "POST", `/store/carts/${c}/complete`, { key: shop.key, body: {}, ip: shopperIp(i) }))
  )
  const unexpected = completions.filter((r) => r.status !== 200 && r.status !== 409)
  expect(unexpected.map((r) => [r.status, r.data])).toEqual([])
  return {
    mode,
    holds_ok: holdsOk,
    orders_answered: completions.filter((r) => r.status === 200 && r.data.type === "order").length,
    refused_409: completions.filter((r) => r.status === 409).length,
    census: await stockCensus(raw, v.variant_id, v.inventory_item_id),
  }
}

function expectNoOversell(results: TrialResult[]) {
  for (const r of results) {
    if (r.mode === "hold") {
      expect(r.holds_ok).toBe(UNITS)
    }
    expect(r.orders_answered).toBe(UNITS)
    expect(r.refused_409).toBe(CARTS - UNITS)
    expect(r.census).toMatchObject(soldExactly(UNITS))
  }
}

let shop: Shop
let variants: RaceVariant[]

beforeAll(async () => {
  await seededDatabase(DB)
  pg = new Client({ connectionString: serverUrl(DB) })
  await pg.connect()
})

afterAll(async () => {
  await pg?.end()
  await dropDatabase(DB)
})

describe("two server processes on one database, default config (locking-postgres)", () => {
  let servers: ShopServer[] = []

  beforeAll(async () => {
    servers = await Promise.all([startServer(DB), startServer(DB)])
    shop = await shopFacts(servers[0].url)
    variants = await raceVariants(servers[0].url, shop, "Race Ladoo (PostgreSQL locks)", TRIALS)
  })

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()))
  })

  it(`20 carts for 5 units, ${TRIALS} trials, half through /hold: zero oversell in every trial`, async () => {
    const results: TrialResult[] = []
    for (let i = 0; i < TRIALS; i++) {
      results.push(await trial(servers, shop, variants[i], i % 2 === 0 ? "complete" : "hold"))
    }
    expectNoOversell(results)
  })

  it("a server killed with SIGKILL while it holds the stock lock: the lock dies with it, the survivor completes", async () => {
    const victim = await startServer(DB)
    const [v] = await raceVariants(servers[0].url, shop, "Race Ladoo (crash)", 1)
    const carts = await Promise.all(Array.from({ length: 3 }, () => readyCart(servers[0].url, shop, v.variant_id)))
    const survivor = await readyCart(servers[1].url, shop, v.variant_id)

    // Hold the victim inside its locked section: hold rows cannot be written
    // (reads still can) while this transaction keeps the table locked.
    const blocker = new Client({ connectionString: serverUrl(DB) })
    await blocker.connect()
    await blocker.query("begin")
    await blocker.query("lock table checkout_hold in exclusive mode")
    const inFlight = carts.map((c, i) =>
      call(victim.url, "POST", `/store/carts/${c}/hold`, { key: shop.key, body: {}, ip: shopperIp(i) }).catch(() => null)
    )
    try {
      // Proof that the victim holds the stock lock: a granted advisory lock in
      // this database, and one of its writes waiting behind our table lock.
      const seen = await waitFor(
        async () =>
          (
            await raw.raw(
              `select
                 (select count(*)::int from pg_locks l join pg_database d on d.oid = l.database
                   where l.locktype = 'advisory' and l.granted and d.datname = current_database()) as advisory,
                 (select count(*)::int from pg_stat_activity
                   where datname = current_database() and wait_event_type = 'Lock' and query ilike '%checkout_hold%') as waiting`
            )
          ).rows[0] as { advisory: number; waiting: number },
        (r) => r.advisory > 0 && r.waiting > 0,
        { within: 20_000 }
      )
      expect(seen.advisory).toBeGreaterThan(0)
      expect(seen.waiting).toBeGreaterThan(0)
      await victim.kill()
    } finally {
      await blocker.query("commit")
      await blocker.end()
    }
    await Promise.all(inFlight)

    // The lock died with the process: the surviving server takes it at once, holds and completes.
    const started = Date.now()
    const held = await call(servers[1].url, "POST", `/store/carts/${survivor}/hold`, { key: shop.key, body: {}, ip: shopperIp(9) })
    expect(held.status).toBe(200)
    expect(Date.now() - started).toBeLessThan(5000)
    const done = await call(servers[1].url, "POST", `/store/carts/${survivor}/complete`, { key: shop.key, body: {}, ip: shopperIp(9) })
    expect(done.status).toBe(200)
    expect(done.data.type).toBe("order")
    const census = await stockCensus(raw, v.variant_id, v.inventory_item_id)
    expect(census).toMatchObject({ orders: 1, reservation_rows: 1 })
    const left = await raw.raw(
      `select count(*)::int as n from pg_locks l join pg_database d on d.oid = l.database
        where l.locktype = 'advisory' and d.datname = current_database()`
    )
    expect(left.rows[0].n).toBe(0)
  })
})

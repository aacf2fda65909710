/**
 * `npm run bench:holds` (run through `medusa exec` by scripts/bench.js on a
 * fresh, seeded database). Measures, in one run and side by side:
 *  1. checkout latency: Medusa's plain completeCartWorkflow vs our path
 *     (hold, then completion under the stock lock), same shop, same carts;
 *  2. a rush: 200 carts completing at once for 20 units.
 * Prints a JSON report; figures belong in the README and closing notes.
 */
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  addShippingMethodToCartWorkflow,
  completeCartWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  listShippingOptionsForCartWorkflow,
} from "@medusajs/medusa/core-flows"
import {
  completeCartWithHoldsWorkflow,
  reserveCheckoutHoldWorkflow,
} from "../src/workflows/checkout-hold"

const LATENCY_CARTS = Number(process.env.BENCH_LATENCY_CARTS || 40)
const RUSH_CARTS = Number(process.env.BENCH_RUSH_CARTS || 200)
const RUSH_UNITS = Number(process.env.BENCH_RUSH_UNITS || 20)

const address = {
  first_name: "Bench",
  last_name: "Shopper",
  address_1: "1 MG Road",
  city: "Bengaluru",
  postal_code: "560001",
  country_code: "in",
}

type Shop = { region_id: string; sales_channel_id: string; location_id: string }

async function shopFacts(container: MedusaContainer): Promise<Shop> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: regions } = await query.graph({ entity: "region", fields: ["id"], filters: { name: "India" } })
  const { data: channels } = await query.graph({ entity: "sales_channel", fields: ["id"], filters: { name: "Local Shop Storefront" } })
  const { data: locations } = await query.graph({ entity: "stock_location", fields: ["id"] })
  return { region_id: regions[0].id, sales_channel_id: channels[0].id, location_id: locations[0].id }
}

async function variantWithStock(container: MedusaContainer, shop: Shop, sku: string, stock: number) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["id", "inventory_items.inventory_item_id"],
    filters: { sku },
  })
  const variant = data[0] as { id: string; inventory_items: { inventory_item_id: string }[] }
  const itemId = variant.inventory_items[0].inventory_item_id
  await container.resolve(Modules.INVENTORY).updateInventoryLevels([
    { inventory_item_id: itemId, location_id: shop.location_id, stocked_quantity: stock },
  ])
  return { variantId: variant.id, itemId }
}

async function readyCart(container: MedusaContainer, shop: Shop, variantId: string): Promise<string> {
  const { result: cart } = await createCartWorkflow(container).run({
    input: {
      region_id: shop.region_id,
      sales_channel_id: shop.sales_channel_id,
      email: `bench-${Math.random().toString(36).slice(2, 10)}@example.in`,
      shipping_address: address,
      billing_address: address,
      items: [{ variant_id: variantId, quantity: 1 }],
    },
  })
  const { result: options } = await listShippingOptionsForCartWorkflow(container).run({ input: { cart_id: cart.id } })
  const pickup = options.find((o: { name: string }) => o.name === "Store pickup")!
  await addShippingMethodToCartWorkflow(container).run({ input: { cart_id: cart.id, options: [{ id: pickup.id }] } })
  const { result: collection } = await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cart.id } })
  await createPaymentSessionsWorkflow(container).run({
    input: { payment_collection_id: collection.id, provider_id: "pp_system_default" },
  })
  return cart.id
}

async function makeCarts(container: MedusaContainer, shop: Shop, variantId: string, n: number) {
  const carts: string[] = []
  for (let i = 0; i < n; i += 10) {
    carts.push(...(await Promise.all(Array.from({ length: Math.min(10, n - i) }, () => readyCart(container, shop, variantId)))))
  }
  return carts
}

function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
  return {
    n: ms.length,
    mean_ms: +(ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(1),
    p50_ms: +at(0.5).toFixed(1),
    p95_ms: +at(0.95).toFixed(1),
  }
}

async function timed(fn: () => Promise<unknown>) {
  const start = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - start) / 1e6
}

export default async function benchCheckoutHolds({ container }: ExecArgs) {
  const shop = await shopFacts(container)

  // 1. Latency, interleaved so that both paths see the same warm-up and load.
  const { variantId } = await variantWithStock(container, shop, "BAR-PBP-SINGLEBAR", 100_000)
  const carts = await makeCarts(container, shop, variantId, LATENCY_CARTS * 2)
  const plain: number[] = []
  const withHolds: number[] = []
  const holdOnly: number[] = []
  for (let i = 0; i < LATENCY_CARTS; i++) {
    plain.push(await timed(() => completeCartWorkflow(container).run({ input: { id: carts[2 * i] } })))
    const cartId = carts[2 * i + 1]
    const holdMs = await timed(() => reserveCheckoutHoldWorkflow(container).run({ input: { cart_id: cartId } }))
    const completeMs = await timed(() => completeCartWithHoldsWorkflow(container).run({ input: { cart_id: cartId } }))
    holdOnly.push(holdMs)
    withHolds.push(holdMs + completeMs)
  }
  const plainStats = stats(plain.slice(3))
  const holdStats = stats(withHolds.slice(3))

  // 2. The rush: every cart completes at once, through the stock lock.
  const rush = await variantWithStock(container, shop, "BAR-MGB-SINGLEBAR", RUSH_UNITS)
  const rushCarts = await makeCarts(container, shop, rush.variantId, RUSH_CARTS)
  const outcomes: string[] = []
  const drainMs = await timed(async () => {
    await Promise.all(
      rushCarts.map(async (cartId) => {
        const { errors } = await completeCartWithHoldsWorkflow(container).run({
          input: { cart_id: cartId },
          throwOnError: false,
        })
        outcomes.push(errors?.[0] ? String(errors[0].error?.type ?? "error") : "order")
      })
    )
  })
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const reservations = await pg.raw(
    "select count(*)::int as n from reservation_item where inventory_item_id = ? and deleted_at is null",
    [rush.itemId]
  )
  const count = (what: string) => outcomes.filter((o) => o === what).length

  const report = {
    latency: {
      plain_complete: plainStats,
      hold_then_complete: holdStats,
      hold_alone: stats(holdOnly.slice(3)),
      ratio_mean: +(holdStats.mean_ms / plainStats.mean_ms).toFixed(2),
      ratio_p50: +(holdStats.p50_ms / plainStats.p50_ms).toFixed(2),
    },
    rush: {
      carts: RUSH_CARTS,
      units: RUSH_UNITS,
      drain_ms: Math.round(drainMs),
      orders: count("order"),
      insufficient_inventory: count("insufficient_inventory"),
      busy: count("checkout_busy"),
      other_errors: outcomes.length - count("order") - count("insufficient_inventory") - count("checkout_busy"),
      reservation_rows: reservations.rows[0].n,
    },
  }
  console.log(`BENCH ${JSON.stringify(report)}`)
}

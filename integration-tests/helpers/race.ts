/**
 * Races over HTTP against separately started servers: the shop's facts, race
 * variants with their own stock, carts ready to complete, and one trial of N
 * carts for few units spread across the servers.
 */
import type { Client } from "pg"
import { call, must } from "./http-client"
import { stockCensus } from "./stock-census"
import { OWNER, SHOPPER_ADDRESS } from "./store-client"

export type RaceShop = {
  key: string
  region_id: string
  location_id: string
  sales_channel_id: string
  shipping_profile_id: string
  /** The "Store pickup" shipping option every race cart takes. */
  pickup_option_id: string
  token: string
}
export type RaceVariant = { product_id: string; variant_id: string; inventory_item_id: string }

/** `?`-placeholders over a pg Client, the shape stockCensus takes. */
export function rawOf(pg: Client) {
  return {
    raw: async (sql: string, bindings: unknown[] = []) => {
      let n = 0
      return pg.query(sql.replace(/\?/g, () => `$${++n}`), bindings)
    },
  }
}

export async function raceShop(base: string): Promise<RaceShop> {
  const { token } = await must(base, "POST", "/auth/user/emailpass", { body: OWNER })
  const keys = await must(base, "GET", "/admin/api-keys?type=publishable&fields=token,title", { token })
  const key = keys.api_keys.find((k: { title: string }) => k.title === "Local Shop Storefront").token
  const regions = await must(base, "GET", "/store/regions", { key })
  const locations = await must(base, "GET", "/admin/stock-locations", { token })
  const channels = await must(base, "GET", "/admin/sales-channels?name=Local%20Shop%20Storefront", { token })
  const profiles = await must(base, "GET", "/admin/shipping-profiles?type=default", { token })
  const options = await must(base, "GET", "/admin/shipping-options?fields=id,name&limit=100", { token })
  return {
    key,
    token,
    region_id: regions.regions[0].id,
    location_id: locations.stock_locations[0].id,
    sales_channel_id: channels.sales_channels[0].id,
    shipping_profile_id: profiles.shipping_profiles[0].id,
    pickup_option_id: options.shipping_options.find((o: { name: string }) => o.name === "Store pickup").id,
  }
}

/** A product with `count` variants, each with its own inventory item stocked with `units`. */
export async function raceVariants(base: string, shop: RaceShop, pg: Client, title: string, count: number, units: number) {
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
    const { rows } = await pg.query(
      "select inventory_item_id from product_variant_inventory_item where variant_id = $1 and deleted_at is null",
      [variant.id]
    )
    const itemId: string = rows[0].inventory_item_id
    await must(base, "POST", `/admin/inventory-items/${itemId}/location-levels`, {
      token: shop.token,
      body: { location_id: shop.location_id, stocked_quantity: units },
    })
    out.push({ product_id: product.id, variant_id: variant.id, inventory_item_id: itemId })
  }
  return out
}

/**
 * A cart with one unit, an address, Store pickup and a system payment session:
 * four requests (the line comes with the cart, the option id with the shop).
 */
export async function raceCart(base: string, shop: RaceShop, variantId: string): Promise<string> {
  const key = shop.key
  const email = `racer-${Math.random().toString(36).slice(2, 10)}@example.in`
  const { cart } = await must(base, "POST", "/store/carts", {
    key,
    body: {
      region_id: shop.region_id,
      email,
      shipping_address: SHOPPER_ADDRESS,
      billing_address: SHOPPER_ADDRESS,
      items: [{ variant_id: variantId, quantity: 1 }],
    },
  })
  await must(base, "POST", `/store/carts/${cart.id}/shipping-methods`, { key, body: { option_id: shop.pickup_option_id } })
  const pc = await must(base, "POST", "/store/payment-collections", { key, body: { cart_id: cart.id } })
  await must(base, "POST", `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, {
    key,
    body: { provider_id: "pp_system_default" },
  })
  return cart.id
}

/** A shopper's own address (the per-guest-IP cap of holds is on in these races). */
export const shopperIp = (i: number) => `198.18.0.${i + 1}`

export type RaceResult = {
  mode: "complete" | "hold"
  /** Hold mode: the holds granted before the completions. */
  holds_ok: number
  /** Hold mode: the holds refused with anything but "sold out". */
  holds_refused_otherwise: [number, unknown][]
  orders_answered: number
  /** Orders answered by each server (completion i goes to bases[i % bases.length]). */
  orders_by_server: number[]
  order_ids: string[]
  refused_409: number
  /** Of the 409s: "sold out" (insufficient_inventory) and "try again" (checkout_busy: the stock lock's wait ran out). */
  sold_out_409: number
  busy_409: number
  unexpected: [number, unknown][]
  census: Awaited<ReturnType<typeof stockCensus>>
}

/**
 * `carts` carts for the variant's stock, every request spread over `bases`,
 * completions fired at once; in "hold" mode every shopper first asks for a
 * hold, all at once, then completes.
 */
export async function raceTrial(
  bases: string[],
  shop: RaceShop,
  pg: Client,
  v: RaceVariant,
  carts: number,
  mode: "complete" | "hold" = "complete"
): Promise<RaceResult> {
  const at = (i: number) => bases[i % bases.length]
  const ids: string[] = []
  for (let start = 0; start < carts; start += 10) {
    const width = Math.min(10, carts - start)
    ids.push(...(await Promise.all(Array.from({ length: width }, (_, k) => raceCart(at(start + k), shop, v.variant_id)))))
  }
  const holds =
    mode === "hold"
      ? await Promise.all(
          ids.map((c, i) => call(at(i + 1), "POST", `/store/carts/${c}/hold`, { key: shop.key, body: {}, ip: shopperIp(i) }))
        )
      : []
  const completions = await Promise.all(
    ids.map((c, i) => call(at(i), "POST", `/store/carts/${c}/complete`, { key: shop.key, body: {}, ip: shopperIp(i) }))
  )
  const orders = completions.filter((r) => r.status === 200 && r.data?.type === "order")
  return {
    mode,
    holds_ok: holds.filter((h) => h.status === 200).length,
    holds_refused_otherwise: holds
      .filter((h) => h.status !== 200 && !(h.status === 409 && h.data?.type === "insufficient_inventory"))
      .map((h) => [h.status, h.data]),
    orders_answered: orders.length,
    orders_by_server: bases.map(
      (_, k) => completions.filter((r, i) => i % bases.length === k && r.status === 200 && r.data?.type === "order").length
    ),
    order_ids: orders.map((r) => r.data.order.id as string),
    refused_409: completions.filter((r) => r.status === 409).length,
    sold_out_409: completions.filter((r) => r.status === 409 && r.data?.type === "insufficient_inventory").length,
    busy_409: completions.filter((r) => r.status === 409 && r.data?.type === "checkout_busy").length,
    unexpected: completions.filter((r) => r.status !== 200 && r.status !== 409).map((r) => [r.status, r.data]),
    census: await stockCensus(rawOf(pg), v.variant_id, v.inventory_item_id),
  }
}

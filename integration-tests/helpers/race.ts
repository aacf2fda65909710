/**
 * One race over HTTP against separately started servers: N carts for few units,
 * spread across the servers. The shop's facts, stocked variants and ready carts
 * come from bench/lib/shop.js, which the benchmark uses too.
 */
import type { Client } from "pg"
import { readyCart, type ShopFacts, type StockedVariant } from "../../bench/lib/shop"
import { call } from "./http-client"
import { stockCensus } from "./stock-census"

/** `?`-placeholders over a pg Client, the shape stockCensus takes. */
export function rawOf(pg: Client) {
  return {
    raw: async (sql: string, bindings: unknown[] = []) => {
      let n = 0
      return pg.query(sql.replace(/\?/g, () => `$${++n}`), bindings)
    },
  }
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
  shop: ShopFacts,
  pg: Client,
  v: StockedVariant,
  carts: number,
  mode: "complete" | "hold" = "complete"
): Promise<RaceResult> {
  const at = (i: number) => bases[i % bases.length]
  const ids: string[] = []
  for (let start = 0; start < carts; start += 10) {
    const width = Math.min(10, carts - start)
    ids.push(...(await Promise.all(Array.from({ length: width }, (_, k) => readyCart(at(start + k), shop, v.variant_id)))))
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

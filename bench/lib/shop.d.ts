/** Types of shop.js, for the TypeScript tests that race carts over HTTP. */
import type { Client } from "pg"

export type ShopFacts = {
  key: string
  token: string
  region_id: string
  location_id: string
  sales_channel_id: string
  shipping_profile_id: string
  /** The "Store pickup" shipping option every ready cart takes. */
  pickup_option_id: string
}
export type StockedVariant = { product_id: string; variant_id: string; inventory_item_id: string }

export function shopFacts(base: string): Promise<ShopFacts>
export function stockedVariants(
  base: string,
  shop: ShopFacts,
  pg: Client,
  title: string,
  count: number,
  units: number
): Promise<StockedVariant[]>
export function stockedVariant(base: string, shop: ShopFacts, pg: Client, title: string, units: number): Promise<StockedVariant>
export function readyCart(base: string, shop: ShopFacts, variantId: string): Promise<string>

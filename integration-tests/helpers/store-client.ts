import type { ISearchModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { waitFor } from "./wait-for"
import { seedDemoShop, type SeedDemoShopResult } from "../../src/scripts/demo-shop/seed-demo-shop"

/** The axios-like client medusaIntegrationTestRunner hands to a test suite. */
export type TestApi = {
  get: (url: string, config?: Record<string, unknown>) => Promise<any>
  post: (url: string, body?: unknown, config?: Record<string, unknown>) => Promise<any>
  delete: (url: string, config?: Record<string, unknown>) => Promise<any>
}

export const OWNER = { email: "owner@localshop.test", password: "localshop-owner" }

/**
 * Seeds the demo shop once the Search Module's indexes are ready: it builds them
 * in the background at start, and products created before that are never
 * ingested (their events fail with "no active version"), so a spec reading the
 * index would wait for products that never come.
 */
export async function seedShop(container: MedusaContainer): Promise<SeedDemoShopResult> {
  const search: ISearchModuleService = container.resolve(Modules.SEARCH)
  const states = await waitFor(
    async () => (await search.listIndexes()).map((index) => index.status),
    (all) => all.every((status) => status === "ready"),
    { within: 60_000 }
  )
  if (!states.every((status) => status === "ready")) {
    throw new Error(`search indexes not ready after 60 s: ${states.join(", ")}`)
  }
  return seedDemoShop(container, { owner: OWNER })
}

/** Headers a storefront sends: the publishable key, and nothing else. */
export function storeHeaders(publishableKey: string) {
  return { headers: { "x-publishable-api-key": publishableKey } }
}

export const SHOPPER_ADDRESS = {
  first_name: "Asha",
  last_name: "Rao",
  address_1: "4th Cross, HAL 2nd Stage",
  city: "Bengaluru",
  province: "Karnataka",
  postal_code: "560008",
  country_code: "in",
  phone: "+91 98450 00000",
}

/** Finds a seeded variant by SKU through the Store API. */
export async function variantBySku(api: TestApi, publishableKey: string, sku: string) {
  const { data } = await api.get(
    `/store/products?limit=100&fields=id,title,*variants`,
    storeHeaders(publishableKey)
  )
  for (const product of data.products) {
    const variant = product.variants.find((v: { sku: string }) => v.sku === sku)
    if (variant) {
      return { product, variant }
    }
  }
  throw new Error(`No variant with SKU ${sku}`)
}

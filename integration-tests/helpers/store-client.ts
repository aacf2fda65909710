import type { ISearchModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { publishSeededTemplate, seededTemplateExists } from "./seeded-template"
import { runnerDatabase } from "./shop-runner"
import { waitFor } from "./wait-for"
import { PRODUCTS } from "../../src/scripts/demo-shop/catalog"
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
 *
 * While the run has no seeded shop yet, the seeded database is then published
 * as the one later spec files copy, once the index holds every product
 * (integration-tests/helpers/seeded-template.ts).
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
  const shop = await seedDemoShop(container, { owner: OWNER })
  const database = runnerDatabase()
  if (database && !(await seededTemplateExists())) {
    const indexed = await waitFor(
      async () => (await search.search({ entity: "product", pagination: { take: 1 }, search_options: { count: "exact" } })).metadata.count,
      (count) => count === PRODUCTS.length,
      { within: 30_000 }
    )
    // A shop whose index is not full is not published: later specs then seed their own.
    if (indexed === PRODUCTS.length) {
      await publishSeededTemplate(database)
    }
  }
  return shop
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

import type { MedusaContainer } from "@medusajs/framework/types"
import { seedDemoShop, type SeedDemoShopResult } from "../../src/scripts/demo-shop/seed-demo-shop"

/** The axios-like client medusaIntegrationTestRunner hands to a test suite. */
export type TestApi = {
  get: (url: string, config?: Record<string, unknown>) => Promise<any>
  post: (url: string, body?: unknown, config?: Record<string, unknown>) => Promise<any>
  delete: (url: string, config?: Record<string, unknown>) => Promise<any>
}

export const OWNER = { email: "owner@localshop.test", password: "localshop-owner" }

export async function seedShop(container: MedusaContainer): Promise<SeedDemoShopResult> {
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

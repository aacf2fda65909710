import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import expireCheckoutHolds from "../../src/jobs/expire-checkout-holds"
import type { SeedDemoShopResult } from "../../src/scripts/demo-shop/seed-demo-shop"
import { adminHeaders } from "../helpers/admin-client"
import { outcome, readyCart } from "../helpers/checkout"
import { pgOf } from "../helpers/stock-census"
import { seedShop, storeHeaders, variantBySku, type TestApi } from "../helpers/store-client"

jest.setTimeout(120_000)

// Read by medusa-config when the runner boots the app: holds last 2 seconds here.
const previousTtl = process.env.CHECKOUT_HOLD_TTL_SECONDS
process.env.CHECKOUT_HOLD_TTL_SECONDS = "2"
afterAll(() => {
  process.env.CHECKOUT_HOLD_TTL_SECONDS = previousTtl
})

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const client = api as TestApi
    let shop: SeedDemoShopResult

    beforeAll(async () => {
      shop = await seedShop(getContainer())
    })

    it("a hold stops counting when it expires, before and after the expiry job", async () => {
      const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
      const hold = (cart: string) => outcome(client.post(`/store/carts/${cart}/hold`, {}, storeHeaders(shop.publishable_key)))
      const a = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 5 }])
      const b = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 5 }])

      const first = await hold(a)
      expect(first.status).toBe(200)
      expect(new Date(first.data.hold.expires_at).getTime() - Date.now()).toBeLessThanOrEqual(2000)
      expect((await hold(b)).status).toBe(409)

      await new Promise((r) => setTimeout(r, 2200))
      // The job has not run: A's row still says active, but it no longer counts.
      const rows = await pgOf(getContainer()).raw("select status from checkout_hold where cart_id = ?", [a])
      expect(rows.rows).toEqual([{ status: "active" }])
      const admin = await adminHeaders(client)
      const listed = await client.get(`/admin/holds?cart_id=${a}`, admin)
      expect(listed.data.holds[0]).toMatchObject({ status: "expired", seconds_left: 0 })

      expect((await hold(b)).status).toBe(200)
      const { data } = await client.get(`/store/availability?variant_id=${variant.id}`, storeHeaders(shop.publishable_key))
      expect(data.availability).toEqual([{ variant_id: variant.id, available: 1 }])

      await expireCheckoutHolds(getContainer())
      const after = await pgOf(getContainer()).raw(
        "select cart_id, status from checkout_hold where cart_id in (?, ?) order by status",
        [a, b]
      )
      expect(after.rows).toEqual([
        { cart_id: b, status: "active" },
        { cart_id: a, status: "expired" },
      ])
    })

    it("a cart whose hold expired can still complete if the stock is free", async () => {
      const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
      const a = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 2 }])
      await client.post(`/store/carts/${a}/hold`, {}, storeHeaders(shop.publishable_key))
      await new Promise((r) => setTimeout(r, 2200))
      const done = await outcome(client.post(`/store/carts/${a}/complete`, {}, storeHeaders(shop.publishable_key)))
      expect(done.status).toBe(200)
      expect(done.data.type).toBe("order")
    })
  },
})

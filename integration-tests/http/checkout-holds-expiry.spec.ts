import { shopTestRunner } from "../helpers/shop-runner"
import expireCheckoutHolds from "../../src/jobs/expire-checkout-holds"
import type { SeedDemoShopResult } from "../../src/scripts/demo-shop/seed-demo-shop"
import { adminHeaders } from "../helpers/admin-client"
import { outcome, readyCart } from "../helpers/checkout"
import { pgOf } from "../helpers/stock-census"
import { seedShop, storeHeaders, variantBySku, type TestApi } from "../helpers/store-client"
import { waitFor } from "../helpers/wait-for"

jest.setTimeout(120_000)

// Read by medusa-config when the runner boots the app: holds last 2 seconds here.
// A cart holds 5 of 6 units here: the share-of-low-stock cap is off (see checkout-holds-caps.spec.ts).
const previous = { ttl: process.env.CHECKOUT_HOLD_TTL_SECONDS, share: process.env.HOLD_LOW_STOCK_SHARE }
process.env.CHECKOUT_HOLD_TTL_SECONDS = "2"
process.env.HOLD_LOW_STOCK_SHARE = "1"
afterAll(() => {
  process.env.CHECKOUT_HOLD_TTL_SECONDS = previous.ttl
  process.env.HOLD_LOW_STOCK_SHARE = previous.share
})

shopTestRunner({
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

      // Until its expiry, as the owner reads it (the job has not run).
      const admin = await adminHeaders(client)
      const listed = await waitFor(
        async () => (await client.get(`/admin/holds?cart_id=${a}`, admin)).data.holds[0],
        (h: { status: string }) => h.status === "expired",
        { within: 10_000 }
      )
      expect(listed).toMatchObject({ status: "expired", seconds_left: 0 })
      // A's row still says active, but it no longer counts.
      const rows = await pgOf(getContainer()).raw("select status from checkout_hold where cart_id = ?", [a])
      expect(rows.rows).toEqual([{ status: "active" }])

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
      const held = await client.post(`/store/carts/${a}/hold`, {}, storeHeaders(shop.publishable_key))
      const available = async () =>
        (await client.get(`/store/availability?variant_id=${variant.id}`, storeHeaders(shop.publishable_key))).data.availability
      expect(await available()).toEqual([{ variant_id: variant.id, available: 4 }])
      const expiresAt = new Date(held.data.hold.expires_at).getTime()
      const ended = await waitFor(() => Promise.resolve(Date.now()), (now) => now > expiresAt, { within: 10_000 })
      expect(ended).toBeGreaterThan(expiresAt)
      // The expired hold no longer counts against anyone: all 6 are free again, before the expiry job has run.
      expect(await available()).toEqual([{ variant_id: variant.id, available: 6 }])
      const done = await outcome(client.post(`/store/carts/${a}/complete`, {}, storeHeaders(shop.publishable_key)))
      expect(done.status).toBe(200)
      expect(done.data.type).toBe("order")
    })
  },
})

import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createApiKeysWorkflow, linkSalesChannelsToApiKeyWorkflow } from "@medusajs/medusa/core-flows"
import purgeIdempotencyKeys from "../../src/jobs/purge-idempotency-keys"
import type { SeedDemoShopResult } from "../../src/scripts/demo-shop/seed-demo-shop"
import { outcome, readyCart } from "../helpers/checkout"
import { pgOf, stockCensus } from "../helpers/stock-census"
import { seedShop, variantBySku, type TestApi } from "../helpers/store-client"

jest.setTimeout(180_000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const client = api as TestApi
    let shop: SeedDemoShopResult

    beforeAll(async () => {
      shop = await seedShop(getContainer())
    })

    const headers = (key?: string, publishable = shop.publishable_key) => ({
      headers: { "x-publishable-api-key": publishable, ...(key ? { "idempotency-key": key } : {}) },
    })
    const cartCount = async () =>
      Number((await pgOf(getContainer()).raw("select count(*)::int as n from cart")).rows[0].n)

    describe("Idempotency-Key", () => {
      it("runs POST /store/carts once per key and replays the stored answer", async () => {
        const before = await cartCount()
        const first = await outcome(client.post("/store/carts", { region_id: shop.region_id }, headers("cart-key-1")))
        const again = await client.post("/store/carts", { region_id: shop.region_id }, headers("cart-key-1"))
        expect(first.status).toBe(200)
        expect(again.status).toBe(200)
        expect(again.headers["idempotent-replayed"]).toBe("true")
        expect(again.data).toEqual(first.data)
        expect(await cartCount()).toBe(before + 1)
      })

      it("leaves requests without the header alone", async () => {
        const before = await cartCount()
        const a = await client.post("/store/carts", { region_id: shop.region_id }, headers())
        const b = await client.post("/store/carts", { region_id: shop.region_id }, headers())
        expect(a.data.cart.id).not.toBe(b.data.cart.id)
        expect(a.headers["idempotent-replayed"]).toBeUndefined()
        expect(await cartCount()).toBe(before + 2)
      })

      it("answers 422 idempotency_key_mismatch for the same key with another body or route", async () => {
        await client.post("/store/carts", { region_id: shop.region_id }, headers("cart-key-2"))
        const before = await cartCount()
        const otherBody = await outcome(
          client.post("/store/carts", { region_id: shop.region_id, email: "x@example.in" }, headers("cart-key-2"))
        )
        expect(otherBody.status).toBe(422)
        expect(otherBody.data.type).toBe("idempotency_key_mismatch")
        const { data } = await client.post("/store/carts", { region_id: shop.region_id }, headers())
        const otherRoute = await outcome(client.post(`/store/carts/${data.cart.id}/hold`, {}, headers("cart-key-2")))
        expect(otherRoute.status).toBe(422)
        expect(await cartCount()).toBe(before + 1)
      })

      it("5 concurrent completions with one key: one order, five identical answers", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
        const cart = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 2 }])
        const answers = await Promise.all(
          Array.from({ length: 5 }, () => outcome(client.post(`/store/carts/${cart}/complete`, {}, headers("complete-key-1"))))
        )
        expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200])
        expect(answers.every((a) => a.data.type === "order")).toBe(true)
        for (const a of answers) {
          expect(a.data).toEqual(answers[0].data)
        }
        const census = await stockCensus(
          pgOf(getContainer()),
          variant.id,
          (await pgOf(getContainer()).raw(
            "select inventory_item_id from product_variant_inventory_item where variant_id = ?",
            [variant.id]
          )).rows[0].inventory_item_id
        )
        expect(census).toMatchObject({ orders: 1, reservation_rows: 1, reserved_units: 2 })

        const otherCart = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 1 }])
        const reused = await outcome(client.post(`/store/carts/${otherCart}/complete`, {}, headers("complete-key-1")))
        expect(reused.status).toBe(422)
        expect(reused.data.type).toBe("idempotency_key_mismatch")
      })

      it("forgets a key after its lifetime: the same request runs anew", async () => {
        const first = await client.post("/store/carts", { region_id: shop.region_id }, headers("cart-key-3"))
        await pgOf(getContainer()).raw(
          "update idempotency_key set expires_at = now() - interval '1 second' where key = ?",
          ["cart-key-3"]
        )
        const again = await client.post("/store/carts", { region_id: shop.region_id }, headers("cart-key-3"))
        expect(again.data.cart.id).not.toBe(first.data.cart.id)
        expect(again.headers["idempotent-replayed"]).toBeUndefined()
        const replay = await client.post("/store/carts", { region_id: shop.region_id }, headers("cart-key-3"))
        expect(replay.data.cart.id).toBe(again.data.cart.id)

        // The hourly job removes keys past their lifetime and keeps the others.
        await client.post("/store/carts", { region_id: shop.region_id }, headers("cart-key-4"))
        await pgOf(getContainer()).raw(
          "update idempotency_key set expires_at = now() - interval '1 second' where key = ?",
          ["cart-key-4"]
        )
        await purgeIdempotencyKeys(getContainer())
        const left = await pgOf(getContainer()).raw(
          "select key from idempotency_key where key in ('cart-key-3', 'cart-key-4') order by key"
        )
        expect(left.rows).toEqual([{ key: "cart-key-3" }])
      })

      it("scopes keys to the publishable key", async () => {
        const container = getContainer()
        const { result } = await createApiKeysWorkflow(container).run({
          input: { api_keys: [{ title: "Kiosk", type: "publishable", created_by: "" }] },
        })
        await linkSalesChannelsToApiKeyWorkflow(container).run({
          input: { id: result[0].id, add: [shop.sales_channel_id] },
        })
        const web = await client.post("/store/carts", { region_id: shop.region_id }, headers("shared-key"))
        const kiosk = await client.post("/store/carts", { region_id: shop.region_id }, headers("shared-key", result[0].token))
        expect(kiosk.data.cart.id).not.toBe(web.data.cart.id)
      })

      it("refuses a malformed key with 400 and changes nothing", async () => {
        const before = await cartCount()
        const res = await outcome(client.post("/store/carts", { region_id: shop.region_id }, headers("has spaces in it")))
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("Idempotency-Key")
        expect(await cartCount()).toBe(before)
      })
    })
  },
})

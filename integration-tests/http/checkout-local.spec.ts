import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { SeedDemoShopResult } from "../../src/scripts/demo-shop/seed-demo-shop"
import { adminHeaders } from "../helpers/admin-client"
import { outcome } from "../helpers/checkout"
import { SHOPPER_ADDRESS, seedShop, storeHeaders, variantBySku, type TestApi } from "../helpers/store-client"

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

    /** A cart with the given lines and address, shipped by `option`, paid with `provider`. */
    async function cartPaidWith(
      provider: string,
      lines: { sku: string; quantity: number }[],
      option = "Store pickup",
      address = SHOPPER_ADDRESS
    ) {
      const headers = storeHeaders(shop.publishable_key)
      const { data } = await client.post(
        "/store/carts",
        { region_id: shop.region_id, email: "cod@example.in", shipping_address: address, billing_address: address },
        headers
      )
      const cartId = data.cart.id
      for (const line of lines) {
        const { variant } = await variantBySku(client, shop.publishable_key, line.sku)
        await client.post(`/store/carts/${cartId}/line-items`, { variant_id: variant.id, quantity: line.quantity }, headers)
      }
      const { data: options } = await client.get(`/store/shipping-options?cart_id=${cartId}`, headers)
      const chosen = options.shipping_options.find((o: { name: string }) => o.name === option)
      await client.post(`/store/carts/${cartId}/shipping-methods`, { option_id: chosen.id }, headers)
      const { data: pc } = await client.post("/store/payment-collections", { cart_id: cartId }, headers)
      await client.post(
        `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`,
        { provider_id: provider },
        headers
      )
      return cartId as string
    }

    async function orderPayment(orderId: string) {
      const admin = await adminHeaders(client)
      const { data } = await client.get(
        `/admin/orders/${orderId}?fields=id,status,payment_status,*payment_collections,*payment_collections.payments`,
        admin
      )
      return data.order
    }

    describe("cash on delivery", () => {
      it("is offered in India", async () => {
        const { data } = await client.get(
          `/store/payment-providers?region_id=${shop.region_id}`,
          storeHeaders(shop.publishable_key)
        )
        expect(data.payment_providers.map((p: { id: string }) => p.id)).toEqual(
          expect.arrayContaining(["pp_cod_cod"])
        )
      })

      it("places the order authorized, is captured when the owner records payment, and shows the method", async () => {
        const cart = await cartPaidWith("pp_cod_cod", [{ sku: "LAD-BES-250G", quantity: 1 }])
        const done = await outcome(client.post(`/store/carts/${cart}/complete`, {}, storeHeaders(shop.publishable_key)))
        expect(done.data.type).toBe("order")
        const placed = await orderPayment(done.data.order.id)
        expect(placed.payment_status).toBe("authorized")
        const payment = placed.payment_collections[0].payments[0]
        expect(payment).toMatchObject({ provider_id: "pp_cod_cod", captured_at: null })

        const admin = await adminHeaders(client)
        await client.post(`/admin/payments/${payment.id}/capture`, {}, admin)
        const collected = await orderPayment(done.data.order.id)
        expect(collected.payment_status).toBe("captured")
        expect(collected.payment_collections[0].payments[0].captured_at).not.toBeNull()

      })

      it("is cancelled with the order", async () => {
        const cart = await cartPaidWith("pp_cod_cod", [{ sku: "LAD-RAG-250G", quantity: 1 }])
        const done = await outcome(client.post(`/store/carts/${cart}/complete`, {}, storeHeaders(shop.publishable_key)))
        const admin = await adminHeaders(client)
        await client.post(`/admin/orders/${done.data.order.id}/cancel`, {}, admin)
        const cancelled = await orderPayment(done.data.order.id)
        expect(cancelled.status).toBe("canceled")
        expect(cancelled.payment_collections[0].payments[0].canceled_at).not.toBeNull()
      })
    })
  },
})

import Stripe from "stripe"
import { shopTestRunner } from "../helpers/shop-runner"
import type { SeedDemoShopResult } from "../../src/scripts/demo-shop/seed-demo-shop"
import { adminHeaders } from "../helpers/admin-client"
import { outcome, readyCart } from "../helpers/checkout"
import { inventoryItemOf, pgOf } from "../helpers/stock-census"
import { standInForStripe } from "../helpers/stripe-stand-in"
import { SHOPPER_ADDRESS, seedShop, storeHeaders, variantBySku, type TestApi } from "../helpers/store-client"
import { waitFor } from "../helpers/wait-for"

jest.setTimeout(180_000)

// Stripe is registered only when its keys are set: set them before the app boots.
const WEBHOOK_SECRET = "whsec_local_shop_test"
const saved = { key: process.env.STRIPE_API_KEY, secret: process.env.STRIPE_WEBHOOK_SECRET }
process.env.STRIPE_API_KEY = "sk_test_local_shop"
process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
afterAll(() => {
  process.env.STRIPE_API_KEY = saved.key
  process.env.STRIPE_WEBHOOK_SECRET = saved.secret
})

const signer = new Stripe("sk_test_local_shop")

shopTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const client = api as TestApi
    let shop: SeedDemoShopResult
    let stripe: ReturnType<typeof standInForStripe>

    beforeAll(async () => {
      shop = await seedShop(getContainer())
      // India offers Stripe once it is configured.
      const admin = await adminHeaders(client)
      const { data } = await client.get(`/admin/regions/${shop.region_id}?fields=*payment_providers`, admin)
      await client.post(
        `/admin/regions/${shop.region_id}`,
        { payment_providers: [...data.region.payment_providers.map((p: { id: string }) => p.id), "pp_stripe_stripe"] },
        admin
      )
      stripe = standInForStripe()
    })

    afterAll(() => stripe?.stop())

    /** A held cart paying with Stripe; returns the cart, its session and its intent. */
    function heldStripeCart() {
      return stripeCart("LAD-ALM-250G", 2, { hold: true })
    }

    /** A cart of `quantity` of `sku` paying with Stripe, held or not. */
    async function stripeCart(sku: string, quantity: number, { hold }: { hold: boolean }) {
      const headers = storeHeaders(shop.publishable_key)
      const { variant } = await variantBySku(client, shop.publishable_key, sku)
      const { data } = await client.post(
        "/store/carts",
        { region_id: shop.region_id, email: "card@example.in", shipping_address: SHOPPER_ADDRESS },
        headers
      )
      const cartId = data.cart.id
      await client.post(`/store/carts/${cartId}/line-items`, { variant_id: variant.id, quantity }, headers)
      const { data: options } = await client.get(`/store/shipping-options?cart_id=${cartId}`, headers)
      const pickup = options.shipping_options.find((o: { name: string }) => o.name === "Store pickup")
      await client.post(`/store/carts/${cartId}/shipping-methods`, { option_id: pickup.id }, headers)
      if (hold) {
        expect((await outcome(client.post(`/store/carts/${cartId}/hold`, {}, headers))).status).toBe(200)
      }
      const { data: pc } = await client.post("/store/payment-collections", { cart_id: cartId }, headers)
      const { data: session } = await client.post(
        `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`,
        { provider_id: "pp_stripe_stripe" },
        headers
      )
      const stripeSession = session.payment_collection.payment_sessions.find(
        (s: { provider_id: string }) => s.provider_id === "pp_stripe_stripe"
      )
      return {
        cartId,
        collectionId: pc.payment_collection.id as string,
        sessionId: stripeSession.id as string,
        intentId: stripeSession.data.id as string,
      }
    }

    function webhook(payload: string, signature: string) {
      return outcome(
        client.post("/hooks/payment/stripe_stripe", payload, {
          headers: { "content-type": "application/json", "stripe-signature": signature },
          transformRequest: [(d: unknown) => d],
        })
      )
    }

    function succeededEvent(intentId: string) {
      const intent = stripe.pay(intentId)
      return JSON.stringify({
        id: `evt_${intentId}`,
        object: "event",
        type: "payment_intent.succeeded",
        data: { object: intent },
      })
    }

    /** Stripe's word that the card is authorized (the shopper paid and may have closed the tab), signed. */
    function deliverCapturable(intent: object & { id: string }) {
      const payload = JSON.stringify({
        id: `evt_capturable_${intent.id}`,
        object: "event",
        type: "payment_intent.amount_capturable_updated",
        data: { object: intent },
      })
      return webhook(payload, signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }))
    }

    /** Sets the SKU's stock at the shop's location as the owner does in Admin; returns the setter. */
    async function ownerStock(sku: string) {
      const { variant } = await variantBySku(client, shop.publishable_key, sku)
      const itemId = await inventoryItemOf(getContainer(), variant.id)
      const admin = await adminHeaders(client)
      return {
        variant,
        setStock: (stocked_quantity: number) =>
          client.post(`/admin/inventory-items/${itemId}/location-levels/${shop.stock_location_id}`, { stocked_quantity }, admin),
      }
    }

    /** The refused cart holds nothing any more, and another shopper buys the `left` units there are. */
    async function expectHoldsGivenBack(cartId: string, variantId: string, left: number) {
      const { rows } = await pgOf(getContainer()).raw(
        "select count(*)::int as n from checkout_hold where cart_id = ? and status = 'active' and deleted_at is null",
        [cartId]
      )
      expect(rows[0].n).toBe(0)
      const other = await readyCart(client, shop, [{ variant_id: variantId, quantity: left }])
      expect((await outcome(client.post(`/store/carts/${other}/complete`, {}, storeHeaders(shop.publishable_key)))).data.type).toBe("order")
    }

    async function ordersOf(cartId: string) {
      const { rows } = await pgOf(getContainer()).raw(
        "select order_id from order_cart where cart_id = ? and deleted_at is null",
        [cartId]
      )
      return rows.map((r: { order_id: string }) => r.order_id)
    }

    /**
     * Delivers a good event for a fresh cart and waits for its order: events are
     * processed in the order they arrive (each after Medusa's 5 s delay), so once
     * it is an order, every delivery sent before it has been processed too.
     */
    async function laterDeliveryProcessed() {
      const { cartId, intentId } = await heldStripeCart()
      const payload = succeededEvent(intentId)
      await webhook(payload, signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }))
      const orders = await waitFor(() => ordersOf(cartId), (o) => o.length > 0)
      expect(orders).toHaveLength(1)
    }

    it("a signed payment_intent.succeeded delivered three times gives one order and one captured payment", async () => {
      const { cartId, sessionId, intentId } = await heldStripeCart()
      expect(stripe.intents.get(intentId)?.metadata.session_id).toBe(sessionId)
      const payload = succeededEvent(intentId)
      const signature = signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET })

      const deliveries = await Promise.all([webhook(payload, signature), webhook(payload, signature), webhook(payload, signature)])
      expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200])

      const orders = await waitFor(() => ordersOf(cartId), (o) => o.length > 0)
      expect(orders).toHaveLength(1)
      // The other two deliveries are processed too, and change nothing.
      await laterDeliveryProcessed()
      expect(await ordersOf(cartId)).toHaveLength(1)

      const admin = await adminHeaders(client)
      const { data } = await client.get(
        `/admin/orders/${orders[0]}?fields=payment_status,*payment_collections.payments`,
        admin
      )
      const payments = data.order.payment_collections.flatMap((c: any) => c.payments)
      expect(payments).toHaveLength(1)
      expect(payments[0].provider_id).toBe("pp_stripe_stripe")
      expect(data.order.payment_status).toBe("captured")
      const holds = await pgOf(getContainer()).raw("select status from checkout_hold where cart_id = ?", [cartId])
      expect(holds.rows.map((r: { status: string }) => r.status)).toEqual(["converted"])
    })

    it("a card payment that is not authorized leaves no reservation and the hold as it was", async () => {
      const { cartId } = await heldStripeCart()
      // The shopper never paid: Stripe still says requires_payment_method.
      const res = await outcome(client.post(`/store/carts/${cartId}/complete`, {}, storeHeaders(shop.publishable_key)))
      // Medusa refuses the session it could not authorize (as its own route would).
      expect(res.status).toBe(400)
      expect(res.data.message).toMatch(/was not authorized with the provider/)
      expect(await ordersOf(cartId)).toEqual([])
      const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
      const reservations = await pgOf(getContainer()).raw(
        "select count(*)::int as n from reservation_item where inventory_item_id = ? and deleted_at is null",
        [await inventoryItemOf(getContainer(), variant.id)]
      )
      expect(reservations.rows[0].n).toBe(0)
      const holds = await pgOf(getContainer()).raw("select status from checkout_hold where cart_id = ? and deleted_at is null", [cartId])
      expect(holds.rows).toEqual([{ status: "active" }])
    })

    it("Stripe failing to answer at completion gives 200 with the cart, in Medusa's store cart shape, and the payment error", async () => {
      const { cartId, intentId } = await heldStripeCart()
      stripe.pay(intentId)
      stripe.unreachable.add(intentId)
      const res = await outcome(client.post(`/store/carts/${cartId}/complete`, {}, storeHeaders(shop.publishable_key)))
      expect([res.status, res.data.type, res.data.cart?.id, res.data.error?.type]).toEqual([200, "cart", cartId, "payment_authorization_error"])
      // The cart in the shape Medusa's own route answers (its store cart fields): a
      // storefront reads its payment collection to try the payment again.
      expect(res.data.cart.items).toHaveLength(1)
      expect(res.data.cart.payment_collection?.payment_sessions?.map((s: { provider_id: string }) => s.provider_id)).toEqual(["pp_stripe_stripe"])
      expect([res.data.cart.region?.id, res.data.cart.completed_at]).toEqual([shop.region_id, null])
      expect(await ordersOf(cartId)).toEqual([])

      // Stripe answers again: the shopper's retry places the order.
      stripe.unreachable.delete(intentId)
      const retry = await outcome(client.post(`/store/carts/${cartId}/complete`, {}, storeHeaders(shop.publishable_key)))
      expect([retry.status, retry.data.type]).toEqual([200, "order"])
    })

    it("a completion refused before the card was paid is not kept for its Idempotency-Key: after the webhook's order, the retry with that key gets the order", async () => {
      const { cartId, intentId } = await heldStripeCart()
      const withKey = { headers: { ...storeHeaders(shop.publishable_key).headers, "idempotency-key": `complete-${cartId}-first-try` } }
      const early = await outcome(client.post(`/store/carts/${cartId}/complete`, {}, withKey))
      expect([early.status, early.data.message]).toEqual([400, expect.stringMatching(/was not authorized with the provider/)])

      // The shopper pays; Stripe's webhook places the order.
      const payload = succeededEvent(intentId)
      await webhook(payload, signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }))
      const orders = await waitFor(() => ordersOf(cartId), (o) => o.length > 0)
      expect(orders).toHaveLength(1)

      // The storefront retries its completion with the same key: the order, not the stored 400.
      const retry = await outcome(client.post(`/store/carts/${cartId}/complete`, {}, withKey))
      expect([retry.status, retry.data.type, retry.data.order?.id]).toEqual([200, "order", orders[0]])
      // That answer is kept: one more retry is its replay.
      const again = await client.post(`/store/carts/${cartId}/complete`, {}, withKey)
      expect([again.headers["idempotent-replayed"], again.data.order.id]).toEqual(["true", orders[0]])
      expect(await ordersOf(cartId)).toEqual(orders)
    })

    /**
     * A Stripe cart for the one original `sku`: the shopper's card is handled on
     * Stripe's page (`onStripesPage`: the starters confirm the card before they
     * ask to complete the cart) while another shopper buys the original; the
     * completion is then refused as sold out.
     */
    async function refusedAfterCard(sku: string, onStripesPage: (intentId: string) => void) {
      const card = await stripeCart(sku, 1, { hold: false })
      onStripesPage(card.intentId)
      const { variant } = await variantBySku(client, shop.publishable_key, sku)
      const other = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 1 }])
      const headers = storeHeaders(shop.publishable_key)
      expect((await client.post(`/store/carts/${other}/complete`, {}, headers)).data.type).toBe("order")
      const refused = await outcome(client.post(`/store/carts/${card.cartId}/complete`, {}, headers))
      expect([refused.status, refused.data.type]).toEqual([409, "insufficient_inventory"])
      return card
    }

    async function sessionsOf(cartId: string) {
      const { data } = await client.get(`/store/carts/${cartId}?fields=*payment_collection.payment_sessions`, storeHeaders(shop.publishable_key))
      return data.cart.payment_collection.payment_sessions.map((s: { id: string }) => s.id) as string[]
    }

    it("a card authorized for a cart the shop then refuses as sold out is released, and the cart can pay again", async () => {
      const card = await refusedAfterCard("ART-MOG-1", (id) => stripe.authorize(id))
      // The authorization is cancelled at Stripe (the money is the shopper's again)
      // and the session is gone, as when Medusa refreshes a changed cart's payment.
      const status = () => Promise.resolve(stripe.intents.get(card.intentId)?.status)
      expect(await waitFor(status, (s) => s === "canceled")).toBe("canceled")
      expect(await waitFor(() => sessionsOf(card.cartId), (ids) => ids.length === 0)).toEqual([])
      expect(await ordersOf(card.cartId)).toEqual([])
      // The storefront can start a new card payment for the same cart.
      const { data: again } = await client.post(
        `/store/payment-collections/${card.collectionId}/payment-sessions`,
        { provider_id: "pp_stripe_stripe" },
        storeHeaders(shop.publishable_key)
      )
      const fresh = again.payment_collection.payment_sessions[0]
      expect([fresh.provider_id, stripe.intents.get(fresh.data.id)?.status]).toEqual(["pp_stripe_stripe", "requires_payment_method"])
    })

    it("a card authorized for a held cart whose stock the owner then lowers below the hold: the shop's 409, the card released, the cart's holds given back", async () => {
      const { variant, setStock } = await ownerStock("DRY-WAL-250G")
      await setStock(5)
      const card = await stripeCart("DRY-WAL-250G", 3, { hold: true })
      stripe.authorize(card.intentId)
      // While the shopper is on Stripe's page, the owner counts the shelf: 2 jars, not 5.
      await setStock(2)
      const refused = await outcome(client.post(`/store/carts/${card.cartId}/complete`, {}, storeHeaders(shop.publishable_key)))
      expect([refused.status, refused.data.type, refused.data.message]).toEqual([
        409,
        "insufficient_inventory",
        expect.stringContaining("Only 2 left of"),
      ])
      expect(refused.data.items).toEqual([expect.objectContaining({ variant_id: variant.id, requested: 3, available: 2 })])
      expect(await ordersOf(card.cartId)).toEqual([])
      const status = () => Promise.resolve(stripe.intents.get(card.intentId)?.status)
      expect(await waitFor(status, (s) => s === "canceled")).toBe("canceled")
      // Its holds of 3 no longer stand for units that exist: another shopper can buy the 2.
      await expectHoldsGivenBack(card.cartId, variant.id, 2)
    })

    it("a card authorized for a cart the shop then refuses by a per-order limit (a 400 of its own rules, not stock) is released", async () => {
      const card = await stripeCart("LAD-DTN-250G", 8, { hold: false })
      stripe.authorize(card.intentId)
      // The owner lowers the ladoo's per-order limit while the shopper is on Stripe's page.
      const { data: found } = await client.get("/store/products?handle=dates-nuts-ladoo&fields=id", storeHeaders(shop.publishable_key))
      const admin = await adminHeaders(client)
      const setLimit = (max_per_order: number | null) =>
        client.post(`/admin/products/${found.products[0].id}`, { additional_data: { snack_profile: { max_per_order } } }, admin)
      await setLimit(5)
      try {
        const refused = await outcome(client.post(`/store/carts/${card.cartId}/complete`, {}, storeHeaders(shop.publishable_key)))
        expect([refused.status, refused.data.message]).toEqual([400, expect.stringContaining("at most 5 per order")])
        const status = () => Promise.resolve(stripe.intents.get(card.intentId)?.status)
        expect(await waitFor(status, (s) => s === "canceled")).toBe("canceled")
        expect(await waitFor(() => sessionsOf(card.cartId), (ids) => ids.length === 0)).toEqual([])
        expect(await ordersOf(card.cartId)).toEqual([])
      } finally {
        await setLimit(null)
      }
    })

    it("a card authorized for a cart that sold out before Stripe's webhook could complete it is released", async () => {
      // The shopper paid and closed the tab: only Stripe's webhook asks to complete the cart.
      const card = await stripeCart("ART-TSI-1", 1, { hold: false })
      const intent = stripe.authorize(card.intentId)
      const { variant } = await variantBySku(client, shop.publishable_key, "ART-TSI-1")
      const other = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 1 }])
      expect((await client.post(`/store/carts/${other}/complete`, {}, storeHeaders(shop.publishable_key))).data.type).toBe("order")

      expect((await deliverCapturable(intent)).status).toBe(200)
      // Medusa's completion is refused by the holds check, and the authorization released.
      const status = () => Promise.resolve(stripe.intents.get(card.intentId)?.status)
      expect(await waitFor(status, (s) => s === "canceled", { within: 60_000 })).toBe("canceled")
      expect(await ordersOf(card.cartId)).toEqual([])
    })

    it("a card authorized for a held cart whose stock the owner lowers below the hold, completed by Stripe's webhook alone: refused, the card released, the holds given back", async () => {
      const { variant, setStock } = await ownerStock("DRY-ALM-500G")
      await setStock(5)
      const card = await stripeCart("DRY-ALM-500G", 3, { hold: true })
      const intent = stripe.authorize(card.intentId)
      await setStock(2)
      // The shopper closed the tab after paying: only the webhook asks to complete the cart.
      expect((await deliverCapturable(intent)).status).toBe(200)
      const status = () => Promise.resolve(stripe.intents.get(card.intentId)?.status)
      expect(await waitFor(status, (s) => s === "canceled", { within: 60_000 })).toBe("canceled")
      expect(await ordersOf(card.cartId)).toEqual([])
      await expectHoldsGivenBack(card.cartId, variant.id, 2)
    })

    it("a held cart paid and completed by Stripe's webhook alone is not refused for another cart's holds while the stock still covers its own", async () => {
      const { setStock } = await ownerStock("DRY-MAK-80G")
      await setStock(5)
      const card = await stripeCart("DRY-MAK-80G", 3, { hold: true })
      const other = await stripeCart("DRY-MAK-80G", 2, { hold: true })
      const intent = stripe.authorize(card.intentId)
      // The owner counts 3 on the shelf: enough for the paid cart's 3, as Medusa counts it.
      await setStock(3)
      expect((await deliverCapturable(intent)).status).toBe(200)
      expect(await waitFor(() => ordersOf(card.cartId), (o) => o.length > 0, { within: 60_000 })).toHaveLength(1)
      expect(stripe.intents.get(card.intentId)?.status).not.toBe("canceled")
      expect(await ordersOf(other.cartId)).toEqual([])
    })

    it("a card already charged for a refused cart is left as it is for the owner to refund (Stripe cannot cancel it)", async () => {
      const card = await refusedAfterCard("ART-BAD-1", (id) => stripe.pay(id))
      // The shop asked Stripe to cancel it, and Stripe said no.
      expect(await waitFor(() => Promise.resolve(stripe.refusedCancels), (ids) => ids.includes(card.intentId))).toContain(card.intentId)
      expect(stripe.intents.get(card.intentId)?.status).toBe("succeeded")
      // Medusa's step keeps a session it could not delete: the record of the charge stays.
      expect(await sessionsOf(card.cartId)).toEqual([card.sessionId])
      expect(await ordersOf(card.cartId)).toEqual([])
    })

    it("an event with a tampered payload or a bad signature changes nothing", async () => {
      const { cartId, intentId } = await heldStripeCart()
      const payload = succeededEvent(intentId)
      const signature = signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET })
      const tampered = payload.replace(/"amount_received":\d+/, '"amount_received":1')
      const wrongSecret = signer.webhooks.generateTestHeaderString({ payload, secret: "whsec_someone_else" })

      await webhook(tampered, signature)
      await webhook(payload, wrongSecret)
      await laterDeliveryProcessed()
      expect(await ordersOf(cartId)).toEqual([])
      const sessions = await pgOf(getContainer()).raw(
        "select ps.status from payment_session ps join cart_payment_collection cpc on cpc.payment_collection_id = ps.payment_collection_id where cpc.cart_id = ?",
        [cartId]
      )
      expect(sessions.rows.map((r: { status: string }) => r.status)).toEqual(["pending"])
    })
  },
})

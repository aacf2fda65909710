import net from "net"
import Medusa from "@medusajs/js-sdk"
import { createInstantSearchAdapter } from "@medusajs/instantsearch-adapter"
import { Modules } from "@medusajs/framework/utils"
import { shopTestRunner } from "../helpers/shop-runner"
import { COLLECTIONS, PRODUCTS } from "../../src/scripts/demo-shop/catalog"
import { PROFILES } from "../../src/scripts/demo-shop/profiles"
import type { SeedDemoShopResult } from "../../src/scripts/demo-shop/seed-demo-shop"
import { adminHeaders } from "../helpers/admin-client"
import { CHECKOUT_HOLD_MODULE } from "../../src/modules/checkout-hold"
import type CheckoutHoldModuleService from "../../src/modules/checkout-hold/service"
import { SHOPPER_ADDRESS, seedShop, type TestApi } from "../helpers/store-client"

/**
 * The contract the official storefronts (nextjs-starter-medusa, dtc-starter's
 * apps/storefront) rely on, called the way they call it: @medusajs/js-sdk with a
 * publishable key, the same paths, fields and query parameters, and search
 * through @medusajs/instantsearch-adapter. Asserts on what a storefront renders.
 */
jest.setTimeout(180_000)

// The storefronts' product list and detail fields (src/lib/data/products.ts).
const STOREFRONT_PRODUCT_FIELDS = "*variants.calculated_price,+variants.inventory_quantity,*variants.images,+metadata,+tags,"
const STOREFRONT_CATEGORY_FIELDS = "*category_children, *products, *parent_category, *parent_category.parent_category"

/** A port that is free now and is not Medusa's default 9000. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** Polls until `check` passes or the deadline is over; returns how long it took. */
async function within<T>(ms: number, what: string, attempt: () => Promise<T>, ok: (value: T) => boolean) {
  const started = Date.now()
  let last: T | undefined
  while (Date.now() - started < ms) {
    last = await attempt()
    if (ok(last)) {
      return { value: last, elapsed: Date.now() - started }
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${what}: not within ${ms} ms (last: ${JSON.stringify(last)?.slice(0, 500)})`)
}

// The test server's port, chosen before the runner boots the app so that the
// shop's public URL (and so its image URLs) names it: images must load on any port.
const previousPort = process.env.PORT
let port = 0
beforeAll(async () => {
  port = await freePort()
  process.env.PORT = String(port)
})
afterAll(() => {
  if (previousPort === undefined) {
    delete process.env.PORT
  } else {
    process.env.PORT = previousPort
  }
})

type Hit = { objectID: string; handle: string; title: string; thumbnail: string; min_price_inr: number }

shopTestRunner({
  inApp: true,
  // As the app runs by default: an unchanged storefront's payment step holds the stock.
  env: { HOLD_AT_PAYMENT_STEP: "on" },
  testSuite: ({ api, getContainer }) => {
    const client = api as TestApi
    let shop: SeedDemoShopResult
    let sdk: Medusa
    let searchClient: ReturnType<typeof createInstantSearchAdapter>["searchClient"]

    async function search(params: Record<string, unknown>) {
      const { results } = await searchClient.search([{ indexName: "product", params: { hitsPerPage: 100, ...params } }])
      return results[0] as unknown as { hits: Hit[]; nbHits: number; facets?: Record<string, Record<string, number>> }
    }
    const handles = (hits: Hit[]) => hits.map((h) => h.handle).sort()

    beforeAll(async () => {
      shop = await seedShop(getContainer())
      sdk = new Medusa({ baseUrl: `http://localhost:${port}`, publishableKey: shop.publishable_key })
      // The adapter calls sdk.client.fetch(path, { method, body, headers }); its
      // declared body type (unknown) is wider than the SDK's, hence the narrowing.
      const adapterSdk = {
        client: { fetch: (path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }) =>
          sdk.client.fetch(path, init as Parameters<Medusa["client"]["fetch"]>[1]) },
      }
      searchClient = createInstantSearchAdapter({ sdk: adapterSdk, path: "/store/search", numericAttributes: ["min_price_inr"] }).searchClient
      // The Search Module indexes from events, a moment after the seed's writes.
      await within(30_000, "the seeded catalogue indexed", () => search({ query: "" }), (r) => r.nbHits === PRODUCTS.length)
    })

    describe("browsing, as the storefront's pages do", () => {
      it("shows regions, categories, collections with products, and option filters", async () => {
        const { regions } = await sdk.client.fetch<{ regions: { id: string; currency_code: string; countries: { iso_2: string }[] }[] }>("/store/regions")
        const india = regions.find((r) => r.id === shop.region_id)!
        expect(india.currency_code).toBe("inr")
        expect(india.countries.map((c) => c.iso_2)).toContain("in")

        const { product_categories } = await sdk.client.fetch<{ product_categories: { handle: string; category_children: unknown[] }[] }>(
          "/store/product-categories",
          { query: { fields: STOREFRONT_CATEGORY_FIELDS, limit: 100 } }
        )
        expect(product_categories.find((c) => c.handle === "snacks")!.category_children.length).toBe(4)

        const { collections } = await sdk.client.fetch<{ collections: { id: string; title: string; handle: string }[] }>(
          "/store/collections",
          { query: { limit: "100", offset: "0" } }
        )
        expect(collections.map((c) => c.title).sort()).toEqual(COLLECTIONS.map((c) => c.title).sort())
        for (const collection of collections) {
          const { count } = await sdk.client.fetch<{ count: number }>("/store/products", {
            query: { collection_id: [collection.id], region_id: shop.region_id, fields: STOREFRONT_PRODUCT_FIELDS, limit: 12 },
          })
          expect(count).toBeGreaterThanOrEqual(4)
        }

        // dtc-starter's shop page builds its filter column from shared options.
        const { product_options } = await sdk.client.fetch<{ product_options: { title: string; values: { value: string }[] }[] }>(
          "/store/product-options",
          { query: { is_exclusive: false, fields: "*values" } }
        )
        const packSize = product_options.find((o) => o.title === "Pack size")
        expect(packSize?.values.map((v) => v.value)).toEqual(expect.arrayContaining(["250 g", "500 g", "Single bar"]))
      })

      it("shows the shop to Medusa's own Default Publishable API Key too, carts included", async () => {
        const admin = await adminHeaders(client)
        const { data } = await client.get("/admin/api-keys?type=publishable&limit=100", admin)
        const keys = data.api_keys as { title: string; token: string }[]
        const medusaDefault = keys.find((k) => k.title === "Default Publishable API Key")!
        expect(medusaDefault.token).not.toBe(shop.publishable_key)
        const other = new Medusa({ baseUrl: `http://localhost:${port}`, publishableKey: medusaDefault.token })
        const { count, products } = await other.client.fetch<{ count: number; products: { variants: { id: string }[] }[] }>(
          "/store/products",
          { query: { region_id: shop.region_id, fields: STOREFRONT_PRODUCT_FIELDS, limit: 1 } }
        )
        expect(count).toBe(PRODUCTS.length)
        const { cart } = await other.store.cart.create({ region_id: shop.region_id })
        const { cart: withLine } = await other.store.cart.createLineItem(cart.id, { variant_id: products[0].variants[0].id, quantity: 1 })
        expect(withLine.items).toHaveLength(1)
      })

      it("lists products with prices in rupees and images that load from this server's port", async () => {
        const { products, count } = await sdk.client.fetch<{ products: any[]; count: number }>("/store/products", {
          query: { limit: 12, offset: 0, region_id: shop.region_id, fields: STOREFRONT_PRODUCT_FIELDS },
        })
        expect(count).toBe(PRODUCTS.length)
        expect(products).toHaveLength(12)

        const {
          products: [ladoo],
        } = await sdk.client.fetch<{ products: any[] }>("/store/products", {
          query: { handle: "almond-ladoo", region_id: shop.region_id, fields: STOREFRONT_PRODUCT_FIELDS },
        })
        const prices = ladoo.variants.map((v: any) => v.calculated_price.calculated_amount).sort((a: number, b: number) => a - b)
        expect(prices).toEqual([349, 649])
        expect(ladoo.variants[0].calculated_price.currency_code).toBe("inr")

        expect(port).not.toBe(9000)
        expect(ladoo.thumbnail).toMatch(new RegExp(`^http://localhost:${port}/static/`))
        const image = await fetch(ladoo.thumbnail as string)
        expect(image.status).toBe(200)
        expect(image.headers.get("content-type")).toContain("image/svg+xml")
        expect(ladoo.images[0].url).toBe(ladoo.thumbnail)
      })
    })

    describe("images of a shop seeded before image URLs followed the shop's URL", () => {
      it("are repaired by running the seed again", async () => {
        const products = getContainer().resolve(Modules.PRODUCT)
        const [ladoo] = await products.listProducts({ handle: "almond-ladoo" })
        const old = "http://localhost:9000/static/1700000000000-almond-ladoo.svg"
        await products.updateProducts(ladoo.id, { thumbnail: old, images: [{ url: old }] })

        await seedShop(getContainer())
        const [repaired] = await products.listProducts({ handle: "almond-ladoo" }, { relations: ["images"] })
        expect(repaired.thumbnail).toMatch(new RegExp(`^http://localhost:${port}/static/`))
        expect(repaired.images.map((i) => i.url)).toEqual([repaired.thumbnail])
        expect((await fetch(repaired.thumbnail!)).status).toBe(200)
      })
    })

    describe("checkout, as the storefront's cart and payment steps do", () => {
      async function checkout(providerId: string) {
        const { cart } = await sdk.store.cart.create({ region_id: shop.region_id })
        const { products } = await sdk.client.fetch<{ products: any[] }>("/store/products", {
          query: { handle: "almond-ladoo", region_id: shop.region_id, fields: STOREFRONT_PRODUCT_FIELDS },
        })
        const small = products[0].variants.find((v: any) => v.calculated_price.calculated_amount === 349)
        await sdk.store.cart.createLineItem(cart.id, { variant_id: small.id, quantity: 1 })
        await sdk.store.cart.update(cart.id, {
          email: "asha@example.com",
          shipping_address: SHOPPER_ADDRESS,
          billing_address: SHOPPER_ADDRESS,
        })
        const { shipping_options } = await sdk.client.fetch<{ shipping_options: { id: string; name: string; amount: number }[] }>(
          "/store/shipping-options",
          { query: { cart_id: cart.id } }
        )
        expect(shipping_options.map((o) => o.name).sort()).toEqual(["Local delivery", "Store pickup"])
        const local = shipping_options.find((o) => o.name === "Local delivery")!
        expect(local.amount).toBe(40)
        await sdk.store.cart.addShippingMethod(cart.id, { option_id: local.id })

        const { payment_providers } = await sdk.client.fetch<{ payment_providers: { id: string }[] }>(
          "/store/payment-providers",
          { query: { region_id: shop.region_id } }
        )
        expect(payment_providers.map((p) => p.id)).toContain(providerId)
        const { cart: withShipping } = await sdk.store.cart.retrieve(cart.id)
        await sdk.store.payment.initiatePaymentSession(withShipping, { provider_id: providerId })
        const { cart: ready } = await sdk.store.cart.retrieve(cart.id, {
          fields: "*payment_collection.payment_sessions,+total,+tax_total,*items.tax_lines",
        })
        expect(ready.payment_collection!.payment_sessions![0].provider_id).toBe(providerId)
        expect(ready.total).toBe(389)
        expect(ready.items![0].tax_lines!.map((t) => t.rate)).toEqual([5])

        const done = await sdk.store.cart.complete(cart.id)
        expect(done.type).toBe("order")
        if (done.type !== "order") {
          return
        }
        expect(done.order.total).toBe(389)
        expect(done.order.currency_code).toBe("inr")
      }

      it("places a cash-on-delivery order", async () => {
        await checkout("pp_cod_cod")
      })

      it("places an order with Medusa's system provider", async () => {
        await checkout("pp_system_default")
      })

      /** A guest cart of `quantity` Besan Ladoo (3 jars in stock) for Store pickup, up to its payment step's payment collection. */
      async function besanCartForPickup(quantity: number, as: Medusa = sdk) {
        const { cart } = await as.store.cart.create({ region_id: shop.region_id, email: "guest@example.com" })
        const { products } = await as.client.fetch<{ products: any[] }>("/store/products", {
          query: { handle: "besan-ladoo", region_id: shop.region_id, fields: STOREFRONT_PRODUCT_FIELDS },
        })
        await as.store.cart.createLineItem(cart.id, { variant_id: products[0].variants[0].id, quantity })
        await as.store.cart.update(cart.id, { shipping_address: SHOPPER_ADDRESS, billing_address: SHOPPER_ADDRESS })
        const { shipping_options } = await as.client.fetch<{ shipping_options: { id: string; name: string }[] }>(
          "/store/shipping-options",
          { query: { cart_id: cart.id } }
        )
        await as.store.cart.addShippingMethod(cart.id, { option_id: shipping_options.find((o) => o.name === "Store pickup")!.id })
        const { cart: ready } = await as.store.cart.retrieve(cart.id)
        return ready
      }

      /** The payment step as a storefront calls it, with the answer's headers (the js-sdk returns bodies only). */
      async function paymentSession(paymentCollectionId: string, retryKey?: string) {
        const res = await fetch(`http://localhost:${port}/store/payment-collections/${paymentCollectionId}/payment-sessions`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-publishable-api-key": shop.publishable_key,
            ...(retryKey ? { "idempotency-key": retryKey } : {}),
          },
          body: JSON.stringify({ provider_id: "pp_system_default" }),
        })
        const replayed = res.headers.get("idempotent-replayed")
        return { status: res.status, hold: res.headers.get("x-checkout-hold"), ...(replayed ? { replayed } : {}) }
      }

      it("takes no second hold for a retried payment step (same Idempotency-Key): the first answer is replayed", async () => {
        const holds = getContainer().resolve<CheckoutHoldModuleService>(CHECKOUT_HOLD_MODULE)
        const cart = await besanCartForPickup(1)
        const { payment_collection } = await sdk.client.fetch<{ payment_collection: { id: string } }>("/store/payment-collections", {
          method: "POST",
          body: { cart_id: cart.id },
        })
        const key = `pay-${cart.id}`
        expect(await paymentSession(payment_collection.id, key)).toEqual({ status: 200, hold: expect.stringMatching(/^held; until=/) })
        const held = await holds.activeHoldsOfCart(cart.id)
        expect(held.map((h) => h.quantity)).toEqual([1])
        // The connection dropped before the answer arrived; the storefront sends it again.
        expect(await paymentSession(payment_collection.id, key)).toEqual({ status: 200, hold: null, replayed: "true" })
        expect(await holds.activeHoldsOfCart(cart.id)).toEqual(held)
      })

      it("holds nothing for a payment session asked for on a signed-in customer's cart by someone else, and answers the step as Medusa does", async () => {
        const holds = getContainer().resolve<CheckoutHoldModuleService>(CHECKOUT_HOLD_MODULE)
        const customer = new Medusa({
          baseUrl: `http://localhost:${port}`,
          publishableKey: shop.publishable_key,
          auth: { type: "jwt", jwtTokenStorageMethod: "memory" },
        })
        const email = `meera-${Date.now()}@example.in`
        await customer.auth.register("customer", "emailpass", { email, password: "a-long-password" })
        await customer.store.customer.create({ email })
        await customer.auth.login("customer", "emailpass", { email, password: "a-long-password" })
        const theirs = await besanCartForPickup(1, customer)
        const { payment_collection } = await customer.store.payment.initiatePaymentSession(theirs, { provider_id: "pp_system_default" })
        // The customer's own payment step held the jar.
        const held = await holds.activeHoldsOfCart(theirs.id)
        expect(held.map((h) => h.quantity)).toEqual([1])
        // Someone else (signed out) who learnt the collection's id chooses a provider for it.
        expect(await paymentSession(payment_collection.id)).toEqual({ status: 200, hold: "not-held; reason=no_open_cart" })
        // Nothing taken or refreshed for it (the hold's expiry unchanged).
        expect(await holds.activeHoldsOfCart(theirs.id)).toEqual(held)
      })

      it("holds the stock at the payment step, so a shopper who completes first cannot take the units of one still paying", async () => {
        const holds = getContainer().resolve<CheckoutHoldModuleService>(CHECKOUT_HOLD_MODULE)
        const inventory = getContainer().resolve(Modules.INVENTORY)
        // Two shoppers put Besan Ladoo in their carts: one all 3 jars, the other 1.
        const paying = await besanCartForPickup(3)
        const late = await besanCartForPickup(1)
        // The first reaches the payment step: the starter's own call holds the 3 jars.
        const { payment_collection } = await sdk.store.payment.initiatePaymentSession(paying, { provider_id: "pp_system_default" })
        const held = await holds.activeHoldsOfCart(paying.id)
        expect(held.map((h) => h.quantity)).toEqual([3])
        const [{ inventory_item_id: besanItem }] = held

        // The second reaches it after: the step itself goes on (200), without a hold.
        const { payment_collection: lateCollection } = await sdk.store.payment.initiatePaymentSession(late, { provider_id: "pp_system_default" })
        expect(await holds.activeHoldsOfCart(late.id)).toEqual([])
        // Choosing the provider again answers the same, and says why.
        expect(await paymentSession(lateCollection.id)).toEqual({ status: 200, hold: "not-held; reason=insufficient_inventory" })

        // The second shopper places the order first: refused, naming the item, nothing reserved.
        const refused = await sdk.store.cart.complete(late.id).catch((e: { status?: number; message?: string }) => e)
        expect(refused).toMatchObject({ status: 409, message: expect.stringMatching(/^Besan Ladoo.* is sold out/) })
        expect(await inventory.listReservationItems({ inventory_item_id: besanItem })).toEqual([])

        // The first shopper, back from choosing the provider again (the hold refreshed in place), gets all 3.
        const again = await paymentSession(payment_collection.id)
        expect(again.status).toBe(200)
        expect(again.hold).toMatch(/^held; until=\d{4}-\d\d-\d\dT/)
        expect((await holds.activeHoldsOfCart(paying.id)).map((h) => h.quantity)).toEqual([3])
        const done = await sdk.store.cart.complete(paying.id)
        expect(done.type).toBe("order")
        const reservations = await inventory.listReservationItems({ inventory_item_id: besanItem })
        expect(reservations.map((r) => Number(r.quantity))).toEqual([3])
      })
    })

    describe("search, through the InstantSearch adapter on POST /store/search", () => {
      it("forgives typos: ladu finds the ladoos, choclate the chocolates", async () => {
        const ladoos = PRODUCTS.filter((p) => p.category_handle === "ladoos").map((p) => p.handle)
        const ladu = await search({ query: "ladu" })
        expect(handles(ladu.hits)).toEqual(expect.arrayContaining(ladoos))
        expect(ladoos).toContain(ladu.hits[0].handle)

        const chocolates = PRODUCTS.filter((p) => p.category_handle === "chocolates" && /chocolate/i.test(p.title)).map((p) => p.handle)
        const choclate = await search({ query: "choclate" })
        expect(handles(choclate.hits)).toEqual(expect.arrayContaining(chocolates))
        expect(chocolates).toContain(choclate.hits[0].handle)
      })

      it("filters free_from=peanuts and dietary_tags=vegan to exactly the matching snacks, with facet counts", async () => {
        const expected = Object.entries(PROFILES)
          .filter(
            ([, p]) =>
              "snack_profile" in p &&
              p.snack_profile.allergens_declared &&
              !(p.snack_profile.allergens ?? []).includes("peanuts") &&
              (p.snack_profile.dietary_tags ?? []).includes("vegan")
          )
          .map(([handle]) => handle)
          .sort()
        expect(expected.length).toBeGreaterThan(1)

        const result = await search({
          query: "",
          facets: ["kind", "dietary_tags", "free_from", "category"],
          facetFilters: [["free_from:peanuts"], ["dietary_tags:vegan"]],
        })
        expect(handles(result.hits)).toEqual(expected)
        expect(result.nbHits).toBe(expected.length)
        expect(result.facets!.kind).toEqual({ snack: expected.length })
        expect(result.facets!.dietary_tags.vegan).toBe(expected.length)
        expect(result.facets!.free_from.peanuts).toBe(expected.length)
        const byCategory = Object.values(result.facets!.category).reduce((a, b) => a + b, 0)
        expect(byCategory).toBe(expected.length)

        // What the hits carry is what a product card renders.
        const hit = result.hits[0]
        const seed = PRODUCTS.find((p) => p.handle === hit.handle)!
        expect(hit.title).toBe(seed.title)
        expect(hit.min_price_inr).toBe(Math.min(...seed.variants.map((v) => v.price_inr)))
        expect(hit.thumbnail).toMatch(new RegExp(`^http://localhost:${port}/static/`))
      })

      it("agrees with GET /store/catalog/products on every shop filter", async () => {
        const pairs: [string, (string | string[])[]][] = [
          ["kind=snack&dietary=vegan&allergen_free=peanuts", [["kind:snack"], ["dietary_tags:vegan"], ["free_from:peanuts"]]],
          ["dietary=vegan,jain", [["dietary_tags:vegan"], ["dietary_tags:jain"]]],
          ["allergen_free=peanuts,milk", [["free_from:peanuts"], ["free_from:milk"]]],
          ["medium=watercolour,ink", [["medium:watercolour", "medium:ink"]]],
          ["one_of_a_kind=true", [["one_of_a_kind:true"]]],
          ["kind=art", [["kind:art"]]],
        ]
        for (const [catalogQuery, facetFilters] of pairs) {
          const { data } = await client.get(`/store/catalog/products?${catalogQuery}&limit=100`, {
            headers: { "x-publishable-api-key": shop.publishable_key },
          })
          const fromCatalog = data.products.map((p: { handle: string }) => p.handle).sort()
          expect(fromCatalog.length).toBeGreaterThan(0)
          expect([catalogQuery, handles((await search({ query: "", facetFilters })).hits)]).toEqual([catalogQuery, fromCatalog])
        }
      })

      it("never shows an unpublished product, and shows a profile change within 5 s", async () => {
        const admin = await adminHeaders(client)
        const base = {
          categories: [{ id: (await sdk.client.fetch<{ product_categories: { id: string }[] }>("/store/product-categories", { query: { handle: "ladoos" } })).product_categories[0].id }],
          sales_channels: [{ id: shop.sales_channel_id }],
          options: [{ title: "Pack size", values: ["200 g"] }],
          variants: [{ title: "200 g", options: { "Pack size": "200 g" }, prices: [{ currency_code: "inr", amount: 199 }] }],
          additional_data: {
            snack_profile: { ingredients: ["sesame", "jaggery"], allergens: ["sesame"], allergens_declared: true, dietary_tags: ["vegan"], net_weight_g: 200, shelf_life_days: 30 },
          },
        }
        const draft = await client.post("/admin/products", { ...base, title: "Secret Ladoo", handle: "secret-ladoo", status: "draft" }, admin)
        const published = await client.post("/admin/products", { ...base, title: "Til Ladoo", handle: "til-ladoo", status: "published" }, admin)
        // Indexed in order: once the later product is searchable, the draft had its turn.
        await within(5_000, "a new product searchable", () => search({ query: "til ladoo" }), (r) =>
          r.hits.some((h) => h.objectID === published.data.product.id)
        )
        const ladoos = await search({ query: "ladoo" })
        expect(ladoos.hits.map((h) => h.objectID)).not.toContain(draft.data.product.id)

        // Unpublishing takes a product out of search.
        await client.post(`/admin/products/${published.data.product.id}`, { status: "draft" }, admin)
        await within(5_000, "an unpublished product gone", () => search({ query: "til ladoo" }), (r) =>
          !r.hits.some((h) => h.objectID === published.data.product.id)
        )

        // The owner marks the Almond Ladoo keto in its snack profile.
        const almond = (await search({ query: "almond ladoo" })).hits.find((h) => h.handle === "almond-ladoo")!
        expect((await search({ query: "", facetFilters: ["dietary_tags:keto"] })).hits.map((h) => h.handle)).not.toContain("almond-ladoo")
        await client.post(
          `/admin/products/${almond.objectID}`,
          { additional_data: { snack_profile: { dietary_tags: ["vegetarian", "jain", "gluten_free", "keto"] } } },
          admin
        )
        const { elapsed } = await within(
          5_000,
          "a profile change searchable",
          () => search({ query: "", facetFilters: ["dietary_tags:keto"] }),
          (r) => r.hits.some((h) => h.handle === "almond-ladoo")
        )
        expect(elapsed).toBeLessThan(5_000)
      })
    })
  },
})

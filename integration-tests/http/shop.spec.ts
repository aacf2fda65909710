import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  deleteShippingOptionsWorkflow,
  removeUserAccountWorkflow,
  updateProductsWorkflow,
  updateRegionsWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { DEMO_SHOP } from "../../src/scripts/demo-shop/shop-facts"
import { shopTestRunner } from "../helpers/shop-runner"
import { CATEGORIES, PRODUCTS } from "../../src/scripts/demo-shop/catalog"
import type { SeedDemoShopResult } from "../../src/scripts/demo-shop/seed-demo-shop"
import {
  OWNER,
  SHOPPER_ADDRESS,
  seedShop,
  storeHeaders,
  variantBySku,
  type TestApi,
} from "../helpers/store-client"

jest.setTimeout(120_000)

/** Row counts of everything the seed creates. */
async function countShop(container: any) {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const tables = [
    "product",
    "product_variant",
    "product_category",
    "region",
    "tax_region",
    "sales_channel",
    "stock_location",
    "fulfillment_set",
    "shipping_option",
    "api_key",
    "inventory_item",
    "inventory_level",
    "price",
    '"user"',
    "provider_identity",
  ]
  const counts: Record<string, number> = {}
  for (const table of tables) {
    const { rows } = await pg.raw(`select count(*)::int as n from ${table} where deleted_at is null`)
    counts[table] = rows[0].n
  }
  return counts
}

shopTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const client = api as TestApi
    let shop: SeedDemoShopResult

    beforeAll(async () => {
      shop = await seedShop(getContainer())
    })

    describe("the running shop", () => {
      it("answers /health with 200", async () => {
        const res = await client.get("/health")
        expect(res.status).toBe(200)
      })

      it("takes locks through PostgreSQL, not process memory", async () => {
        const container = getContainer()
        const locking = container.resolve(Modules.LOCKING)
        const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
        await locking.acquire("local-shop:lock-probe", { ownerId: "probe", expire: 30 })
        const { rows } = await pg.raw("select owner_id from locking where id = ?", [
          "local-shop:lock-probe",
        ])
        expect(rows).toEqual([{ owner_id: "probe" }])
        await locking.release("local-shop:lock-probe", { ownerId: "probe" })
        const after = await pg.raw("select 1 from locking where id = ?", ["local-shop:lock-probe"])
        expect(after.rows).toHaveLength(0)
      })
    })

    describe("the demo seed", () => {
      it("is idempotent: a second run creates nothing and leaves every count unchanged", async () => {
        const container = getContainer()
        const before = await countShop(container)
        const again = await seedShop(container)
        const after = await countShop(container)

        expect(again.created_products).toBe(0)
        expect(again.publishable_key).toBe(shop.publishable_key)
        expect(after).toEqual(before)
        expect(before.product).toBe(PRODUCTS.length)
        expect(before.product_category).toBe(
          CATEGORIES.length + CATEGORIES.reduce((n, c) => n + c.children.length, 0)
        )
        expect(before.region).toBe(1)
        expect(before.shipping_option).toBe(3)
        expect(before.inventory_level).toBe(before.product_variant)
      })

      it("leaves what the owner changed when it runs again: the demo login deleted, a payment provider and a delivery option removed, the store renamed", async () => {
        const container = getContainer()
        const query = container.resolve(ContainerRegistrationKeys.QUERY)
        const [owner] = await container.resolve(Modules.USER).listUsers({ email: OWNER.email })
        await removeUserAccountWorkflow(container).run({ input: { userId: owner.id } })
        await updateRegionsWorkflow(container).run({
          input: { selector: { id: shop.region_id }, update: { payment_providers: ["pp_system_default"] } },
        })
        const fulfillment = container.resolve(Modules.FULFILLMENT)
        const [courier] = await fulfillment.listShippingOptions({ name: "Courier" })
        await deleteShippingOptionsWorkflow(container).run({ input: { ids: [courier.id] } })
        const [store] = await container.resolve(Modules.STORE).listStores({}, { select: ["id", "metadata"] })
        await updateStoresWorkflow(container).run({ input: { selector: { id: store.id }, update: { name: "Asha's Corner" } } })

        const shopAsLeft = async () => {
          const { data: regions } = await query.graph({ entity: "region", fields: ["payment_providers.id"], filters: { id: shop.region_id } })
          const [named] = await container.resolve(Modules.STORE).listStores({}, { select: ["name"] })
          return {
            owner_login: await client.post("/auth/user/emailpass", OWNER).then(
              (res) => res.status,
              (e: { response: { status: number } }) => e.response.status
            ),
            providers: (regions[0].payment_providers ?? []).flatMap((p) => (p ? [p.id] : [])).sort(),
            options: (await fulfillment.listShippingOptions({})).map((o) => o.name).sort(),
            store: named.name,
          }
        }
        await seedShop(container)
        expect(await shopAsLeft()).toEqual({
          owner_login: 401,
          providers: ["pp_system_default"],
          options: ["Local delivery", "Store pickup"],
          store: "Asha's Corner",
        })

        // A seed that never finished (no marker) sets the demo shop up in full, as on a first start.
        await updateStoresWorkflow(container).run({
          input: { selector: { id: store.id }, update: { metadata: { [DEMO_SHOP.seededMarker]: "" } } },
        })
        await seedShop(container)
        expect(await shopAsLeft()).toEqual({
          owner_login: 200,
          providers: ["pp_cod_cod", "pp_system_default"],
          options: ["Courier", "Local delivery", "Store pickup"],
          store: "Local Shop",
        })
      })

      it("repairs a demo image stored under an old URL, and keeps the owner's photos and the thumbnail the owner chose", async () => {
        const container = getContainer()
        const products = container.resolve(Modules.PRODUCT)
        const [first, second] = PRODUCTS
        const byHandle = async (handle: string) => (await products.listProducts({ handle }, { relations: ["images"] }))[0]
        const oldUrl = (image: string) => `http://old-host:9000/static/1700000000000-${image}`
        const photo = "http://photos.example/owner-shot.jpg"
        const set = async (handle: string, thumbnail: string, urls: string[]) =>
          updateProductsWorkflow(container).run({
            input: { selector: { id: (await byHandle(handle)).id }, update: { thumbnail, images: urls.map((url) => ({ url })) } },
          })
        // The demo image as the thumbnail, beside the owner's photo; and the owner's photo made the thumbnail.
        await set(first.handle, oldUrl(first.image), [oldUrl(first.image), photo])
        await set(second.handle, photo, [photo, oldUrl(second.image)])
        const photoId = async (handle: string) => (await byHandle(handle)).images?.find((i) => i.url === photo)?.id

        const idsBefore = [await photoId(first.handle), await photoId(second.handle)]
        await seedShop(container)
        const [a, b] = [await byHandle(first.handle), await byHandle(second.handle)]
        const fresh = (image: string) => expect.stringMatching(new RegExp(`^(?!http://old-host).*${image.replace(".", "\\.")}$`))
        expect([a.thumbnail, a.images?.map((i) => i.url)]).toEqual([fresh(first.image), [fresh(first.image), photo]])
        expect([b.thumbnail, b.images?.map((i) => i.url)]).toEqual([photo, [photo, fresh(second.image)]])
        // The owner's photo is the same image, not a copy.
        expect([await photoId(first.handle), await photoId(second.handle)]).toEqual(idsBefore)
      })

      it("creates the owner's Admin login", async () => {
        const res = await client.post("/auth/user/emailpass", OWNER)
        expect(res.status).toBe(200)
        const me = await client.get("/admin/users/me", {
          headers: { authorization: `Bearer ${res.data.token}` },
        })
        expect(me.data.user.email).toBe(OWNER.email)
      })

      it("sets up India in INR with Store pickup, Local delivery and Courier", async () => {
        const { data } = await client.get("/store/regions", storeHeaders(shop.publishable_key))
        expect(data.regions).toEqual([
          expect.objectContaining({
            name: "India",
            currency_code: "inr",
            countries: [expect.objectContaining({ iso_2: "in" })],
          }),
        ])
        const options = await getContainer()
          .resolve(Modules.FULFILLMENT)
          .listShippingOptions({})
        expect(options.map((o) => o.name).sort()).toEqual(["Courier", "Local delivery", "Store pickup"])
      })
    })

    describe("the Store API", () => {
      it("lists every seeded product with the publishable key", async () => {
        const { data } = await client.get(
          "/store/products?limit=100&fields=title,handle,thumbnail,*variants.calculated_price&region_id=" +
            shop.region_id,
          storeHeaders(shop.publishable_key)
        )
        expect(data.count).toBe(PRODUCTS.length)
        expect(data.count).toBeGreaterThanOrEqual(24)
        const ladoo = data.products.find((p: { handle: string }) => p.handle === "almond-ladoo")
        expect(ladoo.thumbnail).toMatch(/\/static\/.+almond-ladoo\.svg$/)
        expect(ladoo.variants.map((v: any) => v.calculated_price.calculated_amount).sort()).toEqual([
          349, 649,
        ])
      })

      it("refuses to list products without a publishable key", async () => {
        const res = await client.get("/store/products").catch((e: any) => e.response)
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/publishable/i)
      })

      it("serves the Snacks and Art category trees", async () => {
        const { data } = await client.get(
          "/store/product-categories?limit=50&fields=name,handle,*category_children&parent_category_id=null",
          storeHeaders(shop.publishable_key)
        )
        const tree = Object.fromEntries(
          data.product_categories.map((c: any) => [
            c.name,
            c.category_children.map((child: any) => child.name).sort(),
          ])
        )
        expect(tree).toEqual({
          Snacks: ["Chocolates", "Dry fruits & nuts", "Healthy bars", "Ladoos"],
          Art: ["Art supplies", "Handmade artworks", "T-shirts & prints"],
        })
      })
    })

    describe("checkout on the seeded shop", () => {
      it("goes from cart to order through the Store API and reserves the stock", async () => {
        const headers = storeHeaders(shop.publishable_key)
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")

        const { data: created } = await client.post(
          "/store/carts",
          { region_id: shop.region_id, email: "asha@example.in" },
          headers
        )
        const cartId = created.cart.id
        await client.post(
          `/store/carts/${cartId}/line-items`,
          { variant_id: variant.id, quantity: 2 },
          headers
        )
        await client.post(
          `/store/carts/${cartId}`,
          { shipping_address: SHOPPER_ADDRESS, billing_address: SHOPPER_ADDRESS },
          headers
        )
        const { data: options } = await client.get(
          `/store/shipping-options?cart_id=${cartId}`,
          headers
        )
        const local = options.shipping_options.find((o: any) => o.name === "Local delivery")
        expect(local).toBeDefined()
        await client.post(`/store/carts/${cartId}/shipping-methods`, { option_id: local.id }, headers)

        const { data: pc } = await client.post(
          "/store/payment-collections",
          { cart_id: cartId },
          headers
        )
        await client.post(
          `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`,
          { provider_id: "pp_system_default" },
          headers
        )
        const { data: completed } = await client.post(
          `/store/carts/${cartId}/complete`,
          {},
          headers
        )

        expect(completed.type).toBe("order")
        expect(completed.order.items).toEqual([
          expect.objectContaining({ variant_id: variant.id, quantity: 2 }),
        ])
        // Local delivery is free from ₹499; prices include GST.
        expect(completed.order.total).toBe(349 * 2)

        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const { data: reservations } = await query.graph({
          entity: "reservation_item",
          fields: ["quantity", "line_item_id", "inventory_item_id", "location_id"],
          filters: { line_item_id: completed.order.items[0].id },
        })
        expect(reservations).toEqual([
          expect.objectContaining({ quantity: 2, location_id: shop.stock_location_id }),
        ])
        const inventory = getContainer().resolve(Modules.INVENTORY)
        const [level] = await inventory.listInventoryLevels({
          inventory_item_id: reservations[0].inventory_item_id,
          location_id: shop.stock_location_id,
        })
        expect(Number(level.stocked_quantity)).toBe(6)
        expect(Number(level.reserved_quantity)).toBe(2)
      })
    })
  },
})

import type { ICachingModuleService } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { shopTestRunner } from "../helpers/shop-runner"
import { ART_PROFILE_MODULE } from "../../src/modules/art-profile"
import type ArtProfileModuleService from "../../src/modules/art-profile/service"
import { SNACK_PROFILE_MODULE } from "../../src/modules/snack-profile"
import type SnackProfileModuleService from "../../src/modules/snack-profile/service"
import { CATEGORIES, PRODUCTS } from "../../src/scripts/demo-shop/catalog"
import { PROFILES } from "../../src/scripts/demo-shop/profiles"
import type { SeedDemoShopResult } from "../../src/scripts/demo-shop/seed-demo-shop"
import { adminHeaders, failing } from "../helpers/admin-client"
import { seedShop, storeHeaders, variantBySku, type TestApi } from "../helpers/store-client"
import { inventoryItemOf } from "../helpers/stock-census"
import { outcome } from "../helpers/checkout"
import { waitFor } from "../helpers/wait-for"
import followPriceListSchedules from "../../src/jobs/follow-price-list-schedules"

jest.setTimeout(180_000)

const SNACK_HANDLES = CATEGORIES[0].children.map((c) => c.handle)
const snackProducts = PRODUCTS.filter((p) => SNACK_HANDLES.includes(p.category_handle))
const artProducts = PRODUCTS.filter((p) => !SNACK_HANDLES.includes(p.category_handle))

const completeSnack = {
  ingredients: ["jaggery", "sesame"],
  allergens: ["sesame"],
  allergens_declared: true,
  dietary_tags: ["vegan"],
  net_weight_g: 200,
  shelf_life_days: 30,
}

shopTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const client = api as TestApi
    let shop: SeedDemoShopResult
    let admin: { headers: Record<string, string> }
    let categoryId: (handle: string) => string

    beforeAll(async () => {
      shop = await seedShop(getContainer())
      // The catalogue reads the search index, filled from the seed's events a
      // moment later; the runner snapshots the database (index included) after this.
      const indexed = await waitFor(
        () => searchCount(),
        (count) => count === PRODUCTS.length,
        { within: 30_000 }
      )
      expect(indexed).toBe(PRODUCTS.length)
    })

    beforeEach(async () => {
      // The runner restores the database before each test; the response cache must forget too.
      const caching: ICachingModuleService = getContainer().resolve(Modules.CACHING)
      await caching.clear({ tags: ["*"] })
      admin = await adminHeaders(client)
      const categories = await getContainer()
        .resolve(Modules.PRODUCT)
        .listProductCategories({}, { select: ["id", "handle"] })
      categoryId = (handle) => categories.find((c) => c.handle === handle)!.id
    })

    async function productCount(handle: string) {
      const products = await getContainer().resolve(Modules.PRODUCT).listProducts({ handle })
      return products.length
    }

    async function catalog(query: string) {
      return client.get(`/store/catalog/products?${query}`, storeHeaders(shop.publishable_key))
    }

    /** How many products POST /store/search finds: what the index holds for this key. */
    async function searchCount(): Promise<number> {
      const { data } = await client.post(
        "/store/search",
        { entity: "product", pagination: { take: 1 }, search_options: { count: "exact" } },
        storeHeaders(shop.publishable_key)
      )
      return data.results[0].metadata.count
    }

    async function newCart() {
      const { data } = await client.post(
        "/store/carts",
        { region_id: shop.region_id },
        storeHeaders(shop.publishable_key)
      )
      return data.cart.id as string
    }

    async function addToCart(cartId: string, variantId: string, quantity: number) {
      return client.post(
        `/store/carts/${cartId}/line-items`,
        { variant_id: variantId, quantity },
        storeHeaders(shop.publishable_key)
      )
    }

    describe("owner flows: profiles on Medusa's product routes", () => {
      it("creates a snack with its profile and shows it on /store/products/:id", async () => {
        const { data } = await client.post(
          "/admin/products",
          {
            title: "Til Chikki",
            handle: "til-chikki",
            status: "published",
            categories: [{ id: categoryId("healthy-bars") }],
            sales_channels: [{ id: shop.sales_channel_id }],
            options: [{ title: "Pack size", values: ["200 g"] }],
            variants: [{ title: "200 g", options: { "Pack size": "200 g" }, prices: [{ currency_code: "inr", amount: 120 }] }],
            additional_data: { snack_profile: completeSnack },
          },
          admin
        )
        const { data: store } = await client.get(
          `/store/products/${data.product.id}?fields=id,title,*snack_profile,*art_profile`,
          storeHeaders(shop.publishable_key)
        )
        expect(store.product.snack_profile).toMatchObject(completeSnack)
        expect(store.product.art_profile ?? null).toBeNull()
      })

      it("patches a profile through POST /admin/products/:id", async () => {
        const [product] = await getContainer().resolve(Modules.PRODUCT).listProducts({ handle: "besan-ladoo" })
        await client.post(
          `/admin/products/${product.id}`,
          { additional_data: { snack_profile: { shelf_life_days: 21, storage_instructions: "Keep cool" } } },
          admin
        )
        const { data } = await client.get(
          `/admin/products/${product.id}?fields=id,*snack_profile`,
          admin
        )
        expect(data.product.snack_profile).toMatchObject({ shelf_life_days: 21, storage_instructions: "Keep cool" })
        expect(data.product.snack_profile.ingredients.length).toBeGreaterThan(0)
      })

      it("refuses to publish a snack missing label facts, naming the product and the rule", async () => {
        const res = await failing(
          client.post(
            "/admin/products",
            {
              title: "Mystery Ladoo",
              handle: "mystery-ladoo",
              status: "published",
              categories: [{ id: categoryId("ladoos") }],
              options: [{ title: "Pack size", values: ["250 g"] }],
              variants: [{ title: "250 g", options: { "Pack size": "250 g" }, prices: [{ currency_code: "inr", amount: 200 }] }],
              additional_data: { snack_profile: { ingredients: ["besan"] } },
            },
            admin
          )
        )
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("Mystery Ladoo cannot be published")
        expect(res.data.message).toContain("declared allergens, net weight, shelf life")
        expect(await productCount("mystery-ladoo")).toBe(0)
        const profiles = await getContainer().resolve<SnackProfileModuleService>(SNACK_PROFILE_MODULE).listSnackProfiles({})
        expect(profiles.length).toBe(snackProducts.length)
      })

      it("refuses to publish an incomplete draft snack and leaves it a draft", async () => {
        const { data } = await client.post(
          "/admin/products",
          {
            title: "Draft Chikki",
            status: "draft",
            categories: [{ id: categoryId("healthy-bars") }],
            options: [{ title: "Pack size", values: ["100 g"] }],
            variants: [{ title: "100 g", options: { "Pack size": "100 g" }, prices: [{ currency_code: "inr", amount: 80 }] }],
          },
          admin
        )
        const res = await failing(
          client.post(`/admin/products/${data.product.id}`, { status: "published" }, admin)
        )
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("Draft Chikki cannot be published: it has no snack profile")
        const [after] = await getContainer().resolve(Modules.PRODUCT).listProducts({ id: data.product.id })
        expect(after.status).toBe("draft")
      })

      it("refuses a profile of the wrong kind for the category, and both kinds at once", async () => {
        const base = {
          status: "draft",
          options: [{ title: "Size", values: ["A4"] }],
          variants: [{ title: "A4", options: { Size: "A4" }, prices: [{ currency_code: "inr", amount: 500 }] }],
        }
        const wrong = await failing(
          client.post(
            "/admin/products",
            { ...base, title: "Snacky Painting", handle: "snacky-painting", categories: [{ id: categoryId("handmade-artworks") }], additional_data: { snack_profile: completeSnack } },
            admin
          )
        )
        expect(wrong.status).toBe(400)
        expect(wrong.data.message).toContain("Snacky Painting has a snack profile but is not in the Snacks category")
        expect(await productCount("snacky-painting")).toBe(0)

        const both = await failing(
          client.post(
            "/admin/products",
            {
              ...base,
              title: "Both Ways",
              handle: "both-ways",
              categories: [{ id: categoryId("ladoos") }],
              additional_data: { snack_profile: completeSnack, art_profile: { medium: "ink", width_cm: 10, height_cm: 10 } },
            },
            admin
          )
        )
        expect(both.status).toBe(400)
        expect(both.data.message).toContain("never both")
        expect(await productCount("both-ways")).toBe(0)
      })

      it("refuses moving a snack into Art while it carries a snack profile", async () => {
        const [product] = await getContainer().resolve(Modules.PRODUCT).listProducts(
          { handle: "trail-mix" },
          { relations: ["categories"] }
        )
        const res = await failing(
          client.post(`/admin/products/${product.id}`, { categories: [{ id: categoryId("art-supplies") }] }, admin)
        )
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("Trail Mix has a snack profile but is not in the Snacks category")
        const [after] = await getContainer().resolve(Modules.PRODUCT).listProducts(
          { id: product.id },
          { relations: ["categories"] }
        )
        expect(after.categories!.map((c) => c.handle)).toEqual(["dry-fruits-nuts"])
      })

      it("keeps the kinds' product types: renaming or deleting \"Snack\" or \"Art\" is a 400 and changes nothing; other types are the owner's", async () => {
        const products = getContainer().resolve(Modules.PRODUCT)
        const [snack] = await products.listProductTypes({ value: "Snack" })
        const [art] = await products.listProductTypes({ value: "Art" })
        const renamed = await failing(client.post(`/admin/product-types/${snack.id}`, { value: "Snacks" }, admin))
        expect([renamed.status, renamed.data.message]).toEqual([
          400,
          'value: the product type "Snack" cannot be renamed: it is the type of a department\'s products, and its GST rate is ruled by it',
        ])
        const deleted = await failing(client.delete(`/admin/product-types/${art.id}`, admin))
        expect([deleted.status, deleted.data.message]).toEqual([
          400,
          'The product type "Art" cannot be deleted: it is the type of a department\'s products, and its GST rate is ruled by it',
        ])
        expect((await products.listProductTypes({ id: [snack.id, art.id] })).map((t) => t.value).sort()).toEqual(["Art", "Snack"])
        // Its metadata stays editable, and so does any other type.
        await client.post(`/admin/product-types/${snack.id}`, { value: "Snack", metadata: { note: "5 % GST" } }, admin)
        const { data: gift } = await client.post("/admin/product-types", { value: "Gift Box" }, admin)
        const { data: hamper } = await client.post(`/admin/product-types/${gift.product_type.id}`, { value: "Hamper" }, admin)
        expect(hamper.product_type.value).toBe("Hamper")
        await client.delete(`/admin/product-types/${gift.product_type.id}`, admin)
      })

      it("keeps the same rules on Admin's category \"Add products\", and the product's type (GST) follows its new department", async () => {
        const products = getContainer().resolve(Modules.PRODUCT)
        const categoriesOf = async (id: string) =>
          (await products.listProducts({ id }, { relations: ["categories"] }))[0].categories!.map((c) => c.handle).sort()
        const typeOf = async (id: string) => (await products.listProducts({ id }, { relations: ["type"] }))[0].type?.value ?? null

        // Trail Mix (a snack with its profile) added to Art supplies: refused, nothing written.
        const [trailMix] = await products.listProducts({ handle: "trail-mix" })
        const intoArt = await failing(
          client.post(`/admin/product-categories/${categoryId("art-supplies")}/products`, { add: [trailMix.id] }, admin)
        )
        expect([intoArt.status, intoArt.data.message]).toEqual([400, "Trail Mix cannot be in both Snacks and Art: choose one department"])
        // Taken out of its only category, it would carry a snack profile outside Snacks.
        const out = await failing(
          client.post(`/admin/product-categories/${categoryId("dry-fruits-nuts")}/products`, { remove: [trailMix.id] }, admin)
        )
        expect([out.status, out.data.message]).toEqual([
          400,
          "Trail Mix has a snack profile but is not in the Snacks category: only snacks carry one",
        ])
        expect(await categoriesOf(trailMix.id)).toEqual(["dry-fruits-nuts"])

        // A draft in no department, added to Chocolates: it becomes a Snack, GST type and all.
        const [loose] = await products.createProducts([{ title: "Jaggery Bites", handle: "jaggery-bites", status: "draft" }])
        expect(await typeOf(loose.id)).toBeNull()
        const added = await client.post(`/admin/product-categories/${categoryId("chocolates")}/products`, { add: [loose.id] }, admin)
        expect(added.status).toBe(200)
        expect([await categoriesOf(loose.id), await typeOf(loose.id)]).toEqual([["chocolates"], "Snack"])
      })

      it("keeps the same rules when a category moves to the other department, and its products' type (GST) follows", async () => {
        const products = getContainer().resolve(Modules.PRODUCT)
        const parentOf = async (id: string) => (await products.listProductCategories({ id }, { select: ["parent_category_id"] }))[0].parent_category_id
        const typeOf = async (id: string) => (await products.listProducts({ id }, { relations: ["type"] }))[0].type?.value ?? null

        // T-shirts & prints (art with art profiles) under Snacks: refused, the category stays where it was.
        const tshirts = categoryId("t-shirts-prints")
        const moved = await failing(client.post(`/admin/product-categories/${tshirts}`, { parent_category_id: categoryId("snacks") }, admin))
        expect(moved.status).toBe(400)
        expect(moved.data.message).toMatch(/has an art profile but is not in the Art category: only art carries one$/)
        expect(await parentOf(tshirts)).toBe(categoryId("art"))

        // A new Art sub-category whose product has no profile, moved under Snacks: allowed, the product becomes a Snack.
        const { data } = await client.post("/admin/product-categories", { name: "Gift wrap", parent_category_id: categoryId("art") }, admin)
        const giftWrap: string = data.product_category.id
        const [sheet] = await products.createProducts([{ title: "Block-printed Gift Wrap", handle: "gift-wrap-sheet", status: "draft" }])
        await client.post(`/admin/product-categories/${giftWrap}/products`, { add: [sheet.id] }, admin)
        expect(await typeOf(sheet.id)).toBe("Art")
        const allowed = await client.post(`/admin/product-categories/${giftWrap}`, { parent_category_id: categoryId("snacks") }, admin)
        expect(allowed.status).toBe(200)
        expect([await parentOf(giftWrap), await typeOf(sheet.id)]).toEqual([categoryId("snacks"), "Snack"])

        // A rename moves nothing: allowed, even above a product that breaks a rule (written around the routes).
        const [stray] = await products.createProducts([{ title: "Stray Print", handle: "stray-print", status: "draft", type_id: (await products.listProductTypes({ value: "Snack" }))[0].id }])
        await client.post(`/admin/product-categories/${categoryId("chocolates")}/products`, { add: [stray.id] }, admin)
        const arts = getContainer().resolve<ArtProfileModuleService>(ART_PROFILE_MODULE)
        const [profile] = await arts.createArtProfiles([{ product_id: stray.id, medium: "digital_print", width_cm: 20, height_cm: 30 }])
        await getContainer()
          .resolve(ContainerRegistrationKeys.LINK)
          .create({ [Modules.PRODUCT]: { product_id: stray.id }, [ART_PROFILE_MODULE]: { art_profile_id: profile.id } })
        const renamed = await client.post(`/admin/product-categories/${categoryId("chocolates")}`, { name: "Chocolates & barks" }, admin)
        expect(renamed.status).toBe(200)

        // A published product outside both departments that kept the Snack type (as one taken out
        // of Snacks does), without label facts: its category moved under Snacks is refused, though
        // its type alone says nothing moved.
        const { data: giftsData } = await client.post("/admin/product-categories", { name: "Gifts", is_active: true }, admin)
        const gifts: string = giftsData.product_category.id
        const snackType = (await products.listProductTypes({ value: "Snack" }))[0].id
        await products.createProducts([{ title: "Boxed Ladoos", handle: "boxed-ladoos", status: "published", type_id: snackType, category_ids: [gifts] }])
        const intoSnacks = await failing(client.post(`/admin/product-categories/${gifts}`, { parent_category_id: categoryId("snacks") }, admin))
        expect([intoSnacks.status, intoSnacks.data.message]).toEqual([400, expect.stringMatching(/^Boxed Ladoos cannot be published: /)])
        expect(await parentOf(gifts)).toBeNull()

        // A parent that does not exist, or one below the category itself: a 400 naming the field, nothing moved.
        const ladoos = categoryId("ladoos")
        for (const [parent, rule] of [
          ["pcat_01NOSUCHCATEGORY000000000", "there is no category pcat_01NOSUCHCATEGORY000000000"],
          [ladoos, "a category cannot move under itself or one of its sub-categories"],
        ]) {
          const res = await failing(client.post(`/admin/product-categories/${ladoos}`, { parent_category_id: parent }, admin))
          expect([res.status, res.data.message]).toEqual([400, `parent_category_id: ${rule}`])
        }
        expect(await parentOf(ladoos)).toBe(categoryId("snacks"))
      })

      it.each([
        ["an unknown allergen", { allergens: ["shellfish"], allergens_declared: true }, "allergens"],
        ["a wrong type", { net_weight_g: "heavy" }, "net_weight_g"],
        ["a negative weight", { net_weight_g: -250 }, "net_weight_g"],
        ["an unknown field", { colour: "brown" }, "colour"],
        ["a 10 MB string", { storage_instructions: "x".repeat(10 * 1024 * 1024) }, "storage_instructions"],
      ])("answers %s with a 4xx naming the field and writes nothing", async (_label, patch, field) => {
        const [product] = await getContainer().resolve(Modules.PRODUCT).listProducts({ handle: "flaxseed-ladoo" })
        const before = await getContainer().resolve<SnackProfileModuleService>(SNACK_PROFILE_MODULE).retrieveForProduct(product.id)
        const res = await failing(
          client.post(`/admin/products/${product.id}`, { title: "Renamed", additional_data: { snack_profile: patch } }, admin)
        )
        expect(res.status).toBe(400)
        expect(JSON.stringify(res.data.message)).toContain(field)
        const [after] = await getContainer().resolve(Modules.PRODUCT).listProducts({ id: product.id })
        expect(after.title).toBe("Flaxseed Ladoo")
        expect(await getContainer().resolve<SnackProfileModuleService>(SNACK_PROFILE_MODULE).retrieveForProduct(product.id)).toEqual(before)
      })
    })

    describe("bad art profile input", () => {
      it.each([
        ["an unknown medium", { medium: "crayon" }, "medium"],
        ["a wrong type", { year: "last year" }, "year"],
        ["a negative size", { width_cm: -30 }, "width_cm"],
        ["a 10 MB string", { artist_name: "y".repeat(10 * 1024 * 1024) }, "artist_name"],
      ])("answers %s with 400 naming the field and writes nothing", async (_label, patch, field) => {
        const [product] = await getContainer().resolve(Modules.PRODUCT).listProducts({ handle: "lotus-pond" })
        const { data: before } = await client.get(`/admin/products/${product.id}?fields=title,*art_profile`, admin)
        const res = await failing(
          client.post(`/admin/products/${product.id}`, { title: "Renamed", additional_data: { art_profile: patch } }, admin)
        )
        expect(res.status).toBe(400)
        expect(JSON.stringify(res.data.message)).toContain(field)
        const { data: after } = await client.get(`/admin/products/${product.id}?fields=title,*art_profile`, admin)
        expect(after.product).toEqual(before.product)
      })
    })

    describe("rules at the cart", () => {
      it("caps a one-of-a-kind artwork at 1 per cart, on add and on update", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "ART-MOG-1")
        const cartId = await newCart()
        const two = await failing(addToCart(cartId, variant.id, 2))
        expect(two.status).toBe(400)
        expect(two.data.message).toBe("Monsoon Over the Ghats is one of a kind: a cart can hold 1; you asked for 2")

        const { data } = await addToCart(cartId, variant.id, 1)
        const again = await failing(addToCart(cartId, variant.id, 1))
        expect(again.status).toBe(400)
        expect(again.data.message).toBe("Monsoon Over the Ghats is one of a kind: a cart can hold 1; you asked for 2")

        const update = await failing(
          client.post(
            `/store/carts/${cartId}/line-items/${data.cart.items[0].id}`,
            { quantity: 2 },
            storeHeaders(shop.publishable_key)
          )
        )
        expect(update.status).toBe(400)
        expect(update.data.message).toContain("one of a kind")
        const { data: cart } = await client.get(`/store/carts/${cartId}`, storeHeaders(shop.publishable_key))
        expect(cart.cart.items.map((i: any) => i.quantity)).toEqual([1])
      })

      it("refuses marking a product one of a kind while it has more than 1 in stock", async () => {
        const [product] = await getContainer().resolve(Modules.PRODUCT).listProducts({ handle: "artist-acrylic-set-12" })
        const res = await failing(
          client.post(`/admin/products/${product.id}`, { additional_data: { art_profile: { one_of_a_kind: true } } }, admin)
        )
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("Artist Acrylic Set, 12 Colours is one of a kind: it can have at most 1 unit in stock")
        // Nothing written: the set is still not an original.
        const profiles = await getContainer().resolve<ArtProfileModuleService>(ART_PROFILE_MODULE).listArtProfiles({ product_id: product.id })
        expect(profiles.map((p) => p.one_of_a_kind)).toEqual([false])
      })

      it("refuses stocking an original with more than 1 unit through the admin inventory routes", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "ART-BAD-1")
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const { data } = await query.graph({
          entity: "product_variant",
          fields: ["inventory_items.inventory_item_id"],
          filters: { id: variant.id },
        })
        const itemId = (data[0] as any).inventory_items[0].inventory_item_id
        const url = `/admin/inventory-items/${itemId}/location-levels/${shop.stock_location_id}`
        const res = await failing(client.post(url, { stocked_quantity: 3 }, admin))
        expect(res.status).toBe(400)
        expect(res.data.message).toBe("Banyan at Dusk is one of a kind: stocked_quantity can be at most 1; you asked for 3")
        const [level] = await getContainer().resolve(Modules.INVENTORY).listInventoryLevels({ inventory_item_id: itemId })
        expect(Number(level.stocked_quantity)).toBe(1)
        await client.post(url, { stocked_quantity: 0 }, admin)
      })

      it("counts an original's stock across every stock location: 1 at the shop and 1 at another is refused; moving the unit is not", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "ART-BAD-1")
        const itemId = await inventoryItemOf(getContainer(), variant.id)
        const inventory = getContainer().resolve(Modules.INVENTORY)
        const main = `/admin/inventory-items/${itemId}/location-levels/${shop.stock_location_id}`
        await client.post(main, { stocked_quantity: 1 }, admin)
        const { data } = await client.post("/admin/stock-locations", { name: "Gallery wall" }, admin)
        const gallery: string = data.stock_location.id
        const levels = async () =>
          Object.fromEntries(
            (await inventory.listInventoryLevels({ inventory_item_id: itemId })).map((l) => [l.location_id, Number(l.stocked_quantity)])
          )
        const message = "Banyan at Dusk is one of a kind: stocked_quantity can be at most 1 across all stock locations; this would make 2"

        // A new level of 1 elsewhere, alone or in a batch: refused, nothing written.
        const single = await failing(
          client.post(`/admin/inventory-items/${itemId}/location-levels`, { location_id: gallery, stocked_quantity: 1 }, admin)
        )
        expect([single.status, single.data.message]).toEqual([400, message])
        const batch = await failing(
          client.post(`/admin/inventory-items/${itemId}/location-levels/batch`, { create: [{ location_id: gallery, stocked_quantity: 1 }] }, admin)
        )
        expect([batch.status, batch.data.message]).toEqual([400, message])
        expect(await levels()).toEqual({ [shop.stock_location_id]: 1 })

        // Moving it (0 at the shop, 1 on the gallery wall, in one batch) is fine.
        const [mainLevel] = await inventory.listInventoryLevels({ inventory_item_id: itemId, location_id: shop.stock_location_id })
        await client.post(
          `/admin/inventory-items/${itemId}/location-levels/batch`,
          { create: [{ location_id: gallery, stocked_quantity: 1 }], delete: [mainLevel.id], force: true },
          admin
        )
        expect(await levels()).toEqual({ [gallery]: 1 })
        // Back where it was.
        await client.post(
          `/admin/inventory-items/${itemId}/location-levels/batch`,
          { create: [{ location_id: shop.stock_location_id, stocked_quantity: 1 }], update: [{ location_id: gallery, stocked_quantity: 0 }] },
          admin
        )
        expect(await levels()).toEqual({ [shop.stock_location_id]: 1, [gallery]: 0 })
      })

      /** A new one-of-a-kind artwork (Banyan at Dusk's facts) with an Original variant and a second edition value; its id. */
      async function newOriginal(title: string, secondEdition: string) {
        const [banyan] = await getContainer().resolve(Modules.PRODUCT).listProducts({ handle: "banyan-at-dusk" })
        const [art] = await getContainer().resolve<ArtProfileModuleService>(ART_PROFILE_MODULE).listArtProfiles({ product_id: banyan.id })
        const { data } = await client.post(
          "/admin/products",
          {
            title,
            categories: [{ id: categoryId("handmade-artworks") }],
            options: [{ title: "Edition", values: ["Original", secondEdition] }],
            variants: [{ title: "Original", options: { Edition: "Original" }, prices: [{ currency_code: "inr", amount: 9000 }] }],
            additional_data: { art_profile: { medium: art.medium, width_cm: art.width_cm, height_cm: art.height_cm, one_of_a_kind: true } },
          },
          admin
        )
        return data.product.id as string
      }

      it("never links an original's variant to an inventory item of more than 1 unit, whichever route links it; a deleted location's stock no longer counts", async () => {
        const [product] = await getContainer().resolve(Modules.PRODUCT).listProducts({ handle: "banyan-at-dusk" })
        const { variant } = await variantBySku(client, shop.publishable_key, "ART-BAD-1")
        const inventory = getContainer().resolve(Modules.INVENTORY)
        const [prints] = await inventory.createInventoryItems([{ sku: "BANYAN-PRINT", title: "Banyan print" }])
        await inventory.createInventoryLevels([{ inventory_item_id: prints.id, location_id: shop.stock_location_id, stocked_quantity: 4 }])
        const message =
          "Banyan at Dusk is one of a kind: its variant Original cannot be sold from an inventory item with 4 units stocked (at most 1)"
        const linksOf = async () =>
          (await getContainer().resolve(ContainerRegistrationKeys.QUERY).graph({
            entity: "product_variant",
            fields: ["id", "inventory_items.inventory_item_id"],
            filters: { product_id: product.id },
          })).data.flatMap((v) => (v.inventory_items ?? []).map((i) => i?.inventory_item_id))
        const before = await linksOf()

        for (const [url, body] of [
          [`/admin/products/${product.id}/variants/${variant.id}/inventory-items`, { inventory_item_id: prints.id, required_quantity: 1 }],
          [
            `/admin/products/${product.id}/variants/inventory-items/batch`,
            { create: [{ variant_id: variant.id, inventory_item_id: prints.id, required_quantity: 1 }] },
          ],
        ] as const) {
          const res = await failing(client.post(url, body, admin))
          expect([url, res.status, res.data.message]).toEqual([url, 400, message])
        }
        // A new variant of an original created with that item: refused, not created.
        const mist = await newOriginal("Cubbon Mist", "Print")
        const created = await failing(
          client.post(
            `/admin/products/${mist}/variants`,
            {
              title: "Print",
              options: { Edition: "Print" },
              prices: [{ currency_code: "inr", amount: 900 }],
              inventory_items: [{ inventory_item_id: prints.id, required_quantity: 1 }],
            },
            admin
          )
        )
        expect([created.status, created.data.message]).toEqual([
          400,
          "Cubbon Mist is one of a kind: its variant Print cannot be sold from an inventory item with 4 units stocked (at most 1)",
        ])
        expect(await getContainer().resolve(Modules.PRODUCT).listProductVariants({ product_id: mist })).toHaveLength(1)
        expect(await linksOf()).toEqual(before)

        // The original's own unit moves to a new location and the old one is deleted with its level left behind.
        const itemId = await inventoryItemOf(getContainer(), variant.id)
        const { data } = await client.post("/admin/stock-locations", { name: "New gallery" }, admin)
        const gallery: string = data.stock_location.id
        await client.post(`/admin/stock-locations/${gallery}/sales-channels`, { add: [shop.sales_channel_id] }, admin)
        const { data: old } = await client.post("/admin/stock-locations", { name: "Old studio" }, admin)
        await inventory.createInventoryLevels([{ inventory_item_id: itemId, location_id: old.stock_location.id, stocked_quantity: 1 }])
        await inventory.updateInventoryLevels([{ inventory_item_id: itemId, location_id: shop.stock_location_id, stocked_quantity: 0 }])
        await client.delete(`/admin/stock-locations/${old.stock_location.id}`, admin)
        // One unit on the one shelf that exists: allowed.
        const stocked = await outcome(
          client.post(`/admin/inventory-items/${itemId}/location-levels`, { location_id: gallery, stocked_quantity: 1 }, admin)
        )
        expect(stocked.status).toBe(200)
      })

      it("sells an original only from its stock: no variant of it may allow backorders or leave its inventory unmanaged, whichever route writes it", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "ART-BAD-1")
        const [product] = await getContainer().resolve(Modules.PRODUCT).listProducts({ handle: "banyan-at-dusk" }, { relations: ["options"] })
        const flags = async () => {
          const variants = await getContainer()
            .resolve(Modules.PRODUCT)
            .listProductVariants({ product_id: product.id }, { select: ["id", "allow_backorder", "manage_inventory"] })
          const original = variants.find((v) => v.id === variant.id)!
          return { count: variants.length, allow_backorder: original.allow_backorder, manage_inventory: original.manage_inventory }
        }
        const unchanged = await flags()
        expect(unchanged).toEqual({ count: 1, allow_backorder: false, manage_inventory: true })
        const backorders = "Banyan at Dusk is one of a kind: its variant Original cannot allow backorders, or the original would be sold more than once"
        const unmanaged = "Banyan at Dusk is one of a kind: its variant Original must have its inventory managed, or the original would be sold more than once"
        const variantUrl = `/admin/products/${product.id}/variants/${variant.id}`

        // The variant route, the batch route and the product route.
        for (const [url, body, message] of [
          [variantUrl, { allow_backorder: true }, backorders],
          [variantUrl, { manage_inventory: false }, unmanaged],
          [`/admin/products/${product.id}/variants/batch`, { update: [{ id: variant.id, allow_backorder: true }] }, backorders],
          [`/admin/products/${product.id}`, { variants: [{ id: variant.id, allow_backorder: true }] }, backorders],
        ] as const) {
          const res = await failing(client.post(url, body, admin))
          expect([url, res.status, res.data.message]).toEqual([url, 400, message])
          expect(await flags()).toEqual(unchanged)
        }

        // A new variant of an original that would allow backorders: refused, not created.
        const another = await newOriginal("Cubbon Rain", "Framed")
        const created = await failing(
          client.post(
            `/admin/products/${another}/variants`,
            { title: "Framed", options: { Edition: "Framed" }, prices: [{ currency_code: "inr", amount: 16500 }], allow_backorder: true },
            admin
          )
        )
        expect([created.status, created.data.message]).toEqual([
          400,
          "Cubbon Rain is one of a kind: its variant Framed cannot allow backorders, or the original would be sold more than once",
        ])
        expect(await getContainer().resolve(Modules.PRODUCT).listProductVariants({ product_id: another })).toHaveLength(1)

        // Marking a product original while a variant of it allows backorders: refused, the profile unchanged.
        const profile = (one_of_a_kind: boolean) =>
          client.post(`/admin/products/${product.id}`, { additional_data: { art_profile: { one_of_a_kind } } }, admin)
        await profile(false)
        await client.post(variantUrl, { allow_backorder: true }, admin)
        const marked = await failing(profile(true))
        expect([marked.status, marked.data.message]).toEqual([400, backorders])
        const [art] = await getContainer().resolve<ArtProfileModuleService>(ART_PROFILE_MODULE).listArtProfiles({ product_id: product.id })
        expect(art.one_of_a_kind).toBe(false)
      })

      it("limits a perishable snack per order: 10 by default, or the product's own limit", async () => {
        const [product] = await getContainer().resolve(Modules.PRODUCT).listProducts({ handle: "dates-nuts-ladoo" })
        await client.post(
          `/admin/products/${product.id}`,
          { additional_data: { snack_profile: { perishable: true, max_per_order: null } } },
          admin
        )
        const small = (await variantBySku(client, shop.publishable_key, "LAD-DTN-250G")).variant
        const large = (await variantBySku(client, shop.publishable_key, "LAD-DTN-500G")).variant
        const cartId = await newCart()
        await addToCart(cartId, small.id, 8)
        const over = await failing(addToCart(cartId, large.id, 3))
        expect(over.status).toBe(400)
        expect(over.data.message).toBe("Dates & Nuts Ladoo is perishable: at most 10 per order; you asked for 11")
        await addToCart(cartId, large.id, 2)

        await client.post(
          `/admin/products/${product.id}`,
          { additional_data: { snack_profile: { max_per_order: 3 } } },
          admin
        )
        const cart2 = await newCart()
        const res = await failing(addToCart(cart2, small.id, 4))
        expect(res.data.message).toBe("Dates & Nuts Ladoo is perishable: at most 3 per order; you asked for 4")
        await addToCart(cart2, small.id, 3)
      })
    })

    describe("GET /store/catalog/products", () => {
      const ids = (res: any) => res.data.products.map((p: any) => p.id)

      it("lists published products with their profile embedded", async () => {
        const res = await catalog("limit=100")
        expect(res.data.count).toBe(PRODUCTS.length)
        const ladoo = res.data.products.find((p: any) => p.handle === "almond-ladoo")
        expect(ladoo.snack_profile).toMatchObject({ allergens_declared: true })
        expect(ladoo.art_profile ?? null).toBeNull()
      })

      it("filters by kind and by category, sub-categories included", async () => {
        expect((await catalog("kind=snack")).data.count).toBe(snackProducts.length)
        expect((await catalog("kind=art")).data.count).toBe(artProducts.length)
        expect((await catalog(`category_id=${categoryId("ladoos")}`)).data.count).toBe(
          PRODUCTS.filter((p) => p.category_handle === "ladoos").length
        )
        expect((await catalog(`category_id=${categoryId("snacks")}`)).data.count).toBe(snackProducts.length)
        expect((await catalog(`kind=art&category_id=${categoryId("ladoos")}`)).data.count).toBe(0)
      })

      it("keeps the owner's internal categories to the owner: not shown, searched or filtered by; public ones are", async () => {
        const category = async (name: string, is_internal: boolean) =>
          (await client.post("/admin/product-categories", { name, parent_category_id: categoryId("snacks"), is_active: true, is_internal }, admin))
            .data.product_category.id as string
        const staff = await category("Staff picks", true)
        const gifts = await category("Gift ideas", false)
        const ladoo = (await catalog("limit=100")).data.products.find((p: any) => p.handle === "almond-ladoo")
        await client.post(`/admin/product-categories/${staff}/products`, { add: [ladoo.id] }, admin)
        await client.post(`/admin/product-categories/${gifts}/products`, { add: [ladoo.id] }, admin)
        const searched = () =>
          client
            .post("/store/search", { entity: "product", filters: { q: "almond ladoo" }, pagination: { take: 10 } }, storeHeaders(shop.publishable_key))
            .then((res) => (res.data.results[0].hits.find((h: any) => h.document.handle === "almond-ladoo")?.document.category ?? []) as string[])
        // Once the index has the public one, it has seen both.
        const shown = await waitFor(searched, (c) => c.includes("Gift ideas"), { within: 10_000 })
        expect(shown).not.toContain("Staff picks")
        expect(ids(await catalog(`category_id=${gifts}`))).toContain(ladoo.id)
        expect((await catalog(`category_id=${staff}`)).data.count).toBe(0)
        const listed = (await catalog("limit=100")).data.products.find((p: any) => p.id === ladoo.id)
        const names = listed.categories.map((c: any) => c.name)
        expect(names).toEqual(expect.arrayContaining(["Gift ideas", "Ladoos"]))
        expect(names).not.toContain("Staff picks")
        expect(Object.keys(listed.categories[0]).sort()).toEqual(["handle", "id", "name"])
      })

      /** Snacks > Sweets > Festive sweets, with a published Kaju Katli (snack profile) in Festive sweets only. */
      async function kajuKatliInFestiveSweets() {
        const category = async (name: string, parent: string) =>
          (await client.post("/admin/product-categories", { name, parent_category_id: parent, is_active: true }, admin)).data.product_category
            .id as string
        const sweets = await category("Sweets", categoryId("snacks"))
        const festive = await category("Festive sweets", sweets)
        const { data } = await client.post(
          "/admin/products",
          {
            title: "Kaju Katli",
            handle: "kaju-katli",
            status: "published",
            categories: [{ id: festive }],
            sales_channels: [{ id: shop.sales_channel_id }],
            options: [{ title: "Pack size", values: ["250 g"] }],
            variants: [{ title: "250 g", options: { "Pack size": "250 g" }, prices: [{ currency_code: "inr", amount: 420 }] }],
            additional_data: { snack_profile: completeSnack },
          },
          admin
        )
        return { sweets, festive, kajuId: data.product.id as string }
      }

      it("follows a category moved with its sub-categories: their products are found under the new parent", async () => {
        const { sweets } = await kajuKatliInFestiveSweets()
        const handles = (res: any) => res.data.products.map((p: any) => p.handle) as string[]
        const under = (id: string) => () => catalog(`category_id=${id}&limit=100`)
        expect(handles(await waitFor(under(sweets), (res) => handles(res).includes("kaju-katli"), { within: 10_000 }))).toContain("kaju-katli")
        expect(handles(await catalog(`category_id=${categoryId("ladoos")}&limit=100`))).not.toContain("kaju-katli")

        // Sweets moves under Ladoos: Kaju Katli (two levels down) is a ladoo-shelf product now.
        await client.post(`/admin/product-categories/${sweets}`, { parent_category_id: categoryId("ladoos") }, admin)
        const moved = await waitFor(under(categoryId("ladoos")), (res) => handles(res).includes("kaju-katli"), { within: 10_000 })
        expect(handles(moved)).toContain("kaju-katli")
      })

      it("a category deleted: refused while a snack would be left outside Snacks; else deleted, and search follows", async () => {
        const { sweets, festive, kajuId } = await kajuKatliInFestiveSweets()
        const categoriesOf = async () => {
          const res = await client.post(
            "/store/search",
            { entity: "product", filters: { q: "kaju katli" }, pagination: { take: 10 } },
            storeHeaders(shop.publishable_key)
          )
          return (res.data.results[0].hits.find((h: any) => h.document.handle === "kaju-katli")?.document.category ?? []) as string[]
        }
        expect(await waitFor(categoriesOf, (c) => c.includes("Festive sweets"), { within: 10_000 })).toContain("Festive sweets")

        // Kaju Katli would be left in no Snacks category: refused, nothing deleted.
        const refused = await failing(client.delete(`/admin/product-categories/${festive}`, admin))
        expect([refused.status, refused.data.message]).toEqual([400, expect.stringContaining("Kaju Katli has a snack profile")])
        expect(await productCount("kaju-katli")).toBe(1)
        const live = await getContainer().resolve(Modules.PRODUCT).listProductCategories({ id: [sweets, festive] })
        expect(live).toHaveLength(2)

        // On the Ladoos shelf too, it may lose Festive sweets: deleted, and search follows.
        await client.post(`/admin/product-categories/${categoryId("ladoos")}/products`, { add: [kajuId] }, admin)
        expect((await client.delete(`/admin/product-categories/${festive}`, admin)).status).toBe(200)
        const after = await waitFor(categoriesOf, (c) => !c.includes("Festive sweets"), { within: 10_000 })
        expect(after).not.toContain("Festive sweets")
        expect(after).toContain("Ladoos")
        // And it is still an editable snack.
        expect((await client.post(`/admin/products/${kajuId}`, { subtitle: "Cashew fudge" }, admin)).status).toBe(200)
      })

      it("filters by dietary tags: all listed tags must be present", async () => {
        const expected = Object.entries(PROFILES)
          .filter(([, p]) => "snack_profile" in p && ["vegan", "jain"].every((t) => (p.snack_profile.dietary_tags ?? []).includes(t as never)))
          .map(([handle]) => handle)
          .sort()
        const res = await catalog("dietary=vegan,jain&limit=100")
        expect(res.data.products.map((p: any) => p.handle).sort()).toEqual(expected)
        for (const p of res.data.products) {
          expect(p.snack_profile.dietary_tags).toEqual(expect.arrayContaining(["vegan", "jain"]))
        }
      })

      it("filters allergen_free: declared profiles without those allergens; undeclared never counts", async () => {
        const container = getContainer()
        const [flax] = await container.resolve(Modules.PRODUCT).listProducts({ handle: "flaxseed-ladoo" })
        // An older record the rules would refuse today: allergens never declared.
        const snacks = container.resolve<SnackProfileModuleService>(SNACK_PROFILE_MODULE)
        const profile = await snacks.retrieveForProduct(flax.id)
        await snacks.updateSnackProfiles({ id: profile!.id, allergens: [], allergens_declared: false })

        // The index follows the profile's event a moment later.
        const res = await waitFor(
          () => catalog("allergen_free=peanuts,milk&limit=100"),
          (r) => !r.data.products.some((p: any) => p.handle === "flaxseed-ladoo"),
          { within: 10_000 }
        )
        const handles = res.data.products.map((p: any) => p.handle)
        expect(handles).not.toContain("flaxseed-ladoo")
        expect(res.data.count).toBeGreaterThan(0)
        for (const p of res.data.products) {
          expect(p.snack_profile.allergens_declared).toBe(true)
          expect(p.snack_profile.allergens).not.toEqual(expect.arrayContaining(["peanuts"]))
          expect(p.snack_profile.allergens).not.toContain("milk")
        }
        const expected = Object.entries(PROFILES)
          .filter(([handle, p]) => handle !== "flaxseed-ladoo" && "snack_profile" in p && !(p.snack_profile.allergens ?? []).some((a) => a === "peanuts" || a === "milk"))
          .map(([handle]) => handle)
        expect(handles.sort()).toEqual(expected.sort())
      })

      it("filters by medium and one_of_a_kind", async () => {
        const media = await catalog("medium=watercolour,ink&limit=100")
        expect(media.data.count).toBeGreaterThan(0)
        for (const p of media.data.products) {
          expect(["watercolour", "ink"]).toContain(p.art_profile.medium)
        }
        const originals = await catalog("one_of_a_kind=true&limit=100")
        expect(originals.data.products.map((p: any) => p.handle).sort()).toEqual(
          PRODUCTS.filter((p) => p.category_handle === "handmade-artworks").map((p) => p.handle).sort()
        )
      })

      it("searches with q as POST /store/search does: every title match, typos forgiven", async () => {
        const searched = async (q: string) => {
          const { data } = await client.post(
            "/store/search",
            { entity: "product", filters: { q }, pagination: { take: 100 } },
            storeHeaders(shop.publishable_key)
          )
          return data.results[0].hits.map((h: any) => h.document.handle).sort()
        }
        const titled = PRODUCTS.filter((p) => /ladoo/i.test(p.title)).map((p) => p.handle)
        for (const q of ["ladoo", "ladu"]) {
          const res = await catalog(`q=${q}&limit=100`)
          const handles = res.data.products.map((p: any) => p.handle).sort()
          expect([q, handles]).toEqual([q, await searched(q)])
          expect(handles).toEqual(expect.arrayContaining(titled))
          expect(res.data.count).toBe(handles.length)
        }
      })

      it("pages with a correct count over more than one page, in the asked order", async () => {
        const pages = []
        for (let offset = 0; offset < snackProducts.length; offset += 5) {
          const res = await catalog(`kind=snack&limit=5&offset=${offset}&order=title`)
          expect(res.data.count).toBe(snackProducts.length)
          expect(res.data).toMatchObject({ limit: 5, offset })
          pages.push(...res.data.products.map((p: any) => p.title))
        }
        expect(pages).toHaveLength(snackProducts.length)
        expect(new Set(pages).size).toBe(snackProducts.length)
        expect(pages).toEqual([...pages].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
      })

      it("leaves out drafts", async () => {
        const [product] = await getContainer().resolve(Modules.PRODUCT).listProducts({ handle: "lotus-pond" })
        await getContainer().resolve(Modules.PRODUCT).updateProducts(product.id, { status: "draft" })
        // Never listed, even before the index has the change; counted until it has it.
        expect(ids(await catalog("kind=art&limit=100&order=title"))).not.toContain(product.id)
        const res = await waitFor(
          () => catalog("kind=art&limit=100"),
          (r) => r.data.count === artProducts.length - 1,
          { within: 10_000 }
        )
        expect(ids(res)).not.toContain(product.id)
        expect(res.data.count).toBe(artProducts.length - 1)
      })

      it("shows a profile change once the index has it, with the cache on, and then serves it from the cache", async () => {
        const granola = "millet-granola-bar"
        const [product] = await getContainer().resolve(Modules.PRODUCT).listProducts({ handle: granola })
        const vegan = "dietary=vegan&limit=100"
        const handles = (res: any) => res.data.products.map((p: any) => p.handle)
        await catalog(vegan)
        const before = await catalog(vegan)
        expect(before.headers["x-cache"]).toBe("hit")
        expect(handles(before)).not.toContain(granola)

        await client.post(
          `/admin/products/${product.id}`,
          { additional_data: { snack_profile: { dietary_tags: ["vegetarian", "vegan"] } } },
          admin
        )
        // Read as a shopper would, from the moment the change is saved: an answer
        // stored before the index caught up would be served on every later read.
        const shown = await waitFor(() => catalog(vegan), (res) => handles(res).includes(granola), { within: 10_000 })
        expect(handles(shown)).toContain(granola)
        expect(shown.data.count).toBe(before.data.count + 1)

        // The index is written twice (Medusa's subscriber, then ours, which clears
        // the tag when its write is applied): a read between the two is stored and
        // then cleared. Once both are done, the answer is stored and served again.
        const again = await waitFor(() => catalog(vegan), (res) => res.headers["x-cache"] === "hit", { within: 10_000 })
        expect(again.headers["x-cache"]).toBe("hit")
        expect(handles(again)).toContain(granola)
        expect(again.data.products.find((p: any) => p.handle === granola).snack_profile.dietary_tags).toContain("vegan")
      })

      it("follows a sales channel's Add/Remove products: a product taken out leaves the catalogue and search, and comes back when added", async () => {
        const granola = "millet-granola-bar"
        const [product] = await getContainer().resolve(Modules.PRODUCT).listProducts({ handle: granola })
        const handles = (res: any) => res.data.products.map((p: any) => p.handle)
        const searched = async () => {
          const { data } = await client.post(
            "/store/search",
            { entity: "product", filters: { q: "granola" }, pagination: { take: 20 } },
            storeHeaders(shop.publishable_key)
          )
          return data.results[0].hits.map((h: any) => h.document.handle) as string[]
        }
        const channelProducts = `/admin/sales-channels/${shop.sales_channel_id}/products`
        expect(handles(await catalog("limit=100"))).toContain(granola)
        expect(await searched()).toContain(granola)

        await client.post(channelProducts, { remove: [product.id] }, admin)
        const gone = await waitFor(() => catalog("limit=100"), (res) => !handles(res).includes(granola), { within: 10_000 })
        expect(handles(gone)).not.toContain(granola)
        expect(await waitFor(searched, (h) => !h.includes(granola), { within: 10_000 })).not.toContain(granola)

        await client.post(channelProducts, { add: [product.id] }, admin)
        const back = await waitFor(() => catalog("limit=100"), (res) => handles(res).includes(granola), { within: 10_000 })
        expect(handles(back)).toContain(granola)
        expect(await waitFor(searched, (h) => h.includes(granola), { within: 10_000 })).toContain(granola)
      })

      /**
       * Almond Ladoo's price as search has it (min price, on sale) and as its
       * product page shows it, read twice as a storefront would (the second from the cache).
       */
      async function almondLadooPrice(variant: { id: string; product_id: string }) {
        const { data } = await client.post(
          "/store/search",
          { entity: "product", filters: { q: "almond ladoo" }, pagination: { take: 20 } },
          storeHeaders(shop.publishable_key)
        )
        const hit = data.results[0].hits.find((h: any) => h.document.handle === "almond-ladoo")
        const page = `/store/products/${variant.product_id}?region_id=${shop.region_id}&fields=*variants.calculated_price`
        await client.get(page, storeHeaders(shop.publishable_key))
        const { data: read } = await client.get(page, storeHeaders(shop.publishable_key))
        const shown = read.product.variants.find((v: any) => v.id === variant.id).calculated_price.calculated_amount as number
        return { min: hit?.document.min_price_inr as number, onSale: hit?.document.on_sale_inr as boolean, shown }
      }
      const same = (want: object) => (got: object) => JSON.stringify(got) === JSON.stringify(want)

      it("follows a sale price list: search shows the sale price while the list is active, and the old price once it is drafted or deleted", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
        const priced = () => almondLadooPrice(variant)
        const before = await priced()
        expect(before).toEqual({ min: before.shown, onSale: false, shown: before.shown })
        const sale = before.min - 50

        const { data } = await client.post(
          "/admin/price-lists",
          {
            title: "Diwali",
            description: "Festive prices",
            type: "sale",
            status: "active",
            prices: [{ variant_id: variant.id, currency_code: "inr", amount: sale }],
          },
          admin
        )
        const listId = data.price_list.id as string
        const reduced = { min: sale, onSale: true, shown: sale }
        expect(await waitFor(priced, same(reduced), { within: 10_000 })).toEqual(reduced)

        await client.post(`/admin/price-lists/${listId}`, { status: "draft" }, admin)
        expect(await waitFor(priced, same(before), { within: 10_000 })).toEqual(before)

        await client.post(`/admin/price-lists/${listId}`, { status: "active" }, admin)
        expect(await waitFor(priced, same(reduced), { within: 10_000 })).toEqual(reduced)

        await client.delete(`/admin/price-lists/${listId}`, admin)
        expect(await waitFor(priced, same(before), { within: 10_000 })).toEqual(before)
      })

      it("follows a sale's start date: the scheduled job shows the sale price once the date has passed", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
        const priced = () => almondLadooPrice(variant)
        const before = await priced()
        const sale = before.min - 50
        const { data } = await client.post(
          "/admin/price-lists",
          {
            title: "Diwali from tomorrow",
            description: "Festive prices",
            type: "sale",
            status: "active",
            starts_at: new Date(Date.now() + 24 * 3600_000).toISOString(),
            prices: [{ variant_id: variant.id, currency_code: "inr", amount: sale }],
          },
          admin
        )
        // Not started: the old price, cached again after the list's own events.
        expect(await priced()).toEqual(before)
        // The start date passes, as time would make it pass: the date is moved
        // through the pricing module, which emits no event for it (nor does a date passing).
        await getContainer()
          .resolve(Modules.PRICING)
          .updatePriceLists([{ id: data.price_list.id as string, starts_at: new Date(Date.now() - 60_000).toISOString() }])

        await followPriceListSchedules(getContainer())
        const reduced = { min: sale, onSale: true, shown: sale }
        expect(await waitFor(priced, same(reduced), { within: 10_000 })).toEqual(reduced)
      })

      it("orders as asked, by title or newest first, with the same products either way", async () => {
        const byTitle = await catalog("kind=snack&limit=100&order=title")
        const newest = await catalog("kind=snack&limit=100&order=-created_at")
        const titles = byTitle.data.products.map((p: any) => p.title)
        expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
        const dates = newest.data.products.map((p: any) => new Date(p.created_at).getTime())
        expect(dates).toEqual([...dates].sort((a, b) => b - a))
        expect(ids(newest).sort()).toEqual(ids(byTitle).sort())
      })

      it.each([
        ["kind=food", "kind"],
        ["dietary=paleo", "dietary"],
        ["allergen_free=shellfish", "allergen_free"],
        ["medium=crayon", "medium"],
        ["one_of_a_kind=yes", "one_of_a_kind"],
        ["limit=0", "limit"],
        ["order=price", "order"],
        ["category_id=ladoos", "category_id"],
        ["colour=red", "colour"],
      ])("answers ?%s with 400 naming %s", async (query, field) => {
        const res = await failing(catalog(query))
        expect(res.status).toBe(400)
        expect(JSON.stringify(res.data)).toContain(field)
      })

      it("needs a publishable key", async () => {
        const res = await failing(client.get("/store/catalog/products"))
        expect([res.status, res.data.message]).toEqual([400, expect.stringContaining("x-publishable-api-key")])
      })
    })
  },
})

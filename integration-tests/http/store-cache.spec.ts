/**
 * The Store API response cache over HTTP, on Medusa's Caching Module (in-memory
 * provider here): every change shows on the very next read, prices never leak
 * between customer groups, ETag / 304, and a crowd of misses runs the
 * underlying query once.
 */
import { gunzipSync } from "zlib"
import type { ICachingModuleService } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { shopTestRunner } from "../helpers/shop-runner"
import { PRODUCTS } from "../../src/scripts/demo-shop/catalog"
import type { SeedDemoShopResult } from "../../src/scripts/demo-shop/seed-demo-shop"
import { adminHeaders, failing } from "../helpers/admin-client"
import { readyCart } from "../helpers/checkout"
import { seedShop, storeHeaders, variantBySku, type TestApi } from "../helpers/store-client"
import { waitFor } from "../helpers/wait-for"
import { inventoryItemOf } from "../helpers/stock-census"

jest.setTimeout(240_000)

const PRICED = "fields=*variants.calculated_price,%2Bvariants.inventory_quantity"

type Reply = { status: number; data: any; headers: Record<string, string> }

shopTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const client = api as TestApi
    let shop: SeedDemoShopResult
    let admin: { headers: Record<string, string> }

    beforeAll(async () => {
      shop = await seedShop(getContainer())
      // /store/catalog/products reads the search index, filled from the seed's events a
      // moment later: wait for it before the runner snapshots the database.
      const indexed = await waitFor(
        async () => {
          const { data } = await client.post(
            "/store/search",
            { entity: "product", pagination: { take: 1 }, search_options: { count: "exact" } },
            storeHeaders(shop.publishable_key)
          )
          return data.results[0].metadata.count as number
        },
        (count) => count === PRODUCTS.length,
        { within: 30_000 }
      )
      expect(indexed).toBe(PRODUCTS.length)
    })

    beforeEach(async () => {
      // The runner restores the database before each test; the cache must forget too.
      const caching: ICachingModuleService = getContainer().resolve(Modules.CACHING)
      await caching.clear({ tags: ["*"] })
      admin = await adminHeaders(client)
    })

    async function read(path: string, headers: Record<string, string> = {}): Promise<Reply> {
      const res = await client
        .get(path, { headers: { ...storeHeaders(shop.publishable_key).headers, ...headers } })
        .catch((e: any) => {
          if (e?.response) {
            return e.response
          }
          throw e
        })
      return { status: res.status, data: res.data, headers: res.headers }
    }

    /** Reads twice: the second answer must come from the cache. */
    async function warm(path: string, headers: Record<string, string> = {}) {
      const first = await read(path, headers)
      expect(first.status).toBe(200)
      const second = await read(path, headers)
      expect(second.headers["x-cache"]).toBe("hit")
      return second
    }

    const listPath = () => `/store/products?limit=100&region_id=${shop.region_id}&${PRICED}`
    const variantIn = (data: any, variantId: string) =>
      data.products.flatMap((p: any) => p.variants).find((v: any) => v.id === variantId)

    describe("hits, headers and bypass", () => {
      it("answers a repeat read from the cache with the same body, an ETag and a CDN-friendly Cache-Control", async () => {
        const first = await read(listPath())
        expect(first.headers["x-cache"]).toBe("miss")
        const second = await read(listPath())
        expect(second.headers["x-cache"]).toBe("hit")
        expect(second.data).toEqual(first.data)
        expect(second.headers.etag).toBe(first.headers.etag)
        expect(second.headers.etag).toMatch(/^"[^"]+"$/)
        // Availability rides in this answer: a CDN keeps it one second at most.
        expect(second.headers["cache-control"]).toBe("public, max-age=0, s-maxage=1")

        const regions = await warm("/store/regions")
        expect(regions.headers["cache-control"]).toBe("public, max-age=0, s-maxage=1, stale-while-revalidate=5")
        expect(regions.data.regions.map((r: { id: string }) => r.id)).toContain(shop.region_id)
      })

      it("answers 304 with no body to a matching If-None-Match, and 200 to a stale one", async () => {
        const { headers } = await warm(listPath())
        const notModified = await read(listPath(), { "if-none-match": headers.etag })
        expect(notModified.status).toBe(304)
        expect(notModified.data === "" || notModified.data === undefined).toBe(true)
        const changed = await read(listPath(), { "if-none-match": '"something-else"' })
        expect(changed.status).toBe(200)
        expect(changed.data.products.length).toBeGreaterThan(0)
      })

      it("sends a cached answer gzip-encoded to a client that accepts gzip: the same JSON, its own ETag, either ETag a 304", async () => {
        await warm(listPath())
        /** The answer's bytes as they travel (no decoding by the client). */
        const raw = async (acceptEncoding: string, extra: Record<string, string> = {}) => {
          const res = await client.get(listPath(), {
            headers: { ...storeHeaders(shop.publishable_key).headers, "accept-encoding": acceptEncoding, ...extra },
            decompress: false,
            responseType: "arraybuffer",
            validateStatus: () => true,
          })
          return { status: res.status, headers: res.headers as Record<string, string>, body: Buffer.from(res.data as ArrayBuffer) }
        }
        const plain = await raw("identity")
        const gzipped = await raw("gzip, deflate")
        for (const reply of [plain, gzipped]) {
          expect(reply.status).toBe(200)
          expect(reply.headers["x-cache"]).toBe("hit")
          expect(reply.headers.vary).toContain("Accept-Encoding")
          expect(Number(reply.headers["content-length"])).toBe(reply.body.length)
        }
        expect(plain.headers["content-encoding"]).toBeUndefined()
        expect(gzipped.headers["content-encoding"]).toBe("gzip")
        expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true)
        expect(gzipped.body.length).toBeLessThan(plain.body.length / 4)
        expect(gzipped.headers.etag).not.toBe(plain.headers.etag)
        // A client that refuses gzip (q=0) gets the plain bytes.
        const refused = await raw("gzip;q=0, deflate")
        expect(refused.headers["content-encoding"]).toBeUndefined()
        expect(refused.body.equals(plain.body)).toBe(true)
        // Either representation's ETag says "not modified", whichever the client now asks for.
        expect((await raw("identity", { "if-none-match": gzipped.headers.etag })).status).toBe(304)
        expect((await raw("gzip", { "if-none-match": plain.headers.etag })).status).toBe(304)
      })

      it("adds its Vary fields to CORS's Origin, so a CDN keeps one copy per storefront origin", async () => {
        const origin = { origin: "http://localhost:8000" }
        const miss = await read(listPath(), origin)
        const hit = await read(listPath(), origin)
        expect(hit.headers["x-cache"]).toBe("hit")
        for (const reply of [miss, hit]) {
          expect(reply.headers["access-control-allow-origin"]).toBe("http://localhost:8000")
          const vary = reply.headers.vary.split(",").map((field: string) => field.trim().toLowerCase())
          expect(vary).toEqual(expect.arrayContaining(["origin", "x-publishable-api-key", "x-medusa-locale", "accept-encoding"]))
          // A priced answer (the anonymous one when public) must not reach a signed-in customer through a CDN.
          expect(vary).toEqual(expect.arrayContaining(["authorization", "cookie"]))
        }
        const categories = await read("/store/product-categories?limit=5")
        expect(categories.headers.vary.toLowerCase()).not.toContain("authorization")
      })

      it("bypasses the cache for an answer personal to a cart, and for other routes", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
        const cartId = await readyCart(client, { publishable_key: shop.publishable_key, region_id: shop.region_id }, [
          { variant_id: variant.id, quantity: 1 },
        ])
        const withCart = await read(`/store/products?cart_id=${cartId}&${PRICED}`)
        expect(withCart.status).toBe(200)
        expect(withCart.headers["x-cache"]).toBe("bypass")
        expect(withCart.headers["cache-control"]).toBe("private, no-store")
        const cart = await read(`/store/carts/${cartId}`)
        expect(cart.headers["x-cache"]).toBeUndefined()
      })

      it("does not store errors: a bad query is a 400 every time", async () => {
        for (let i = 0; i < 2; i++) {
          const bad = await read("/store/catalog/products?kind=vegetable")
          expect(bad.status).toBe(400)
          expect(bad.headers["x-cache"]).not.toBe("hit")
        }
      })
    })

    describe("every change shows on the next read", () => {
      it("a price changed in the admin", async () => {
        const { product, variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
        const before = await warm(listPath())
        const oldAmount = variantIn(before.data, variant.id).calculated_price.calculated_amount
        const { data: full } = await client.get(`/admin/products/${product.id}/variants/${variant.id}?fields=*prices`, admin)
        const inr = full.variant.prices.find((p: { currency_code: string }) => p.currency_code === "inr")
        await client.post(
          `/admin/products/${product.id}/variants/${variant.id}`,
          { prices: [{ id: inr.id, currency_code: "inr", amount: oldAmount + 111 }] },
          admin
        )
        const after = await read(listPath())
        expect(variantIn(after.data, variant.id).calculated_price.calculated_amount).toBe(oldAmount + 111)
        const detail = await read(`/store/products/${product.id}?region_id=${shop.region_id}&${PRICED}`)
        expect(variantIn({ products: [detail.data.product] }, variant.id).calculated_price.calculated_amount).toBe(oldAmount + 111)
      })

      it("a snack profile changed through the product route's additional_data", async () => {
        const { product } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
        const path = `/store/products/${product.id}?fields=id,*snack_profile`
        const catalogPath = "/store/catalog/products?kind=snack&limit=100"
        const before = await warm(path)
        await warm(catalogPath)
        const days = before.data.product.snack_profile.shelf_life_days + 7
        await client.post(`/admin/products/${product.id}`, { additional_data: { snack_profile: { shelf_life_days: days } } }, admin)
        expect((await read(path)).data.product.snack_profile.shelf_life_days).toBe(days)
        const catalog = await read(catalogPath)
        const entry = catalog.data.products.find((p: { id: string }) => p.id === product.id)
        expect(entry.snack_profile.shelf_life_days).toBe(days)
      })

      it("a stock level, and an order's reservation, while the answer itself stays cached", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
        const itemId = await inventoryItemOf(getContainer(), variant.id)
        await warm(listPath())
        await client.post(
          `/admin/inventory-items/${itemId}/location-levels/${shop.stock_location_id}`,
          { stocked_quantity: 42 },
          admin
        )
        const restocked = await read(listPath())
        expect(restocked.headers["x-cache"]).toBe("hit")
        expect(variantIn(restocked.data, variant.id).inventory_quantity).toBe(42)

        const cartId = await readyCart(client, { publishable_key: shop.publishable_key, region_id: shop.region_id }, [
          { variant_id: variant.id, quantity: 2 },
        ])
        const order = await client.post(`/store/carts/${cartId}/complete`, {}, storeHeaders(shop.publishable_key))
        expect(order.data.type).toBe("order")
        const sold = await read(listPath())
        expect(sold.headers["x-cache"]).toBe("hit")
        expect(variantIn(sold.data, variant.id).inventory_quantity).toBe(40)
        expect(sold.headers.etag).not.toBe(restocked.headers.etag)
      })

      it("a stock level Medusa sent no event for (written straight to the database) shows within about a second, every read a hit", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
        const itemId = await inventoryItemOf(getContainer(), variant.id)
        const before = variantIn((await warm(listPath())).data, variant.id).inventory_quantity as number
        const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        // Medusa reads the quantity from its raw_ column (a BigNumber): write both.
        const updated = await pg("inventory_level")
          .where({ inventory_item_id: itemId, location_id: shop.stock_location_id })
          .update({
            stocked_quantity: pg.raw("stocked_quantity + 7"),
            raw_stocked_quantity: pg.raw("jsonb_build_object('value', (stocked_quantity + 7)::text, 'precision', 20)"),
          })
        expect(updated).toBe(1)
        const updatedAt = Date.now()
        const states = new Set<string>()
        /** When each read that still showed the old figure was sent, in ms after the update. */
        const staleSentAt: number[] = []
        // No tag was cleared: only the availability figures' 1 s life brings the change.
        const seen = await waitFor(
          async () => {
            const sent = Date.now()
            const reply = await read(listPath())
            states.add(reply.headers["x-cache"])
            const quantity = variantIn(reply.data, variant.id).inventory_quantity as number
            if (quantity !== before + 7) {
              staleSentAt.push(sent - updatedAt)
            }
            return quantity
          },
          (quantity) => quantity === before + 7,
          { within: 3_000, every: 50 }
        )
        expect(seen).toBe(before + 7)
        expect([...states]).toEqual(["hit"])
        // About a second: no read sent after 1.5 s showed the old figure.
        expect(staleSentAt.filter((ms) => ms > 1500)).toEqual([])
      })

      it("with 30,000 other entries in the cache (a crawler's odd query strings), a page read first now is still cached, and a cached page answers fresh stock, every read a hit", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
        const itemId = await inventoryItemOf(getContainer(), variant.id)
        const before = variantIn((await warm(listPath())).data, variant.id).inventory_quantity as number
        const caching: ICachingModuleService = getContainer().resolve(Modules.CACHING)
        let written = 0
        try {
          for (; written < 30_000; written++) {
            await caching.set({ key: `crawler-${written}`, data: { n: written }, ttl: 600, tags: ["crawler"] })
          }
        } catch {
          // The provider refused (node-cache's key limit): the reads below must still be answered.
        }
        try {
          // A page nobody read before: stored, and the next read is a hit.
          const firstRead = `/store/products?limit=7&region_id=${shop.region_id}&${PRICED}`
          const fresh = [await read(firstRead), await read(firstRead)]
          expect(fresh.map((r) => `${r.status} ${r.headers["x-cache"]}`)).toEqual(["200 miss", "200 hit"])
          // A stock change the next read must recompute (and store) the availability for.
          const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
          await pg("inventory_level")
            .where({ inventory_item_id: itemId, location_id: shop.stock_location_id })
            .update({
              stocked_quantity: pg.raw("stocked_quantity + 3"),
              raw_stocked_quantity: pg.raw("jsonb_build_object('value', (stocked_quantity + 3)::text, 'precision', 20)"),
            })
          const replies: Reply[] = []
          const seen = await waitFor(
            async () => {
              const reply = await read(listPath())
              replies.push(reply)
              return reply.status === 200 ? (variantIn(reply.data, variant.id).inventory_quantity as number) : reply.status
            },
            (quantity) => quantity === before + 3,
            { within: 3_000, every: 50 }
          )
          expect(seen).toBe(before + 3)
          expect([...new Set(replies.map((r) => `${r.status} ${r.headers["x-cache"]}`))]).toEqual(["200 hit"])
          expect(written).toBe(30_000)
        } finally {
          await caching.clear({ tags: ["crawler"] })
        }
      })

      it("a category renamed, and a product moved into another category", async () => {
        const { product } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
        const { data: cats } = await client.get("/admin/product-categories?handle=chocolates", admin)
        const chocolates = cats.product_categories[0]
        const categoriesPath = "/store/product-categories?limit=100"
        const inChocolates = `/store/products?category_id=${chocolates.id}&limit=100&fields=id`
        await warm(categoriesPath)
        await warm(`/store/product-categories/${chocolates.id}`)
        const beforeMove = await warm(inChocolates)
        expect(beforeMove.data.products.map((p: { id: string }) => p.id)).not.toContain(product.id)

        // Medusa emits no event for this batch link: the cache is cleared after the write.
        await client.post(`/admin/product-categories/${chocolates.id}/products`, { add: [product.id] }, admin)
        const afterMove = await read(inChocolates)
        expect(afterMove.data.products.map((p: { id: string }) => p.id)).toContain(product.id)

        await client.post(`/admin/product-categories/${chocolates.id}`, { name: "Chocolates & bars" }, admin)
        const renamed = await read(categoriesPath)
        expect(renamed.data.product_categories.find((c: { id: string }) => c.id === chocolates.id).name).toBe("Chocolates & bars")
        expect((await read(`/store/product-categories/${chocolates.id}`)).data.product_category.name).toBe("Chocolates & bars")
      })

      it("a product unpublished, then published again", async () => {
        const { product } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
        const listed = "/store/products?limit=100&fields=id"
        await warm(listed)
        await warm(`/store/products/${product.id}?fields=id,title`)
        await client.post(`/admin/products/${product.id}`, { status: "draft" }, admin)
        expect((await read(listed)).data.products.map((p: { id: string }) => p.id)).not.toContain(product.id)
        expect((await read(`/store/products/${product.id}?fields=id,title`)).status).toBe(404)
        await client.post(`/admin/products/${product.id}`, { status: "published" }, admin)
        expect((await read(listed)).data.products.map((p: { id: string }) => p.id)).toContain(product.id)
        expect((await read(`/store/products/${product.id}?fields=id,title`)).status).toBe(200)
      })
    })

    describe("customer group prices", () => {
      async function customerToken(email: string): Promise<{ token: string; id: string }> {
        const password = "a-long-password-1"
        const { data: reg } = await client.post("/auth/customer/emailpass/register", { email, password })
        const { data } = await client.post(
          "/store/customers",
          { email, first_name: "Group", last_name: "Shopper" },
          { headers: { ...storeHeaders(shop.publishable_key).headers, authorization: `Bearer ${reg.token}` } }
        )
        const { data: login } = await client.post("/auth/customer/emailpass", { email, password })
        return { token: login.token, id: data.customer.id }
      }

      it("a sale price list activated, read with a cart (which bypasses the cache) as well as without", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
        const cartId = await readyCart(client, { publishable_key: shop.publishable_key, region_id: shop.region_id }, [
          { variant_id: variant.id, quantity: 1 },
        ])
        const { data: list } = await client.post(
          "/admin/price-lists",
          {
            title: "Diwali sale",
            description: "Sweets for the festival",
            type: "sale",
            status: "draft",
            prices: [{ variant_id: variant.id, currency_code: "inr", amount: 9 }],
          },
          admin
        )
        const withCart = `/store/products?limit=100&cart_id=${cartId}&${PRICED}`
        const price = async (path: string) => variantIn((await read(path)).data, variant.id).calculated_price.calculated_amount
        // Read twice each way while the list is a draft.
        for (let i = 0; i < 2; i++) {
          expect(await price(withCart)).not.toBe(9)
          expect(await price(listPath())).not.toBe(9)
        }
        await client.post(`/admin/price-lists/${list.price_list.id}`, { status: "active" }, admin)
        expect(await price(withCart)).toBe(9)
        expect(await price(listPath())).toBe(9)
      })

      it("a group's price-list price is seen by its members only, whoever reads first", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
        const wholesale = await customerToken("wholesale@example.in")
        const retail = await customerToken("retail@example.in")
        const { data: group } = await client.post("/admin/customer-groups", { name: "Wholesale" }, admin)
        await client.post(`/admin/customer-groups/${group.customer_group.id}/customers`, { add: [wholesale.id] }, admin)
        const { data: other } = await client.post("/admin/customer-groups", { name: "Friends" }, admin)
        await client.post(`/admin/customer-groups/${other.customer_group.id}/customers`, { add: [retail.id] }, admin)

        // Cached before the price list exists: the list must clear it.
        const anonymousBefore = await warm(listPath())
        const base = variantIn(anonymousBefore.data, variant.id).calculated_price.calculated_amount
        await client.post(
          "/admin/price-lists",
          {
            title: "Wholesale",
            description: "Trade prices",
            type: "override",
            status: "active",
            rules: { "customer.groups.id": [group.customer_group.id] },
            prices: [{ variant_id: variant.id, currency_code: "inr", amount: 7 }],
          },
          admin
        )

        const as = (token: string) => ({ authorization: `Bearer ${token}` })
        // The group member reads first, then everyone else, twice each.
        for (let round = 0; round < 2; round++) {
          const member = await read(listPath(), as(wholesale.token))
          expect(variantIn(member.data, variant.id).calculated_price.calculated_amount).toBe(7)
          expect(member.headers["cache-control"]).toBe("private, no-store")
          const outsider = await read(listPath(), as(retail.token))
          expect(variantIn(outsider.data, variant.id).calculated_price.calculated_amount).toBe(base)
          const anonymous = await read(listPath())
          expect(variantIn(anonymous.data, variant.id).calculated_price.calculated_amount).toBe(base)
          if (round === 1) {
            expect(member.headers["x-cache"]).toBe("hit")
            expect(anonymous.headers["x-cache"]).toBe("hit")
          }
        }
      })
    })

    describe("stampede", () => {
      it("50 concurrent misses of one key run the product query once and all get the same answer", async () => {
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const graph = jest.spyOn(query, "graph")
        try {
          const path = `/store/products?limit=13&region_id=${shop.region_id}&${PRICED}`
          const replies = await Promise.all(Array.from({ length: 50 }, () => read(path)))
          const productQueries = graph.mock.calls.filter(([config]) => config.entity === "product")
          expect(productQueries).toHaveLength(1)
          expect(replies.every((r) => r.status === 200)).toBe(true)
          const states = replies.map((r) => r.headers["x-cache"])
          expect(states.filter((s) => s === "miss")).toHaveLength(1)
          expect(states.filter((s) => s === "hit")).toHaveLength(49)
          expect(new Set(replies.map((r) => JSON.stringify(r.data))).size).toBe(1)
        } finally {
          graph.mockRestore()
        }
      })
    })

    it("never answers a cached path without a publishable key; a malformed If-None-Match is just no match", async () => {
      await warm("/store/regions")
      const reply = await read("/store/regions", { "if-none-match": "garbage" })
      expect(reply.status).toBe(200)
      expect((await failing(client.get("/store/regions"))).status).toBe(400)
    })
  },
})

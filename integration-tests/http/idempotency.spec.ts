import { CART_LOCK_WAIT_SECONDS } from "../helpers/short-cart-lock-wait"
import { randomUUID } from "crypto"
import { Modules } from "@medusajs/framework/utils"
import { shopTestRunner } from "../helpers/shop-runner"
import { createApiKeysWorkflow, linkSalesChannelsToApiKeyWorkflow } from "@medusajs/medusa/core-flows"
import purgeIdempotencyKeys from "../../src/jobs/purge-idempotency-keys"
import type { SeedDemoShopResult } from "../../src/scripts/demo-shop/seed-demo-shop"
import { checkoutGate } from "../../src/lib/checkout-hold/checkout-gate"
import { adminHeaders } from "../helpers/admin-client"
import { outcome, readyCart } from "../helpers/checkout"
import { inventoryItemOf, pgOf, stockCensus } from "../helpers/stock-census"
import { seedShop, variantBySku, type TestApi } from "../helpers/store-client"

jest.setTimeout(180_000)

shopTestRunner({
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

    describe("Medusa's cart lock without Redis (the shop's PostgreSQL locking provider)", () => {
      // completeCartWorkflow's cart lock is taken with no owner: two webhook
      // deliveries completing one cart at the same moment must not both get it.
      it("gives a free key to exactly one of three unowned acquires at once, in each of 20 trials", async () => {
        const locking = getContainer().resolve(Modules.LOCKING)
        const holders: number[] = []
        for (let trial = 0; trial < 20; trial++) {
          const key = `cart-lock-race-${trial}-${randomUUID()}`
          const tries = await Promise.allSettled([1, 2, 3].map(() => locking.acquire(key, { expire: 60 })))
          holders.push(tries.filter((t) => t.status === "fulfilled").length)
          expect(await locking.release(key, {})).toBe(true)
          // Released, it is free again.
          await locking.acquire(key, { expire: 60 })
          await locking.release(key, {})
        }
        expect(holders).toEqual(Array.from({ length: 20 }, () => 1))
      })

      // A lock whose holder died (a server killed mid-completion) has expired: it
      // must not refuse everyone forever, and taking it over is exclusive too.
      const expireNow = (key: string) =>
        pgOf(getContainer()).raw("update locking set expiration = now() - interval '1 second' where id = ?", [key])

      it("lets exactly one of three racing acquires take over an expired unowned lock, in each of 10 trials", async () => {
        const locking = getContainer().resolve(Modules.LOCKING)
        const holders: number[] = []
        for (let trial = 0; trial < 10; trial++) {
          const key = `cart-lock-expired-${trial}-${randomUUID()}`
          await locking.acquire(key, { expire: 60 })
          // Live, it refuses.
          await expect(locking.acquire(key, { expire: 60 })).rejects.toThrow()
          await expireNow(key)
          const tries = await Promise.allSettled([1, 2, 3].map(() => locking.acquire(key, { expire: 60 })))
          holders.push(tries.filter((t) => t.status === "fulfilled").length)
          // The new holder's lease is live again.
          await expect(locking.acquire(key, { expire: 60 })).rejects.toThrow()
          await locking.release(key, {})
        }
        expect(holders).toEqual(Array.from({ length: 10 }, () => 1))
      })

      it("keeps an owned lock its owner's until it expires, then lets another owner take it", async () => {
        const locking = getContainer().resolve(Modules.LOCKING)
        const key = `owned-lock-${randomUUID()}`
        await locking.acquire(key, { ownerId: "owner-a", expire: 60 })
        await expect(locking.acquire(key, { ownerId: "owner-b", expire: 60 })).rejects.toThrow()
        await expect(locking.acquire(key, {})).rejects.toThrow()
        // Its owner refreshes it.
        await locking.acquire(key, { ownerId: "owner-a", expire: 60 })
        await expireNow(key)
        await locking.acquire(key, { ownerId: "owner-b", expire: 60 })
        await expect(locking.acquire(key, { ownerId: "owner-a", expire: 60 })).rejects.toThrow()
        expect(await locking.release(key, { ownerId: "owner-a" })).toBe(false)
        expect(await locking.release(key, { ownerId: "owner-b" })).toBe(true)
      })

      it("completes a cart whose cart lock was left behind, expired, by a completion that died", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
        const cart = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 1 }])
        const pg = pgOf(getContainer())
        await pg.raw("insert into locking (id, owner_id, expiration) values (?, null, now() - interval '1 second')", [cart])
        const done = await outcome(client.post(`/store/carts/${cart}/complete`, {}, headers()))
        expect(done.status).toBe(200)
        expect(done.data.type).toBe("order")
        const orders = await pg.raw("select count(*)::int as n from order_cart where cart_id = ? and deleted_at is null", [cart])
        expect(orders.rows[0].n).toBe(1)
        // Released with the completion.
        const left = await pg.raw("select count(*)::int as n from locking where id = ?", [cart])
        expect(left.rows[0].n).toBe(0)
      })
      it("answers Medusa's own cart routes with a 409, not a 500, while a completion holds the cart's lock", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
        const cart = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 1 }])
        const pg = pgOf(getContainer())
        await pg.raw("insert into locking (id, owner_id, expiration) values (?, null, now() + interval '120 seconds')", [cart])
        try {
          const res = await outcome(client.post(`/store/carts/${cart}/line-items`, { variant_id: variant.id, quantity: 1 }, headers()))
          expect([res.status, res.data.type]).toEqual([409, "conflict"])
          const { data } = await client.get(`/store/carts/${cart}?fields=items.quantity`, headers())
          expect(data.cart.items.map((i: { quantity: number }) => i.quantity)).toEqual([1])
        } finally {
          await pg.raw("delete from locking where id = ?", [cart])
        }
      })

      it("answers 409 checkout_in_progress with Retry-After, not 500, when the cart stays locked by another completion for the whole wait", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
        const cart = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 1 }])
        const pg = pgOf(getContainer())
        // Another completion of this cart holds its lock (on another server, or one that died: until its TTL).
        await pg.raw("insert into locking (id, owner_id, expiration) values (?, null, now() + interval '120 seconds')", [cart])
        const asked = Date.now()
        const res = await client.post(`/store/carts/${cart}/complete`, {}, headers()).catch((e) => e.response)
        expect([res.status, res.data.type, res.headers["retry-after"], res.data.retry_after]).toEqual([409, "checkout_in_progress", "5", 5])
        // It waited its whole bound (CHECKOUT_CART_LOCK_WAIT_SECONDS, not the default 30 s) for the other completion.
        const waited = Date.now() - asked
        expect(waited).toBeGreaterThanOrEqual(CART_LOCK_WAIT_SECONDS * 1000)
        expect(waited).toBeLessThan(30_000)
        expect(res.data.message).toContain("is being completed by another request")
        const orders = await pg.raw("select count(*)::int as n from order_cart where cart_id = ? and deleted_at is null", [cart])
        expect(orders.rows[0].n).toBe(0)
        // The other completion's lock is left alone.
        const lock = await pg.raw("select count(*)::int as n from locking where id = ? and expiration > now()", [cart])
        expect(lock.rows[0].n).toBe(1)
        await pg.raw("delete from locking where id = ?", [cart])
      })
    })

    describe("Medusa's own locked steps without Redis (the shop's PostgreSQL locking provider)", () => {
      // Medusa's advisory-lock execute keeps a pool connection from its first
      // wait to its job's end, and the job needs connections of its own: as many
      // executes at once as the pool has connections used to take them all, and
      // every request of the server failed after knex's 60 s wait.
      it("creates 30 Admin reservations of one item and one each of 30 other items, all sent at once: every one created", async () => {
        const inventory = getContainer().resolve(Modules.INVENTORY)
        const run = randomUUID().slice(0, 8)
        const items = await inventory.createInventoryItems(
          Array.from({ length: 31 }, (_, i) => ({ sku: `LOCK-BURST-${run}-${i}`, title: `Lock burst ${i}` }))
        )
        await inventory.createInventoryLevels(
          items.map((item) => ({ inventory_item_id: item.id, location_id: shop.stock_location_id, stocked_quantity: 100 }))
        )
        const [hot, ...others] = items
        // Without the bound, every request waits for a connection (knex gives up after 60 s).
        const admin = { ...(await adminHeaders(client)), timeout: 30_000 }
        const reserve = (inventoryItemId: string) =>
          outcome(
            client.post(
              "/admin/reservations",
              { inventory_item_id: inventoryItemId, location_id: shop.stock_location_id, quantity: 1 },
              admin
            )
          )
        const answers = await Promise.all([
          ...Array.from({ length: 30 }, () => reserve(hot.id)),
          ...others.map((item) => reserve(item.id)),
        ])
        expect(answers.filter((a) => a.status !== 200).map((a) => [a.status, a.data?.message])).toEqual([])
        const rows = await pgOf(getContainer()).raw(
          `select inventory_item_id, count(*)::int as n from reservation_item
            where inventory_item_id = any(?) and deleted_at is null group by inventory_item_id`,
          [items.map((i) => i.id)]
        )
        const counted = new Map(rows.rows.map((r: { inventory_item_id: string; n: number }) => [r.inventory_item_id, r.n]))
        expect(counted.get(hot.id)).toBe(30)
        expect(others.map((item) => counted.get(item.id))).toEqual(others.map(() => 1))
      })
    })

    describe("Idempotency-Key", () => {
      it("replays a completed order for its key at once, even while the checkout gate is full", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
        const cart = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 1 }])
        const key = `complete-${randomUUID()}`
        const first = await client.post(`/store/carts/${cart}/complete`, {}, headers(key))
        expect(first.data.type).toBe("order")
        // A rush: every place at this server's gate is taken.
        const places = await Promise.all(Array.from({ length: checkoutGate.limit }, () => checkoutGate.enter(1000)))
        try {
          expect(places.every((p) => typeof p === "function")).toBe(true)
          // The phone that lost its signal retries: it gets its order, not a place in the queue.
          const again = await outcome(client.post(`/store/carts/${cart}/complete`, {}, { ...headers(key), timeout: 5000 }))
          expect([again.status, again.data.type, again.data.order?.id]).toEqual([200, "order", first.data.order.id])
        } finally {
          for (const leave of places) {
            if (typeof leave === "function") {
              leave()
            }
          }
        }
      })

      it("runs POST /store/carts once per key and replays the stored answer", async () => {
        const before = await cartCount()
        const first = await outcome(client.post("/store/carts", { region_id: shop.region_id }, headers("cart-key-0001-retry")))
        const again = await client.post("/store/carts", { region_id: shop.region_id }, headers("cart-key-0001-retry"))
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
        await client.post("/store/carts", { region_id: shop.region_id }, headers("cart-key-0002-retry"))
        const before = await cartCount()
        const otherBody = await outcome(
          client.post("/store/carts", { region_id: shop.region_id, email: "x@example.in" }, headers("cart-key-0002-retry"))
        )
        expect(otherBody.status).toBe(422)
        expect(otherBody.data.type).toBe("idempotency_key_mismatch")
        const { data } = await client.post("/store/carts", { region_id: shop.region_id }, headers())
        const otherRoute = await outcome(client.post(`/store/carts/${data.cart.id}/hold`, {}, headers("cart-key-0002-retry")))
        expect([otherRoute.status, otherRoute.data.type]).toEqual([422, "idempotency_key_mismatch"])
        expect(await cartCount()).toBe(before + 1)
      })

      it("answers 422 for the same key with other query parameters (the answer's fields), and replays the same ones", async () => {
        const first = await client.post("/store/carts?fields=id", { region_id: shop.region_id }, headers("cart-key-0003-fields"))
        expect(Object.keys(first.data.cart)).toEqual(["id"])
        const before = await cartCount()
        const otherFields = await outcome(
          client.post("/store/carts?fields=id,region_id", { region_id: shop.region_id }, headers("cart-key-0003-fields"))
        )
        expect([otherFields.status, otherFields.data.type]).toEqual([422, "idempotency_key_mismatch"])
        const again = await client.post("/store/carts?fields=id", { region_id: shop.region_id }, headers("cart-key-0003-fields"))
        expect(again.headers["idempotent-replayed"]).toBe("true")
        expect(again.data).toEqual(first.data)
        expect(await cartCount()).toBe(before)
      })

      it("5 concurrent completions with one key: one order, five identical answers", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
        const cart = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 2 }])
        const answers = await Promise.all(
          Array.from({ length: 5 }, () => outcome(client.post(`/store/carts/${cart}/complete`, {}, headers("complete-key-0001-retry"))))
        )
        expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200])
        expect(answers.every((a) => a.data.type === "order")).toBe(true)
        for (const a of answers) {
          expect(a.data).toEqual(answers[0].data)
        }
        const census = await stockCensus(
          pgOf(getContainer()),
          variant.id,
          await inventoryItemOf(getContainer(), variant.id)
        )
        expect(census).toMatchObject({ orders: 1, reservation_rows: 1, reserved_units: 2 })

        const otherCart = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 1 }])
        const reused = await outcome(client.post(`/store/carts/${otherCart}/complete`, {}, headers("complete-key-0001-retry")))
        expect(reused.status).toBe(422)
        expect(reused.data.type).toBe("idempotency_key_mismatch")
        // Nothing of the first request is told: guests of one storefront share a key's scope.
        expect(reused.data.message).not.toContain(cart)
        expect(reused.data.message).not.toContain("/store/carts")
      })

      it("forgets a key after its lifetime: the same request runs anew", async () => {
        const first = await client.post("/store/carts", { region_id: shop.region_id }, headers("cart-key-0003-retry"))
        await pgOf(getContainer()).raw(
          "update idempotency_key set expires_at = now() - interval '1 second' where key = ?",
          ["cart-key-0003-retry"]
        )
        const again = await client.post("/store/carts", { region_id: shop.region_id }, headers("cart-key-0003-retry"))
        expect(again.data.cart.id).not.toBe(first.data.cart.id)
        expect(again.headers["idempotent-replayed"]).toBeUndefined()
        const replay = await client.post("/store/carts", { region_id: shop.region_id }, headers("cart-key-0003-retry"))
        expect(replay.data.cart.id).toBe(again.data.cart.id)

        // The hourly job removes keys past their lifetime and keeps the others.
        await client.post("/store/carts", { region_id: shop.region_id }, headers("cart-key-0004-retry"))
        await pgOf(getContainer()).raw(
          "update idempotency_key set expires_at = now() - interval '1 second' where key = ?",
          ["cart-key-0004-retry"]
        )
        await purgeIdempotencyKeys(getContainer())
        const left = await pgOf(getContainer()).raw(
          "select key from idempotency_key where key in ('cart-key-0003-retry', 'cart-key-0004-retry') order by key"
        )
        expect(left.rows).toEqual([{ key: "cart-key-0003-retry" }])
      })

      it("scopes keys to the publishable key", async () => {
        const container = getContainer()
        const { result } = await createApiKeysWorkflow(container).run({
          input: { api_keys: [{ title: "Kiosk", type: "publishable", created_by: "" }] },
        })
        await linkSalesChannelsToApiKeyWorkflow(container).run({
          input: { id: result[0].id, add: [shop.sales_channel_id] },
        })
        const web = await client.post("/store/carts", { region_id: shop.region_id }, headers("shared-key-0001-retry"))
        const kiosk = await client.post("/store/carts", { region_id: shop.region_id }, headers("shared-key-0001-retry", result[0].token))
        expect(kiosk.data.cart.id).not.toBe(web.data.cart.id)
      })

      it("refuses a malformed key with 400 and changes nothing", async () => {
        const before = await cartCount()
        const res = await outcome(client.post("/store/carts", { region_id: shop.region_id }, headers("has spaces in it")))
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("Idempotency-Key")
        expect(await cartCount()).toBe(before)
      })

      it("refuses a key shorter than 16 characters (guessable) with 400 and changes nothing; a UUID works", async () => {
        const before = await cartCount()
        const short = await outcome(client.post("/store/carts", { region_id: shop.region_id }, headers("fifteen-chars-k")))
        expect(short.status).toBe(400)
        expect(short.data.message).toContain("16 to 255")
        expect(await cartCount()).toBe(before)
        const uuid = await outcome(client.post("/store/carts", { region_id: shop.region_id }, headers(randomUUID())))
        expect(uuid.status).toBe(200)
        expect(await cartCount()).toBe(before + 1)
      })

      it("a request aborted by its client after 25 ms and retried with the same key yields one cart and one replayed answer", async () => {
        const key = randomUUID()
        const before = await cartCount()
        const abort = new AbortController()
        const first = client.post("/store/carts", { region_id: shop.region_id }, { ...headers(key), signal: abort.signal })
        await new Promise((r) => setTimeout(r, 25))
        abort.abort()
        await expect(first).rejects.toThrow()

        // The phone reconnects and retries at once: it waits for the first run and gets its answer.
        const retry = await client.post("/store/carts", { region_id: shop.region_id }, headers(key))
        expect(retry.status).toBe(200)
        expect(retry.headers["idempotent-replayed"]).toBe("true")
        expect(await cartCount()).toBe(before + 1)
        const { rows } = await pgOf(getContainer()).raw(
          "select id from cart where id = ? and deleted_at is null",
          [retry.data.cart.id]
        )
        expect(rows).toHaveLength(1)
        const again = await client.post("/store/carts", { region_id: shop.region_id }, headers(key))
        expect(again.data).toEqual(retry.data)
        expect(await cartCount()).toBe(before + 1)
      })

      it("does not keep a 409 insufficient_inventory: once the stock is back, the same key completes the cart", async () => {
        // Besan Ladoo has 3 in stock: another cart holds 2, so this cart's 2 do not fit.
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-BES-250G")
        const mine = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 2 }])
        const other = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 2 }])
        expect((await outcome(client.post(`/store/carts/${other}/hold`, {}, headers()))).status).toBe(200)

        const key = randomUUID()
        const refused = await outcome(client.post(`/store/carts/${mine}/complete`, {}, headers(key)))
        expect(refused.status).toBe(409)
        expect(refused.data.type).toBe("insufficient_inventory")
        const { rows: kept } = await pgOf(getContainer()).raw("select id from idempotency_key where key = ?", [key])
        expect(kept).toEqual([])

        expect((await outcome(client.delete(`/store/carts/${other}/hold`, headers()))).status).toBe(200)
        const retry = await outcome(client.post(`/store/carts/${mine}/complete`, {}, headers(key)))
        expect(retry.status).toBe(200)
        expect(retry.data.type).toBe("order")
        const replay = await client.post(`/store/carts/${mine}/complete`, {}, headers(key))
        expect(replay.headers["idempotent-replayed"]).toBe("true")
        expect(replay.data).toEqual(retry.data)
      })
    })
  },
})

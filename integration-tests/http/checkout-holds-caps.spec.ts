import diagnosticsChannel from "diagnostics_channel"
import { Modules } from "@medusajs/framework/utils"
import { shopTestRunner } from "../helpers/shop-runner"
import expireCheckoutHolds from "../../src/jobs/expire-checkout-holds"
import { HOLD_CHECK_CHANNEL, type HoldCheckRun } from "../../src/lib/checkout-hold/hold-check-trace"
import { acquireStockLock, releaseStockLock, stockLockKeys } from "../../src/lib/checkout-hold/stock-lock"
import { SOLD_OUT_MEMO_MS } from "../../src/lib/checkout-hold/sold-out-memo"
import type { SeedDemoShopResult } from "../../src/scripts/demo-shop/seed-demo-shop"
import { adminHeaders, failing } from "../helpers/admin-client"
import { inBatches, outcome, readyCart } from "../helpers/checkout"
import { inventoryItemOf, pgOf, refuseHoldConversion, stockCensus } from "../helpers/stock-census"
import { seedShop, storeHeaders, variantBySku, type TestApi } from "../helpers/store-client"
import { waitFor } from "../helpers/wait-for"

jest.setTimeout(240_000)

// Read by medusa-config when the runner boots the app: every cap at its default,
// except 3 carts per guest IP (instead of 10) so that the per-client cap needs 4 carts.
const previousCap = process.env.HOLD_MAX_CARTS_PER_GUEST_IP
process.env.HOLD_MAX_CARTS_PER_GUEST_IP = "3"
afterAll(() => {
  process.env.HOLD_MAX_CARTS_PER_GUEST_IP = previousCap
})

const MINUTE = 60_000

shopTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const client = api as TestApi
    let shop: SeedDemoShopResult

    beforeAll(async () => {
      shop = await seedShop(getContainer())
    })

    /** A request from the given client address (the test server trusts one proxy). */
    const from = (ip: string) => ({
      headers: { ...storeHeaders(shop.publishable_key).headers, "x-forwarded-for": ip },
    })
    const hold = (cartId: string, ip = "198.51.100.1") => outcome(client.post(`/store/carts/${cartId}/hold`, {}, from(ip)))
    const complete = (cartId: string) => outcome(client.post(`/store/carts/${cartId}/complete`, {}, from("198.51.100.1")))
    /** A cart with `quantity` of the SKU, its hold taken (200), and the variant's inventory item. */
    const heldCart = async (sku: string, quantity: number) => {
      const { variant } = await variantBySku(client, shop.publishable_key, sku)
      const itemId = await inventoryItemOf(getContainer(), variant.id)
      const cart = await readyCart(client, shop, [{ variant_id: variant.id, quantity }])
      expect((await hold(cart)).status).toBe(200)
      return { variant, itemId, cart }
    }

    /** Every hold row of a cart, as stored (a refused request must leave them as they were). */
    const rowsOf = async (cartId: string) =>
      (
        await pgOf(getContainer()).raw(
          "select id, status, quantity, expires_at, held_since from checkout_hold where cart_id = ? and deleted_at is null order by id",
          [cartId]
        )
      ).rows
    const backdate = (cartId: string, minutes: number) =>
      pgOf(getContainer()).raw("update checkout_hold set held_since = now() - (? * interval '1 minute') where cart_id = ?", [
        minutes,
        cartId,
      ])

    it("cart share: with 6 left one cart may hold 3, not 4; the refusal writes nothing", async () => {
      const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
      const greedy = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 4 }])
      const refused = await hold(greedy)
      expect(refused.status).toBe(409)
      expect(refused.data).toEqual({
        type: "hold_cap_reached",
        code: "cart_share",
        message: "Only 6 left of Almond Ladoo 250 g: one cart may hold at most 3 of them; you asked for 4",
      })
      expect(await rowsOf(greedy)).toEqual([])

      const fair = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 3 }])
      expect((await hold(fair)).status).toBe(200)
      // 3 left for the next cart: with 3 or fewer it may hold what it asks for.
      const next = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 3 }])
      expect((await hold(next, "198.51.100.2")).status).toBe(200)
    })

    it("per client: a guest address holds in at most 3 carts at once; the 4th is told until when; another address is not", async () => {
      const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-500G")
      const carts: string[] = []
      for (let i = 0; i < 4; i++) {
        carts.push(await readyCart(client, shop, [{ variant_id: variant.id, quantity: 1 }]))
      }
      const taken = []
      for (const cart of carts.slice(0, 3)) {
        taken.push(await hold(cart, "203.0.113.9"))
      }
      expect(taken.map((t) => t.status)).toEqual([200, 200, 200])

      const refused = await hold(carts[3], "203.0.113.9")
      expect(refused.status).toBe(409)
      expect(refused.data).toMatchObject({ type: "hold_cap_reached", code: "carts_per_guest_ip" })
      expect(refused.data.message).toContain("at most 3 carts at once")
      expect(refused.data.until).toBe(new Date(taken[0].data.hold.expires_at).toISOString())
      expect(await rowsOf(carts[3])).toEqual([])

      // A cart that already holds may refresh; another shopper's address may hold.
      expect((await hold(carts[0], "203.0.113.9")).status).toBe(200)
      expect((await hold(carts[3], "203.0.113.10")).status).toBe(200)
      // Releasing one frees a place for the first address.
      await client.delete(`/store/carts/${carts[1]}/hold`, from("203.0.113.9"))
      const other = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 1 }])
      expect((await hold(other, "203.0.113.9")).status).toBe(200)
    })

    it("per client: a cart whose holds follow a change of its lines still counts for its address", async () => {
      const first = (await variantBySku(client, shop.publishable_key, "DRY-TRL-200G")).variant.id
      const swapped = (await variantBySku(client, shop.publishable_key, "BAR-PBP-SINGLEBAR")).variant.id
      const carts: string[] = []
      for (let i = 0; i < 4; i++) {
        carts.push(await readyCart(client, shop, [{ variant_id: first, quantity: 1 }]))
      }
      for (const cart of carts.slice(0, 3)) {
        expect((await hold(cart, "203.0.113.77")).status).toBe(200)
      }
      // The first cart swaps its line for another item: its holds follow (a new row, the old one released).
      await client.post(`/store/carts/${carts[0]}/line-items`, { variant_id: swapped, quantity: 1 }, from("203.0.113.77"))
      const { data } = await client.get(`/store/carts/${carts[0]}`, from("203.0.113.77"))
      const oldLine = data.cart.items.find((i: { variant_id: string }) => i.variant_id === first)
      await client.delete(`/store/carts/${carts[0]}/line-items/${oldLine.id}`, from("203.0.113.77"))
      const followed = await waitFor(
        async () =>
          (
            await pgOf(getContainer()).raw("select variant_id, status from checkout_hold where cart_id = ? and deleted_at is null", [
              carts[0],
            ])
          ).rows as { variant_id: string; status: string }[],
        (rows) => rows.some((r) => r.variant_id === swapped && r.status === "active") && !rows.some((r) => r.variant_id === first && r.status === "active"),
        { within: 30_000, every: 100 }
      )
      expect(followed).toEqual(expect.arrayContaining([{ variant_id: swapped, status: "active" }]))
      // Still three carts holding from that address: a fourth is refused, and writes nothing.
      const refused = await hold(carts[3], "203.0.113.77")
      expect([refused.status, refused.data.code]).toEqual([409, "carts_per_guest_ip"])
      expect(await rowsOf(carts[3])).toEqual([])
    })

    it("per client: a logged-in customer holds in at most 2 carts at once, wherever the requests come from", async () => {
      const headers = storeHeaders(shop.publishable_key)
      const email = "regular@example.in"
      const password = "ladoo-lover-1"
      const { data: registered } = await client.post("/auth/customer/emailpass/register", { email, password })
      await client.post("/store/customers", { email }, { headers: { ...headers.headers, authorization: `Bearer ${registered.token}` } })
      const { data: login } = await client.post("/auth/customer/emailpass", { email, password })
      const asCustomer = (ip: string) => ({
        headers: { ...headers.headers, authorization: `Bearer ${login.token}`, "x-forwarded-for": ip },
      })
      const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-500G")
      const carts: string[] = []
      for (let i = 0; i < 3; i++) {
        carts.push(await readyCart(client, shop, [{ variant_id: variant.id, quantity: 1 }]))
      }
      const asked = []
      for (const [i, cart] of carts.entries()) {
        // A different address each time: the customer is one client all the same.
        asked.push(await outcome(client.post(`/store/carts/${cart}/hold`, {}, asCustomer(`192.0.2.${50 + i}`))))
      }
      expect(asked.map((a) => a.status)).toEqual([200, 200, 409])
      expect(asked[2].data).toMatchObject({ type: "hold_cap_reached", code: "carts_per_customer" })
      expect(typeof asked[2].data.until).toBe("string")
      expect(await rowsOf(carts[2])).toEqual([])
      const keys = await pgOf(getContainer()).raw(
        "select distinct client_key from checkout_hold where cart_id = any(?::text[])",
        [`{${carts.join(",")}}`]
      )
      expect(keys.rows).toEqual([{ client_key: expect.stringMatching(/^customer:cus_/) }])
    })

    /** A stock of `stock` units of the SKU at the shop's location; the variant. */
    const stocked = async (sku: string, stock: number) => {
      const { variant } = await variantBySku(client, shop.publishable_key, sku)
      const itemId = await inventoryItemOf(getContainer(), variant.id)
      await getContainer()
        .resolve(Modules.INVENTORY)
        .updateInventoryLevels([{ inventory_item_id: itemId, location_id: shop.stock_location_id, stocked_quantity: stock }])
      return variant
    }
    const holdRows = async (cartId: string) =>
      (
        await pgOf(getContainer()).raw(
          "select quantity, status from checkout_hold where cart_id = ? and deleted_at is null order by id",
          [cartId]
        )
      ).rows as { quantity: number; status: string }[]

    it("per customer, across carts: one share of low stock in all their carts, also when a held line grows; each refusal writes nothing", async () => {
      const variant = await stocked("LAD-DTN-250G", 8)
      const email = "two-carts@example.in"
      const password = "ladoo-lover-2"
      const { data: registered } = await client.post("/auth/customer/emailpass/register", { email, password })
      await client.post("/store/customers", { email }, { headers: { ...from("192.0.2.80").headers, authorization: `Bearer ${registered.token}` } })
      const { data: login } = await client.post("/auth/customer/emailpass", { email, password })
      const asCustomer = { headers: { ...from("192.0.2.80").headers, authorization: `Bearer ${login.token}` } }
      const holdAs = (cartId: string) => outcome(client.post(`/store/carts/${cartId}/hold`, {}, asCustomer))
      const cartOf = (quantity: number) => readyCart(client, shop, [{ variant_id: variant.id, quantity }])

      const first = await cartOf(4)
      expect((await holdAs(first)).status).toBe(200)
      // Half of the 8 is the customer's share: a second cart of theirs gets no second half.
      const second = await cartOf(2)
      const refused = await holdAs(second)
      expect([refused.status, refused.data.code, refused.data.message]).toEqual([
        409,
        "cart_share",
        "Only 8 left of Dates & Nuts Ladoo 250 g: one shopper may hold at most 4 of them in all their carts; your other carts hold 4, and this one asked for 2",
      ])
      expect(await holdRows(second)).toEqual([])

      // With 3 held in the first cart, the second may hold 1; raising its line to 2 is
      // refused by the shop's own refresh of its holds too (it counts for the same customer).
      const { data: firstCart } = await client.get(`/store/carts/${first}`, asCustomer)
      await client.post(`/store/carts/${first}/line-items/${firstCart.cart.items[0].id}`, { quantity: 3 }, asCustomer)
      expect((await holdAs(first)).status).toBe(200)
      const small = await cartOf(1)
      expect((await holdAs(small)).status).toBe(200)
      const logger = getContainer().resolve("logger")
      const warn = jest.spyOn(logger, "warn")
      try {
        const { data: smallCart } = await client.get(`/store/carts/${small}`, asCustomer)
        await client.post(`/store/carts/${small}/line-items/${smallCart.cart.items[0].id}`, { quantity: 2 }, asCustomer)
        const notRefreshed = () =>
          Promise.resolve(warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes(`cart ${small} not refreshed`)))
        expect(await waitFor(notRefreshed, (m) => m.length > 0, { within: 30_000 })).toEqual([
          expect.stringContaining("one shopper may hold at most 4 of them in all their carts"),
        ])
      } finally {
        warn.mockRestore()
      }
      expect(await holdRows(small)).toEqual([{ quantity: 1, status: "active" }])
    })

    /** Waits for the shop's refresh of the cart's holds (after a change of its lines) to log that it was refused. */
    const refusedRefresh = async (cartId: string, change: () => Promise<unknown>) => {
      const warn = jest.spyOn(getContainer().resolve("logger"), "warn")
      try {
        await change()
        const logged = () => Promise.resolve(warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes(`cart ${cartId} not refreshed`)))
        return (await waitFor(logged, (m) => m.length > 0, { within: 30_000 }))[0]
      } finally {
        warn.mockRestore()
      }
    }
    const linesOf = async (cartId: string, ip: string) =>
      (await client.get(`/store/carts/${cartId}`, from(ip))).data.cart.items as { id: string; variant_id: string }[]
    const rowsByVariant = async (cartId: string) =>
      (
        await pgOf(getContainer()).raw(
          "select variant_id, status, quantity from checkout_hold where cart_id = ? and deleted_at is null order by variant_id",
          [cartId]
        )
      ).rows

    /** A cart of two lines, held from address `ip` (200). */
    const heldTwoLineCart = async (ip: string, [first, firstUnits]: [string, number], [second, secondUnits]: [string, number]) => {
      const cart = await readyCart(client, shop, [
        { variant_id: first, quantity: firstUnits },
        { variant_id: second, quantity: secondUnits },
      ])
      expect((await hold(cart, ip)).status).toBe(200)
      return cart
    }

    it("a line removed from a held cart is let go even when a cap refuses re-taking the rest", async () => {
      const kept = await stocked("LAD-DTN-500G", 8)
      const removed = await stocked("LAD-ALM-500G", 2)
      const x = "203.0.113.170"
      const cart = await heldTwoLineCart(x, [kept.id, 4], [removed.id, 1])
      // Another shopper holds 2 of the 8: of the 6 left, one cart's share is now 3, not 4.
      expect((await hold(await readyCart(client, shop, [{ variant_id: kept.id, quantity: 2 }]), "203.0.113.171")).status).toBe(200)

      const line = (await linesOf(cart, x)).find((l) => l.variant_id === removed.id)
      const logged = await refusedRefresh(cart, () => client.delete(`/store/carts/${cart}/line-items/${line?.id}`, from(x)))
      expect(logged).toContain("one cart may hold at most 3 of them")
      // The removed line's unit is free for others at once; the rest stays held as it was.
      expect(await rowsByVariant(cart)).toEqual(
        [
          { variant_id: kept.id, status: "active", quantity: 4 },
          { variant_id: removed.id, status: "released", quantity: 1 },
        ].sort((a, b) => a.variant_id.localeCompare(b.variant_id))
      )
      const { data } = await client.get(`/store/availability?variant_id=${removed.id}`, from("203.0.113.172"))
      expect(data.availability).toEqual([{ variant_id: removed.id, available: 2 }])
    })

    it("a line whose hold lapsed and whose stock went elsewhere costs the cart's other held lines nothing", async () => {
      const lapsed = await stocked("LAD-ALM-500G", 1)
      const other = await stocked("LAD-DTN-500G", 8)
      const x = "203.0.113.180"
      const cart = await heldTwoLineCart(x, [lapsed.id, 1], [other.id, 1])
      // The last unit's hold lapses, and another shopper holds it.
      await pgOf(getContainer()).raw("update checkout_hold set expires_at = now() - interval '1 second' where cart_id = ? and variant_id = ?", [
        cart,
        lapsed.id,
      ])
      expect((await hold(await readyCart(client, shop, [{ variant_id: lapsed.id, quantity: 1 }]), "203.0.113.181")).status).toBe(200)

      // The shopper only changes a line's quantity: the refresh finds the lapsed line's stock gone.
      const line = (await linesOf(cart, x)).find((l) => l.variant_id === other.id)
      const logged = await refusedRefresh(cart, () =>
        client.post(`/store/carts/${cart}/line-items/${line?.id}`, { quantity: 2 }, from(x))
      )
      expect(logged).toContain("Almond Ladoo 500 g")
      // The other line keeps its held unit (not raised to 2: that was refused with the rest).
      expect((await rowsByVariant(cart)).find((r: { variant_id: string }) => r.variant_id === other.id)).toEqual({
        variant_id: other.id,
        status: "active",
        quantity: 1,
      })
    })

    it("per guest address, across carts: a new cart does not start the clock again; strangers behind one address do not split a share", async () => {
      const variant = await stocked("LAD-DTN-500G", 8)
      const bot = "203.0.113.150"
      const cartOf = (quantity: number) => readyCart(client, shop, [{ variant_id: variant.id, quantity }])
      const first = await cartOf(4)
      expect((await hold(first, bot)).status).toBe(200)
      // Another shopper on the same carrier address holds half of the 4 left, as from any address.
      expect((await hold(await cartOf(2), bot)).status).toBe(200)

      // The first cart's 30 minutes are up; it gives its units back and a fresh cart asks again.
      await backdate(first, 31)
      await client.delete(`/store/carts/${first}/hold`, from(bot))
      const fresh = await cartOf(1)
      const cooled = await hold(fresh, bot)
      expect([cooled.status, cooled.data.code]).toEqual([409, "cool_down"])
      expect(cooled.data.message).toContain("Another of your carts held Dates & Nuts Ladoo 500 g for 30 minutes")
      const [firstRow] = await rowsOf(first)
      expect(cooled.data.until).toBe(new Date(new Date(firstRow.held_since).getTime() + 40 * MINUTE).toISOString())
      expect(await rowsOf(fresh)).toEqual([])
      // A shopper at another address is not touched by it.
      expect((await hold(await cartOf(1), "203.0.113.152")).status).toBe(200)
    })

    it("refresh in place and an honest shopper: one cart, a few refreshes, one row, never refused", async () => {
      const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
      const cart = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 2 }])
      const answers = [await hold(cart)]
      const [taken] = await rowsOf(cart)
      for (let i = 0; i < 4; i++) {
        answers.push(await hold(cart))
      }
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200])
      const rows = await rowsOf(cart)
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ id: taken.id, status: "active", quantity: 2 })
      // The first take is kept across refreshes: the lifetime counts from it.
      expect(new Date(rows[0].held_since).toISOString()).toBe(new Date(taken.held_since).toISOString())
      expect(new Date(answers[4].data.hold.expires_at).getTime()).toBeGreaterThan(new Date(answers[0].data.hold.expires_at).getTime())

      const done = await complete(cart)
      expect(done.status).toBe(200)
      expect(done.data.type).toBe("order")
      expect(await rowsOf(cart)).toEqual([expect.objectContaining({ id: rows[0].id, status: "converted" })])

      // Another shopper changes the cart: the same row follows the new quantity.
      const other = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 1 }])
      expect((await hold(other, "198.51.100.3")).status).toBe(200)
      const [first] = await rowsOf(other)
      const { data } = await client.get(`/store/carts/${other}`, storeHeaders(shop.publishable_key))
      await client.post(`/store/carts/${other}/line-items/${data.cart.items[0].id}`, { quantity: 2 }, storeHeaders(shop.publishable_key))
      expect((await hold(other, "198.51.100.3")).status).toBe(200)
      const after = await rowsOf(other)
      expect(after).toEqual([expect.objectContaining({ id: first.id, status: "active", quantity: 2 })])
    })

    it("lifetime: a refresh 29 minutes after the first take extends to 30 minutes from it, no further", async () => {
      const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
      const cart = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 1 }])
      // An address of its own: the lifetime counts from the client's first take, in any of its carts.
      const ip = "198.51.100.29"
      expect((await hold(cart, ip)).status).toBe(200)
      await backdate(cart, 29)
      const [row] = await rowsOf(cart)
      const refreshed = await hold(cart, ip)
      expect(refreshed.status).toBe(200)
      const lifetimeEnds = new Date(row.held_since).getTime() + 30 * MINUTE
      expect(new Date(refreshed.data.hold.expires_at).getTime()).toBe(lifetimeEnds)
      expect(lifetimeEnds - Date.now()).toBeLessThan(1.5 * MINUTE)
    })

    it("cool-down: after its 30 minutes the cart waits 10 more before holding the item again; the refusal writes nothing", async () => {
      const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
      const cart = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 1 }])
      const ip = "198.51.100.31"
      expect((await hold(cart, ip)).status).toBe(200)
      await backdate(cart, 31)
      const before = await rowsOf(cart)
      const refused = await hold(cart, ip)
      expect(refused.status).toBe(409)
      expect(refused.data).toMatchObject({ type: "hold_cap_reached", code: "cool_down" })
      expect(refused.data.until).toBe(new Date(new Date(before[0].held_since).getTime() + 40 * MINUTE).toISOString())
      expect(await rowsOf(cart)).toEqual(before)

      // The cart may still buy what is free; and after the cool-down it may hold again.
      await backdate(cart, 41)
      const again = await hold(cart, ip)
      expect(again.status).toBe(200)
      expect(new Date(again.data.hold.expires_at).getTime()).toBeGreaterThan(Date.now() + 14 * MINUTE)
      expect(await rowsOf(cart)).toHaveLength(1)
    })

    it("sold-out fast path: with nothing left for anyone the answer comes while the stock lock is taken", async () => {
      const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G")
      const itemId = await inventoryItemOf(getContainer(), variant.id)
      const late = await readyCart(client, shop, [{ variant_id: variant.id, quantity: 1 }])
      const holders = [
        await readyCart(client, shop, [{ variant_id: variant.id, quantity: 3 }]),
        await readyCart(client, shop, [{ variant_id: variant.id, quantity: 3 }]),
      ]
      expect((await hold(holders[0], "192.0.2.1")).status).toBe(200)
      expect((await hold(holders[1], "192.0.2.2")).status).toBe(200)

      // Someone else's checkout holds the stock lock of the item for as long as this test wants.
      await acquireStockLock(getContainer(), "test-owner", stockLockKeys([itemId]))
      try {
        const started = Date.now()
        const [held, completed] = await Promise.all([hold(late), complete(late)])
        expect(Date.now() - started).toBeLessThan(5_000)
        for (const answer of [held, completed]) {
          expect(answer.status).toBe(409)
          expect(answer.data).toMatchObject({
            type: "insufficient_inventory",
            items: [{ variant_id: variant.id, requested: 1, available: 0 }],
          })
        }
      } finally {
        await releaseStockLock("test-owner")
      }
      const census = await stockCensus(pgOf(getContainer()), variant.id, itemId)
      expect(census).toMatchObject({ orders: 0, reservation_rows: 0, active_holds: 6 })
    })

    it("a queue of completions for K units: nobody is told busy, K orders, and once the units are gone the rest are told sold out without claiming", async () => {
      const { variant } = await variantBySku(client, shop.publishable_key, "PRT-PEA-A3")
      const itemId = await inventoryItemOf(getContainer(), variant.id)
      const pg = pgOf(getContainer())
      const K = 4
      const N = 10
      await pg.raw("update inventory_level set stocked_quantity = ? where inventory_item_id = ?", [K, itemId])
      const carts = await inBatches(N, 5, () => readyCart(client, shop, [{ variant_id: variant.id, quantity: 1 }]))

      // Every claim of stock under the lock is published on the hold-check channel.
      const claims: string[] = []
      const onClaim = (message: unknown) => {
        const run = message as HoldCheckRun
        if (carts.includes(run.cart_id)) {
          claims.push(run.cart_id)
        }
      }
      diagnosticsChannel.subscribe(HOLD_CHECK_CHANNEL, onClaim)
      let answers: Awaited<ReturnType<typeof complete>>[]
      // Another checkout holds the item's stock lock: every request queues (at the
      // checkout gate or at the lock) until it is released.
      await acquireStockLock(getContainer(), "test-owner", stockLockKeys([itemId]))
      try {
        const racing = Promise.all(carts.map((c) => complete(c)))
        await releaseStockLock("test-owner")
        answers = await racing
      } finally {
        await releaseStockLock("test-owner")
        diagnosticsChannel.unsubscribe(HOLD_CHECK_CHANNEL, onClaim)
      }
      const orders = answers.filter((a) => a.status === 200 && a.data.type === "order")
      const refused = answers.filter((a) => !(a.status === 200 && a.data.type === "order"))
      expect(orders).toHaveLength(K)
      expect(refused).toHaveLength(N - K)
      for (const a of refused) {
        expect(a.status).toBe(409)
        expect(a.data).toMatchObject({ type: "insufficient_inventory", items: [{ variant_id: variant.id, available: 0 }] })
      }
      // K claims that won, and the one that found the item sold out: the requests
      // behind it were told so at the gate or in the lock's queue, without claiming.
      expect(claims.length).toBeGreaterThanOrEqual(K)
      expect(claims.length).toBeLessThanOrEqual(K + 1)
      expect(await stockCensus(pg, variant.id, itemId)).toMatchObject({ orders: K, reservation_rows: K, reserved_units: K })
    })

    it("sold out is remembered at the door for at most a second, never against a cart that holds its units", async () => {
      const { variant } = await variantBySku(client, shop.publishable_key, "PRT-PEA-A4")
      const itemId = await inventoryItemOf(getContainer(), variant.id)
      const pg = pgOf(getContainer())
      await pg.raw("update inventory_level set stocked_quantity = ? where inventory_item_id = ?", [1, itemId])
      const [holder, late, again] = await inBatches(3, 3, () => readyCart(client, shop, [{ variant_id: variant.id, quantity: 1 }]))
      expect((await hold(holder)).status).toBe(200)
      // Found sold out under the lock: remembered.
      const first = await complete(late)
      expect(first.status).toBe(409)
      expect(first.data).toMatchObject({ type: "insufficient_inventory", items: [{ variant_id: variant.id, available: 0 }] })
      // The holder completes all the same, and a retry of its completion (a dropped
      // connection) gets the same order back, never "sold out".
      const placed = await complete(holder)
      expect(placed.data.type).toBe("order")
      expect((await complete(late)).data.type).toBe("insufficient_inventory")
      const retried = await complete(holder)
      expect(retried.status).toBe(200)
      expect(retried.data.order?.id).toBe(placed.data.order.id)
      // A restock: within a second at most, the remembered answer gives way to the locked read.
      // Every "sold out" was remembered before the restock, so a checkout that starts
      // SOLD_OUT_MEMO_MS after it reads the stock again and gets the unit.
      await pg.raw("update inventory_level set stocked_quantity = stocked_quantity + 1 where inventory_item_id = ?", [itemId])
      const restockedAt = Date.now()
      const deadline = restockedAt + 5_000
      const refusedAt: number[] = []
      let started = Date.now()
      let last = await complete(again)
      while (last.data?.type !== "order" && Date.now() < deadline) {
        expect(last.data.type).toBe("insufficient_inventory")
        refusedAt.push(started - restockedAt)
        await new Promise((r) => setTimeout(r, 20))
        started = Date.now()
        last = await complete(again)
      }
      expect(last.data.type).toBe("order")
      expect(refusedAt.filter((ms) => ms >= SOLD_OUT_MEMO_MS)).toEqual([])
      expect(await stockCensus(pg, variant.id, itemId)).toMatchObject({ orders: 2, reservation_rows: 2 })
    })

    /** A held cart completed while converting its holds fails: the order stands, its holds stay active. */
    async function orderWithUnconvertedHolds(units: number) {
      const { variant, itemId, cart } = await heldCart("LAD-ALM-250G", units)
      const pg = pgOf(getContainer())
      // Converting holds fails (in PostgreSQL itself) until the trigger goes.
      const allowConversion = await refuseHoldConversion(pg)
      try {
        const done = await complete(cart)
        expect(done.status).toBe(200)
        expect(done.data.type).toBe("order")
        expect(done.data.order.id).toMatch(/^order_/)
        const census = await stockCensus(pg, variant.id, itemId)
        expect(census).toMatchObject({ orders: 1, reservation_rows: 1, reserved_units: units })
        const statuses = (await pg.raw("select status from checkout_hold where cart_id = ?", [cart])).rows
        expect(statuses).toEqual([{ status: "active" }])
      } finally {
        await allowConversion()
      }
      return { variant, itemId, cart, pg }
    }

    it("a write after the order fails: the request still answers with the order; the holds are repaired, never re-activated", async () => {
      const { variant, itemId, cart, pg } = await orderWithUnconvertedHolds(2)
      // The repair (the expiry job) leaves the holds of a cart completed just now
      // (its completion may still be writing its reservations)...
      await expireCheckoutHolds(getContainer())
      const fresh = (await pg.raw("select status from checkout_hold where cart_id = ?", [cart])).rows
      expect(fresh).toEqual([{ status: "active" }])
      // ...and converts them once the cart has been completed for a while.
      await pg.raw("update cart set completed_at = completed_at - interval '3 minutes' where id = ?", [cart])
      await expireCheckoutHolds(getContainer())
      const repaired = (await pg.raw("select status from checkout_hold where cart_id = ?", [cart])).rows
      expect(repaired).toEqual([{ status: "converted" }])
      // A second completion answers with the same order, not a second one.
      const again = await complete(cart)
      expect(again.status).toBe(200)
      expect((await stockCensus(pg, variant.id, itemId)).orders).toBe(1)
    })

    it("the repair converts a claimed hold that expired before the cart had been completed for long enough (a hold TTL of 2 minutes or less)", async () => {
      const { cart, pg } = await orderWithUnconvertedHolds(1)
      // The claim's time runs out (max(TTL, 120 s)) while the order is younger than the repair's 2 minutes...
      await pg.raw("update checkout_hold set expires_at = now() - interval '1 second' where cart_id = ?", [cart])
      await expireCheckoutHolds(getContainer())
      const expired = (await pg.raw("select status, completing_at is not null as claimed from checkout_hold where cart_id = ?", [cart])).rows
      expect(expired).toEqual([{ status: "expired", claimed: true }])
      // ...and once the order is old enough, the repair still converts it.
      await pg.raw("update cart set completed_at = completed_at - interval '3 minutes' where id = ?", [cart])
      await expireCheckoutHolds(getContainer())
      const repaired = (await pg.raw("select status from checkout_hold where cart_id = ?", [cart])).rows
      expect(repaired).toEqual([{ status: "converted" }])
    })

    it("the cart lock's release fails after the order exists: the request still answers with the order, which stands", async () => {
      const { variant, itemId, cart } = await heldCart("LAD-ALM-250G", 1)
      const pg = pgOf(getContainer())
      // Medusa's Locking Module fails to release this cart's lock (its provider unreachable, say), once.
      const locking = getContainer().resolve(Modules.LOCKING)
      const release = locking.release.bind(locking)
      let refused = 0
      locking.release = async (keys, args) => {
        if (!refused && [keys].flat().includes(cart) && !args?.ownerId) {
          refused++
          throw new Error("lock release refused by the test")
        }
        return release(keys, args)
      }
      try {
        const done = await complete(cart)
        expect(refused).toBe(1)
        expect(done.status).toBe(200)
        expect(done.data.type).toBe("order")
        const census = await stockCensus(pg, variant.id, itemId)
        expect(census).toMatchObject({ orders: 1, reservation_rows: 1, reserved_units: 1, active_holds: 0 })
        const order = (await pg.raw("select deleted_at from \"order\" where id = ?", [done.data.order.id])).rows
        expect(order).toEqual([{ deleted_at: null }])
      } finally {
        locking.release = release
        await release(cart)
      }
    })

    it("the owner sees the limits, read-only", async () => {
      const { data } = await client.get("/admin/holds/limits", await adminHeaders(client))
      expect(data.limits).toEqual({
        maxCartsPerCustomer: 2,
        maxCartsPerGuestIp: 3,
        lifetimeMinutes: 30,
        cooldownMinutes: 10,
        lowStockShare: 0.5,
        lowStockShareFromUnits: 4,
        lowStockUnits: 20,
        ttl_minutes: 15,
      })
      const withQuery = await failing(client.get("/admin/holds/limits?cart_id=cart_1", await adminHeaders(client)))
      expect(withQuery.status).toBe(400)
      expect(withQuery.data.message).toMatch(/cart_id/)
    })
  },
})

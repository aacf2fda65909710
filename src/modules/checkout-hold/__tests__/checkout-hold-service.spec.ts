import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { CHECKOUT_HOLD_MODULE } from ".."
import { CheckoutHold } from "../models/checkout-hold"
import CheckoutHoldModuleService from "../service"

jest.setTimeout(60_000)

const line = (variant: string, item: string, quantity: number, location = "sloc_1") => ({
  variant_id: variant,
  inventory_item_id: item,
  location_id: location,
  quantity,
})
const inSeconds = (s: number) => new Date(Date.now() + s * 1000)

moduleIntegrationTestRunner<CheckoutHoldModuleService>({
  moduleName: CHECKOUT_HOLD_MODULE,
  moduleModels: [CheckoutHold],
  resolve: "./src/modules/checkout-hold",
  moduleOptions: { ttl_seconds: 90 },
  testSuite: ({ service, MikroOrmWrapper }) => {
    describe("checkout hold service", () => {
      it("takes its TTL from the module options", () => {
        expect(service.ttlSeconds).toBe(90)
      })

      it("sums other carts' active, unexpired holds per item and location", async () => {
        await service.replaceCartHolds("cart_a", [line("v1", "item_1", 2), line("v1", "item_1", 1, "sloc_2")], inSeconds(60))
        await service.replaceCartHolds("cart_b", [line("v1", "item_1", 3)], inSeconds(60))
        await service.replaceCartHolds("cart_c", [line("v1", "item_1", 4)], inSeconds(-1))
        await service.replaceCartHolds("cart_d", [line("v1", "item_1", 5)], inSeconds(60))
        await service.closeCartHolds("cart_d", "released")

        const totals = await service.heldByOthers(["item_1"], "cart_b")
        expect(totals.sort((a, b) => a.location_id.localeCompare(b.location_id))).toEqual([
          { inventory_item_id: "item_1", location_id: "sloc_1", quantity: 2, completing: 0 },
          { inventory_item_id: "item_1", location_id: "sloc_2", quantity: 1, completing: 0 },
        ])
        const all = await service.heldByOthers(["item_1"], null)
        expect(all.find((t) => t.location_id === "sloc_1")?.quantity).toBe(5)
      })

      it("tells the holds claimed by a completion apart, per cart, until they are converted", async () => {
        await service.replaceCartHolds("cart_a", [line("v1", "item_1", 2)], inSeconds(60))
        await service.replaceCartHolds("cart_b", [line("v1", "item_1", 3)], inSeconds(60))
        await service.claimCartHoldsForCompletion("cart_a", inSeconds(120))
        await service.replaceCartHolds("cart_c", [line("v1", "item_1", 1)], inSeconds(60), null, new Date())

        const totals = await service.heldByOthers(["item_1"], "cart_b")
        expect(totals).toEqual([{ inventory_item_id: "item_1", location_id: "sloc_1", quantity: 3, completing: 3 }])
        const completing = await service.completingHoldsOfOthers(["item_1"], "cart_b")
        expect(completing.sort((a, b) => a.cart_id.localeCompare(b.cart_id))).toEqual([
          { cart_id: "cart_a", inventory_item_id: "item_1", location_id: "sloc_1", quantity: 2, completing: 2 },
          { cart_id: "cart_c", inventory_item_id: "item_1", location_id: "sloc_1", quantity: 1, completing: 1 },
        ])

        await service.closeCartHolds("cart_a", "converted")
        expect(await service.completingHoldsOfOthers(["item_1"], null)).toEqual([
          expect.objectContaining({ cart_id: "cart_c", quantity: 1 }),
        ])
        // A shopper's refresh is not a completion.
        await service.replaceCartHolds("cart_c", [line("v1", "item_1", 1)], inSeconds(60))
        expect(await service.completingHoldsOfOthers(["item_1"], null)).toEqual([])
      })

      it("replaces a cart's holds and can restore them exactly", async () => {
        const first = await service.replaceCartHolds("cart_a", [line("v1", "item_1", 2)], inSeconds(60))
        expect(first.created).toEqual([expect.stringMatching(/^hold_/)])
        const before = await service.activeHoldsOfCart("cart_a")
        const second = await service.replaceCartHolds(
          "cart_a",
          [line("v1", "item_1", 5), line("v2", "item_2", 1)],
          inSeconds(120)
        )
        expect((await service.activeHoldsOfCart("cart_a")).map((h) => h.quantity)).toEqual([5, 1])
        expect(second.created).toHaveLength(1)

        await service.restoreCartHolds(second.created, second.previous)
        const restored = await service.activeHoldsOfCart("cart_a")
        expect(restored).toEqual(before)
        expect(restored.map((h) => [h.id, h.quantity])).toEqual([[first.created[0], 2]])
        expect(await service.listCheckoutHolds({ cart_id: "cart_a" })).toHaveLength(1)
      })

      it("refreshes in place: 100 refreshes leave one row per variant and item", async () => {
        for (let i = 0; i < 100; i++) {
          await service.replaceCartHolds("cart_a", [line("v1", "item_1", 1 + (i % 3))], inSeconds(60), "ip:203.0.113.7")
        }
        const rows = await service.listCheckoutHolds({ cart_id: "cart_a" })
        expect(rows).toHaveLength(1)
        expect(rows[0]).toMatchObject({ status: "active", quantity: 1 + (99 % 3), client_key: "ip:203.0.113.7" })
      })

      it("marks expired holds as expired and leaves the others alone", async () => {
        await service.replaceCartHolds("cart_old", [line("v1", "item_1", 1)], inSeconds(-5))
        await service.replaceCartHolds("cart_new", [line("v1", "item_1", 1)], inSeconds(60))
        expect(await service.expireHolds()).toBe(1)
        const rows = await service.listCheckoutHolds({}, { select: ["cart_id", "status"] })
        expect(Object.fromEntries(rows.map((r) => [r.cart_id, r.status]))).toEqual({ cart_old: "expired", cart_new: "active" })
        expect(await service.expireHolds()).toBe(0)
      })

      it("purges holds that ended more than the given days ago, and nothing else", async () => {
        await service.replaceCartHolds("cart_converted_old", [line("v1", "item_1", 1)], inSeconds(60))
        await service.closeCartHolds("cart_converted_old", "converted")
        await service.replaceCartHolds("cart_released_old", [line("v1", "item_1", 1)], inSeconds(60))
        await service.closeCartHolds("cart_released_old", "released")
        await service.replaceCartHolds("cart_expired_new", [line("v1", "item_1", 1)], inSeconds(-5))
        await service.expireHolds()
        await service.replaceCartHolds("cart_active_old", [line("v1", "item_1", 1)], inSeconds(60))
        // Ended 31 days ago (and an active hold last written then: it is not purged).
        const aged = await service.listCheckoutHolds({ cart_id: ["cart_converted_old", "cart_released_old", "cart_active_old"] })
        await MikroOrmWrapper.forkManager().execute("update checkout_hold set updated_at = now() - interval '31 days' where id in (?)", [aged.map((h) => h.id)])

        expect(await service.purgeEndedHolds(30)).toBe(2)
        const left = await service.listCheckoutHolds({}, { select: ["cart_id", "status"] })
        expect(Object.fromEntries(left.map((r) => [r.cart_id, r.status]))).toEqual({ cart_expired_new: "expired", cart_active_old: "active" })
        expect(await service.purgeEndedHolds(30)).toBe(0)
      })

      it("reads what a hold decides from in one go: the cart's rows, others' holds, the client's other carts and its holds there", async () => {
        // The cart: an active row, a released one, and a converted one (never read back).
        await service.replaceCartHolds("cart_a", [line("v1", "item_1", 2), line("v2", "item_2", 1)], inSeconds(60), "ip:198.51.100.1")
        await service.replaceCartHolds("cart_a", [line("v1", "item_1", 2)], inSeconds(60), "ip:198.51.100.1")
        await service.replaceCartHolds("cart_old", [line("v1", "item_1", 9)], inSeconds(60))
        const [converted] = await service.listCheckoutHolds({ cart_id: "cart_old" })
        await service.updateCheckoutHolds({ id: converted.id, cart_id: "cart_a", status: "converted" })
        // Others: active and claimed, expired, released; the same client's carts, one of them lapsed.
        await service.replaceCartHolds("cart_b", [line("v1", "item_1", 3)], inSeconds(90), "ip:198.51.100.1")
        await service.claimCartHoldsForCompletion("cart_b", inSeconds(120))
        await service.replaceCartHolds("cart_c", [line("v1", "item_1", 4)], inSeconds(30), "ip:198.51.100.1")
        await service.replaceCartHolds("cart_d", [line("v1", "item_1", 5)], inSeconds(-1), "ip:198.51.100.1")
        await service.replaceCartHolds("cart_e", [line("v2", "item_2", 6)], inSeconds(60), "ip:192.0.2.9")
        await service.closeCartHolds("cart_e", "released")

        const read = await service.holdReadForCart("cart_a", ["item_1", "item_2"], "ip:198.51.100.1")

        expect(read.rows).toEqual(await service.cartHoldRows("cart_a"))
        expect(read.rows.map((r) => [r.variant_id, r.status])).toEqual(
          expect.arrayContaining([["v1", "active"], ["v2", "released"]])
        )
        expect(read.rows).toHaveLength(2)
        expect(read.rows[0].expires_at).toBeInstanceOf(Date)
        const byItem = (t: { inventory_item_id: string }[]) =>
          [...t].sort((a, b) => a.inventory_item_id.localeCompare(b.inventory_item_id))
        expect(byItem(read.held)).toEqual(byItem(await service.heldByOthers(["item_1", "item_2"], "cart_a")))
        expect(read.held).toEqual([{ inventory_item_id: "item_1", location_id: "sloc_1", quantity: 7, completing: 3 }])
        // Soonest first: cart_c (30 s) before cart_b (claimed: 120 s); cart_d has lapsed.
        expect(read.client_carts.map((c) => c.cart_id)).toEqual(["cart_c", "cart_b"])
        expect(read.client_carts[0].expires_at).toBeInstanceOf(Date)
        // Its converted row says its order exists; cart_b's holds are only claimed.
        expect(read.converted).toBe(true)
        expect((await service.holdReadForCart("cart_b", ["item_1"], null)).converted).toBe(false)

        // The client's holds of these items in its other carts: the first take among them,
        // and the units they hold now (cart_d's have lapsed).
        expect(read.client_key).toBe("ip:198.51.100.1")
        expect(read.client_items).toEqual([
          { variant_id: "v1", inventory_item_id: "item_1", location_id: "sloc_1", held_since: expect.any(Date), quantity: 7 },
        ])
        // No client given (the shop refreshing a cart's holds after a line change): the cart's own.
        const refresh = await service.holdReadForCart("cart_a", ["item_2"], null)
        expect(refresh.client_key).toBe("ip:198.51.100.1")
        expect(refresh.client_carts.map((c) => c.cart_id)).toEqual(["cart_c", "cart_b"])
        // A cart no client took: none.
        await service.replaceCartHolds("cart_f", [line("v2", "item_2", 1)], inSeconds(60))
        const anonymous = await service.holdReadForCart("cart_f", ["item_2"], null)
        expect([anonymous.client_key, anonymous.client_carts, anonymous.client_items]).toEqual([null, [], []])
        expect(anonymous.held).toEqual([])
      })

      it("claims a cart's unexpired holds for its completion, returning them, and puts them back exactly", async () => {
        await service.replaceCartHolds("cart_a", [line("v2", "item_2", 1), line("v1", "item_1", 2)], inSeconds(60), "ip:203.0.113.7")
        await service.replaceCartHolds("cart_lapsed", [line("v1", "item_1", 4)], inSeconds(-1))
        const before = await service.cartHoldRows("cart_a")

        const claimed = await service.claimCartHoldsForCompletion("cart_a", inSeconds(300))
        expect(claimed.lines).toEqual([
          { id: expect.any(String), variant_id: "v1", inventory_item_id: "item_1", location_id: "sloc_1", quantity: 2 },
          { id: expect.any(String), variant_id: "v2", inventory_item_id: "item_2", location_id: "sloc_1", quantity: 1 },
        ])
        const now = await service.cartHoldRows("cart_a")
        expect(now.every((r) => r.completing_at instanceof Date && r.expires_at.getTime() > Date.now() + 200_000)).toBe(true)
        // A lapsed hold is not brought back by a completion.
        expect((await service.claimCartHoldsForCompletion("cart_lapsed", inSeconds(300))).lines).toEqual([])
        expect((await service.cartHoldRows("cart_lapsed"))[0].completing_at).toBeNull()

        await service.restoreHoldSnapshot(claimed.previous)
        const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id))
        expect(byId(await service.cartHoldRows("cart_a"))).toEqual(byId(before))
      })

      it("never makes a converted hold active again when a completion's claim is undone", async () => {
        await service.replaceCartHolds("cart_w", [line("v1", "item_1", 1), line("v2", "item_2", 1)], inSeconds(60))
        const claimed = await service.claimCartHoldsForCompletion("cart_w", inSeconds(300))
        // The cart's order is placed meanwhile by another completion (a payment webhook): its holds are converted.
        expect(await service.closeCartHolds("cart_w", "converted")).toHaveLength(2)

        await service.restoreHoldSnapshot(claimed.previous)
        const statuses = (await service.listCheckoutHolds({ cart_id: "cart_w" })).map((h) => h.status)
        expect(statuses).toEqual(["converted", "converted"])
        expect(await service.activeHoldsOfCart("cart_w")).toEqual([])
      })

      it("never makes a converted hold active again when a refresh read the cart's rows before the conversion", async () => {
        await service.replaceCartHolds("cart_r", [line("v1", "item_1", 1)], inSeconds(60))
        const rows = await service.cartHoldRows("cart_r")
        expect(await service.closeCartHolds("cart_r", "converted")).toHaveLength(1)

        await service.replaceCartHolds("cart_r", [line("v1", "item_1", 1)], inSeconds(60), null, null, rows)
        expect((await service.listCheckoutHolds({ cart_id: "cart_r" })).map((h) => h.status)).toEqual(["converted"])
      })

      it("lowers a cart's holds to what it still wants, releases the rest, leaves claimed rows, and puts them back", async () => {
        await service.replaceCartHolds(
          "cart_s",
          [line("v1", "item_1", 4), line("v2", "item_2", 1), line("v3", "item_3", 2), line("v4", "item_4", 1, "sloc_gone")],
          inSeconds(60)
        )
        await service.replaceCartHolds("cart_t", [line("v1", "item_1", 3)], inSeconds(60), null, new Date())
        const state = async (cart: string) =>
          (await service.listCheckoutHolds({ cart_id: cart })).map((h) => [h.variant_id, h.status, h.quantity]).sort()

        // v1 lowered to 3, v2 no longer wanted, v3 wanted as held, v4 at a location that no longer serves the cart.
        const previous = await service.shrinkCartHolds(
          "cart_s",
          [
            { variant_id: "v1", inventory_item_id: "item_1", quantity: 3 },
            { variant_id: "v3", inventory_item_id: "item_3", quantity: 5 },
            { variant_id: "v4", inventory_item_id: "item_4", quantity: 1 },
          ],
          ["sloc_1"]
        )
        expect(await state("cart_s")).toEqual([
          ["v1", "active", 3],
          ["v2", "released", 1],
          ["v3", "active", 2],
          ["v4", "released", 1],
        ])
        expect(previous.map((p) => [p.status, p.quantity]).sort()).toEqual([
          ["active", 1],
          ["active", 1],
          ["active", 4],
        ])
        // A completion's claimed rows are its own.
        expect(await service.shrinkCartHolds("cart_t", [], ["sloc_1"])).toEqual([])
        expect(await state("cart_t")).toEqual([["v1", "active", 3]])

        await service.restoreHoldSnapshot(previous)
        expect(await state("cart_s")).toEqual([
          ["v1", "active", 4],
          ["v2", "active", 1],
          ["v3", "active", 2],
          ["v4", "active", 1],
        ])
      })

      it("treats a claim older than the completion grace as one whose completion died: a shrink or a release lets it go, not a live one", async () => {
        const died = new Date(Date.now() - (service.completionGraceSeconds + 1) * 1000)
        await service.replaceCartHolds("cart_d", [line("v1", "item_1", 2)], inSeconds(300), null, died)
        await service.replaceCartHolds("cart_e", [line("v1", "item_1", 2)], inSeconds(300), null, died)
        await service.replaceCartHolds("cart_f", [line("v1", "item_1", 2)], inSeconds(300), null, new Date())
        const row = async (cart: string) =>
          (await service.listCheckoutHolds({ cart_id: cart })).map((h) => [h.status, h.quantity, h.completing_at])
        await service.shrinkCartHolds("cart_d", [{ variant_id: "v1", inventory_item_id: "item_1", quantity: 1 }], ["sloc_1"])
        expect(await row("cart_d")).toEqual([["active", 1, null]])
        expect(await service.closeCartHolds("cart_e", "released")).toHaveLength(1)
        // A claim within the grace is its completion's: neither lets it go.
        expect(await service.shrinkCartHolds("cart_f", [], ["sloc_1"])).toEqual([])
        expect(await service.closeCartHolds("cart_f", "released")).toEqual([])
        expect(await row("cart_f")).toEqual([["active", 2, expect.any(Date)]])
      })

      it("shares what is still wanted of a variant in two lines between its two rows", async () => {
        await service.replaceCartHolds("cart_v", [line("v5", "item_5", 2), line("v5", "item_5", 3)], inSeconds(60))
        expect(await service.listCheckoutHolds({ cart_id: "cart_v" })).toHaveLength(2)
        await service.shrinkCartHolds("cart_v", [{ variant_id: "v5", inventory_item_id: "item_5", quantity: 2 }], ["sloc_1"])
        const rows = await service.listCheckoutHolds({ cart_id: "cart_v" })
        expect(rows.filter((h) => h.status === "active").map((h) => h.quantity)).toEqual([2])
        expect(rows.filter((h) => h.status === "released")).toHaveLength(1)
        // Nothing wanted any more: the other goes too.
        await service.shrinkCartHolds("cart_v", [], ["sloc_1"])
        expect((await service.listCheckoutHolds({ cart_id: "cart_v" })).map((h) => h.status)).toEqual(["released", "released"])
      })

      it("makes released holds active again by id (one or several), unless changed since", async () => {
        await service.replaceCartHolds("cart_u", [line("v1", "item_1", 1), line("v2", "item_2", 1)], inSeconds(60))
        const released = await service.closeCartHolds("cart_u", "released")
        expect(released).toHaveLength(2)
        await service.reactivateReleasedHolds([released[0]])
        await service.reactivateReleasedHolds(released)
        expect((await service.listCheckoutHolds({ cart_id: "cart_u" })).map((h) => h.status)).toEqual(["active", "active"])
      })
    })
  },
})

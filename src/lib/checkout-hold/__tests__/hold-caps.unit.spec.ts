import { CHECKOUT_HOLD_CAP_DEFAULTS } from "../../../config/checkout-holds"
import { applyHoldLifetime, assertClientCartCap, assertWithinShare, sharesAcrossCarts, soldOutItems } from "../hold-caps"
import type { HoldCapError } from "../errors"

const caps = CHECKOUT_HOLD_CAP_DEFAULTS
const MINUTE = 60_000
const now = new Date("2026-11-25T12:00:00.000Z")
const line = { variant_id: "v1", inventory_item_id: "i1", location_id: "l1", quantity: 1 }
const need = (quantity: number) => ({
  inventory_item_id: "i1",
  quantity,
  lines: [{ variant_id: "v1", title: "Almond Ladoo", quantity, required_quantity: 1 }],
})
const position = (stocked: number, reserved = 0, held = 0) => ({
  inventory_item_id: "i1",
  location_id: "l1",
  stocked,
  reserved,
  held_by_others: held,
})
const capOf = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    return { code: (e as HoldCapError).code, until: (e as HoldCapError).until?.toISOString() ?? null }
  }
  return null
}

describe("hold caps", () => {
  it("lifetime: a first take runs for the TTL; a refresh stops at 30 minutes from the first take", () => {
    const ttlEnd = new Date(now.getTime() + 15 * MINUTE)
    expect(applyHoldLifetime([line], [], caps, now, ttlEnd, String)[0]).toMatchObject({ held_since: now, expires_at: ttlEnd })
    const since = new Date(now.getTime() - 25 * MINUTE)
    const [refreshed] = applyHoldLifetime([line], [{ ...line, held_since: since }], caps, now, ttlEnd, String)
    expect(refreshed).toMatchObject({ held_since: since, expires_at: new Date(since.getTime() + 30 * MINUTE) })
  })

  it("cool-down: refused from 30 to 40 minutes after the first take, until its end; a new take after it", () => {
    const ttlEnd = new Date(now.getTime() + 15 * MINUTE)
    const since = new Date(now.getTime() - 35 * MINUTE)
    expect(capOf(() => applyHoldLifetime([line], [{ ...line, held_since: since }], caps, now, ttlEnd, String))).toEqual({
      code: "cool_down",
      until: new Date(since.getTime() + 40 * MINUTE).toISOString(),
    })
    const old = new Date(now.getTime() - 40 * MINUTE)
    expect(applyHoldLifetime([line], [{ ...line, held_since: old }], caps, now, ttlEnd, String)[0].held_since).toEqual(now)
  })

  it("lifetime and cool-down are the client's: a new cart starts from the first take of its other carts, not afresh", () => {
    const ttlEnd = new Date(now.getTime() + 15 * MINUTE)
    const since = new Date(now.getTime() - 25 * MINUTE)
    const [fresh] = applyHoldLifetime([line], [], caps, now, ttlEnd, String, [{ ...line, held_since: since }])
    expect(fresh).toMatchObject({ held_since: since, expires_at: new Date(since.getTime() + 30 * MINUTE) })
    const longAgo = new Date(now.getTime() - 31 * MINUTE)
    const refused = () => applyHoldLifetime([line], [], caps, now, ttlEnd, (v) => v, [{ ...line, held_since: longAgo }])
    expect(capOf(refused)).toEqual({ code: "cool_down", until: new Date(longAgo.getTime() + 40 * MINUTE).toISOString() })
    expect(() => refused()).toThrow("Another of your carts held v1 for 30 minutes")
    // Another variant's history, or an episode that is over, starts nothing.
    const other = { ...line, variant_id: "v2", held_since: longAgo }
    expect(applyHoldLifetime([line], [], caps, now, ttlEnd, String, [other])[0].held_since).toEqual(now)
    const over = { ...line, held_since: new Date(now.getTime() - 41 * MINUTE) }
    expect(applyHoldLifetime([line], [over], caps, now, ttlEnd, String, [over])[0].held_since).toEqual(now)
  })

  it("cart share is the client's: units its other carts hold there count as asked and as left", () => {
    // 6 left for this cart, 2 more held by the client's other cart: 8 for the client, half is 4.
    const elsewhere = [{ inventory_item_id: "i1", location_id: "l1", quantity: 2 }]
    expect(capOf(() => assertWithinShare({ needs: [need(2)] }, [line], [position(8, 0, 2)], caps, elsewhere))).toBeNull()
    expect(() => assertWithinShare({ needs: [need(3)] }, [line], [position(8, 0, 2)], caps, elsewhere)).toThrow(
      "Only 8 left of Almond Ladoo: one shopper may hold at most 4 of them in all their carts; your other carts hold 2, and this one asked for 3"
    )
    // One share across carts for a customer only: strangers behind one guest address do not split it.
    expect([sharesAcrossCarts("customer:cus_1"), sharesAcrossCarts("ip:203.0.113.7"), sharesAcrossCarts(null)]).toEqual([true, false, false])
    // Held at another location: not the same units.
    const there = [{ inventory_item_id: "i1", location_id: "l2", quantity: 2 }]
    expect(capOf(() => assertWithinShare({ needs: [need(3)] }, [line], [position(8, 0, 2)], caps, there))).toBeNull()
  })

  it("cart share: half of 6 left is 3; 3 of 3 left is fine; others' holds count", () => {
    expect(capOf(() => assertWithinShare({ needs: [need(4)] }, [line], [position(6)], caps))?.code).toBe("cart_share")
    expect(capOf(() => assertWithinShare({ needs: [need(3)] }, [line], [position(6)], caps))).toBeNull()
    expect(capOf(() => assertWithinShare({ needs: [need(3)] }, [line], [position(6, 1, 2)], caps))).toBeNull()
  })

  it("carts per client: a customer 2, a guest address 10; until the soonest of the others' expiries", () => {
    const carts = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ cart_id: `c${i}`, expires_at: new Date(now.getTime() + (n - i) * MINUTE) }))
    const customer = { kind: "customer" as const, id: "cus_1", key: "customer:cus_1" }
    const guest = { kind: "ip" as const, id: "203.0.113.7", key: "ip:203.0.113.7" }
    expect(capOf(() => assertClientCartCap(customer, carts(1), caps))).toBeNull()
    expect(capOf(() => assertClientCartCap(customer, carts(2), caps))).toEqual({
      code: "carts_per_customer",
      until: new Date(now.getTime() + MINUTE).toISOString(),
    })
    expect(capOf(() => assertClientCartCap(guest, carts(9), caps))).toBeNull()
    expect(capOf(() => assertClientCartCap(guest, carts(10), caps))?.code).toBe("carts_per_guest_ip")
  })

  it("sold out only when nothing is left for anyone", () => {
    const cart = { location_ids: ["l1"], needs: [need(2)] }
    expect(soldOutItems(cart, [position(3, 2, 1)])).toEqual([{ variant_id: "v1", title: "Almond Ladoo", requested: 2, available: 0 }])
    expect(soldOutItems(cart, [position(3, 2, 0)])).toEqual([])
  })
})

import { holdsCoverNeeds, planHolds } from "../hold-plan"
import type { StockNeed, StockPosition } from "../types"

const pos = (item: string, location: string, stocked: number, reserved = 0, held = 0): StockPosition => ({
  inventory_item_id: item,
  location_id: location,
  stocked,
  reserved,
  held_by_others: held,
})

const need = (item: string, lines: [variant: string, quantity: number, required?: number][]): StockNeed => ({
  inventory_item_id: item,
  quantity: lines.reduce((n, [, q, r = 1]) => n + q * r, 0),
  lines: lines.map(([variant_id, quantity, required_quantity = 1]) => ({
    variant_id,
    title: `Title of ${variant_id}`,
    quantity,
    required_quantity,
  })),
})

describe("planHolds", () => {
  it("holds at the first location that alone covers the need", () => {
    const plan = planHolds(
      { location_ids: ["loc_a", "loc_b"], needs: [need("item_1", [["v1", 3]])] },
      [pos("item_1", "loc_a", 2), pos("item_1", "loc_b", 5)]
    )
    expect(plan).toEqual({
      holds: [{ variant_id: "v1", inventory_item_id: "item_1", location_id: "loc_b", quantity: 3 }],
      short: [],
    })
  })

  it("never adds two locations together to promise stock no single one has (#14987)", () => {
    const plan = planHolds(
      { location_ids: ["loc_a", "loc_b"], needs: [need("item_1", [["v1", 4]])] },
      [pos("item_1", "loc_a", 2), pos("item_1", "loc_b", 3)]
    )
    expect(plan.holds).toEqual([])
    expect(plan.short).toEqual([{ variant_id: "v1", title: "Title of v1", requested: 4, available: 3 }])
  })

  it("counts reservations and other carts' holds against stock", () => {
    const plan = planHolds(
      { location_ids: ["loc_a"], needs: [need("item_1", [["v1", 2]])] },
      [pos("item_1", "loc_a", 6, 3, 2)]
    )
    expect(plan.short).toEqual([expect.objectContaining({ requested: 2, available: 1 })])
  })

  it("checks lines that share an inventory item together (#16502)", () => {
    const shared = need("box", [
      ["one", 2, 1],
      ["two", 1, 2],
    ])
    expect(shared.quantity).toBe(4)
    const short = planHolds({ location_ids: ["loc_a"], needs: [shared] }, [pos("box", "loc_a", 3)])
    expect(short.short).toEqual([
      { variant_id: "one", title: "Title of one", requested: 2, available: 3 },
      { variant_id: "two", title: "Title of two", requested: 1, available: 1 },
    ])
    const fits = planHolds({ location_ids: ["loc_a"], needs: [shared] }, [pos("box", "loc_a", 4)])
    expect(fits.holds).toEqual([
      { variant_id: "one", inventory_item_id: "box", location_id: "loc_a", quantity: 2 },
      { variant_id: "two", inventory_item_id: "box", location_id: "loc_a", quantity: 2 },
    ])
  })

  it("treats a location without an inventory level as empty, and never reports negative stock", () => {
    const plan = planHolds(
      { location_ids: ["loc_a", "loc_b"], needs: [need("item_1", [["v1", 1]])] },
      [pos("item_1", "loc_a", 1, 3)]
    )
    expect(plan.short).toEqual([expect.objectContaining({ available: 0 })])
  })
})

describe("holdsCoverNeeds", () => {
  const cart = { location_ids: ["loc_shop", "loc_gallery"], needs: [need("item_1", [["v1", 2]]), need("item_2", [["v2", 1, 3]])] }
  const holds = [
    { variant_id: "v1", inventory_item_id: "item_1", location_id: "loc_shop", quantity: 2 },
    { variant_id: "v2", inventory_item_id: "item_2", location_id: "loc_gallery", quantity: 3 },
  ]

  it("is true only for exactly the quantities the lines need", () => {
    expect(holdsCoverNeeds(holds, cart)).toBe(true)
    expect(holdsCoverNeeds(holds.slice(0, 1), cart)).toBe(false)
    expect(holdsCoverNeeds([{ ...holds[0], quantity: 3 }, holds[1]], cart)).toBe(false)
    expect(holdsCoverNeeds([...holds, { variant_id: "v3", inventory_item_id: "item_3", location_id: "loc_shop", quantity: 1 }], cart)).toBe(false)
  })

  it("is false when a hold is at a location the cart can no longer be served from", () => {
    // The gallery left the cart's sales channel (or was deleted) after the hold was taken.
    expect(holdsCoverNeeds(holds, { ...cart, location_ids: ["loc_shop"] })).toBe(false)
  })
})

import { heldUnits } from "../held-units"

const row = (cart_id: string, variant_id: string, variant_title: string | null, variant_units: number, inventory_item_id = "iitem_1") => ({
  cart_id,
  variant_id,
  variant_title,
  variant_units,
  inventory_item_id,
})

describe("heldUnits", () => {
  it("counts a cart's hold of a variant made of two items once", () => {
    // Cart A holds 2 gift sets (box + card: two rows); cart B holds 1.
    const holds = [
      row("cart_A", "var_set", "Gift set", 2, "iitem_box"),
      row("cart_A", "var_set", "Gift set", 2, "iitem_card"),
      row("cart_B", "var_set", "Gift set", 1, "iitem_box"),
      row("cart_B", "var_set", "Gift set", 1, "iitem_card"),
    ]
    expect(heldUnits(holds)).toEqual({ total: 3, byVariant: [{ label: "Gift set", units: 3 }] })
  })

  it("adds up a cart's two lines of one variant (one row per line)", () => {
    const holds = [row("cart_A", "var_s", "Small", 1), row("cart_A", "var_s", "Small", 2)]
    expect(heldUnits(holds)).toEqual({ total: 3, byVariant: [{ label: "Small", units: 3 }] })
  })

  it("adds up variants and carts, naming a variant without a title by its id", () => {
    const holds = [row("cart_A", "var_s", "Small", 1), row("cart_B", "var_s", "Small", 2), row("cart_A", "var_x", null, 4)]
    expect(heldUnits(holds)).toEqual({
      total: 7,
      byVariant: [
        { label: "Small", units: 3 },
        { label: "var_x", units: 4 },
      ],
    })
  })

  it("is empty with no holds", () => {
    expect(heldUnits([])).toEqual({ total: 0, byVariant: [] })
  })
})

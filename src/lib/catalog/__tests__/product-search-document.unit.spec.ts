import { freeFrom, kindOf, kindRootsFrom, toOptionValues, toPricing, toProductSearchDocument } from "../product-search-document"

describe("product search documents", () => {
  it("free_from lists every allergen a declared label leaves out; undeclared snacks are free from nothing", () => {
    expect(freeFrom({ allergens_declared: true, allergens: ["tree_nuts", "milk"] })).toEqual(
      expect.arrayContaining(["peanuts", "gluten", "sesame"])
    )
    expect(freeFrom({ allergens_declared: true, allergens: ["tree_nuts", "milk"] })).not.toContain("milk")
    expect(freeFrom({ allergens_declared: false, allergens: [] })).toEqual([])
    expect(freeFrom(null)).toEqual([])
  })

  it("flattens options to title:value once each", () => {
    expect(
      toOptionValues([
        { title: "Pack size", values: [{ value: "250 g" }, { value: "500 g" }, { value: "250 g" }] },
        { title: " ", values: [{ value: "x" }] },
      ])
    ).toEqual(["Pack size:250 g", "Pack size:500 g"])
  })

  it("prices from the cheapest variant, on sale only when that variant is reduced", () => {
    expect(
      toPricing("inr", [
        { calculated_price: { calculated_amount: 649, original_amount: 649 } },
        { calculated_price: { calculated_amount: 299, original_amount: 349 } },
        { calculated_price: null },
      ])
    ).toEqual({ min_price_inr: 299, max_price_inr: 649, original_price_inr: 349, on_sale_inr: true })
    expect(toPricing("inr", [])).toEqual({})
  })

  it("takes the kind from the department above the product's categories", () => {
    const roots = kindRootsFrom([
      { id: "pcat_snacks", handle: "snacks" },
      { id: "pcat_art", handle: "art" },
      { id: "pcat_other", handle: "other" },
    ])
    expect(kindOf(["pcat_snacks", "pcat_ladoos"], roots)).toBe("snack")
    expect(kindOf(["pcat_snacks", "pcat_art"], roots)).toBeNull()
    const doc = toProductSearchDocument(
      {
        id: "prod_1",
        status: "published",
        title: "Almond Ladoo",
        categories: [{ id: "pcat_ladoos", name: "Ladoos", handle: "ladoos", mpath: "pcat_snacks.pcat_ladoos" }],
        sales_channels: [{ id: "sc_1" }],
        snack_profile: { allergens_declared: true, allergens: ["peanuts"], dietary_tags: ["vegan"], perishable: true },
      },
      roots
    )
    expect(doc).toMatchObject({
      kind: "snack",
      category: ["Ladoos"],
      category_ids: ["pcat_snacks", "pcat_ladoos"],
      sales_channel_ids: ["sc_1"],
      dietary_tags: ["vegan"],
      perishable: true,
      medium: null,
      one_of_a_kind: null,
    })
    expect(doc.free_from).not.toContain("peanuts")
  })
})

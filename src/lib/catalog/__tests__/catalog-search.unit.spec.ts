import { catalogSearchQuery, inIdOrder } from "../catalog-search"

describe("the catalogue's query on the product index", () => {
  const page = { limit: 20, offset: 40 }

  it("always narrows to published products of the key's channels, ordered by id by default", () => {
    expect(catalogSearchQuery(page, ["sc_1", "sc_2"])).toEqual({
      entity: "product",
      fields: ["id"],
      filters: { $and: [{ status: "published" }, { sales_channel_ids: { $overlaps: ["sc_1", "sc_2"] } }] },
      pagination: { skip: 40, take: 20, order: { id: "ASC" } },
      search_options: { typo_tolerance: true, count: "exact" },
    })
  })

  it("maps each shop filter to its index field: all tags, free of all allergens, any medium, any category", () => {
    const query = catalogSearchQuery(
      {
        ...page,
        kind: "snack",
        category_id: ["pcat_a", "pcat_b"],
        dietary: ["vegan", "jain"],
        allergen_free: ["peanuts", "milk"],
        medium: ["ink", "watercolour"],
        one_of_a_kind: false,
        q: "ladoo",
      },
      ["sc_1"]
    )
    expect(query.filters).toEqual({
      q: "ladoo",
      $and: [
        { status: "published" },
        { sales_channel_ids: { $overlaps: ["sc_1"] } },
        { kind: "snack" },
        { category_ids: { $overlaps: ["pcat_a", "pcat_b"] } },
        { dietary_tags: { $contains: ["vegan", "jain"] } },
        { free_from: { $contains: ["peanuts", "milk"] } },
        { medium: { $in: ["ink", "watercolour"] } },
        { one_of_a_kind: false },
      ],
    })
  })

  it("orders by the asked field, then by id so that pages never overlap", () => {
    expect(catalogSearchQuery({ ...page, order: "title" }, ["sc_1"]).pagination?.order).toEqual({ title: "ASC", id: "ASC" })
    expect(catalogSearchQuery({ ...page, order: "-created_at" }, ["sc_1"]).pagination?.order).toEqual({
      created_at: "DESC",
      id: "ASC",
    })
  })

  it("puts loaded rows back in the index's order and drops ids with no row", () => {
    expect(inIdOrder(["c", "a", "gone", "b"], [{ id: "a" }, { id: "b" }, { id: "c" }])).toEqual([
      { id: "c" },
      { id: "a" },
      { id: "b" },
    ])
  })
})

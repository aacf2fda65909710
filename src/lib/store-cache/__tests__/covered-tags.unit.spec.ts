import { CacheInvalidationParser, type InvalidationOperation } from "@medusajs/caching/dist/utils/parser"
import { tagsNotCoveredBy } from "../covered-tags"

describe("automatic tags a list tag already covers", () => {
  it("drops <Entity>:<id> where the answer carries <Entity>:list:*, and keeps every other tag", () => {
    const found = ["Product:prod_1", "Product:list:*", "ProductVariant:variant_1", "InventoryItem:iitem_1", "Weird", ":x"]
    expect(tagsNotCoveredBy(found, ["Product:list:*", "ProductVariant:list:*", "Region:list:*"])).toEqual([
      "InventoryItem:iitem_1",
      "Weird",
      ":x",
    ])
    expect(tagsNotCoveredBy(found, [])).toEqual(found)
    expect(tagsNotCoveredBy(["SearchIndex:product", "InventoryItem:iitem_1"], ["SearchIndex:product"])).toEqual(["InventoryItem:iitem_1"])
  })

  // What the filter relies on, checked against the installed Caching Module: for
  // every operation Medusa's module events carry, invalidating an entity clears
  // its list tag together with its id tag.
  it.each<InvalidationOperation>(["created", "updated", "deleted", "restored", "attached", "detached"])(
    "Medusa clears <Entity>:list:* with <Entity>:<id> when an entity is %s",
    (operation) => {
      const parser = new CacheInvalidationParser({ getTypeMap: () => ({}) } as never, [])
      const [event] = parser.buildInvalidationEvents([{ type: "Price", id: "price_1", isInArray: false }], operation)
      expect(event.cacheKeys).toEqual(expect.arrayContaining(["Price:price_1", "Price:list:*"]))
    }
  )
})

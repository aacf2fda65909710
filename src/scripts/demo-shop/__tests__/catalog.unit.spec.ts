import fs from "fs"
import path from "path"
import { CATEGORIES, COLLECTIONS, PRODUCTS, SHARED_OPTION_TITLES } from "../catalog"

const childHandles = CATEGORIES.flatMap((c) => c.children.map((child) => child.handle))

describe("demo catalogue", () => {
  it("has at least 24 products, each in a child category of Snacks or Art", () => {
    expect(PRODUCTS.length).toBeGreaterThanOrEqual(24)
    for (const product of PRODUCTS) {
      expect(childHandles).toContain(product.category_handle)
    }
  })

  it("puts products in every child category", () => {
    for (const handle of childHandles) {
      expect(PRODUCTS.filter((p) => p.category_handle === handle).length).toBeGreaterThan(0)
    }
  })

  it("has unique handles and SKUs", () => {
    const handles = PRODUCTS.map((p) => p.handle)
    const skus = PRODUCTS.flatMap((p) => p.variants.map((v) => v.sku))
    expect(new Set(handles).size).toBe(handles.length)
    expect(new Set(skus).size).toBe(skus.length)
  })

  it("gives every variant a positive INR price, a value for every option and a stock level", () => {
    for (const product of PRODUCTS) {
      for (const variant of product.variants) {
        expect(variant.price_inr).toBeGreaterThan(0)
        expect(variant.stock).toBeGreaterThanOrEqual(0)
        for (const option of product.options) {
          expect(option.values).toContain(variant.options[option.title])
        }
      }
    }
  })

  it("keeps a few variants deliberately low (1 to 3 units)", () => {
    const low = PRODUCTS.flatMap((p) => p.variants).filter((v) => v.stock >= 1 && v.stock <= 3)
    expect(low.length).toBeGreaterThanOrEqual(3)
  })

  it("ships a small image file for every product", () => {
    for (const product of PRODUCTS) {
      const file = path.join(__dirname, "..", "images", product.image)
      expect(fs.existsSync(file)).toBe(true)
      expect(fs.statSync(file).size).toBeLessThan(20_000)
    }
  })
})

describe("demo collections and shared options", () => {
  it("gives every collection at least 4 catalogue products, none in two collections", () => {
    const seen = new Set<string>()
    for (const collection of COLLECTIONS) {
      expect(collection.product_handles.length).toBeGreaterThanOrEqual(4)
      for (const handle of collection.product_handles) {
        expect(PRODUCTS.map((p) => p.handle)).toContain(handle)
        expect(seen.has(handle)).toBe(false)
        seen.add(handle)
      }
    }
  })

  it("puts in 'Under ₹299' only products a shopper can buy for less than 299", () => {
    const under = COLLECTIONS.find((c) => c.handle === "under-299")!
    for (const handle of under.product_handles) {
      const product = PRODUCTS.find((p) => p.handle === handle)!
      expect(Math.min(...product.variants.map((v) => v.price_inr))).toBeLessThan(299)
    }
  })

  it("uses each shared option on several products", () => {
    for (const title of SHARED_OPTION_TITLES) {
      expect(PRODUCTS.filter((p) => p.options.some((o) => o.title === title)).length).toBeGreaterThan(1)
    }
  })
})

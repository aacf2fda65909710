import fs from "fs"
import { MedusaError } from "@medusajs/framework/utils"
import { isMedusaStockRefusal } from "../completion-stock-check"

describe("isMedusaStockRefusal", () => {
  it("recognises the refusal Medusa's inventory module throws today (a reworded one after an upgrade fails here)", () => {
    const source = fs.readFileSync(require.resolve("@medusajs/inventory/dist/services/inventory-module.js"), "utf8")
    const thrown = source.match(/MedusaError\.Types\.NOT_ALLOWED, `(Not enough stock[^`$]*)\$\{/)
    expect(thrown?.[1]).toBe("Not enough stock available for item ")
    const error = new MedusaError(MedusaError.Types.NOT_ALLOWED, `${thrown![1]}iitem_1 at location sloc_1`)
    expect(isMedusaStockRefusal(error)).toBe(true)
    expect(isMedusaStockRefusal(new MedusaError(MedusaError.Types.INVALID_DATA, error.message))).toBe(false)
    expect(isMedusaStockRefusal(new MedusaError(MedusaError.Types.NOT_ALLOWED, "Cart is already completed"))).toBe(false)
  })
})

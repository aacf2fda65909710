import { MAX_LINE_QUANTITY, assertWholeQuantity } from "../line-quantity"

describe("assertWholeQuantity", () => {
  it.each([1, 2, "3", MAX_LINE_QUANTITY])("accepts %p", (q) => {
    expect(() => assertWholeQuantity(q, "quantity")).not.toThrow()
  })

  it.each([1.5, 0.4, 0, -1, "1.5", "two", null, MAX_LINE_QUANTITY + 1, Number.NaN, Infinity])(
    "refuses %p with a 400 naming the field",
    (q) => {
      expect(() => assertWholeQuantity(q, "items.0.quantity")).toThrow(
        expect.objectContaining({ type: "invalid_data", message: expect.stringMatching(/^items\.0\.quantity must be a whole number/) })
      )
    }
  )

  it("allows 0 where it removes the line", () => {
    expect(() => assertWholeQuantity(0, "quantity", { allowZero: true })).not.toThrow()
    expect(() => assertWholeQuantity(0.5, "quantity", { allowZero: true })).toThrow(/from 0 to/)
  })
})

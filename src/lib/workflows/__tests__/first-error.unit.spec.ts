import { MedusaError } from "@medusajs/framework/utils"
import { firstWorkflowError } from "../first-error"

describe("firstWorkflowError", () => {
  it("is undefined when the run had no error", () => {
    expect(firstWorkflowError(undefined)).toBeUndefined()
    expect(firstWorkflowError([])).toBeUndefined()
  })

  it("keeps a thrown MedusaError as it is, type included", () => {
    const thrown = new MedusaError(MedusaError.Types.NOT_ALLOWED, "no")
    expect(firstWorkflowError([{ error: thrown }])).toBe(thrown)
  })

  it("keeps a serialised error's fields (the workflow engine may hand back a plain object)", () => {
    const copy = { message: "Sold out", name: "Error", type: "insufficient_inventory" }
    expect(firstWorkflowError([{ error: copy }])).toEqual(copy)
  })

  it("turns anything else into an Error with a readable message", () => {
    expect(firstWorkflowError([{ error: "boom" }])?.message).toBe("boom")
    expect(firstWorkflowError([{ error: { code: 7 } }])?.message).toBe('{"code":7}')
  })
})

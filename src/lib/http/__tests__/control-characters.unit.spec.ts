import { describeCharacter, findControlCharacter, findControlCharacterInPath } from "../control-characters"

describe("findControlCharacter", () => {
  it("names the field holding a NUL byte, however deep", () => {
    expect(findControlCharacter({ q: "lad\u0000oo" })).toEqual({ field: "q", character: "U+0000" })
    expect(findControlCharacter({ items: [{ variant_id: "v1" }, { variant_id: "v\u00002" }] })).toEqual({
      field: "items.1.variant_id",
      character: "U+0000",
    })
    expect(
      findControlCharacter({ additional_data: { snack_profile: { storage_instructions: "Keep\u001bcool" } } })
    ).toEqual({ field: "additional_data.snack_profile.storage_instructions", character: "U+001B" })
  })

  it("checks object keys and plain string bodies too", () => {
    expect(findControlCharacter({ metadata: { "no\u0007te": "x" } })).toEqual({ field: "metadata.no\u0007te", character: "U+0007" })
    expect(findControlCharacter("raw\u007ftext")).toEqual({ field: "body", character: "U+007F" })
    expect(findControlCharacter("x\u0001", "locale")).toEqual({ field: "locale", character: "U+0001" })
  })

  it("names half of a surrogate pair (PostgreSQL refuses it in jsonb), not a whole pair", () => {
    expect(findControlCharacter({ metadata: { n: "a\ud800b" } })).toEqual({ field: "metadata.n", character: "U+D800" })
    expect(findControlCharacter({ note: "\udc00" })).toEqual({ field: "note", character: "U+DC00" })
    expect(findControlCharacter({ note: "Ladoo 🍬 gift" })).toBeNull()
    expect(describeCharacter("U+D800")).toBe("an unpaired surrogate")
    expect(describeCharacter("U+0000")).toBe("a control character")
  })

  it("lets tabs, line breaks and non-ASCII text through", () => {
    expect(
      findControlCharacter({
        description: "Line one\nLine two\r\n\tindented",
        title: "Kaju Katli – ₹ 499, जैविक",
        quantity: 2,
        flags: [true, null],
      })
    ).toBeNull()
    expect(findControlCharacter(undefined)).toBeNull()
  })
})

describe("findControlCharacterInPath", () => {
  it("finds a percent-encoded control character in a path segment", () => {
    expect(findControlCharacterInPath("/store/carts/cart_01%00X/hold")).toEqual({ field: "cart_01%00X", character: "U+0000" })
    expect(findControlCharacterInPath("/store/carts/cart_01ABC/hold")).toBeNull()
    expect(findControlCharacterInPath("/store/products/%E0%A4%95")).toBeNull()
    expect(findControlCharacterInPath("/store/products/%E0%A4")).toBeNull()
  })
})

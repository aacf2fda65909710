import type { CategoryTree } from "../../../lib/catalog/category-kind"
import { hasCategoryOfKind, widgetMode } from "../product-profiles"

// Snacks › Namkeen › Bhujia (a department two levels down), Art › Prints, and Gifts outside both.
const tree: CategoryTree = new Map([
  ["pcat_snacks", { handle: "snacks", parent: null }],
  ["pcat_namkeen", { handle: "namkeen", parent: "pcat_snacks" }],
  ["pcat_bhujia", { handle: "bhujia", parent: "pcat_namkeen" }],
  ["pcat_art", { handle: "art", parent: null }],
  ["pcat_prints", { handle: "prints", parent: "pcat_art" }],
  ["pcat_gifts", { handle: "gifts", parent: null }],
])

describe("the profile widgets' department rule", () => {
  it("finds a product's department at any depth, by the root's handle", () => {
    expect(hasCategoryOfKind([{ id: "pcat_bhujia" }], "snack", tree)).toBe(true)
    expect(hasCategoryOfKind([{ id: "pcat_bhujia" }], "art", tree)).toBe(false)
    expect(hasCategoryOfKind([{ id: "pcat_gifts" }, { id: "pcat_prints" }], "art", tree)).toBe(true)
    expect(hasCategoryOfKind([{ id: "pcat_gifts" }], "snack", tree)).toBe(false)
    // A category the tree does not know yet (made after it was read) is in no department.
    expect(hasCategoryOfKind([{ id: "pcat_new" }], "snack", tree)).toBe(false)
    expect(hasCategoryOfKind(undefined, "snack", tree)).toBe(false)
  })

  it("offers to add a profile to a product of its department with none, shows its own, hides the other's", () => {
    const none = { snack_profile: null, art_profile: null }
    expect(widgetMode(none, [{ id: "pcat_bhujia" }], "snack", tree)).toBe("add")
    expect(widgetMode(none, [{ id: "pcat_bhujia" }], "art", tree)).toBe("hidden")
    expect(widgetMode(none, [{ id: "pcat_gifts" }], "snack", tree)).toBe("hidden")
    const snack = { snack_profile: { id: "sp_1" } as never, art_profile: null }
    expect(widgetMode(snack, [{ id: "pcat_gifts" }], "snack", tree)).toBe("show")
    expect(widgetMode(snack, [{ id: "pcat_prints" }], "art", tree)).toBe("hidden")
  })
})

/*
 * A product's kind follows its category: anything under the "snacks" root is a
 * snack, anything under "art" is art, at any depth. The root handles are the
 * shop's two departments; renaming a category keeps its handle, so the kind
 * stays put. Plain code without imports: Medusa Admin's widgets use it too.
 */
export type ProductKind = "snack" | "art"

export const KIND_ROOT_HANDLES: Record<ProductKind, string> = {
  snack: "snacks",
  art: "art",
}

/**
 * The product type that mirrors each kind, so that Medusa's tax rules (which
 * match product types, not categories) can charge GST by kind.
 */
export const KIND_PRODUCT_TYPES: Record<ProductKind, string> = {
  snack: "Snack",
  art: "Art",
}

/** Each category's handle and parent: a local shop has a few dozen at most. */
export type CategoryTree = Map<string, { handle: string; parent: string | null }>

/** The department a category is in (its root's), or null: outside both, or unknown. */
export function categoryKind(tree: CategoryTree, categoryId: string): ProductKind | null {
  let current = categoryId
  for (let depth = 0; depth < 50; depth++) {
    const node = tree.get(current)
    if (!node) {
      return null
    }
    if (!node.parent) {
      const entry = Object.entries(KIND_ROOT_HANDLES).find(([, handle]) => handle === node.handle)
      return entry ? (entry[0] as ProductKind) : null
    }
    current = node.parent
  }
  return null
}

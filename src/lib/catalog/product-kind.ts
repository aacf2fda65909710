import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { KIND_ROOT_HANDLES, categoryKind, type CategoryTree, type ProductKind } from "./category-kind"

export { KIND_PRODUCT_TYPES, KIND_ROOT_HANDLES, categoryKind, type CategoryTree, type ProductKind } from "./category-kind"

export type ProductKindInfo = {
  id: string
  title: string
  status: string
  type_id: string | null
  /** null: in neither department. "both" is refused by the profile rules. */
  kind: ProductKind | "both" | null
}

/** Every category with its parent: a local shop has a few dozen at most. */
export async function loadCategoryTree(container: MedusaContainer): Promise<CategoryTree> {
  const productModule = container.resolve(Modules.PRODUCT)
  const all = await productModule.listProductCategories(
    {},
    { select: ["id", "handle", "parent_category_id"], take: null }
  )
  return new Map(all.map((c) => [c.id, { handle: c.handle, parent: c.parent_category_id ?? null }]))
}

/** Products added to or removed from one category (Admin's category "Add products"). */
export type CategoryLinkChange = { category_id: string; add: string[]; remove: string[] }

/**
 * The kind of each product, from the roots of its categories (as they are, or
 * as they will be after `change` or once the `gone` categories are deleted).
 */
export async function productKinds(
  container: MedusaContainer,
  productIds: string[],
  change?: CategoryLinkChange,
  /** Categories about to be deleted: counted as gone. */
  gone: string[] = []
): Promise<Map<string, ProductKindInfo>> {
  if (!productIds.length) {
    return new Map()
  }
  const [kinds] = await kindsOnTrees(container, productIds, [await loadCategoryTree(container)], change, gone)
  return kinds
}

/**
 * The products whose kind differs between two category trees (as it is, and as
 * a category's move will make it), each with its kind on `after`: one read of
 * the products for both trees.
 */
export async function productsChangingKind(
  container: MedusaContainer,
  productIds: string[],
  before: CategoryTree,
  after: CategoryTree
): Promise<ProductKindInfo[]> {
  if (!productIds.length) {
    return []
  }
  const [now, then] = await kindsOnTrees(container, productIds, [before, after])
  return [...then.values()].filter((info) => now.get(info.id)?.kind !== info.kind)
}

/** Each product's kind on each of `trees`, from one read of the products' categories. */
async function kindsOnTrees(
  container: MedusaContainer,
  productIds: string[],
  trees: CategoryTree[],
  change?: CategoryLinkChange,
  gone: string[] = []
): Promise<Map<string, ProductKindInfo>[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: products } = await query.graph({
    entity: "product",
    fields: ["id", "title", "status", "type_id", "categories.id"],
    filters: { id: productIds },
  })
  return trees.map((tree) => {
    const kinds = new Map<string, ProductKindInfo>()
    for (const product of products) {
      const found = new Set<ProductKind>()
      const categoryIds = new Set((product.categories ?? []).flatMap((c) => (c ? [c.id] : [])))
      if (change?.add.includes(product.id)) {
        categoryIds.add(change.category_id)
      }
      if (change?.remove.includes(product.id)) {
        categoryIds.delete(change.category_id)
      }
      for (const categoryId of [...categoryIds].filter((id) => !gone.includes(id))) {
        const kind = categoryKind(tree, categoryId)
        if (kind) {
          found.add(kind)
        }
      }
      kinds.set(product.id, {
        id: product.id,
        title: product.title,
        status: product.status,
        type_id: product.type_id ?? null,
        kind: found.size > 1 ? "both" : ([...found][0] ?? null),
      })
    }
    return kinds
  })
}

/** The given categories and every category below them. */
export function categorySubtreeIds(tree: CategoryTree, categoryIds: string[]): string[] {
  const inSubtree = (id: string): boolean => {
    for (let current: string | null = id, depth = 0; current && depth < 50; depth++) {
      if (categoryIds.includes(current)) {
        return true
      }
      current = tree.get(current)?.parent ?? null
    }
    return false
  }
  return [...tree.keys()].filter(inSubtree)
}

/** Categories of a kind: its department root and everything below. */
export function kindCategoryIds(tree: CategoryTree, kind: ProductKind): string[] {
  const root = [...tree.entries()].find(([, c]) => c.parent === null && c.handle === KIND_ROOT_HANDLES[kind])
  return root ? categorySubtreeIds(tree, [root[0]]) : []
}

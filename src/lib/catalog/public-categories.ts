/** Read beside a product's categories to leave out those shoppers may not see. */
export const CATEGORY_VISIBILITY_FIELDS = ["categories.is_internal", "categories.is_active"]

type CategoryFlags = { is_internal?: boolean | null; is_active?: boolean | null }

/** A category shoppers may see: active and not internal (unknown flags count as public). */
export function isPublicCategory(category: CategoryFlags): boolean {
  return !category.is_internal && category.is_active !== false
}

/**
 * A product as a store answer shows it: only its active, public categories (as
 * Medusa's own store routes filter internal ones), without the flags read to decide.
 */
export function withPublicCategories<P extends { categories?: (CategoryFlags | null)[] | null }>(product: P): P {
  if (!product.categories) {
    return product
  }
  const categories = product.categories
    .filter((c): c is CategoryFlags => !!c && isPublicCategory(c))
    .map(({ is_internal: _internal, is_active: _active, ...shown }) => shown)
  return { ...product, categories }
}

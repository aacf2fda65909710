import type { SearchTypes } from "@medusajs/framework/types"
import type { Medium } from "../../modules/art-profile/validation"
import type { Allergen, DietaryTag } from "../../modules/snack-profile/validation"
import type { ProductKind } from "./product-kind"

/** The product search index (src/search/product.ts) that the catalogue reads. */
export const PRODUCT_INDEX = "product"

/**
 * The cache tag of every answer computed from the product index. Cleared once
 * the index has ingested a change (src/subscribers/product-search-ingested.ts):
 * clearing on the change itself would be too early, as the index catches up
 * a moment later.
 */
export const PRODUCT_INDEX_CACHE_TAG = "SearchIndex:product"

export type CatalogOrder = "title" | "-title" | "created_at" | "-created_at"

export type CatalogSearchInput = {
  kind?: ProductKind
  category_id?: string[]
  dietary?: DietaryTag[]
  allergen_free?: Allergen[]
  medium?: Medium[]
  one_of_a_kind?: boolean
  q?: string
  limit: number
  offset: number
  order?: CatalogOrder
}

/**
 * The catalogue's order on the index: the asked field, then `id` so that equal
 * titles or dates page stably; no order means `id` ascending, as Medusa's own
 * product lists (and this route before it read the index).
 */
function toSearchOrder(order: CatalogOrder | undefined): Record<string, SearchTypes.SearchOrderBy> {
  if (!order) {
    return { id: "ASC" }
  }
  const field = order.replace(/^-/, "")
  return { [field]: order.startsWith("-") ? "DESC" : "ASC", id: "ASC" }
}

/**
 * The index query for `GET /store/catalog/products`: the same filters a
 * storefront sends to `POST /store/search` (README, Search), narrowed to
 * published products of the publishable key's sales channels as Medusa narrows
 * that route. Returns only ids: the route loads the products themselves.
 */
export function catalogSearchQuery(input: CatalogSearchInput, salesChannelIds: string[]): SearchTypes.SearchQuery {
  const and: SearchTypes.SearchFilters[] = [
    { status: "published" },
    { sales_channel_ids: { $overlaps: salesChannelIds } },
  ]
  if (input.kind) {
    and.push({ kind: input.kind })
  }
  if (input.category_id) {
    // category_ids holds each product's categories and their ancestors.
    and.push({ category_ids: { $overlaps: input.category_id } })
  }
  if (input.dietary) {
    and.push({ dietary_tags: { $contains: input.dietary } })
  }
  if (input.allergen_free) {
    and.push({ free_from: { $contains: input.allergen_free } })
  }
  if (input.medium) {
    and.push({ medium: { $in: input.medium } })
  }
  if (input.one_of_a_kind !== undefined) {
    and.push({ one_of_a_kind: input.one_of_a_kind })
  }
  return {
    entity: PRODUCT_INDEX,
    fields: ["id"],
    filters: { ...(input.q ? { q: input.q } : {}), $and: and },
    pagination: { skip: input.offset, take: input.limit, order: toSearchOrder(input.order) },
    // As on /store/search (typo-tolerance-by-default.ts); an exact count for paging.
    search_options: { typo_tolerance: true, count: "exact" },
  }
}

/** `rows` in the order of `ids`; ids without a row are left out. */
export function inIdOrder<T extends { id: string }>(ids: string[], rows: T[]): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]))
  return ids.flatMap((id) => {
    const row = byId.get(id)
    return row ? [row] : []
  })
}

import { ALLERGENS } from "../../modules/snack-profile/vocabulary"
import { KIND_ROOT_HANDLES, type ProductKind } from "./product-kind"
import { isPublicCategory } from "./public-categories"

/**
 * How a product becomes a document of the product search index
 * (src/search/product.ts). Plain functions over the rows `query.graph` returns,
 * so the index, its seed and its event handling build one and the same shape.
 */

/** The currencies the index holds prices in (the shop sells in rupees). */
export const PRICE_CURRENCIES = ["inr"] as const
export type PriceCurrency = (typeof PRICE_CURRENCIES)[number]

/** What the index reads of a product through `query.graph`. */
export const PRODUCT_SEARCH_SOURCE_FIELDS = [
  "id",
  "title",
  "subtitle",
  "description",
  "handle",
  "thumbnail",
  "status",
  "created_at",
  "sales_channels.id",
  "categories.id",
  "categories.name",
  "categories.handle",
  "categories.mpath",
  "categories.is_internal",
  "categories.is_active",
  "collection.id",
  "collection.title",
  "tags.value",
  "options.title",
  "options.values.value",
  "snack_profile.dietary_tags",
  "snack_profile.allergens",
  "snack_profile.allergens_declared",
  "snack_profile.ingredients",
  "snack_profile.perishable",
  "art_profile.medium",
  "art_profile.one_of_a_kind",
  "art_profile.artist_name",
  "art_profile.subject",
]

type Maybe<T> = T | null | undefined

export type ProductSearchRow = {
  id: string
  title?: Maybe<string>
  subtitle?: Maybe<string>
  description?: Maybe<string>
  handle?: Maybe<string>
  thumbnail?: Maybe<string>
  status?: Maybe<string>
  created_at?: Maybe<string | Date>
  sales_channels?: Maybe<Maybe<{ id: string }>[]>
  categories?: Maybe<
    Maybe<{
      id: string
      name?: Maybe<string>
      handle?: Maybe<string>
      mpath?: Maybe<string>
      is_internal?: Maybe<boolean>
      is_active?: Maybe<boolean>
    }>[]
  >
  collection?: Maybe<{ id: string; title?: Maybe<string> }>
  tags?: Maybe<Maybe<{ value?: Maybe<string> }>[]>
  options?: Maybe<Maybe<{ title?: Maybe<string>; values?: Maybe<Maybe<{ value?: Maybe<string> }>[]> }>[]>
  snack_profile?: Maybe<{
    dietary_tags?: Maybe<string[]>
    allergens?: Maybe<string[]>
    allergens_declared?: Maybe<boolean>
    ingredients?: Maybe<string[]>
    perishable?: Maybe<boolean>
  }>
  art_profile?: Maybe<{
    medium?: Maybe<string>
    one_of_a_kind?: Maybe<boolean>
    artist_name?: Maybe<string>
    subject?: Maybe<string>
  }>
}

export type PricedVariant = Maybe<{
  calculated_price?: Maybe<{ calculated_amount?: Maybe<number>; original_amount?: Maybe<number> }>
}>

/** Root category id -> kind, for the roots named in KIND_ROOT_HANDLES. */
export type KindRoots = Map<string, ProductKind>

export type ProductSearchDocument = {
  id: string
  status: string
  sales_channel_ids: string[]
  title: string
  subtitle: string | null
  description: string | null
  handle: string | null
  thumbnail: string | null
  created_at: string | null
  category: string[]
  category_handles: string[]
  category_ids: string[]
  collection: string | null
  collection_id: string | null
  labels: string[]
  option_values: string[]
  kind: ProductKind | null
  dietary_tags: string[]
  free_from: string[]
  ingredients: string[]
  perishable: boolean | null
  medium: string | null
  one_of_a_kind: boolean | null
  artist_name: string | null
  subject: string | null
} & Record<string, unknown>

/**
 * The allergens a snack is free from: every allergen the shop names, less the
 * ones its label declares. A snack whose allergens were never declared is free
 * from nothing (an empty label is not a promise); art has no allergens to list.
 */
export function freeFrom(profile: ProductSearchRow["snack_profile"]): string[] {
  if (!profile?.allergens_declared) {
    return []
  }
  const contains = new Set(profile.allergens ?? [])
  return ALLERGENS.filter((a) => !contains.has(a))
}

/** "Pack size:250 g" entries, one per option value, without duplicates. */
export function toOptionValues(options: ProductSearchRow["options"]): string[] {
  const values = (options ?? []).flatMap((option) => {
    const title = option?.title?.trim()
    if (!title) {
      return []
    }
    return (option?.values ?? []).flatMap((v) => {
      const value = v?.value?.trim()
      return value ? [`${title}:${value}`] : []
    })
  })
  return Array.from(new Set(values))
}

/**
 * A currency's price fields: the cheapest variant's calculated and original
 * price as a pair (so "on sale" describes one real variant), and the dearest.
 * No price in that currency writes no field, rather than a price of 0.
 */
export function toPricing(currency: PriceCurrency, variants: Maybe<PricedVariant[]>): Record<string, number | boolean> {
  let cheapest: { calculated: number; original: number } | undefined
  let max: number | undefined
  for (const variant of variants ?? []) {
    const calculated = variant?.calculated_price?.calculated_amount
    if (typeof calculated !== "number") {
      continue
    }
    const originalAmount = variant?.calculated_price?.original_amount
    const original = typeof originalAmount === "number" ? originalAmount : calculated
    max = max === undefined ? calculated : Math.max(max, calculated)
    if (!cheapest || calculated < cheapest.calculated) {
      cheapest = { calculated, original }
    }
  }
  if (!cheapest || max === undefined) {
    return {}
  }
  return {
    [`min_price_${currency}`]: cheapest.calculated,
    [`max_price_${currency}`]: max,
    [`original_price_${currency}`]: cheapest.original,
    [`on_sale_${currency}`]: cheapest.original > cheapest.calculated,
  }
}

/** The ids of a product's categories and of all their ancestors (from mpath). */
function categoryIdsWithAncestors(categories: ProductSearchRow["categories"]): string[] {
  const ids = (categories ?? []).flatMap((c) => {
    if (!c) {
      return []
    }
    const path = c.mpath ? c.mpath.split(".").filter(Boolean) : []
    return [...path, c.id]
  })
  return Array.from(new Set(ids))
}

/** Snack or art, from the department its categories sit under (null: neither, or both). */
export function kindOf(categoryIds: string[], roots: KindRoots): ProductKind | null {
  const kinds = new Set(categoryIds.flatMap((id) => (roots.has(id) ? [roots.get(id)!] : [])))
  return kinds.size === 1 ? [...kinds][0] : null
}

/** Builds the kind roots from the categories of the kind root handles. */
export function kindRootsFrom(rootCategories: { id: string; handle: string }[]): KindRoots {
  const byHandle = new Map(Object.entries(KIND_ROOT_HANDLES).map(([kind, handle]) => [handle, kind as ProductKind]))
  return new Map(rootCategories.flatMap((c) => (byHandle.has(c.handle) ? [[c.id, byHandle.get(c.handle)!] as const] : [])))
}

function strings(values: Maybe<Maybe<string>[]>): string[] {
  return (values ?? []).flatMap((v) => (v ? [v] : []))
}

/** One product's document; its price fields are merged in by the caller. */
export function toProductSearchDocument(row: ProductSearchRow, roots: KindRoots): ProductSearchDocument {
  // A category the owner keeps internal or inactive is not the shoppers' to see or
  // filter by (as Medusa's own store routes treat it); it still tells the kind.
  const shown = (row.categories ?? []).filter((c) => c && isPublicCategory(c))
  const categoryIds = categoryIdsWithAncestors(shown)
  const snack = row.snack_profile ?? null
  const art = row.art_profile ?? null
  const createdAt = row.created_at instanceof Date ? row.created_at.toISOString() : row.created_at ?? null
  return {
    id: row.id,
    status: row.status ?? "draft",
    sales_channel_ids: strings((row.sales_channels ?? []).map((s) => s?.id)),
    title: row.title ?? "",
    subtitle: row.subtitle ?? null,
    description: row.description ?? null,
    handle: row.handle ?? null,
    thumbnail: row.thumbnail ?? null,
    created_at: createdAt,
    category: strings(shown.map((c) => c?.name)),
    category_handles: strings(shown.map((c) => c?.handle)),
    category_ids: categoryIds,
    collection: row.collection?.title ?? null,
    collection_id: row.collection?.id ?? null,
    labels: strings((row.tags ?? []).map((t) => t?.value)),
    option_values: toOptionValues(row.options),
    kind: kindOf(categoryIdsWithAncestors(row.categories), roots),
    dietary_tags: snack?.dietary_tags ?? [],
    free_from: freeFrom(snack),
    ingredients: snack?.ingredients ?? [],
    perishable: snack ? Boolean(snack.perishable) : null,
    medium: art?.medium ?? null,
    one_of_a_kind: art ? Boolean(art.one_of_a_kind) : null,
    artist_name: art?.artist_name ?? null,
    subject: art?.subject ?? null,
  }
}

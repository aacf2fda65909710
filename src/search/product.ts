import type { SearchTypes } from "@medusajs/framework/types"
import {
  buildModuleResourceEventName,
  defineSearchIndex,
  graphConsume,
  graphSeed,
  QueryContext,
  search,
} from "@medusajs/framework/utils"
import {
  PRICE_CURRENCIES,
  PRODUCT_SEARCH_SOURCE_FIELDS,
  kindRootsFrom,
  toPricing,
  toProductSearchDocument,
  type PricedVariant,
  type ProductSearchRow,
} from "../lib/catalog/product-search-document"
import { KIND_ROOT_HANDLES, categorySubtreeIds, type CategoryTree } from "../lib/catalog/product-kind"
import { PRICE_LISTS_CHANGED, PRODUCT_LINKS_CHANGED } from "../lib/catalog/search-events"
import { ART_PROFILE_MODULE } from "../modules/art-profile"
import { SNACK_PROFILE_MODULE } from "../modules/snack-profile"

/**
 * The shop's product search index, on Medusa's Search Module (PostgreSQL
 * provider by default). Served to storefronts by Medusa's `POST /store/search`
 * (allowed in src/api/middlewares.ts), which narrows every query to published
 * products of the publishable key's sales channels because `status` and
 * `sales_channel_ids` are filterable here. `GET /store/catalog/products` reads
 * it too (src/lib/catalog/catalog-search.ts): the index is the one source of
 * truth for which products match the shop's filters (README, Search).
 *
 * Field names follow Medusa's product index examples (category, labels,
 * option_values, min_price_<currency>, on_sale_<currency>, created_at, title),
 * plus the shop's own facets from the snack and art profiles.
 */

type PriceField = ReturnType<typeof search.float> | ReturnType<typeof search.boolean>

const priceFields: Record<string, PriceField> = Object.fromEntries(
  PRICE_CURRENCIES.flatMap((currency): [string, PriceField][] => [
    [`min_price_${currency}`, search.float().filterable().sortable().facetable({ types: ["stats"] }).retrievable()],
    [`max_price_${currency}`, search.float().filterable().sortable().facetable({ types: ["stats"] }).retrievable()],
    [`original_price_${currency}`, search.float().retrievable()],
    [`on_sale_${currency}`, search.boolean().filterable().facetable().retrievable()],
  ])
)

export const productSearchFields = search.define({
  // Sortable: the catalogue's default order, and its tie-break under title or date.
  id: search.keyword().filterable().sortable().retrievable(),
  // Read by /store/search to scope the index; never returned in a hit.
  status: search.keyword().filterable().retrievable(false),
  sales_channel_ids: search.keyword().array().filterable().retrievable(false),
  title: search.text().searchable({ weight: 3 }).sortable().retrievable(),
  subtitle: search.text().searchable({ weight: 2 }).retrievable(),
  description: search.text().searchable().retrievable(),
  handle: search.keyword().filterable().retrievable(),
  thumbnail: search.keyword().retrievable(),
  created_at: search.date().sortable().retrievable(),
  category: search.keyword().array().searchable({ weight: 2 }).filterable().facetable().retrievable(),
  category_handles: search.keyword().array().filterable().retrievable(),
  // The product's categories and their ancestors: a filter on "snacks" finds ladoos.
  category_ids: search.keyword().array().filterable().retrievable(false),
  collection: search.keyword().filterable().facetable().retrievable(),
  collection_id: search.keyword().filterable().retrievable(),
  labels: search.keyword().array().searchable().filterable().facetable().retrievable(),
  option_values: search.keyword().array().searchable({ weight: 2 }).filterable().facetable().retrievable(),
  kind: search.keyword().filterable().facetable().retrievable(),
  dietary_tags: search.keyword().array().searchable().filterable().facetable().retrievable(),
  free_from: search.keyword().array().filterable().facetable().retrievable(),
  ingredients: search.keyword().array().searchable().retrievable(),
  perishable: search.boolean().filterable().facetable().retrievable(),
  medium: search.keyword().searchable().filterable().facetable().retrievable(),
  one_of_a_kind: search.boolean().filterable().facetable().retrievable(),
  artist_name: search.text().searchable().retrievable(),
  subject: search.text().searchable().retrievable(),
  ...priceFields,
})

type IngestionContext = SearchTypes.SearchIngestionContext

// Query's generated ProductVariant has no calculated_price (Query computes it from the
// context): read it with checks. toPricing uses numbers only, so anything else is dropped.
function toPricedVariant(variant: object): PricedVariant {
  const price: unknown = Reflect.get(variant, "calculated_price")
  if (typeof price !== "object" || price === null) {
    return null
  }
  const amount = (key: string) => {
    const value: unknown = Reflect.get(price, key)
    return typeof value === "number" ? value : null
  }
  return { calculated_price: { calculated_amount: amount("calculated_amount"), original_amount: amount("original_amount") } }
}

/** Each product's variants priced in each currency: one read per currency per page. */
async function loadPricing(ids: string[], { container }: IngestionContext) {
  const pricing = new Map<string, Partial<Record<(typeof PRICE_CURRENCIES)[number], PricedVariant[]>>>()
  if (!ids.length) {
    return pricing
  }
  await Promise.all(
    PRICE_CURRENCIES.map(async (currency) => {
      const { data } = await container.query.graph({
        entity: "product",
        fields: ["id", "variants.calculated_price.calculated_amount", "variants.calculated_price.original_amount"],
        filters: { id: ids },
        context: { variants: { calculated_price: QueryContext({ currency_code: currency }) } },
      })
      for (const product of data) {
        const rows = pricing.get(product.id) ?? {}
        rows[currency] = (product.variants ?? []).map(toPricedVariant)
        pricing.set(product.id, rows)
      }
    })
  )
  return pricing
}

async function loadKindRoots({ container }: IngestionContext) {
  const { data } = await container.query.graph({
    entity: "product_category",
    fields: ["id", "handle", "parent_category_id"],
    filters: { handle: Object.values(KIND_ROOT_HANDLES) },
  })
  const roots = data.filter((c) => !c.parent_category_id)
  return kindRootsFrom(roots)
}

/** Published products only: a draft leaves the index on its next event. */
async function toDocuments(rows: ProductSearchRow[], context: IngestionContext) {
  const published = rows.filter((row) => row.status === "published")
  if (!published.length) {
    return []
  }
  const [pricing, roots] = await Promise.all([
    loadPricing(published.map((p) => p.id), context),
    loadKindRoots(context),
  ])
  return published.map((row) => {
    const prices = pricing.get(row.id) ?? {}
    return Object.assign(
      toProductSearchDocument(row, roots),
      ...PRICE_CURRENCIES.map((currency) => toPricing(currency, prices[currency]))
    ) as ReturnType<typeof toProductSearchDocument>
  })
}

const source = {
  fields: PRODUCT_SEARCH_SOURCE_FIELDS,
  transform: toDocuments,
}

// Medusa's workflows emit "product.updated"; its modules (and direct service
// calls, as in scripts) emit "<module>.<entity>.<action>".
const moduleEvent = (module: string, entity: string, action: string) =>
  buildModuleResourceEventName({ prefix: module, objectName: entity, action })
const ACTIONS = ["created", "updated", "deleted"]
const PROFILE_EVENTS = [
  ...ACTIONS.map((a) => moduleEvent(SNACK_PROFILE_MODULE, "snack_profile", a)),
  ...ACTIONS.map((a) => moduleEvent(ART_PROFILE_MODULE, "art_profile", a)),
]
const PRODUCT_DELETED = ["product.deleted", moduleEvent("product", "product", "deleted")]

export const PRODUCT_SEARCH_EVENTS = [
  PRODUCT_LINKS_CHANGED,
  PRICE_LISTS_CHANGED,
  ...ACTIONS.map((a) => `product.${a}`),
  ...ACTIONS.map((a) => moduleEvent("product", "product", a)),
  ...ACTIONS.map((a) => `product-variant.${a}`),
  ...ACTIONS.map((a) => moduleEvent("product", "product_variant", a)),
  "product-option.updated",
  "product-option-value.updated",
  "product-tag.updated",
  "product-tag.deleted",
  "product-category.updated",
  "product-category.deleted",
  "product-collection.updated",
  "product-collection.deleted",
  ...ACTIONS.map((a) => moduleEvent("pricing", "price", a)),
  ...PROFILE_EVENTS,
]

function payloadIds(data: unknown): string[] {
  return (Array.isArray(data) ? data : [data]).flatMap((entry) => {
    const id = (entry as { id?: unknown } | null)?.id
    if (typeof id === "string") {
      return [id]
    }
    return Array.isArray(id) ? id.filter((v): v is string => typeof v === "string") : []
  })
}

const onlyIds = (values: (string | null | undefined)[]) => values.filter((id): id is string => typeof id === "string")

type WithProducts = { products?: ({ id: string } | null)[] | null } | null | undefined
const productIdsOf = (rows: WithProducts[]) => onlyIds(rows.flatMap((row) => (row?.products ?? []).map((p) => p?.id)))

/** The products an event touches, whatever entity it names. */
async function resolveProductIds(event: { name: string; data: unknown }, { container }: IngestionContext) {
  const ids = payloadIds(event.data)
  if (!ids.length) {
    return []
  }
  const { query } = container
  const byId = { filters: { id: ids }, withDeleted: true }
  const name = event.name
  if (/^product\.(product\.)?(created|updated|deleted)$/.test(name) || name === PRODUCT_LINKS_CHANGED) {
    return ids
  }
  if (name.includes("product-variant.")) {
    const { data } = await query.graph({ entity: "product_variant", fields: ["product_id"], ...byId })
    return onlyIds(data.map((row) => row.product_id))
  }
  if (name.startsWith("product-option.")) {
    const { data } = await query.graph({ entity: "product_option", fields: ["products.id"], ...byId })
    return productIdsOf(data)
  }
  if (name.startsWith("product-option-value.")) {
    const { data } = await query.graph({ entity: "product_option_value", fields: ["option.products.id"], ...byId })
    return productIdsOf(data.map((row) => row.option))
  }
  if (name.startsWith("product-tag.")) {
    const { data } = await query.graph({ entity: "product_tag", fields: ["products.id"], ...byId })
    return productIdsOf(data)
  }
  if (name.startsWith("product-category.")) {
    // A category moved takes its sub-categories along: their products' ancestors change too.
    const { data: all } = await query.graph({ entity: "product_category", fields: ["id", "handle", "parent_category_id"] })
    const tree: CategoryTree = new Map(all.map((c) => [c.id, { handle: c.handle, parent: c.parent_category_id ?? null }]))
    const { data } = await query.graph({
      entity: "product_category",
      fields: ["products.id"],
      filters: { id: [...new Set([...ids, ...categorySubtreeIds(tree, ids)])] },
      withDeleted: true,
    })
    return [...new Set(productIdsOf(data))]
  }
  if (name.startsWith("product-collection.")) {
    const { data } = await query.graph({ entity: "product_collection", fields: ["products.id"], ...byId })
    return productIdsOf(data)
  }
  if (name.startsWith("pricing.price.")) {
    const { data } = await query.graph({ entity: "price", fields: ["price_set.variant.product_id"], ...byId })
    return onlyIds(data.map((row) => row.price_set?.variant?.product_id))
  }
  if (name === PRICE_LISTS_CHANGED) {
    const { data } = await query.graph({ entity: "price_list", fields: ["prices.price_set.variant.product_id"], ...byId })
    return [...new Set(onlyIds(data.flatMap((list) => (list.prices ?? []).map((price) => price?.price_set?.variant?.product_id))))]
  }
  if (name.startsWith(`${SNACK_PROFILE_MODULE}.`)) {
    const { data } = await query.graph({ entity: "snack_profile", fields: ["product_id"], ...byId })
    return onlyIds(data.map((row) => row.product_id))
  }
  if (name.startsWith(`${ART_PROFILE_MODULE}.`)) {
    const { data } = await query.graph({ entity: "art_profile", fields: ["product_id"], ...byId })
    return onlyIds(data.map((row) => row.product_id))
  }
  return []
}

export default defineSearchIndex({
  name: "product",
  entity: "product",
  primary_key: "id",
  fields: productSearchFields,
  settings: { typo_tolerance: { enabled: true } },
  events: PRODUCT_SEARCH_EVENTS,
  consume: graphConsume({
    ...source,
    resolve_ids: resolveProductIds,
    is_delete: (event) => PRODUCT_DELETED.includes(event.name),
  }),
  seed: graphSeed(source),
})

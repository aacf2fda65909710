import type { MedusaContainer, RemoteQueryEntryPoints } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type { CartStockNeeds, StockNeed } from "./types"
import { sumBy, type CartLine } from "../catalog/cart-quantity-rules"

type Variant = RemoteQueryEntryPoints["product_variant"]
type LineItem = NonNullable<RemoteQueryEntryPoints["cart"]["items"][number]>

/** What buildNeeds reads of a line: a cart's line as Query returns it, or a line made up for a variant. */
type NeedLine = Pick<LineItem, "variant_id" | "quantity" | "product_title" | "variant_title"> &
  Partial<Pick<LineItem, "title">> & {
    variant: Pick<VariantStockFacts, "product_id" | "manage_inventory" | "allow_backorder" | "inventory_items"> | null
  }

/** Sums lines into needs per inventory item; skips lines that need no stock. */
function buildNeeds(lines: (NeedLine | null)[]): StockNeed[] {
  const needs = new Map<string, StockNeed>()
  for (const item of lines) {
    const variant = item?.variant
    if (!item?.variant_id || !variant?.manage_inventory || variant.allow_backorder) {
      continue
    }
    const title = [item.product_title, item.variant_title].filter(Boolean).join(" ") || item.title || item.variant_id
    for (const link of variant.inventory_items ?? []) {
      if (!link) {
        continue
      }
      const required = Number(link.required_quantity) || 1
      const need = needs.get(link.inventory_item_id) ?? { inventory_item_id: link.inventory_item_id, quantity: 0, lines: [] }
      need.quantity += Number(item.quantity) * required
      need.lines.push({
        variant_id: item.variant_id,
        title,
        quantity: Number(item.quantity),
        required_quantity: required,
        product_id: variant.product_id,
        product_title: item.product_title ?? null,
      })
      needs.set(link.inventory_item_id, need)
    }
  }
  return [...needs.values()].sort((a, b) => a.inventory_item_id.localeCompare(b.inventory_item_id))
}

/** A variant's stock facts: catalogue data, read through Query's cache (STOCK_FACTS_CACHE). */
type VariantStockFacts = Pick<Variant, "id" | "title" | "manage_inventory" | "allow_backorder"> & {
  product_id: string | null
  product_title: string | null
  inventory_items: { inventory_item_id: string; required_quantity: number }[]
}

/**
 * Catalogue facts every hold and completion reads (which inventory items a
 * variant takes, where a sales channel stocks) come through Query's own cache,
 * as Medusa's publishable-key middleware reads its key: the Caching Module
 * (Redis, shared by every server, when REDIS_URL is set), tagged with the
 * entities in the result plus the links and lists it cannot see, all of which
 * Medusa clears on every change. The TTL bounds what a read that raced a
 * change could keep.
 */
export const STOCK_FACTS_TTL_SECONDS = 60

/** The stock facts of the given variants (those that exist). */
export async function readVariantStockFacts(container: MedusaContainer, variantIds: string[]): Promise<VariantStockFacts[]> {
  const ids = [...new Set(variantIds)].sort()
  if (!ids.length) {
    return []
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph(
    {
      entity: "product_variant",
      fields: [
        "id",
        "title",
        "product_id",
        "product.title",
        "manage_inventory",
        "allow_backorder",
        "inventory_items.inventory_item_id",
        "inventory_items.required_quantity",
      ],
      filters: { id: ids },
    },
    {
      cache: {
        enable: true,
        tags: ["ProductVariant:list:*", "InventoryItem:list:*", "LinkProductVariantInventoryItem:list:*"],
        computeAutomaticTags: true,
        ttl: STOCK_FACTS_TTL_SECONDS,
      },
    }
  )
  return data.map((v) => ({
    id: v.id,
    title: v.title,
    product_id: v.product_id ?? null,
    product_title: v.product?.title ?? null,
    manage_inventory: v.manage_inventory,
    allow_backorder: v.allow_backorder,
    inventory_items: (v.inventory_items ?? []).flatMap((link) =>
      link ? [{ inventory_item_id: link.inventory_item_id, required_quantity: Number(link.required_quantity) }] : []
    ),
  }))
}

/** Needs of arbitrary variant lines (an add-to-cart, an availability question). */
export async function readVariantLineNeeds(
  container: MedusaContainer,
  lines: { variant_id: string; quantity: number }[]
): Promise<StockNeed[]> {
  if (!lines.length) {
    return []
  }
  const variants = new Map((await readVariantStockFacts(container, lines.map((l) => l.variant_id))).map((v) => [v.id, v]))
  return buildNeeds(
    lines.map((l) => {
      const v = variants.get(l.variant_id)
      return v ? { variant_id: l.variant_id, quantity: l.quantity, product_title: v.product_title, variant_title: v.title, variant: v } : null
    })
  )
}

/** What readCartStockNeeds reads of a cart (the fields of CART_LINES_SELECT). */
export type CartLinesRead = {
  id: string
  completed_at?: Date | string | null
  sales_channel_id?: string | null
  items?:
    | {
        variant_id?: string | null
        quantity: unknown
        title?: string | null
        product_title?: string | null
        variant_title?: string | null
      }[]
    | null
}

/** The cart module's select for a CartLinesRead (with `relations: ["items"]`). */
export const CART_LINES_SELECT = [
  "id",
  "completed_at",
  "sales_channel_id",
  "items.variant_id",
  "items.quantity",
  "items.title",
  "items.product_title",
  "items.variant_title",
]

/**
 * What a cart needs per inventory item, summed across all its lines (variants
 * sharing an item, bundles with required_quantity). Lines that do not manage
 * inventory or allow backorders need no stock. The cart is read from the cart
 * module (or given: read by the same request a moment ago, see
 * src/api/cart-ownership.ts); the variants' and the sales channel's facts
 * through Query's cache.
 */
export async function readCartStockNeeds(
  container: MedusaContainer,
  cartId: string,
  given?: CartLinesRead
): Promise<CartStockNeeds> {
  const cart =
    given?.id === cartId
      ? given
      : (
          await container
            .resolve(Modules.CART)
            .listCarts({ id: cartId }, { select: CART_LINES_SELECT, relations: ["items"], take: 1 })
        ).at(0)
  if (!cart) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart with id: ${cartId} was not found`)
  }
  const lines = cart.items ?? []
  const [facts, location_ids] = await Promise.all([
    readVariantStockFacts(container, lines.flatMap((l) => (l.variant_id ? [l.variant_id] : []))),
    cart.sales_channel_id ? salesChannelLocations(container, cart.sales_channel_id) : [],
  ])
  const variants = new Map(facts.map((v) => [v.id, v]))
  return {
    cart_id: cart.id,
    completed: Boolean(cart.completed_at),
    location_ids,
    line_units: unitsPerVariant(lines),
    needs: buildNeeds(
      lines.map((l) => ({
        variant_id: l.variant_id ?? null,
        quantity: Number(l.quantity),
        title: l.title ?? undefined,
        product_title: l.product_title ?? null,
        variant_title: l.variant_title ?? null,
        variant: (l.variant_id && variants.get(l.variant_id)) || null,
      }))
    ),
  }
}

/** Units per variant across a cart's lines (a variant may be in two lines). */
export function unitsPerVariant(lines: CartLine[]): Record<string, number> {
  return Object.fromEntries(sumBy(lines, (id) => id))
}

/** The sales channel's stock locations, the store's default location first (through Query's cache: see STOCK_FACTS_TTL_SECONDS). */
export async function salesChannelLocations(container: MedusaContainer, salesChannelId: string): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const cache = { enable: true, computeAutomaticTags: true, ttl: STOCK_FACTS_TTL_SECONDS }
  const [{ data }, { data: stores }] = await Promise.all([
    query.graph(
      { entity: "sales_channel", fields: ["id", "stock_locations.id"], filters: { id: salesChannelId } },
      { cache: { ...cache, tags: ["LinkSalesChannelStockLocation:list:*", "StockLocation:list:*"] } }
    ),
    query.graph({ entity: "store", fields: ["id", "default_location_id"] }, { cache: { ...cache, tags: ["Store:list:*"] } }),
  ])
  const ids = (data.at(0)?.stock_locations ?? [])
    .flatMap((l) => (l ? [l.id] : []))
    .sort()
  const preferred = stores.at(0)?.default_location_id
  return preferred && ids.includes(preferred) ? [preferred, ...ids.filter((id) => id !== preferred)] : ids
}

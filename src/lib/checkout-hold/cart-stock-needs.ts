import type { MedusaContainer, RemoteQueryEntryPoints } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type { CartStockNeeds, StockNeed } from "./types"

type Variant = RemoteQueryEntryPoints["product_variant"]
type LineItem = NonNullable<RemoteQueryEntryPoints["cart"]["items"][number]>

/** What buildNeeds reads of a line: a cart's line as Query returns it, or a line made up for a variant. */
type NeedLine = Pick<LineItem, "variant_id" | "quantity" | "product_title" | "variant_title"> &
  Partial<Pick<LineItem, "title">> & {
    variant: Pick<Variant, "manage_inventory" | "allow_backorder" | "inventory_items"> | null
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
      need.lines.push({ variant_id: item.variant_id, title, quantity: Number(item.quantity), required_quantity: required })
      needs.set(link.inventory_item_id, need)
    }
  }
  return [...needs.values()].sort((a, b) => a.inventory_item_id.localeCompare(b.inventory_item_id))
}

/** Needs of arbitrary variant lines (an add-to-cart, an availability question). */
export async function readVariantLineNeeds(
  container: MedusaContainer,
  lines: { variant_id: string; quantity: number }[]
): Promise<StockNeed[]> {
  if (!lines.length) {
    return []
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: [
      "id",
      "title",
      "product.title",
      "manage_inventory",
      "allow_backorder",
      "inventory_items.inventory_item_id",
      "inventory_items.required_quantity",
    ],
    filters: { id: [...new Set(lines.map((l) => l.variant_id))] },
  })
  const variants = new Map(data.map((v) => [v.id, v]))
  return buildNeeds(
    lines.map((l) => {
      const v = variants.get(l.variant_id)
      return v
        ? { variant_id: l.variant_id, quantity: l.quantity, product_title: v.product?.title ?? null, variant_title: v.title, variant: v }
        : null
    })
  )
}

/**
 * What a cart needs per inventory item, summed across all its lines (variants
 * sharing an item, bundles with required_quantity). Lines that do not manage
 * inventory or allow backorders need no stock.
 */
export async function readCartStockNeeds(container: MedusaContainer, cartId: string): Promise<CartStockNeeds> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: [
      "id",
      "completed_at",
      "sales_channel_id",
      "items.variant_id",
      "items.quantity",
      "items.title",
      "items.product_title",
      "items.variant_title",
      "items.variant.manage_inventory",
      "items.variant.allow_backorder",
      "items.variant.inventory_items.inventory_item_id",
      "items.variant.inventory_items.required_quantity",
    ],
    filters: { id: cartId },
  })
  const cart = data.at(0)
  if (!cart) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart with id: ${cartId} was not found`)
  }

  return {
    cart_id: cart.id,
    completed: Boolean(cart.completed_at),
    location_ids: cart.sales_channel_id ? await salesChannelLocations(container, cart.sales_channel_id) : [],
    needs: buildNeeds(cart.items ?? []),
  }
}

/** The sales channel's stock locations, the store's default location first. */
export async function salesChannelLocations(container: MedusaContainer, salesChannelId: string): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "sales_channel",
    fields: ["stock_locations.id"],
    filters: { id: salesChannelId },
  })
  const ids = (data.at(0)?.stock_locations ?? [])
    .flatMap((l) => (l ? [l.id] : []))
    .sort()
  const [store] = await container.resolve(Modules.STORE).listStores({}, { select: ["default_location_id"] })
  const preferred = store?.default_location_id
  return preferred && ids.includes(preferred) ? [preferred, ...ids.filter((id) => id !== preferred)] : ids
}

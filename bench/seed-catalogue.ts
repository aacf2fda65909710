/**
 * Bench seed (run by `npm run bench` through `medusa exec`, after the demo
 * seed): scales the demo shop to BENCH_PRODUCTS products (default 520) by
 * copying the demo catalogue: same categories, options, INR prices, images,
 * snack or art profiles (through the product hook, as the owner would), and
 * stock at the shop's location. Idempotent per size: copies that exist are kept.
 */
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import { createInventoryLevelsWorkflow, createProductsWorkflow } from "@medusajs/medusa/core-flows"
import { PRODUCTS } from "../src/scripts/demo-shop/catalog"
import { PROFILES } from "../src/scripts/demo-shop/profiles"

type Template = (typeof PRODUCTS)[number]
type ShopRefs = {
  categoryIds: Map<string, string>
  thumbnails: Map<string, string | null>
  salesChannelId: string
  shippingProfileId: string
  locationId: string
}

async function shopRefs(container: MedusaContainer): Promise<ShopRefs> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: categories } = await query.graph({ entity: "product_category", fields: ["id", "handle"] })
  const { data: products } = await query.graph({
    entity: "product",
    fields: ["handle", "thumbnail", "shipping_profile.id"],
    filters: { handle: PRODUCTS.map((p) => p.handle) },
  })
  const { data: channels } = await query.graph({
    entity: "sales_channel",
    fields: ["id"],
    filters: { name: "Local Shop Storefront" },
  })
  const { data: locations } = await query.graph({ entity: "stock_location", fields: ["id"] })
  const shippingProfileId = products.at(0)?.shipping_profile?.id
  if (!channels.length || !locations.length || !shippingProfileId) {
    throw new Error("The bench seed runs on top of the demo seed (npm run seed)")
  }
  return {
    categoryIds: new Map(categories.map((c) => [c.handle, c.id])),
    thumbnails: new Map(products.map((p) => [p.handle, p.thumbnail])),
    shippingProfileId,
    salesChannelId: channels[0].id,
    locationId: locations[0].id,
  }
}

/** The n-th copy of a demo product: its own handle, title and SKUs. */
function copyOf(template: Template, n: number, refs: ShopRefs) {
  const thumbnail = refs.thumbnails.get(template.handle) ?? undefined
  return {
    title: `${template.title} (batch ${n})`,
    handle: `${template.handle}-b${n}`,
    subtitle: template.subtitle,
    description: template.description,
    status: ProductStatus.PUBLISHED,
    category_ids: [refs.categoryIds.get(template.category_handle)!],
    shipping_profile_id: refs.shippingProfileId,
    thumbnail,
    images: thumbnail ? [{ url: thumbnail }] : [],
    options: template.options,
    sales_channels: [{ id: refs.salesChannelId }],
    variants: template.variants.map((v) => ({
      title: v.title,
      sku: `${v.sku}-B${n}`,
      options: v.options,
      weight: v.weight_g,
      manage_inventory: true,
      prices: [{ currency_code: "inr", amount: v.price_inr + (n % 7) * 5 }],
    })),
  }
}

export default async function seedBenchCatalogue({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const target = Number(process.env.BENCH_PRODUCTS || 520)
  const refs = await shopRefs(container)
  const productModule = container.resolve(Modules.PRODUCT)
  const [, existingCount] = await productModule.listAndCountProducts({}, { take: 1 })
  const toMake = Math.max(target - existingCount, 0)

  // One workflow run per demo product, with all of its copies: each run carries
  // that product's profile as additional_data, as the demo seed does.
  const copies = new Map<string, number[]>()
  for (let i = 0; i < toMake; i++) {
    const template = PRODUCTS[i % PRODUCTS.length]
    copies.set(template.handle, [...(copies.get(template.handle) ?? []), existingCount + i])
  }
  const stock = new Map(PRODUCTS.flatMap((p) => p.variants.map((v) => [v.sku, v.stock])))
  const levels: { inventory_item_id: string; location_id: string; stocked_quantity: number }[] = []
  for (const template of PRODUCTS) {
    const ns = copies.get(template.handle)
    if (!ns?.length) {
      continue
    }
    const { result } = await createProductsWorkflow(container).run({
      input: { products: ns.map((n) => copyOf(template, n, refs)), additional_data: PROFILES[template.handle] },
    })
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: variants } = await query.graph({
      entity: "product_variant",
      fields: ["sku", "inventory_items.inventory_item_id"],
      filters: { id: result.flatMap((p) => p.variants?.map((v) => v.id) ?? []) },
    })
    for (const v of variants) {
      const sku = (v.sku ?? "").replace(/-B\d+$/, "")
      // Originals keep their one unit; everything else gets a shelf a rush can dig into.
      const units = Math.max(stock.get(sku) ?? 0, (stock.get(sku) ?? 0) <= 1 ? 1 : 50)
      for (const item of (v.inventory_items ?? []).flatMap((i) => (i ? [i] : []))) {
        levels.push({ inventory_item_id: item.inventory_item_id, location_id: refs.locationId, stocked_quantity: units })
      }
    }
  }
  for (let i = 0; i < levels.length; i += 200) {
    await createInventoryLevelsWorkflow(container).run({ input: { inventory_levels: levels.slice(i, i + 200) } })
  }
  const [, total] = await productModule.listAndCountProducts({}, { take: 1 })
  logger.info(`Bench catalogue: ${total} products (${toMake} added)`)
}

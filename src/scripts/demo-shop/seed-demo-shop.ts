import fs from "fs"
import path from "path"
import type { MedusaContainer, StoreDTO } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  Modules,
  ProductStatus,
} from "@medusajs/framework/utils"
import {
  batchLinkProductsToCollectionWorkflow,
  createApiKeysWorkflow,
  createCollectionsWorkflow,
  createProductOptionsWorkflow,
  createInventoryLevelsWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createProductTypesWorkflow,
  createTaxRatesWorkflow,
  createTaxRegionsWorkflow,
  createUsersWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateProductOptionsWorkflow,
  updateProductsWorkflow,
  updateRegionsWorkflow,
  updateStoresWorkflow,
  uploadFilesWorkflow,
} from "@medusajs/medusa/core-flows"
import { CATEGORIES, COLLECTIONS, PRODUCTS, SHARED_OPTION_TITLES, type ProductSeed } from "./catalog"
import { publicFileUrl } from "../../config/modules"
import { readShopEnv } from "../../config/shop-env"
import { KIND_PRODUCT_TYPES } from "../../lib/catalog/product-kind"
import { PROFILES } from "./profiles"
import { DEMO_SHOP } from "./shop-facts"

/**
 * Seeds the demo shop. Idempotent: every entity is looked up by its name,
 * handle or email first and only created when missing, so running it twice
 * leaves the same counts.
 */
export type SeedDemoShopOptions = {
  owner?: { email: string; password: string }
  log?: (message: string) => void
}

export type SeedDemoShopResult = {
  publishable_key: string
  sales_channel_id: string
  region_id: string
  stock_location_id: string
  created_products: number
}

const IMAGES_DIR = path.join(__dirname, "images")

export async function seedDemoShop(
  container: MedusaContainer,
  options: SeedDemoShopOptions = {}
): Promise<SeedDemoShopResult> {
  const log = options.log ?? (() => undefined)

  await ensureProductSearchIndexLive(container, log)
  // Once seeded, the shop is the owner's: a later run (`npm run seed`) only adds
  // missing catalogue entries and repairs image URLs. It never brings back the
  // demo login, a payment provider or a delivery option the owner removed, nor
  // resets the store's name or currencies.
  const [existingStore] = await container.resolve(Modules.STORE).listStores({}, { relations: ["supported_currencies"] })
  const firstSeed = !isSeeded(existingStore)
  const salesChannelId = await ensureSalesChannel(container)
  const store = await ensureStore(container, existingStore, salesChannelId, firstSeed)
  const regionId = await ensureRegion(container, firstSeed)
  const typeIds = await ensureProductTypes(container)
  await ensureTaxRegion(container, typeIds)
  const locationId = await ensureStockLocation(container, store.id, salesChannelId)
  const shippingProfileId = await ensureShippingProfile(container)
  if (firstSeed) {
    await ensureShippingOptions(container, locationId, shippingProfileId)
  }
  const publishableKey = await ensurePublishableKey(container, salesChannelId)
  await linkEveryPublishableKey(container, salesChannelId)
  const categoryIds = await ensureCategories(container)
  const sharedOptions = await ensureSharedOptions(container)
  const created = await ensureProducts(container, {
    categoryIds,
    salesChannelId,
    shippingProfileId,
    locationId,
    sharedOptions,
  })
  await ensureProfiles(container)
  await repairDemoImageUrls(container)
  await ensureCollections(container)
  if (options.owner && firstSeed) {
    await ensureOwner(container, options.owner)
  }
  await markSeeded(container, store)
  log(`Demo shop ready: ${created} products created, ${PRODUCTS.length} in the catalogue.`)

  return {
    publishable_key: publishableKey,
    sales_channel_id: salesChannelId,
    region_id: regionId,
    stock_location_id: locationId,
    created_products: created,
  }
}

/**
 * A first start seeds before any server has filled the product search index
 * (src/search/product.ts), and an index with no live version refuses the
 * seed's events. Filling it now (an empty catalogue, in a moment) makes every
 * product the seed writes searchable as it is written.
 */
async function ensureProductSearchIndexLive(container: MedusaContainer, log: (message: string) => void) {
  const search = container.resolve(Modules.SEARCH, { allowUnregistered: true })
  if (!search) {
    return
  }
  const index = (await search.listIndexes()).find((i) => i.name === "product")
  if (!index || index.status === "ready") {
    return
  }
  try {
    await search.reindex({ index: "product" })
  } catch (e) {
    // Not migrated yet (`medusa db:migrate` creates it): the server fills it at start.
    log(`Product search index not filled now (${(e as Error).message}); the server fills it when it starts.`)
  }
}

async function ensureSalesChannel(container: MedusaContainer): Promise<string> {
  const salesChannels = container.resolve(Modules.SALES_CHANNEL)
  const [existing] = await salesChannels.listSalesChannels({ name: DEMO_SHOP.salesChannel })
  if (existing) {
    return existing.id
  }
  const { result } = await createSalesChannelsWorkflow(container).run({
    input: {
      salesChannelsData: [
        { name: DEMO_SHOP.salesChannel, description: "The shop's website and app" },
      ],
    },
  })
  return result[0].id
}

async function ensureStore(container: MedusaContainer, store: StoreDTO, salesChannelId: string, firstSeed: boolean) {
  if (!firstSeed) {
    return store
  }
  const [preference] = await container
    .resolve(Modules.PRICING)
    .listPricePreferences({ attribute: "currency_code", value: [DEMO_SHOP.currency] })
  const hasInr =
    preference?.is_tax_inclusive &&
    store.supported_currencies?.some((c) => c.currency_code === DEMO_SHOP.currency && c.is_default)
  if (!hasInr || store.default_sales_channel_id !== salesChannelId || store.name !== DEMO_SHOP.name) {
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          name: DEMO_SHOP.name,
          // Indian shelf prices include GST.
          supported_currencies: [{ currency_code: DEMO_SHOP.currency, is_default: true, is_tax_inclusive: true }],
          default_sales_channel_id: salesChannelId,
        },
      },
    })
  }
  return store
}

async function ensureRegion(container: MedusaContainer, firstSeed: boolean): Promise<string> {
  const regions = container.resolve(Modules.REGION)
  const [existing] = await regions.listRegions({ name: DEMO_SHOP.region })
  if (existing) {
    if (firstSeed) {
      await ensureRegionPayments(container, existing.id)
    }
    return existing.id
  }
  const { result } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: DEMO_SHOP.region,
          currency_code: DEMO_SHOP.currency,
          countries: [DEMO_SHOP.country],
          payment_providers: [...DEMO_SHOP.paymentProviders],
          // Like the currency's: a price entered in the region's column in Admin
          // includes GST too (Medusa asks the region's preference first). A region
          // made before this was set is repaired by src/migration-scripts.
          is_tax_inclusive: true,
        },
      ],
    },
  })
  return result[0].id
}

/** Adds providers the region lacks (on a first seed: a region left by an earlier run that did not finish). */
async function ensureRegionPayments(container: MedusaContainer, regionId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "region", fields: ["payment_providers.id"], filters: { id: regionId } })
  const have = (data.at(0)?.payment_providers ?? []).flatMap((p) => (p ? [p.id] : []))
  const missing = DEMO_SHOP.paymentProviders.filter((p) => !have.includes(p))
  if (missing.length) {
    await updateRegionsWorkflow(container).run({
      input: { selector: { id: regionId }, update: { payment_providers: [...have, ...missing] } },
    })
  }
}

/** India's tax region: GST 18% by default, 5% on snacks and 12% on art (by product type). */
async function ensureTaxRegion(container: MedusaContainer, typeIds: Map<string, string>) {
  const tax = container.resolve(Modules.TAX)
  let region = (await tax.listTaxRegions({ country_code: DEMO_SHOP.country })).find((r) => !r.parent_id)
  if (!region) {
    const { standard } = DEMO_SHOP.gst
    const { result } = await createTaxRegionsWorkflow(container).run({
      input: [
        {
          country_code: DEMO_SHOP.country,
          provider_id: "tp_system",
          default_tax_rate: { name: standard.name, code: standard.code, rate: standard.rate },
        },
      ],
    })
    region = result[0]
  }
  const rates = await tax.listTaxRates({ tax_region_id: region.id })
  const missing = (["snack", "art"] as const).filter((kind) => !rates.some((r) => r.code === DEMO_SHOP.gst[kind].code))
  if (missing.length) {
    await createTaxRatesWorkflow(container).run({
      input: missing.map((kind) => ({
        tax_region_id: region.id,
        name: DEMO_SHOP.gst[kind].name,
        code: DEMO_SHOP.gst[kind].code,
        rate: DEMO_SHOP.gst[kind].rate,
        rules: [{ reference: "product_type", reference_id: typeIds.get(KIND_PRODUCT_TYPES[kind])! }],
      })),
    })
  }
}

/** The product types that mirror the kinds ("Snack", "Art"). */
async function ensureProductTypes(container: MedusaContainer): Promise<Map<string, string>> {
  const products = container.resolve(Modules.PRODUCT)
  const values = Object.values(KIND_PRODUCT_TYPES)
  const existing = (await products.listProductTypes({}, { take: null })).filter((t) => values.includes(t.value))
  const missing = values.filter((v) => !existing.some((t) => t.value === v))
  if (missing.length) {
    const { result } = await createProductTypesWorkflow(container).run({
      input: { product_types: missing.map((value) => ({ value })) },
    })
    existing.push(...result)
  }
  return new Map(existing.map((t) => [t.value, t.id]))
}

async function ensureStockLocation(
  container: MedusaContainer,
  storeId: string,
  salesChannelId: string
): Promise<string> {
  const locations = container.resolve(Modules.STOCK_LOCATION)
  const [existing] = await locations.listStockLocations({ name: DEMO_SHOP.location.name })
  if (existing) {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "stock_location",
      fields: ["id", "sales_channels.id"],
      filters: { id: existing.id },
    })
    const linked = (data.at(0)?.sales_channels ?? []).some((c) => c?.id === salesChannelId)
    if (!linked) {
      await linkSalesChannelsToStockLocationWorkflow(container).run({
        input: { id: existing.id, add: [salesChannelId] },
      })
    }
    return existing.id
  }
  const { result } = await createStockLocationsWorkflow(container).run({
    input: {
      locations: [{ name: DEMO_SHOP.location.name, address: DEMO_SHOP.location.address }],
    },
  })
  const location = result[0]
  await updateStoresWorkflow(container).run({
    input: { selector: { id: storeId }, update: { default_location_id: location.id } },
  })
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location.id, add: [salesChannelId] },
  })
  return location.id
}

async function ensureShippingProfile(container: MedusaContainer): Promise<string> {
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const [existing] = await fulfillment.listShippingProfiles({ type: "default" })
  if (existing) {
    return existing.id
  }
  const { result } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
  })
  return result[0].id
}

async function ensureShippingOptions(
  container: MedusaContainer,
  locationId: string,
  shippingProfileId: string
) {
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const baseRules = [
    { attribute: "enabled_in_store", value: "true", operator: "eq" as const },
    { attribute: "is_return", value: "false", operator: "eq" as const },
  ]

  for (const set of DEMO_SHOP.fulfillmentSets) {
    let [fulfillmentSet] = await fulfillment.listFulfillmentSets(
      { name: set.name },
      { relations: ["service_zones"] }
    )
    if (!fulfillmentSet) {
      fulfillmentSet = await fulfillment.createFulfillmentSets({
        name: set.name,
        type: set.type,
        service_zones: [
          {
            name: set.zone,
            geo_zones: [{ type: "country", country_code: DEMO_SHOP.country }],
          },
        ],
      })
      await link.create({
        [Modules.STOCK_LOCATION]: { stock_location_id: locationId },
        [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
      })
    }
    const serviceZoneId = fulfillmentSet.service_zones[0].id
    const existing = await fulfillment.listShippingOptions({ service_zone: { id: serviceZoneId } })
    const missing = set.options.filter((o) => !existing.some((e) => e.name === o.name))
    if (!missing.length) {
      continue
    }
    await createShippingOptionsWorkflow(container).run({
      input: missing.map((option: ShippingOptionSeed) => ({
        name: option.name,
        price_type: "flat" as const,
        provider_id: "manual_manual",
        service_zone_id: serviceZoneId,
        shipping_profile_id: shippingProfileId,
        type: { label: option.name, description: option.description, code: option.code },
        data: option.data,
        prices: [
          { currency_code: DEMO_SHOP.currency, amount: option.price_inr },
          // Conditional price: free delivery from a cart total.
          ...(option.free_from_inr
            ? [
                {
                  currency_code: DEMO_SHOP.currency,
                  amount: 0,
                  rules: [{ attribute: "item_total", operator: "gte" as const, value: option.free_from_inr }],
                },
              ]
            : []),
        ],
        rules: [
          ...baseRules,
          ...(option.rules ?? []).map((rule) => ({
            attribute: rule.attribute,
            operator: rule.operator,
            value: rule.value === "deliveryArea" ? [...DEMO_SHOP.deliveryArea] : rule.value,
          })),
        ],
      })),
    })
  }
}

type ShippingOptionSeed = {
  name: string
  code: string
  description: string
  price_inr: number
  free_from_inr?: number
  data?: Record<string, unknown>
  rules?: readonly { attribute: string; operator: "in" | "eq" | "gte"; value: string }[]
}

async function ensurePublishableKey(
  container: MedusaContainer,
  salesChannelId: string
): Promise<string> {
  const apiKeys = container.resolve(Modules.API_KEY)
  let [key] = await apiKeys.listApiKeys({ title: DEMO_SHOP.publishableKeyTitle, type: "publishable" })
  if (!key) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: {
        api_keys: [{ title: DEMO_SHOP.publishableKeyTitle, type: "publishable", created_by: "" }],
      },
    })
    key = result[0]
    await linkSalesChannelsToApiKeyWorkflow(container).run({
      input: { id: key.id, add: [salesChannelId] },
    })
  }
  return key.token
}

async function ensureCategories(container: MedusaContainer): Promise<Map<string, string>> {
  const products = container.resolve(Modules.PRODUCT)
  const handles = CATEGORIES.flatMap((c) => [c.handle, ...c.children.map((child) => child.handle)])
  const ids = new Map<string, string>()
  const existing = await products.listProductCategories({ handle: handles })
  existing.forEach((c) => ids.set(c.handle, c.id))

  for (const parent of CATEGORIES) {
    if (!ids.has(parent.handle)) {
      const { result } = await createProductCategoriesWorkflow(container).run({
        input: {
          product_categories: [
            { name: parent.name, handle: parent.handle, description: parent.description, is_active: true },
          ],
        },
      })
      ids.set(parent.handle, result[0].id)
    }
    const missing = parent.children.filter((child) => !ids.has(child.handle))
    if (!missing.length) {
      continue
    }
    const { result } = await createProductCategoriesWorkflow(container).run({
      input: {
        product_categories: missing.map((child) => ({
          ...child,
          is_active: true,
          parent_category_id: ids.get(parent.handle)!,
        })),
      },
    })
    result.forEach((c) => ids.set(c.handle, c.id))
  }
  return ids
}

/**
 * Points Medusa's own "Default Publishable API Key" (the one its guides and
 * Admin show newcomers) and any other key that only reaches empty sales
 * channels at the shop's channel, so any key shown in Admin sees the shop. The
 * empty channels are replaced, not joined: a key with two channels makes
 * storefronts' stock-aware product reads fail ("provide a single sales
 * channel"). A key that reaches products elsewhere is left alone.
 */
async function linkEveryPublishableKey(container: MedusaContainer, salesChannelId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: keys } = await query.graph({
    entity: "api_key",
    fields: ["id", "revoked_at", "sales_channels.id"],
    filters: { type: "publishable" },
  })
  for (const key of keys) {
    const channelIds = (key.sales_channels ?? []).flatMap((c) => (c ? [c.id] : []))
    if (key.revoked_at || channelIds.includes(salesChannelId)) {
      continue
    }
    if (channelIds.length) {
      const { data: stocked } = await query.graph({
        entity: "product_sales_channel",
        fields: ["product_id"],
        filters: { sales_channel_id: channelIds },
        pagination: { take: 1 },
      })
      if (stocked.length) {
        continue
      }
    }
    await linkSalesChannelsToApiKeyWorkflow(container).run({
      input: { id: key.id, add: [salesChannelId], remove: channelIds },
    })
  }
}

/** Shared option title -> its id and the ids of its values. */
type SharedOptions = Map<string, { id: string; valueIds: Map<string, string> }>

/**
 * The options many products share ("Pack size", "Size"), created once and not
 * exclusive to a product, with every value the catalogue uses.
 */
async function ensureSharedOptions(container: MedusaContainer): Promise<SharedOptions> {
  const products = container.resolve(Modules.PRODUCT)
  const shared: SharedOptions = new Map()
  for (const title of SHARED_OPTION_TITLES) {
    const values = Array.from(
      new Set(PRODUCTS.flatMap((p) => p.options.filter((o) => o.title === title).flatMap((o) => o.values)))
    )
    let option = (await products.listProductOptions({ title }, { relations: ["values"] })).find(
      (o) => o.is_exclusive === false
    )
    if (!option) {
      const { result } = await createProductOptionsWorkflow(container).run({
        input: { product_options: [{ title, values, is_exclusive: false }] },
      })
      option = (await products.listProductOptions({ id: result[0].id }, { relations: ["values"] }))[0]
    }
    const have = (option.values ?? []).map((v) => v.value)
    if (values.some((v) => !have.includes(v))) {
      await updateProductOptionsWorkflow(container).run({
        input: { selector: { id: option.id }, update: { values: Array.from(new Set([...have, ...values])) } },
      })
      option = (await products.listProductOptions({ id: option.id }, { relations: ["values"] }))[0]
    }
    shared.set(title, { id: option.id, valueIds: new Map((option.values ?? []).map((v) => [v.value, v.id])) })
  }
  return shared
}

/** A product's options: shared ones linked with the values it sells, others its own. */
function productOptions(p: ProductSeed, shared: SharedOptions) {
  return p.options.map((option) => {
    const sharedOption = shared.get(option.title)
    if (!sharedOption) {
      return option
    }
    return { id: sharedOption.id, value_ids: option.values.map((v) => sharedOption.valueIds.get(v)!) }
  })
}

/**
 * Re-uploads the demo image of catalogue products where it is stored under a
 * URL that does not start with the shop's public file URL: a shop seeded when
 * images were stored as http://localhost:9000/static/... (the local provider's
 * default) gets working images on its real port or domain by running the seed
 * again. The demo image is told by its file name (the providers keep it in the
 * key); the owner's own photos, and a thumbnail the owner chose, stay as they are.
 */
export async function repairDemoImageUrls(container: MedusaContainer): Promise<number> {
  const base = publicFileUrl(readShopEnv(), "")
  const products = container.resolve(Modules.PRODUCT)
  const seeded = await products.listProducts(
    { handle: PRODUCTS.map((p) => p.handle) },
    { select: ["id", "handle", "thumbnail"], relations: ["images"] }
  )
  const seedOf = new Map(PRODUCTS.map((p) => [p.handle, p]))
  const staleDemo = (product: (typeof seeded)[number], url: string | null | undefined) =>
    Boolean(url && !url.startsWith(base) && isDemoImage(url, seedOf.get(product.handle)!))
  const stale = seeded.filter((p) => staleDemo(p, p.thumbnail) || (p.images ?? []).some((i) => staleDemo(p, i.url)))
  if (!stale.length) {
    return 0
  }
  const urls = await uploadImages(container, stale.map((p) => seedOf.get(p.handle)!))
  for (const product of stale) {
    const url = urls.get(product.handle)!
    const images = product.images ?? []
    await updateProductsWorkflow(container).run({
      input: {
        selector: { id: product.id },
        update: {
          ...(staleDemo(product, product.thumbnail) ? { thumbnail: url } : {}),
          ...(images.some((i) => staleDemo(product, i.url))
            ? { images: images.map((i) => (staleDemo(product, i.url) ? { url } : { id: i.id, url: i.url })) }
            : {}),
        },
      },
    })
  }
  return stale.length
}

/** Whether `url` is the demo image of `seed` ("almond-ladoo.svg" as "<time>-almond-ladoo.svg" or "almond-ladoo-<id>.svg"). */
export function isDemoImage(url: string, seed: ProductSeed): boolean {
  const file = decodeURIComponent(url.split("?")[0].split("/").pop() ?? "")
  const name = path.parse(seed.image).name
  return file.endsWith(seed.image) || (file.startsWith(`${name}-`) && file.endsWith(path.parse(seed.image).ext))
}

/** The home page's collections, each holding the catalogue products it names. */
async function ensureCollections(container: MedusaContainer) {
  const products = container.resolve(Modules.PRODUCT)
  for (const seed of COLLECTIONS) {
    let [collection] = await products.listProductCollections({ handle: seed.handle })
    if (!collection) {
      const { result } = await createCollectionsWorkflow(container).run({
        input: { collections: [{ title: seed.title, handle: seed.handle }] },
      })
      collection = result[0]
    }
    const members = await products.listProducts({ handle: seed.product_handles }, { select: ["id", "collection_id"] })
    const missing = members.filter((p) => p.collection_id !== collection.id).map((p) => p.id)
    if (missing.length) {
      await batchLinkProductsToCollectionWorkflow(container).run({ input: { id: collection.id, add: missing } })
    }
  }
}

async function uploadImages(container: MedusaContainer, seeds: ProductSeed[]) {
  const { result } = await uploadFilesWorkflow(container).run({
    input: {
      files: seeds.map((p) => ({
        filename: p.image,
        mimeType: "image/svg+xml",
        content: fs.readFileSync(path.join(IMAGES_DIR, p.image)).toString("base64"),
        access: "public" as const,
      })),
    },
  })
  return new Map(seeds.map((p, i) => [p.handle, result[i].url]))
}

async function ensureProducts(
  container: MedusaContainer,
  ctx: {
    categoryIds: Map<string, string>
    salesChannelId: string
    shippingProfileId: string
    locationId: string
    sharedOptions: SharedOptions
  }
): Promise<number> {
  const products = container.resolve(Modules.PRODUCT)
  const existing = await products.listProducts(
    { handle: PRODUCTS.map((p) => p.handle) },
    { select: ["handle"], withDeleted: true }
  )
  const missing = PRODUCTS.filter((p) => !existing.some((e) => e.handle === p.handle))
  if (!missing.length) {
    return 0
  }

  const imageUrls = await uploadImages(container, missing)
  // One workflow run per product: each carries its own snack or art profile as
  // additional_data, which the productsCreated hook validates and saves.
  const variantIds: string[] = []
  for (const p of missing) {
    const { result } = await createProductsWorkflow(container).run({
      input: {
        products: [
          {
            title: p.title,
            handle: p.handle,
            subtitle: p.subtitle,
            description: p.description,
            status: ProductStatus.PUBLISHED,
            category_ids: [ctx.categoryIds.get(p.category_handle)!],
            shipping_profile_id: ctx.shippingProfileId,
            thumbnail: imageUrls.get(p.handle),
            images: [{ url: imageUrls.get(p.handle)! }],
            options: productOptions(p, ctx.sharedOptions),
            sales_channels: [{ id: ctx.salesChannelId }],
            variants: p.variants.map((v) => ({
              title: v.title,
              sku: v.sku,
              options: v.options,
              weight: v.weight_g,
              manage_inventory: true,
              prices: [{ currency_code: DEMO_SHOP.currency, amount: v.price_inr }],
            })),
          },
        ],
        additional_data: PROFILES[p.handle],
      },
    })
    variantIds.push(...result.flatMap((product) => product.variants?.map((v) => v.id) ?? []))
  }

  await stockNewVariants(container, variantIds, ctx.locationId)
  return missing.length
}

/**
 * Adds the catalogue's profile to seeded products that have none (a shop seeded
 * before profiles existed), through the same product workflow and hook.
 */
async function ensureProfiles(container: MedusaContainer) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product",
    fields: ["id", "handle", "snack_profile.id", "art_profile.id"],
    filters: { handle: PRODUCTS.map((p) => p.handle) },
  })
  const bare = data.filter((p) => !p.snack_profile && !p.art_profile)
  for (const product of bare) {
    await updateProductsWorkflow(container).run({
      input: { selector: { id: product.id }, update: {}, additional_data: PROFILES[product.handle] },
    })
  }
}

/** Puts each new variant's stock at the shop's location, as the catalogue says. */
async function stockNewVariants(container: MedusaContainer, variantIds: string[], locationId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const stockBySku = new Map(PRODUCTS.flatMap((p) => p.variants.map((v) => [v.sku, v.stock])))
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["id", "sku", "inventory_items.inventory_item_id"],
    filters: { id: variantIds },
  })
  const levels = data.flatMap((variant) =>
    (variant.inventory_items ?? []).flatMap((item) =>
      item
        ? [
            {
              location_id: locationId,
              inventory_item_id: item.inventory_item_id,
              stocked_quantity: stockBySku.get(variant.sku ?? "") ?? 0,
            },
          ]
        : []
    )
  )
  if (levels.length) {
    await createInventoryLevelsWorkflow(container).run({ input: { inventory_levels: levels } })
  }
}

async function ensureOwner(container: MedusaContainer, owner: { email: string; password: string }) {
  const users = container.resolve(Modules.USER)
  const [existing] = await users.listUsers({ email: owner.email })
  if (existing) {
    return
  }
  const { result } = await createUsersWorkflow(container).run({
    input: { users: [{ email: owner.email, first_name: "Shop", last_name: "Owner" }] },
  })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", {
    body: { email: owner.email, password: owner.password },
  })
  if (error || !authIdentity) {
    throw new Error(`Could not create the owner's login: ${error}`)
  }
  await auth.updateAuthIdentities({
    id: authIdentity.id,
    app_metadata: { user_id: result[0].id },
  })
}

/** Whether the demo shop was seeded (the store's marker): not before the first seed finished. */
function isSeeded(store: StoreDTO): boolean {
  const marker: unknown = store.metadata?.[DEMO_SHOP.seededMarker]
  return typeof marker === "string" && marker.length > 0
}

/** Records on the store that the demo shop exists, so `npm run dev` seeds once. */
async function markSeeded(container: MedusaContainer, store: StoreDTO) {
  if (isSeeded(store)) {
    return
  }
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: { metadata: { ...(store.metadata ?? {}), [DEMO_SHOP.seededMarker]: new Date().toISOString() } },
    },
  })
}

import { CACHING_PROVIDER_IDS } from "../../config/modules"
import { PRODUCT_INDEX_CACHE_TAG } from "../../lib/catalog/catalog-search"
import { readShopEnv } from "../../config/shop-env"
import { storeResponseCache, type CachedRoute } from "../../lib/store-cache/response-cache"

/**
 * What a catalogue answer depends on beyond the ids it carries. Medusa clears
 * `<Entity>:list:*` whenever an entity of that type is created, updated or
 * deleted (its Caching Module, on every module event), so these tags make an
 * answer follow new products, price lists, category moves, profiles, regions
 * and taxes. Stock is not here: availability is merged in fresh on every read.
 */
const CATALOGUE_TAGS = [
  "Product:list:*",
  "ProductVariant:list:*",
  "ProductOption:list:*",
  "ProductOptionValue:list:*",
  "ProductImage:list:*",
  "ProductTag:list:*",
  "ProductType:list:*",
  "ProductCategory:list:*",
  "ProductCollection:list:*",
  "Price:list:*",
  "PriceSet:list:*",
  "PriceList:list:*",
  "PriceRule:list:*",
  "PricePreference:list:*",
  "LinkProductSalesChannel:list:*",
  "LinkProductVariantPriceSet:list:*",
  "SalesChannel:list:*",
  "SnackProfile:list:*",
  "ArtProfile:list:*",
  "Region:list:*",
  "Store:list:*",
  "TaxRate:list:*",
  // A rate's rules (which product types it applies to) changed alone emit only these.
  "TaxRateRule:list:*",
  "TaxRegion:list:*",
  "Translation:list:*",
]
const REGION_TAGS = ["Region:list:*", "Country:list:*", "PaymentProvider:list:*", "LinkRegionPaymentProvider:list:*", "Store:list:*"]

/**
 * The Store API reads answered from the cache, by path: Medusa's own routes
 * and the shop's catalogue, whatever each does inside.
 */
export const STORE_CACHED_ROUTES: CachedRoute[] = [
  { path: "/store/products", tags: CATALOGUE_TAGS, pricedForCustomer: true },
  { path: "/store/products/:id", tags: CATALOGUE_TAGS, pricedForCustomer: true },
  // Which products match comes from the search index: also cleared once the index has ingested a change.
  { path: "/store/catalog/products", tags: [...CATALOGUE_TAGS, PRODUCT_INDEX_CACHE_TAG], pricedForCustomer: true },
  { path: "/store/product-categories", tags: CATALOGUE_TAGS, pricedForCustomer: false },
  { path: "/store/product-categories/:id", tags: CATALOGUE_TAGS, pricedForCustomer: false },
  { path: "/store/collections", tags: CATALOGUE_TAGS, pricedForCustomer: false },
  { path: "/store/collections/:id", tags: CATALOGUE_TAGS, pricedForCustomer: false },
  { path: "/store/regions", tags: REGION_TAGS, pricedForCustomer: false },
  { path: "/store/regions/:id", tags: REGION_TAGS, pricedForCustomer: false },
]

/** Cleared after the admin's batch product links into a category or collection (they emit no event). */
export const PRODUCT_LINK_WRITES_CLEAR = ["Product:list:*", "ProductCategory:list:*", "ProductCollection:list:*"]

export function storeCacheMiddleware() {
  const env = readShopEnv()
  const shared = Boolean(env.redisUrl)
  return storeResponseCache(STORE_CACHED_ROUTES, {
    ...env.storeCache,
    sharedAcrossServers: shared,
    local:
      shared && env.storeCache.localMs > 0
        ? {
            providerId: CACHING_PROVIDER_IDS.memory,
            sharedProviderId: CACHING_PROVIDER_IDS.redis,
            seconds: env.storeCache.localMs / 1000,
          }
        : undefined,
  })
}

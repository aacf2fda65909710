import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { ICachingModuleService, ISearchModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { PRODUCT_INDEX_CACHE_TAG } from "../lib/catalog/catalog-search"
import { PRODUCT_SEARCH_EVENTS } from "../search/product"

/**
 * Cached answers computed from the product index (GET /store/catalog/products)
 * are cleared once the index holds a change, not when the change happens:
 * Medusa clears its cache tags as the event is emitted, while the index is
 * written a moment later by the Search Module's own subscriber, so a read in
 * between would be stored from the old index.
 *
 * Medusa emits nothing when an ingestion ends, and its subscriber cannot be
 * replaced, so this one ingests the event itself through the module's
 * `ingest`, which resolves once the writes are applied (the same upserts as
 * Medusa's subscriber: idempotent), and then clears the tag.
 */
export default async function productSearchIngested({ event, container }: SubscriberArgs<unknown>) {
  const search: ISearchModuleService = container.resolve(Modules.SEARCH)
  try {
    await search.ingest(event)
  } finally {
    const caching: ICachingModuleService = container.resolve(Modules.CACHING)
    await caching.clear({ tags: [PRODUCT_INDEX_CACHE_TAG] })
  }
}

export const config: SubscriberConfig = {
  event: PRODUCT_SEARCH_EVENTS,
  context: { subscriberId: "product-search-ingested" },
}

import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import type { ISearchModuleService } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { catalogSearchQuery, inIdOrder } from "../../../../lib/catalog/catalog-search"
import { CATEGORY_VISIBILITY_FIELDS, withPublicCategories } from "../../../../lib/catalog/public-categories"
import type { StoreCatalogProductsQueryType } from "./validators"

/**
 * GET /store/catalog/products: published products of the key's sales channels,
 * with their snack or art profile, filtered by what shoppers look for. Which
 * products match, how many, and in what order comes from the product search
 * index (the one `POST /store/search` serves); the products themselves, with
 * their current fields, are loaded by id.
 */
export const GET = async (
  req: MedusaStoreRequest<unknown, StoreCatalogProductsQueryType>,
  res: MedusaResponse
) => {
  const { limit, offset } = req.validatedQuery
  const salesChannelIds = req.publishable_key_context?.sales_channel_ids ?? []
  if (!salesChannelIds.length) {
    // As Medusa's own /store/products and /store/search answer such a key.
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Publishable key needs to have a sales channel configured")
  }
  const search: ISearchModuleService = req.scope.resolve(Modules.SEARCH)
  const { hits, metadata } = await search.search(catalogSearchQuery(req.validatedQuery, salesChannelIds))
  const ids = hits.map((hit) => hit.id)
  if (!ids.length) {
    res.json({ products: [], count: metadata.count ?? 0, limit, offset })
    return
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product",
    fields: [...req.queryConfig.fields, ...CATEGORY_VISIBILITY_FIELDS],
    // Published again here: a product unpublished a moment ago may still be in the index.
    filters: { id: ids, status: "published" },
  })
  res.json({ products: inIdOrder(ids, data).map(withPublicCategories), count: metadata.count ?? ids.length, limit, offset })
}

import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { catalogProductFilters } from "../../../../lib/catalog/catalog-filters"
import type { StoreCatalogProductsQueryType } from "./validators"

/**
 * GET /store/catalog/products: published products of the key's sales channel,
 * with their snack or art profile, filtered by what shoppers look for.
 */
export const GET = async (
  req: MedusaStoreRequest<unknown, StoreCatalogProductsQueryType>,
  res: MedusaResponse
) => {
  const { limit, offset } = req.validatedQuery
  const filters = await catalogProductFilters(
    req.scope,
    req.validatedQuery,
    req.publishable_key_context?.sales_channel_ids ?? []
  )
  if (!filters) {
    res.json({ products: [], count: 0, limit, offset })
    return
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: products, metadata } = await query.graph({
    entity: "product",
    fields: req.queryConfig.fields,
    filters,
    pagination: req.queryConfig.pagination,
  })
  res.json({ products, count: metadata?.count ?? products.length, limit, offset })
}

import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ART_PROFILE_MODULE } from "../../modules/art-profile"
import type ArtProfileModuleService from "../../modules/art-profile/service"
import type { Medium } from "../../modules/art-profile/validation"
import { SNACK_PROFILE_MODULE } from "../../modules/snack-profile"
import type SnackProfileModuleService from "../../modules/snack-profile/service"
import type { Allergen, DietaryTag } from "../../modules/snack-profile/validation"
import { categorySubtreeIds, kindCategoryIds, loadCategoryTree, type ProductKind } from "./product-kind"

export type CatalogFilterInput = {
  kind?: ProductKind
  category_id?: string[]
  dietary?: DietaryTag[]
  allergen_free?: Allergen[]
  medium?: Medium[]
  one_of_a_kind?: boolean
  q?: string
}

/** Filters for `query.graph({ entity: "product" })`. */
export type ProductGraphFilters = {
  status: "published"
  id?: string[]
  q?: string
}

async function productsInCategories(container: MedusaContainer, categoryIds: string[]) {
  if (!categoryIds.length) {
    return []
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_category",
    fields: ["products.id"],
    filters: { id: categoryIds },
  })
  return data.flatMap((c) =>
    (c.products ?? []).flatMap((p) => (p ? [p.id] : []))
  )
}

function intersect(a: string[] | undefined, b: string[]): string[] {
  return a === undefined ? b : a.filter((x) => b.includes(x))
}

/**
 * Turns the catalogue's shopper filters into Query filters on product, or null
 * when no product can match. Profile filters are answered by the profile modules
 * (one SQL query each); kind and category_id include sub-categories.
 */
export async function catalogProductFilters(
  container: MedusaContainer,
  input: CatalogFilterInput,
  salesChannelIds: string[]
): Promise<ProductGraphFilters | null> {
  const filters: ProductGraphFilters = { status: "published" }
  let productIds: string[] | undefined
  if (salesChannelIds.length) {
    // Sales channels live in another module: read the link table, as Medusa's
    // own /store/products does.
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "product_sales_channel",
      fields: ["product_id"],
      filters: { sales_channel_id: salesChannelIds },
    })
    productIds = data.map((row) => row.product_id)
  }

  let categoryIds: string[] | undefined
  if (input.kind || input.category_id) {
    const tree = await loadCategoryTree(container)
    if (input.kind) {
      categoryIds = kindCategoryIds(tree, input.kind)
    }
    if (input.category_id) {
      categoryIds = intersect(categoryIds, categorySubtreeIds(tree, input.category_id))
    }
  }
  if (categoryIds) {
    productIds = intersect(productIds, await productsInCategories(container, categoryIds))
  }

  if (input.dietary || input.allergen_free) {
    const snacks: SnackProfileModuleService = container.resolve(SNACK_PROFILE_MODULE)
    productIds = intersect(productIds, await snacks.productIdsMatching({
      dietary: input.dietary,
      allergen_free: input.allergen_free,
    }))
  }
  if (input.medium || input.one_of_a_kind !== undefined) {
    const arts: ArtProfileModuleService = container.resolve(ART_PROFILE_MODULE)
    productIds = intersect(
      productIds,
      await arts.productIdsMatching({ medium: input.medium, one_of_a_kind: input.one_of_a_kind })
    )
  }
  if (productIds) {
    if (!productIds.length) {
      return null
    }
    filters.id = productIds
  }
  if (input.q) {
    filters.q = input.q
  }
  return filters
}

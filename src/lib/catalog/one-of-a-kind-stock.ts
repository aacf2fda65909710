import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { ART_PROFILE_MODULE } from "../../modules/art-profile"
import type ArtProfileModuleService from "../../modules/art-profile/service"
import { ONE_OF_A_KIND_LIMIT } from "../../modules/art-profile/validation"

export type ProposedStock = { inventory_item_id: string; stocked_quantity: number }

/**
 * An original exists once: refuses stocking an inventory item of a one-of-a-kind
 * artwork with more than 1 unit. Medusa's inventory-level workflows have no hook,
 * so the admin inventory routes call this before they run.
 */
export async function checkOneOfAKindStockLevels(container: MedusaContainer, proposed: ProposedStock[]) {
  const over = proposed.filter((p) => p.stocked_quantity > ONE_OF_A_KIND_LIMIT)
  if (!over.length) {
    return
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "inventory_item",
    fields: ["id", "variants.product_id", "variants.product.title", "variants.title"],
    filters: { id: over.map((p) => p.inventory_item_id) },
  })
  const rows = data
  const arts: ArtProfileModuleService = container.resolve(ART_PROFILE_MODULE)
  const productIds = rows.flatMap((r) => (r.variants ?? []).flatMap((v) => (v?.product_id ? [v.product_id] : [])))
  if (!productIds.length) {
    return
  }
  const originals = await arts.listArtProfiles({ product_id: productIds, one_of_a_kind: true })
  for (const item of over) {
    const row = rows.find((r) => r.id === item.inventory_item_id)
    const variant = row?.variants?.find((v) => v?.product_id && originals.some((o) => o.product_id === v.product_id))
    if (variant) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${variant.product?.title ?? variant.title} is one of a kind: stocked_quantity can be at most ${ONE_OF_A_KIND_LIMIT}; you asked for ${item.stocked_quantity}`
      )
    }
  }
}

import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { ART_PROFILE_MODULE } from "../../modules/art-profile"
import type ArtProfileModuleService from "../../modules/art-profile/service"
import { ONE_OF_A_KIND_LIMIT } from "../../modules/art-profile/validation"

export type ProposedStock = { inventory_item_id: string; location_id: string | null; stocked_quantity: number }

type Level = { id: string; inventory_item_id: string; location_id: string; stocked_quantity: unknown }

/**
 * The items' inventory levels at stock locations that still exist: deleting a
 * location leaves its levels behind (Medusa soft-deletes the location only), and
 * their units are on no shelf.
 */
async function liveLevels(container: MedusaContainer, itemIds: string[]): Promise<Level[]> {
  const levels: Level[] = await container
    .resolve(Modules.INVENTORY)
    .listInventoryLevels({ inventory_item_id: itemIds }, { select: ["id", "inventory_item_id", "location_id", "stocked_quantity"] })
  const locationIds = [...new Set(levels.map((l) => l.location_id))]
  if (!locationIds.length) {
    return []
  }
  const live = await container.resolve(Modules.STOCK_LOCATION).listStockLocations({ id: locationIds }, { select: ["id"] })
  const liveIds = new Set(live.map((l) => l.id))
  return levels.filter((l) => liveIds.has(l.location_id))
}

/** Which of these products are one-of-a-kind originals (their art profile says so). */
async function originalProductIds(container: MedusaContainer, productIds: string[]): Promise<Set<string>> {
  if (!productIds.length) {
    return new Set()
  }
  const profiles = await container
    .resolve<ArtProfileModuleService>(ART_PROFILE_MODULE)
    .listArtProfiles({ product_id: [...new Set(productIds)], one_of_a_kind: true }, { select: ["product_id"] })
  return new Set(profiles.map((p) => p.product_id))
}

/** Units stocked of each item across the stock locations that exist. */
export async function stockedAtLiveLocations(container: MedusaContainer, itemIds: string[]): Promise<Map<string, number>> {
  const stocked = new Map<string, number>()
  for (const level of itemIds.length ? await liveLevels(container, itemIds) : []) {
    stocked.set(level.inventory_item_id, (stocked.get(level.inventory_item_id) ?? 0) + Number(level.stocked_quantity))
  }
  return stocked
}

/**
 * An original exists once: refuses stocking an inventory item of a one-of-a-kind
 * artwork with more than 1 unit, at one location or across all of them (the
 * request's levels on top of the item's other ones). Medusa's inventory-level
 * workflows have no hook, so the admin inventory routes call this before they run.
 */
export async function checkOneOfAKindStockLevels(
  container: MedusaContainer,
  proposed: ProposedStock[],
  deletedLevelIds: string[] = []
) {
  if (!proposed.length) {
    return
  }
  const itemIds = [...new Set(proposed.map((p) => p.inventory_item_id))]
  const deleted = new Set(deletedLevelIds)
  const current = await liveLevels(container, itemIds)
  // Per item: stocked per location, the request's levels over the current ones
  // (less the levels it deletes).
  const after = new Map<string, Map<string, number>>()
  const levelsOf = (itemId: string) => after.get(itemId) ?? after.set(itemId, new Map()).get(itemId)!
  for (const level of current.filter((l) => !deleted.has(l.id))) {
    levelsOf(level.inventory_item_id).set(level.location_id, Number(level.stocked_quantity))
  }
  for (const p of proposed) {
    // A level without a location (a malformed body) is left to Medusa's validation; counted apart.
    levelsOf(p.inventory_item_id).set(p.location_id ?? `unknown:${levelsOf(p.inventory_item_id).size}`, p.stocked_quantity)
  }
  const total = (itemId: string) => [...levelsOf(itemId).values()].reduce((sum, n) => sum + n, 0)
  const over = itemIds.filter((id) => total(id) > ONE_OF_A_KIND_LIMIT)
  if (!over.length) {
    return
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: rows } = await query.graph({
    entity: "inventory_item",
    fields: ["id", "variants.product_id", "variants.product.title", "variants.title"],
    filters: { id: over },
  })
  const originals = await originalProductIds(
    container,
    rows.flatMap((r) => (r.variants ?? []).flatMap((v) => (v?.product_id ? [v.product_id] : [])))
  )
  for (const itemId of over) {
    const row = rows.find((r) => r.id === itemId)
    const variant = row?.variants?.find((v) => v?.product_id && originals.has(v.product_id))
    if (!variant) {
      continue
    }
    const title = variant.product?.title ?? variant.title
    const single = proposed.find((p) => p.inventory_item_id === itemId && p.stocked_quantity > ONE_OF_A_KIND_LIMIT)
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      single
        ? `${title} is one of a kind: stocked_quantity can be at most ${ONE_OF_A_KIND_LIMIT}; you asked for ${single.stocked_quantity}`
        : `${title} is one of a kind: stocked_quantity can be at most ${ONE_OF_A_KIND_LIMIT} across all stock locations; this would make ${total(itemId)}`
    )
  }
}

/**
 * An original is sold only from its counted stock: no variant of a one-of-a-kind
 * artwork may allow backorders or leave its inventory unmanaged (either way
 * Medusa, and the checkout holds with it, would sell it to every cart that
 * asks). Checked on the variants as written, in the product and variant
 * workflows' hooks (a throw there undoes the write): `products` for products
 * just marked original or updated with their variants, `variants` for
 * variants created or updated through the variant routes.
 */
export async function checkOriginalsSoldFromStock(
  container: MedusaContainer,
  of: { product_ids: string[] } | { variant_ids: string[] },
  originalIds?: string[]
) {
  const filters = "product_ids" in of ? { product_id: of.product_ids } : { id: of.variant_ids }
  if (!(filters.product_id ?? filters.id)?.length) {
    return
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "title", "product_id", "product.title", "allow_backorder", "manage_inventory"],
    filters,
  })
  const loose = variants.filter((v) => v.allow_backorder || v.manage_inventory === false)
  if (!loose.length) {
    return
  }
  const originals = originalIds
    ? new Set(originalIds)
    : await originalProductIds(container, loose.flatMap((v) => (v.product_id ? [v.product_id] : [])))
  const variant = loose.find((v) => v.product_id && originals.has(v.product_id))
  if (variant) {
    const rule = variant.allow_backorder ? "cannot allow backorders" : "must have its inventory managed"
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${variant.product?.title ?? variant.title} is one of a kind: its variant ${variant.title} ${rule}, or the original would be sold more than once`
    )
  }
}

export type VariantItemLink = { variant_id: string; inventory_item_id: string }

/**
 * An original exists once: refuses linking a variant of a one-of-a-kind artwork
 * to an inventory item with more than 1 unit stocked (a print's item, say), or
 * every unit of it would be sold as the original. Checked on variants created
 * with their items (the variant workflow's hook) and before Medusa's routes that
 * link an item to a variant run (they have no hook).
 */
export async function checkOriginalsLinkedToOneUnit(container: MedusaContainer, links: VariantItemLink[]) {
  if (!links.length) {
    return
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "title", "product_id", "product.title"],
    filters: { id: [...new Set(links.map((l) => l.variant_id))] },
  })
  const originals = await originalProductIds(container, variants.flatMap((v) => (v.product_id ? [v.product_id] : [])))
  const ofOriginals = links.filter((l) => originals.has(variants.find((v) => v.id === l.variant_id)?.product_id ?? ""))
  if (!ofOriginals.length) {
    return
  }
  const stocked = await stockedAtLiveLocations(container, [...new Set(ofOriginals.map((l) => l.inventory_item_id))])
  for (const link of ofOriginals) {
    const units = stocked.get(link.inventory_item_id) ?? 0
    if (units > ONE_OF_A_KIND_LIMIT) {
      const variant = variants.find((v) => v.id === link.variant_id)!
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${variant.product?.title ?? variant.title} is one of a kind: its variant ${variant.title} cannot be sold from an inventory item with ${units} units stocked (at most ${ONE_OF_A_KIND_LIMIT})`
      )
    }
  }
}

/** The same, for variants as written: their linked inventory items. */
export async function checkOriginalVariantsStock(container: MedusaContainer, variantIds: string[]) {
  if (!variantIds.length) {
    return
  }
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "product_variant",
    fields: ["id", "inventory_items.inventory_item_id"],
    filters: { id: variantIds },
  })
  const links = data.flatMap((v) =>
    (v.inventory_items ?? []).flatMap((i) => (i?.inventory_item_id ? [{ variant_id: v.id, inventory_item_id: i.inventory_item_id }] : []))
  )
  await checkOriginalsLinkedToOneUnit(container, links)
}

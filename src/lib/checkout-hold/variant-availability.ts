import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { readVariantLineNeeds, salesChannelLocations } from "./cart-stock-needs"
import { available } from "./hold-plan"
import { readStockPositions } from "./stock-positions"

export type VariantAvailability = {
  variant_id: string
  /** Units one order can get now, from a single location; null when stock is not tracked. */
  available: number | null
}

/**
 * What each variant can be bought in right now: per location, stocked minus
 * reserved minus active holds (of other carts, when `exceptCartId` is given),
 * divided by the units of each inventory item it takes; the best single
 * location wins, as a hold never splits a line across locations.
 */
export async function variantAvailability(
  container: MedusaContainer,
  variantIds: string[],
  salesChannelIds: string[],
  exceptCartId: string | null = null
): Promise<VariantAvailability[]> {
  const needs = await readVariantLineNeeds(
    container,
    variantIds.map((variant_id) => ({ variant_id, quantity: 1 }))
  )
  const locations = [...new Set((await Promise.all(salesChannelIds.map((id) => salesChannelLocations(container, id)))).flat())]
  const positions = await readStockPositions(
    container,
    needs.map((n) => n.inventory_item_id),
    locations,
    exceptCartId
  )
  return variantIds.map((variant_id) => {
    const parts = needs.flatMap((n) =>
      n.lines.filter((l) => l.variant_id === variant_id).map((l) => ({ item: n.inventory_item_id, per: l.required_quantity }))
    )
    if (!parts.length) {
      return { variant_id, available: null }
    }
    const perLocation = locations.map((location) =>
      Math.min(
        ...parts.map(({ item, per }) => {
          const p = positions.find((x) => x.inventory_item_id === item && x.location_id === location)
          return Math.floor(available(p) / per)
        })
      )
    )
    return { variant_id, available: Math.max(0, ...perLocation) }
  })
}

/** Of `variantIds`, those of published products in one of `salesChannelIds`. */
export async function variantsOnSale(container: MedusaContainer, variantIds: string[], salesChannelIds: string[]): Promise<Set<string>> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["id", "product.status", "product.sales_channels.id"],
    filters: { id: variantIds },
  })
  return new Set(
    data
      .filter(
        (v) =>
          v.product?.status === "published" &&
          (v.product.sales_channels ?? []).some((c) => c && salesChannelIds.includes(c.id))
      )
      .map((v) => v.id)
  )
}

import type { OwnerHold } from "./holds-api"

export type HeldUnits = { total: number; byVariant: { label: string; units: number }[] }

type HoldRow = Pick<OwnerHold, "cart_id" | "variant_id" | "variant_title" | "inventory_item_id" | "variant_units">

/**
 * Units of a product held at checkout, per variant, from GET /admin/holds rows.
 * A row holds one inventory item for one cart line: a cart's lines of a variant
 * add up per item, and a variant made of several items (a gift box and its
 * card, or 2 of one item) has one such sum per item, so each cart's hold of a
 * variant counts once, in units of the variant (its best-covered item).
 */
export function heldUnits(holds: HoldRow[]): HeldUnits {
  const perItem = new Map<string, { cartVariant: string; label: string; units: number }>()
  for (const hold of holds) {
    const cartVariant = `${hold.cart_id}|${hold.variant_id}`
    const key = `${cartVariant}|${hold.inventory_item_id}`
    const units = (perItem.get(key)?.units ?? 0) + hold.variant_units
    perItem.set(key, { cartVariant, label: hold.variant_title ?? hold.variant_id, units })
  }
  const perCart = new Map<string, { label: string; units: number }>()
  for (const { cartVariant, label, units } of perItem.values()) {
    perCart.set(cartVariant, { label, units: Math.max(perCart.get(cartVariant)?.units ?? 0, units) })
  }
  const byLabel = new Map<string, number>()
  for (const { label, units } of perCart.values()) {
    byLabel.set(label, (byLabel.get(label) ?? 0) + units)
  }
  const byVariant = [...byLabel].map(([label, units]) => ({ label, units }))
  return { total: byVariant.reduce((n, v) => n + v.units, 0), byVariant }
}

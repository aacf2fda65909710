import type { OwnerHold } from "./holds-api"

export type HeldUnits = { total: number; byVariant: { label: string; units: number }[] }

/**
 * Units of a product held at checkout, per variant, from GET /admin/holds rows.
 * A row holds one inventory item: a variant made of several items (a gift box
 * and its card, or 2 of one item) has several rows per cart, so each cart's
 * hold of a variant is counted once, in units of the variant.
 */
export function heldUnits(holds: Pick<OwnerHold, "cart_id" | "variant_id" | "variant_title" | "variant_units">[]): HeldUnits {
  const perCart = new Map<string, { label: string; units: number }>()
  for (const hold of holds) {
    const key = `${hold.cart_id}|${hold.variant_id}`
    const units = Math.max(perCart.get(key)?.units ?? 0, hold.variant_units)
    perCart.set(key, { label: hold.variant_title ?? hold.variant_id, units })
  }
  const byLabel = new Map<string, number>()
  for (const { label, units } of perCart.values()) {
    byLabel.set(label, (byLabel.get(label) ?? 0) + units)
  }
  const byVariant = [...byLabel].map(([label, units]) => ({ label, units }))
  return { total: byVariant.reduce((n, v) => n + v.units, 0), byVariant }
}

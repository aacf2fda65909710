import type { ShortItem } from "./errors"
import type { WantedUnits } from "../../modules/checkout-hold/types"
import type { CartStockNeeds, PlannedHold, StockNeed, StockPosition } from "./types"

export function available(p: StockPosition | undefined): number {
  return p ? Math.max(p.stocked - p.reserved - p.held_by_others, 0) : 0
}

export type HoldPlan = { holds: PlannedHold[]; short: ShortItem[] }

/**
 * Decides where each needed inventory item is held, or what is short.
 * Availability is stocked - reserved - other carts' active holds, per location;
 * an item is held at the first location that alone covers the whole need (the
 * cart's lines summed, so two lines sharing an item are checked together), never
 * split, never promised from stock that no single location has.
 */
export function planHolds(cart: Pick<CartStockNeeds, "location_ids" | "needs">, positions: StockPosition[]): HoldPlan {
  const at = (item: string, location: string) =>
    positions.find((p) => p.inventory_item_id === item && p.location_id === location)
  const holds: PlannedHold[] = []
  const short: ShortItem[] = []

  for (const need of cart.needs) {
    const location = cart.location_ids.find((l) => available(at(need.inventory_item_id, l)) >= need.quantity)
    if (location) {
      holds.push(...holdsFor(need, location))
      continue
    }
    const best = Math.max(0, ...cart.location_ids.map((l) => available(at(need.inventory_item_id, l))))
    for (const line of need.lines) {
      short.push({
        variant_id: line.variant_id,
        title: line.title,
        requested: line.quantity,
        available: Math.floor(best / line.required_quantity),
      })
    }
  }
  return { holds, short: mergeShort(short) }
}

function holdsFor(need: StockNeed, location_id: string): PlannedHold[] {
  return need.lines.map((line) => ({
    variant_id: line.variant_id,
    inventory_item_id: need.inventory_item_id,
    location_id,
    quantity: line.quantity * line.required_quantity,
  }))
}

/** A variant short on two of its items is reported once, at its scarcer one. */
function mergeShort(items: ShortItem[]): ShortItem[] {
  const byVariant = new Map<string, ShortItem>()
  for (const item of items) {
    const seen = byVariant.get(item.variant_id)
    if (!seen || item.available < seen.available) {
      byVariant.set(item.variant_id, item)
    }
  }
  return [...byVariant.values()]
}

/** The units a cart's lines want held, per variant and inventory item (all its lines of the variant together). */
export function unitsWanted(cart: Pick<CartStockNeeds, "needs">): WantedUnits[] {
  const wanted = new Map<string, WantedUnits>()
  for (const need of cart.needs) {
    for (const line of need.lines) {
      const k = `${line.variant_id}|${need.inventory_item_id}`
      const entry = wanted.get(k) ?? { variant_id: line.variant_id, inventory_item_id: need.inventory_item_id, quantity: 0 }
      entry.quantity += line.quantity * line.required_quantity
      wanted.set(k, entry)
    }
  }
  return [...wanted.values()]
}

/**
 * True when the cart's current holds are exactly what its lines need now, each
 * at a stock location the cart may still be served from (a location taken out
 * of its sales channel, or deleted, holds nothing for it).
 */
export function holdsCoverNeeds(
  holds: { variant_id: string; inventory_item_id: string; location_id: string; quantity: number }[],
  cart: Pick<CartStockNeeds, "needs" | "location_ids">
): boolean {
  if (holds.some((hold) => !cart.location_ids.includes(hold.location_id))) {
    return false
  }
  const key = (variant: string, item: string) => `${variant}|${item}`
  const want = new Map(unitsWanted(cart).map((w) => [key(w.variant_id, w.inventory_item_id), w.quantity]))
  const have = new Map<string, number>()
  for (const hold of holds) {
    const k = key(hold.variant_id, hold.inventory_item_id)
    have.set(k, (have.get(k) ?? 0) + Number(hold.quantity))
  }
  return want.size === have.size && [...want].every(([k, q]) => have.get(k) === q)
}

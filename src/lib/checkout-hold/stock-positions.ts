import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { CHECKOUT_HOLD_MODULE } from "../../modules/checkout-hold"
import type CheckoutHoldModuleService from "../../modules/checkout-hold/service"
import type { HeldTotal } from "../../modules/checkout-hold/types"
import type { StockPosition } from "./types"

type ReservationRow = { inventory_item_id: string; location_id: string; quantity: number; line_item_id?: string | null }
type Place = { inventory_item_id: string; location_id: string }
const placeKey = (p: Place) => `${p.inventory_item_id}|${p.location_id}`

/**
 * Units counted twice right now, per item and location: a completion in flight
 * still holds them (its holds are converted only after the order) while its
 * order's reservations, already written, count them as reserved. Found by
 * following each completing cart to its order's line items, whose ids the
 * reservations carry.
 */
async function countedTwice(
  container: MedusaContainer,
  completing: (Place & { cart_id: string; quantity: number })[],
  reservations: ReservationRow[]
): Promise<Map<string, number>> {
  const twice = new Map<string, number>()
  if (!completing.length || !reservations.some((r) => r.line_item_id)) {
    return twice
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: carts } = await query.graph({
    entity: "cart",
    fields: ["id", "order.items.id"],
    filters: { id: [...new Set(completing.map((c) => c.cart_id))] },
  })
  for (const cart of carts) {
    const lineIds = new Set((cart.order?.items ?? []).flatMap((i) => (i ? [i.id] : [])))
    if (!lineIds.size) {
      continue
    }
    for (const hold of completing.filter((c) => c.cart_id === cart.id)) {
      const reserved = reservations
        .filter((r) => r.line_item_id && lineIds.has(r.line_item_id) && placeKey(r) === placeKey(hold))
        .reduce((n, r) => n + Number(r.quantity), 0)
      const both = Math.min(hold.quantity, reserved)
      if (both > 0) {
        twice.set(placeKey(hold), (twice.get(placeKey(hold)) ?? 0) + both)
      }
    }
  }
  return twice
}

/**
 * Reads stock for the given items and locations: stocked from the inventory
 * levels, and units held by other carts' active, unexpired holds. Reserved is
 * the level's `reserved_quantity`, the figure Medusa's own completion checks
 * against (every writer of it runs under the Locking Module's lock of the item
 * id, and the shop's default locking provider is always a distributed one), so
 * the read costs the same however many unfulfilled orders the item has.
 * Holds are read first: a completion whose holds are gone by then had written
 * its order's reservations before converting them, so the levels count them.
 * While another cart's completion of the item is in flight (its holds
 * claimed), reserved is instead the sum of the reservation rows, read with the
 * rows that tell which claimed units its order already reserved, so no unit
 * counts twice or not at all.
 * `heldByOthers`: those holds when the caller has just read them (with
 * CheckoutHoldModuleService.holdReadForCart); they are read here otherwise.
 */
export async function readStockPositions(
  container: MedusaContainer,
  inventoryItemIds: string[],
  locationIds: string[],
  exceptCartId: string | null,
  heldByOthers?: HeldTotal[]
): Promise<StockPosition[]> {
  if (!inventoryItemIds.length || !locationIds.length) {
    return []
  }
  const inventory = container.resolve(Modules.INVENTORY)
  const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
  const held = heldByOthers ?? (await holds.heldByOthers(inventoryItemIds, exceptCartId))
  const places = { inventory_item_id: inventoryItemIds, location_id: locationIds }
  const levels = inventory.listInventoryLevels(places, {
    take: null,
    select: ["inventory_item_id", "location_id", "stocked_quantity", "reserved_quantity"],
  })
  const heldAt = (place: Place) => held.filter((h) => placeKey(h) === placeKey(place)).reduce((n, h) => n + h.quantity, 0)
  if (!held.some((h) => h.completing > 0)) {
    return (await levels).map((level) => ({
      inventory_item_id: level.inventory_item_id,
      location_id: level.location_id,
      stocked: Number(level.stocked_quantity),
      reserved: Number(level.reserved_quantity),
      held_by_others: heldAt(level),
    }))
  }
  const [stock, reservations, completing] = await Promise.all([
    levels,
    inventory.listReservationItems(places, {
      take: null,
      select: ["inventory_item_id", "location_id", "quantity", "line_item_id"],
    }) as Promise<ReservationRow[]>,
    holds.completingHoldsOfOthers(inventoryItemIds, exceptCartId),
  ])
  const twice = await countedTwice(container, completing, reservations)
  return stock.map((level) => ({
    inventory_item_id: level.inventory_item_id,
    location_id: level.location_id,
    stocked: Number(level.stocked_quantity),
    reserved: reservations.filter((r) => placeKey(r) === placeKey(level)).reduce((n, r) => n + Number(r.quantity), 0),
    held_by_others: heldAt(level) - (twice.get(placeKey(level)) ?? 0),
  }))
}

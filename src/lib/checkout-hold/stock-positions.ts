import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { CHECKOUT_HOLD_MODULE } from "../../modules/checkout-hold"
import type CheckoutHoldModuleService from "../../modules/checkout-hold/service"
import type { StockPosition } from "./types"

/**
 * Reads stock for the given items and locations: stocked from the inventory
 * levels, reserved as the sum of reservation rows (not the level's cached
 * reserved_quantity), and units held by other carts' active, unexpired holds
 * (with the part of them claimed by completions in flight).
 */
export async function readStockPositions(
  container: MedusaContainer,
  inventoryItemIds: string[],
  locationIds: string[],
  exceptCartId: string | null
): Promise<StockPosition[]> {
  if (!inventoryItemIds.length || !locationIds.length) {
    return []
  }
  const inventory = container.resolve(Modules.INVENTORY)
  const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
  const [levels, reservations, held] = await Promise.all([
    inventory.listInventoryLevels(
      { inventory_item_id: inventoryItemIds, location_id: locationIds },
      { take: null }
    ),
    inventory.listReservationItems(
      { inventory_item_id: inventoryItemIds, location_id: locationIds },
      { take: null, select: ["inventory_item_id", "location_id", "quantity"] }
    ),
    holds.heldByOthers(inventoryItemIds, exceptCartId),
  ])
  return levels.map((level) => {
    const same = (r: { inventory_item_id: string; location_id: string }) =>
      r.inventory_item_id === level.inventory_item_id && r.location_id === level.location_id
    return {
      inventory_item_id: level.inventory_item_id,
      location_id: level.location_id,
      stocked: Number(level.stocked_quantity),
      reserved: reservations.filter(same).reduce((n, r) => n + Number(r.quantity), 0),
      held_by_others: held.filter(same).reduce((n, h) => n + h.quantity, 0),
      completing_by_others: held.filter(same).reduce((n, h) => n + h.completing, 0),
    }
  })
}

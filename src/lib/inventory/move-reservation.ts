import type { IInventoryService, ILockingModule } from "@medusajs/framework/types"
import { stockLockKeys } from "../checkout-hold/stock-lock"

/** How long a move waits for the locks: the Locking Module's default. */
const MOVE_LOCK_WAIT_SECONDS = 5

/** A reservation's place: where it is and how many units it keeps there (and its item, the lock's key). */
export type ReservationPlace = { id: string; inventory_item_id: string; location_id: string; quantity: number }

/**
 * Moves a reservation to another location, keeping its id, with both levels'
 * `reserved_quantity` right. Medusa 2.21's `updateReservationItems`, given a
 * new location, raises the new level's `reserved_quantity` and never lowers the
 * old one's (it adjusts only the levels it looked up for the destination), so
 * the old location keeps a reserved unit no reservation accounts for, unsold
 * for good. Here the reservation is first set to 0 units where it is (an update
 * at the same location, which Medusa counts right), then moved with its units:
 * nothing is left to leak, and Medusa checks the destination's stock for them
 * (a refusal puts the units back where they were, and is thrown).
 * Under the Locking Module's locks of the item: the shop's stock lock, which
 * every hold and completion of the shop takes, then the item id's, as Medusa's
 * own reservation steps. So nothing can take the units that show free at the
 * old location between the two writes, and a refused move finds them there to
 * put back. Returns where the reservation was (as is when it is there already).
 */
export async function moveReservation(
  inventory: IInventoryService,
  locking: ILockingModule,
  to: ReservationPlace
): Promise<ReservationPlace> {
  // The shop's key first, Medusa's second ("checkout-stock:iitem_..." sorts
  // before "iitem_..."): the order a completion takes them in (one after the
  // other with Redis, src/modules/locking-redis-ordered).
  return await locking.execute([...stockLockKeys([to.inventory_item_id]), to.inventory_item_id], async () => {
    // Read again under the lock: where it is now is what the move starts from.
    const current = await inventory.retrieveReservationItem(to.id, { select: ["location_id", "quantity"] })
    const from = { ...to, location_id: current.location_id, quantity: Number(current.quantity) }
    if (from.location_id === to.location_id) {
      return from
    }
    await inventory.updateReservationItems({ id: to.id, quantity: 0 })
    try {
      await inventory.updateReservationItems({ id: to.id, location_id: to.location_id, quantity: to.quantity })
    } catch (e) {
      await inventory.updateReservationItems({ id: to.id, quantity: from.quantity })
      throw e
    }
    return from
  }, { timeout: MOVE_LOCK_WAIT_SECONDS })
}

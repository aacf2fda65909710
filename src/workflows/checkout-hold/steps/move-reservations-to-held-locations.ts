import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { afterOrderWrite } from "../../../lib/checkout-hold/after-order-write"
import type { PlannedHold } from "../../../lib/checkout-hold/types"

export const moveReservationsToHeldLocationsStepId = "move-reservations-to-held-locations"

/**
 * After the order exists: Medusa reserves at the first location of the channel
 * that looks available to it, blind to holds (medusajs/medusa#14987); the hold
 * chose one that has the stock, so the reservations move there. Never undone
 * and never failing the completion: the order stands; a failed move is retried
 * once, then logged.
 *
 * A move is a new reservation at the held location, then the old one deleted,
 * not `updateReservationItems` with a new location_id: in 2.21 that raises the
 * new level's reserved_quantity but never lowers the old one's, which then
 * counts a phantom unit that Medusa's own checks refuse (found by the
 * two-location test). Both writes run under the same lock as Medusa's own
 * reservation writers, the Locking Module's lock of each item id; this step
 * also still holds the stock lock (several locations), so no hold or
 * completion sees the unit between them. Creating first means the unit is never
 * unreserved; a retry after a failed delete finds the new row and only deletes.
 */
export const moveReservationsToHeldLocationsStep = createStep(
  moveReservationsToHeldLocationsStepId,
  async (input: { order_id: string; lines: PlannedHold[] }, { container }) => {
    if (!input.lines.length) {
      return new StepResponse({ moved: 0 })
    }
    const moved = await afterOrderWrite(container, `moving reservations of order ${input.order_id}`, async () => {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "order", fields: ["items.id"], filters: { id: input.order_id } })
      const lineItemIds = (data.at(0)?.items ?? []).flatMap((i) => (i ? [i.id] : []))
      if (!lineItemIds.length) {
        return 0
      }
      const inventory = container.resolve(Modules.INVENTORY)
      const reservations = await inventory.listReservationItems({ line_item_id: lineItemIds }, { take: null })
      const heldAt = (r: { inventory_item_id: string }) =>
        input.lines.find((l) => l.inventory_item_id === r.inventory_item_id)?.location_id
      const moves = reservations.filter((r) => {
        const to = heldAt(r)
        return to !== undefined && to !== r.location_id
      })
      if (!moves.length) {
        return 0
      }
      // Already created there by a try whose delete failed: the same line's row of
      // the same item (a set's other item may be reserved there in its own right).
      const arrived = (r: (typeof moves)[number]) =>
        reservations.some(
          (o) =>
            o.id !== r.id &&
            o.line_item_id === r.line_item_id &&
            o.inventory_item_id === r.inventory_item_id &&
            o.location_id === heldAt(r)
        )
      const itemIds = [...new Set(moves.map((r) => r.inventory_item_id))]
      await container.resolve(Modules.LOCKING).execute(itemIds, async () => {
        const toCreate = moves.filter((r) => !arrived(r))
        if (toCreate.length) {
          await inventory.createReservationItems(
            toCreate.map((r) => ({
              line_item_id: r.line_item_id,
              inventory_item_id: r.inventory_item_id,
              location_id: heldAt(r)!,
              quantity: r.quantity,
              allow_backorder: r.allow_backorder,
              description: r.description,
              created_by: r.created_by,
              metadata: r.metadata,
            }))
          )
        }
        await inventory.deleteReservationItems(moves.map((r) => r.id))
      })
      return moves.length
    })
    return new StepResponse({ moved: moved ?? 0 })
  }
)

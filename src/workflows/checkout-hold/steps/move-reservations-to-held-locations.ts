import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { afterOrderWrite } from "../../../lib/checkout-hold/after-order-write"
import type { PlannedHold } from "../../../lib/checkout-hold/types"

export const moveReservationsToHeldLocationsStepId = "move-reservations-to-held-locations"

/**
 * After the order exists: Medusa reserves at the first location of the channel
 * (medusajs/medusa#14987); the hold chose one that has the stock, so the
 * reservations move there. Never undone and never failing the completion: the
 * order stands; a failed move is retried once, then logged.
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
      const moves = reservations.flatMap((r) => {
        const held = input.lines.find((l) => l.inventory_item_id === r.inventory_item_id)
        return held && held.location_id !== r.location_id ? [{ id: r.id, location_id: held.location_id }] : []
      })
      if (moves.length) {
        await inventory.updateReservationItems(moves)
      }
      return moves.length
    })
    return new StepResponse({ moved: moved ?? 0 })
  }
)

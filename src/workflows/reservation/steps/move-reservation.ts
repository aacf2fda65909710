import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { moveReservation, type ReservationPlace } from "../../../lib/inventory/move-reservation"

export const moveReservationStepId = "move-reservation"

/**
 * Moves a reservation to another location without leaking its units' count at
 * the old one (see moveReservation). Compensation moves it back the same way.
 */
export const moveReservationStep = createStep(
  moveReservationStepId,
  async (to: ReservationPlace, { container }) => {
    const from = await moveReservation(container.resolve(Modules.INVENTORY), container.resolve(Modules.LOCKING), to)
    return new StepResponse(to, from)
  },
  async (from, { container }) => {
    if (!from) {
      return
    }
    await moveReservation(container.resolve(Modules.INVENTORY), container.resolve(Modules.LOCKING), from)
  }
)

import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { ReservationPlace } from "../../../lib/inventory/move-reservation"
import { moveReservationStep } from "../steps/move-reservation"

export const moveReservationWorkflowId = "move-reservation"

/**
 * Moves a reservation (same id) to another location with its units, both
 * levels' reserved quantity kept right. Run before Medusa's own update of a
 * reservation whose location changes (src/api/admin/reservations).
 */
export const moveReservationWorkflow = createWorkflow(moveReservationWorkflowId, (input: ReservationPlace) => {
  return new WorkflowResponse(moveReservationStep(input))
})

import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { AdminUpdateReservation } from "@medusajs/medusa/api/admin/reservations/validators"
import { moveReservationWorkflow } from "../../../workflows/reservation"

/**
 * POST /admin/reservations/:id (Medusa Admin's "Edit reservation") with a new
 * `location_id`: the reservation is moved first, by moveReservationWorkflow, so
 * the old location's reserved quantity comes down with it (Medusa 2.21's own
 * update leaves it up: a unit nobody can sell). Medusa's route then applies the
 * rest of the body (quantity, description, metadata) at the new location and
 * answers as usual. Not enough stock at the new location: Medusa's 400 "Not
 * enough stock available ...", and the reservation stays where it was.
 * The body is checked with Medusa's own schema for the route before anything is
 * written (whichever of the two middlewares runs first): a body it refuses is
 * left to its 400.
 */
export async function moveReservationFirst(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const body = AdminUpdateReservation.safeParse(req.body)
    const locationId = body.success ? body.data.location_id : undefined
    if (!body.success || !locationId) {
      return next()
    }
    const quantity = body.data.quantity
    if (quantity !== undefined && !(quantity > 0)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "quantity: a reservation moved to another location needs more than 0 units")
    }
    const [current] = await req.scope
      .resolve(Modules.INVENTORY)
      .listReservationItems({ id: req.params.id }, { select: ["id", "inventory_item_id", "location_id", "quantity"], take: 1 })
    if (current && current.location_id !== locationId) {
      await moveReservationWorkflow(req.scope).run({
        input: {
          id: current.id,
          inventory_item_id: current.inventory_item_id,
          location_id: locationId,
          quantity: quantity ?? Number(current.quantity),
        },
      })
    }
    next()
  } catch (e) {
    next(e)
  }
}

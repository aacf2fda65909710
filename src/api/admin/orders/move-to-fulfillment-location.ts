import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { OrderCreateFulfillment } from "@medusajs/medusa/api/admin/orders/validators"
import { afterFailedWrite } from "../../../lib/http/after-write"
import type { ReservationPlace } from "../../../lib/inventory/move-reservation"
import { moveReservationWorkflow } from "../../../workflows/reservation"

/**
 * POST /admin/orders/:id/fulfillments from a stock location other than the one
 * a line's reservation is at (Admin's "Create fulfillment" sends the shipping
 * option's location; a checkout hold may have put the reservation elsewhere):
 * for a part of the line, Medusa 2.21 updates the reservation's location in
 * place, which leaves its units reserved at the old location for good (the
 * leak moveReservation explains). So the line's reservations are moved first,
 * by moveReservationWorkflow (not enough stock there: its 400, nothing
 * fulfilled), and Medusa fulfils from where they now are. Should Medusa's
 * route then refuse the fulfilment, they are moved back.
 */
export async function moveReservationsToFulfillmentLocation(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const body = OrderCreateFulfillment.safeParse(req.body)
    const locationId = body.success ? body.data.location_id : undefined
    if (!body.success || !locationId) {
      return next()
    }
    const inventory = req.scope.resolve(Modules.INVENTORY)
    const reservations = await inventory.listReservationItems(
      { line_item_id: body.data.items.map((i) => i.id) },
      { select: ["id", "inventory_item_id", "location_id", "quantity"], take: null }
    )
    const moved: ReservationPlace[] = []
    for (const r of reservations.filter((r) => r.location_id !== locationId)) {
      const place = { id: r.id, inventory_item_id: r.inventory_item_id, quantity: Number(r.quantity) }
      await moveReservationWorkflow(req.scope).run({ input: { ...place, location_id: locationId } })
      moved.push({ ...place, location_id: r.location_id })
    }
    if (moved.length) {
      afterFailedWrite(req, res, `Moving the reservations of order ${req.params.id} back`, () => moveBack(req, moved))
    }
    next()
  } catch (e) {
    next(e)
  }
}

async function moveBack(req: MedusaRequest, moved: ReservationPlace[]) {
  for (const place of moved) {
    await moveReservationWorkflow(req.scope).run({ input: place })
  }
}

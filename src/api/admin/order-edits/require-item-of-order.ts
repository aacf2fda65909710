import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

/**
 * POST /admin/order-edits/:id/items/item/:item_id changes the quantity of one of
 * the order's items. Medusa's workflow reads the order's items and subtracts the
 * found item's quantity without checking it was found: an item of another order,
 * or none, is its 500 (a TypeError). Here it is a 404 naming the item and the
 * order, before anything is written. An order that does not exist is left to
 * Medusa (its 404).
 */
export async function requireItemOfOrder(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [order],
    } = await query.graph({ entity: "order", fields: ["id", "items.id"], filters: { id: req.params.id } })
    if (order && !(order.items ?? []).some((item) => item?.id === req.params.item_id)) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${order.id} has no item ${req.params.item_id}`)
    }
    next()
  } catch (e) {
    next(e)
  }
}

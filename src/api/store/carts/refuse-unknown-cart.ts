import type { MedusaNextFunction, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"

/**
 * `POST`/`DELETE /store/carts/:id/promotions` on a cart that does not exist is
 * Medusa's 500 (a TypeError in its workflow's cart check): answered here as its
 * other cart routes answer an unknown cart, 404 `Cart id not found: <id>`.
 */
export async function refuseUnknownCart(req: MedusaStoreRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const [cart] = await req.scope.resolve(Modules.CART).listCarts({ id: req.params.id }, { select: ["id"], take: 1 })
    if (!cart) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart id not found: ${req.params.id}`)
    }
    next()
  } catch (e) {
    next(e)
  }
}

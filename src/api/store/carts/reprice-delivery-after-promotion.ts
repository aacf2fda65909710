import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { refreshCartItemsWorkflow } from "@medusajs/medusa/core-flows"
import { refetchCart } from "@medusajs/medusa/api/store/carts/helpers"
import { promotionTouched } from "../../../lib/delivery/delivery-rules"
import { answerAfterSuccessfulWrite } from "../../../lib/http/after-write"

type AnsweredCart = { id?: string; shipping_methods?: unknown[] | null; promotions?: ({ id?: string } | null)[] | null }
/** `{ cart }`, or a deleted line's `{ id, object, deleted, parent: cart }`. */
type CartAnswer = { cart?: AnsweredCart; parent?: AnsweredCart }

/**
 * A promotion changes the cart's total, and the delivery price may follow it
 * ("free from ₹499"); but Medusa prices the delivery before it applies a
 * promotion (updateCartWorkflow, and refreshCartItemsWorkflow after a line
 * change, which recomputes automatic promotions last), or not at all
 * (updateCartPromotionsWorkflow). The completion would then refuse the stale
 * price (assertDeliveryPricesCurrent), which a starter's delivery step cannot
 * answer: its option is already checked, and choosing it again sends nothing.
 * So after a successful change of the cart's codes, or of a line of a cart a
 * promotion touches or touched, or its transfer to the signed-in customer
 * (transferCartCustomerWorkflow re-prices the lines for them, then the
 * delivery, then the automatic promotions: a customer group's), on a cart
 * with a delivery method, Medusa's
 * refreshCartItemsWorkflow runs once more (the delivery priced on the
 * discounted cart, the promotions applied again, the payment collection
 * refreshed), and the answer carries the cart as it is then. Should that fail,
 * the route's own answer goes out (the completion's check still stands).
 */
export function repriceDeliveryAfterPromotion(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const codes = req.path.endsWith("/promotions") || (req.body !== null && typeof req.body === "object" && "promo_codes" in req.body)
  const lines = req.path.includes("/line-items")
  // A guest's cart handed to the signed-in customer: Medusa re-prices it for them and
  // recomputes the automatic promotions (a customer group's) after pricing the delivery.
  const transferred = req.path.endsWith("/customer")
  if (!codes && !lines && !transferred) {
    // POST /store/carts/:id without promo codes: Medusa prices what changed in order.
    return next()
  }
  answerAfterSuccessfulWrite(req, res, "Delivery re-pricing after a promotion change", async (body) => {
    const answer = (body ?? {}) as CartAnswer
    const cart = answer.cart ?? answer.parent
    if (!cart?.id || (Array.isArray(cart.shipping_methods) && !cart.shipping_methods.length)) {
      return body
    }
    // A line change or a transfer: only for a cart a promotion touches now or did
    // (one that stopped applying leaves its discount in the delivery price too).
    if (!codes && !(await promotionTouched(req.scope, { id: cart.id, promotions: cart.promotions }))) {
      return body
    }
    await refreshCartItemsWorkflow(req.scope).run({ input: { cart_id: cart.id } })
    const fresh: unknown = await refetchCart(cart.id, req.scope, req.queryConfig.fields)
    return answer.cart ? { ...answer, cart: fresh } : { ...answer, parent: fresh }
  })
  next()
}

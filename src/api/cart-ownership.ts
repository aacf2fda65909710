import type { MedusaNextFunction, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { mayUseCart } from "../lib/cart/cart-ownership"

/** What requireOwnCart read of the cart, for the checkout gate (one read for both). */
export type OwnCartRead = { completed: boolean; lines: { variant_id: string | null; quantity: number }[] }
const reads = new WeakMap<MedusaStoreRequest, OwnCartRead>()

/** The cart as requireOwnCart read it for this request (undefined before it ran). */
export function ownCartRead(req: MedusaStoreRequest): OwnCartRead | undefined {
  return reads.get(req)
}

/**
 * On the shop's own cart routes (`/hold`, `DELETE /hold`, `/complete`): the cart
 * must exist, belong to the publishable key's sales channel, and, when its
 * customer has an account, be asked for by that customer. Otherwise 404, the
 * same answer as for a cart that does not exist.
 */
export async function requireOwnCart(req: MedusaStoreRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: [
      "id",
      "sales_channel_id",
      "customer_id",
      "customer.has_account",
      "completed_at",
      "items.variant_id",
      "items.quantity",
    ],
    filters: { id: req.params.id },
  })
  const cart = data[0]
  const auth = req.auth_context
  const allowed = mayUseCart(
    cart
      ? {
          sales_channel_id: cart.sales_channel_id ?? null,
          account_customer_id: cart.customer?.has_account ? (cart.customer_id ?? null) : null,
        }
      : null,
    {
      customer_id: auth?.actor_type === "customer" && auth.actor_id ? auth.actor_id : null,
      sales_channel_ids: req.publishable_key_context?.sales_channel_ids ?? [],
    }
  )
  if (!allowed) {
    return next(new MedusaError(MedusaError.Types.NOT_FOUND, `Cart id not found: ${req.params.id}`))
  }
  reads.set(req, {
    completed: Boolean(cart.completed_at),
    lines: (cart.items ?? []).flatMap((line) =>
      line ? [{ variant_id: line.variant_id ?? null, quantity: Number(line.quantity) }] : []
    ),
  })
  next()
}

import { model } from "@medusajs/framework/utils"

/**
 * The customer who was signed in when a cart was created for them or taken over
 * (`POST /store/carts`, `POST /store/carts/:id/customer`): only they may hold or
 * complete it. Medusa also sets a cart's customer when a guest types an email
 * that has an account; such a cart has no row here and stays the guest's.
 */
export const CartOwner = model.define("checkout_cart_owner", {
  cart_id: model.text().primaryKey(),
  customer_id: model.text(),
})

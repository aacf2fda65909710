/** What decides whose cart it is. */
export type CartOwnership = {
  /** The signed-in customer who created the cart or took it over, if any. */
  owner_customer_id: string | null
  sales_channel_id: string | null
}

/** Who is asking: the signed-in customer (if any) and the publishable key's sales channels. */
export type CartAsker = {
  customer_id: string | null
  sales_channel_ids: string[]
}

/**
 * A cart is served only through a publishable key of its own sales channel, and
 * a cart a signed-in customer created or took over only to that customer. Anyone else gets
 * the answer an unknown cart gets (a signed-out request for a customer's cart is told
 * to sign in again: mustSignInForCart).
 */
export function mayUseCart(cart: CartOwnership | null, asker: CartAsker): boolean {
  if (!cart) {
    return false
  }
  if (!cart.sales_channel_id || !asker.sales_channel_ids.includes(cart.sales_channel_id)) {
    return false
  }
  return !cart.owner_customer_id || cart.owner_customer_id === asker.customer_id
}

/**
 * Refused, but only because the asker is signed out and the cart is a signed-in
 * customer's in the asker's own sales channel: most often its owner whose
 * session ended (Medusa's tokens last a day, the starters keep theirs longer).
 * They are told to sign in again rather than that the cart does not exist; the
 * cart id, which only its shopper has, tells nobody else more than that.
 */
export function mustSignInForCart(cart: CartOwnership | null, asker: CartAsker): boolean {
  return Boolean(
    cart?.owner_customer_id &&
      !asker.customer_id &&
      cart.sales_channel_id &&
      asker.sales_channel_ids.includes(cart.sales_channel_id)
  )
}

/**
 * Imported first by a suite that waits out a cart lock another completion
 * holds: the shop reads CHECKOUT_CART_LOCK_WAIT_SECONDS when its checkout gate
 * module loads, so it is set before any import of the app.
 */
export const CART_LOCK_WAIT_SECONDS = 8
process.env.CHECKOUT_CART_LOCK_WAIT_SECONDS = String(CART_LOCK_WAIT_SECONDS)

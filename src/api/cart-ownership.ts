import type { MedusaNextFunction, MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { mayUseCart, mustSignInForCart } from "../lib/cart/cart-ownership"
import { CART_LINES_SELECT, type CartLinesRead } from "../lib/checkout-hold/cart-stock-needs"
import { afterSuccessfulWrite } from "../lib/http/after-write"
import { CHECKOUT_HOLD_MODULE } from "../modules/checkout-hold"
import type CheckoutHoldModuleService from "../modules/checkout-hold/service"

/**
 * What requireOwnCart read of the cart, for the checkout gate and the stock
 * needs of the hold or the completion (one read for all of them).
 */
export type OwnCartRead = {
  cart: CartLinesRead
  /** When it was read (Date.now()). */
  read_at: number
}
const reads = new WeakMap<MedusaStoreRequest, OwnCartRead>()

/**
 * How old requireOwnCart's read may be for the request's workflow to use it
 * instead of reading the cart again: a request that did not wait long at the
 * checkout gate. The stock is decided under the stock lock either way, and
 * Medusa's completion reads the cart itself under its cart lock.
 */
const FRESH_CART_READ_MS = 1000

/** CART_LINES_SELECT split into the cart's own fields and its lines' fields. */
const CART_FIELDS = CART_LINES_SELECT.filter((f) => !f.startsWith("items."))
const LINE_FIELDS = CART_LINES_SELECT.flatMap((f) => (f.startsWith("items.") ? [f.slice("items.".length)] : []))

/** The cart as requireOwnCart read it for this request (undefined before it ran). */
export function ownCartRead(req: MedusaStoreRequest): OwnCartRead | undefined {
  return reads.get(req)
}

/** That read when it is at most FRESH_CART_READ_MS old, else null (the workflow reads the cart). */
export function freshOwnCart(req: MedusaStoreRequest): CartLinesRead | null {
  const read = reads.get(req)
  return read && Date.now() - read.read_at <= FRESH_CART_READ_MS ? read.cart : null
}

/**
 * On the shop's own cart routes (`/hold`, `DELETE /hold`, `/complete`): the cart
 * must exist, belong to the publishable key's sales channel, and, when a signed-in
 * customer created it or took it over (recordCartOwner), be asked for by that
 * customer. Otherwise 404, the same answer as for a cart that does not exist, or
 * 401 "sign in again" to a signed-out request for a customer's cart.
 * A guest's cart that Medusa linked to an account because the guest typed that
 * account's email stays the guest's, as in plain Medusa.
 */
export async function requireOwnCart(req: MedusaStoreRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    await readOwnCart(req, req.params.id)
    next()
  } catch (e) {
    next(e)
  }
}

/**
 * ownCart, kept as this request's read of its cart (ownCartRead, freshOwnCart):
 * for a route that names the cart elsewhere than in its path (a payment step's
 * collection).
 */
export async function readOwnCart(req: MedusaStoreRequest, cartId: string): Promise<CartLinesRead> {
  const cart = await ownCart(req, cartId)
  reads.set(req, { cart, read_at: Date.now() })
  return cart
}

/**
 * The cart `cartId` with its lines when the request may use it (requireOwnCart's
 * rules: the key's sales channel; a signed-in customer's cart only for them;
 * also for a route that names the cart elsewhere than in its path). Otherwise
 * throws 404 "Cart id not found", the answer an unknown cart gets, or 401 when
 * only signing in again is missing (mustSignInForCart).
 */
export async function ownCart(req: MedusaStoreRequest, cartId: string): Promise<CartLinesRead> {
  // The cart module's own service, not Query: this runs before every hold and
  // completion, a rush's refusals included, and Query's joiner costs more than
  // the small read it would make.
  const carts = req.scope.resolve(Modules.CART)
  const auth = req.auth_context
  const askerCustomerId = auth?.actor_type === "customer" && auth.actor_id ? auth.actor_id : null
  // A guest's request needs the cart's recorded owner whenever the cart names a
  // customer (Medusa gives every cart with an email one): read beside the cart,
  // not after it. A signed-in customer's own cart needs none: read only if asked.
  const recorded = askerCustomerId ? undefined : recordedOwner(req, cartId)
  // The cart and its lines side by side too (listCarts with its items reads them one after the other).
  const [[found], items] = await Promise.all([
    carts.listCarts({ id: cartId }, { select: [...CART_FIELDS, "customer_id"], take: 1 }),
    carts.listLineItems({ cart_id: cartId }, { select: LINE_FIELDS }),
  ])
  const cart = found ? { ...found, items } : undefined
  const ownership = cart
    ? {
        sales_channel_id: cart.sales_channel_id ?? null,
        owner_customer_id: await ownerOf(req, cart.id, cart.customer_id ?? null, askerCustomerId, recorded),
      }
    : null
  const asker = { customer_id: askerCustomerId, sales_channel_ids: req.publishable_key_context?.sales_channel_ids ?? [] }
  if (cart && mayUseCart(ownership, asker)) {
    return cart
  }
  if (mustSignInForCart(ownership, asker)) {
    throw new MedusaError(
      MedusaError.Types.UNAUTHORIZED,
      "This cart belongs to a customer account: sign in again to use it"
    )
  }
  throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart id not found: ${cartId}`)
}

/**
 * The signed-in customer the cart belongs to; read only when it can matter, i.e.
 * the cart has a customer other than the one asking (a cart created or taken
 * over by a signed-in customer always has that customer).
 */
function recordedOwner(req: MedusaStoreRequest, cartId: string): Promise<string | null> {
  const read = req.scope.resolve<CheckoutHoldModuleService>(CHECKOUT_HOLD_MODULE).cartOwner(cartId)
  // Awaited only when the cart names a customer: a failure otherwise is nobody's to handle.
  read.catch(() => undefined)
  return read
}

async function ownerOf(
  req: MedusaStoreRequest,
  cartId: string,
  customerId: string | null,
  askerId: string | null,
  recorded?: Promise<string | null>
) {
  if (!customerId || customerId === askerId) {
    return customerId
  }
  return recorded ?? recordedOwner(req, cartId)
}

/**
 * After `POST /store/carts` and `POST /store/carts/:id/customer` succeed for a
 * signed-in customer: records them as the cart's owner (before the answer goes
 * out, so the cart is never usable by others meanwhile; if the record fails,
 * the answer is a 503 instead of the cart).
 */
export function recordCartOwner(req: MedusaStoreRequest, res: MedusaResponse, next: MedusaNextFunction) {
  afterSuccessfulWrite(
    req,
    res,
    "Recording the cart's signed-in owner",
    async (answer) => {
      const auth = req.auth_context
      const cartId: unknown = (answer as { cart?: { id?: unknown } } | undefined)?.cart?.id
      if (auth?.actor_type === "customer" && auth.actor_id && typeof cartId === "string") {
        await req.scope.resolve<CheckoutHoldModuleService>(CHECKOUT_HOLD_MODULE).bindCartToCustomer(cartId, auth.actor_id)
      }
    },
    // Without the record the cart would be anyone's who learns its id: the
    // customer gets a 503 and tries again (a retried takeover is recorded then;
    // a retried creation makes a new cart, the first one stays unused).
    { failClosed: true }
  )
  next()
}

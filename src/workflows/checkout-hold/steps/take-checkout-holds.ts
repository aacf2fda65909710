import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CheckoutInProgressError } from "../../../lib/checkout-hold/errors"
import type { ClientIdentity } from "../../../lib/http/client-identity"
import { applyHoldLifetime, assertClientCartCap, assertWithinShare, sharesAcrossCarts } from "../../../lib/checkout-hold/hold-caps"
import { planHolds } from "../../../lib/checkout-hold/hold-plan"
import { refuseShortfall } from "../../../lib/checkout-hold/sold-out"
import { readStockPositions } from "../../../lib/checkout-hold/stock-positions"
import type { CartStockNeeds, PlannedHold } from "../../../lib/checkout-hold/types"
import { CHECKOUT_HOLD_MODULE } from "../../../modules/checkout-hold"
import type CheckoutHoldModuleService from "../../../modules/checkout-hold/service"
import type { HoldSnapshot } from "../../../modules/checkout-hold/service"

export const takeCheckoutHoldsStepId = "take-checkout-holds"

export type CheckoutHold = {
  cart_id: string
  expires_at: Date
  items: PlannedHold[]
}

export type TakeCheckoutHoldsInput = {
  cart: CartStockNeeds
  /** Who asks (customer, else client IP); null when the shop itself refreshes the holds. */
  client: ClientIdentity | null
}

type Compensation = { created: string[]; previous: HoldSnapshot }

/**
 * Under the stock lock (acquireStockLockStep) of every item the cart needs and
 * of the client: reads availability net of other carts' holds and applies the
 * caps (share of low stock, carts per client, lifetime and cool-down; the
 * lifetime and cool-down count the client's other carts too, so a new cart
 * does not start the clock again, and so does a customer's share). A refusal
 * writes nothing: 409 insufficient_inventory or hold_cap_reached. Otherwise the
 * cart's hold rows are set in place (a refresh never adds rows), expiring after
 * the module's TTL but never past the hold's lifetime. Compensation puts the
 * rows back as they were.
 */
export const takeCheckoutHoldsStep = createStep(
  takeCheckoutHoldsStepId,
  async ({ cart, client }: TakeCheckoutHoldsInput, { container }) => {
    const completed = () => new MedusaError(MedusaError.Types.NOT_ALLOWED, `Cart ${cart.cart_id} is already completed`)
    if (cart.completed) {
      throw completed()
    }
    const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
    const caps = holds.caps
    const itemIds = cart.needs.map((n) => n.inventory_item_id)
    // The cart's rows, other carts' holds and the client's other carts in one
    // read, before the levels (readStockPositions: holds first).
    const { rows, held, client_carts: otherCarts, client_items: elsewhere, client_key: clientKey, converted } = await holds.holdReadForCart(
      cart.cart_id,
      itemIds,
      client && itemIds.length ? client.key : null
    )
    // Completed since the cart was read (before the lock): its holds are
    // converted, and new ones would count its units twice, beside its order's.
    if (converted) {
      throw completed()
    }
    // A completion of this cart in progress has claimed its holds (it converts
    // them or puts them back): a refresh now would undo the claim's marks. A claim
    // older than the completion grace (the cart lock's lease) is one whose
    // completion died with its server: the refresh takes the holds back.
    const now = new Date()
    if (rows.some((r) => r.status === "active" && r.completing_at && r.expires_at > now && holds.liveClaimUntil(r.completing_at) > now)) {
      throw new CheckoutInProgressError(`Cart ${cart.cart_id} is being completed: its holds belong to that checkout until it ends`)
    }
    const positions = await readStockPositions(container, itemIds, cart.location_ids, cart.cart_id, held)
    const plan = planHolds(cart, positions)
    if (plan.short.length) {
      refuseShortfall(cart, positions, plan.short)
    }
    assertWithinShare(cart, plan.holds, positions, caps, sharesAcrossCarts(clientKey) ? elsewhere : [])
    if (client && plan.holds.length) {
      assertClientCartCap(client, otherCarts, caps)
    }
    const titleOf = (variantId: string) =>
      cart.needs.flatMap((n) => n.lines).find((l) => l.variant_id === variantId)?.title ?? variantId
    const lines = applyHoldLifetime(
      plan.holds,
      rows,
      caps,
      now,
      new Date(now.getTime() + holds.ttlSeconds * 1000),
      titleOf,
      elsewhere
    )
    const { created, previous } = await holds.replaceCartHolds(cart.cart_id, lines, now, client?.key ?? null, null, rows)
    // The cart's hold lasts as long as its shortest-lived line.
    const expiresAt = lines.reduce<Date | null>((soonest, l) => (!soonest || l.expires_at < soonest ? l.expires_at : soonest), null)
    const hold: CheckoutHold = { cart_id: cart.cart_id, expires_at: expiresAt ?? now, items: plan.holds }
    return new StepResponse<CheckoutHold, Compensation>(hold, { created, previous })
  },
  async (compensation, { container }) => {
    if (!compensation) {
      return
    }
    const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
    await holds.restoreCartHolds(compensation.created, compensation.previous)
  }
)

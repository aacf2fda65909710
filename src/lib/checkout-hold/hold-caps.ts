import { shareCap, type CheckoutHoldCaps } from "../../config/checkout-holds"
import type { ClientItemHolds, TakenHoldLine } from "../../modules/checkout-hold/service"
import type { ClientIdentity } from "../http/client-identity"
import { HoldCapError, type ShortItem } from "./errors"
import { available } from "./hold-plan"
import type { CartStockNeeds, PlannedHold, StockPosition } from "./types"

const MINUTE = 60_000

const clock = (d: Date) => d.toISOString().slice(11, 16)

/** A row of the cart's hold history (one per variant and item, never converted ones). */
export type HeldRow = {
  variant_id: string
  inventory_item_id: string
  held_since: Date | string | null
}

/**
 * Lifetime and cool-down, per variant and item the cart wants to hold: a hold
 * lasts at most `lifetimeMinutes` from its first take (a refresh extends it up
 * to that, no further); then the cart waits `cooldownMinutes` before holding
 * that item again. The first take is the client's, not only the cart's: the
 * earliest of this cart's and the client's other carts' (`elsewhere`) whose
 * episode (lifetime and cool-down) is not over, so a new cart does not start
 * the clock again. Returns the lines with their expiry and first take, or
 * throws `cool_down` (until the cool-down ends).
 */
export function applyHoldLifetime(
  lines: PlannedHold[],
  history: HeldRow[],
  caps: CheckoutHoldCaps,
  now: Date,
  expiresAt: Date,
  titleOf: (variantId: string) => string,
  elsewhere: HeldRow[] = []
): (TakenHoldLine & { expires_at: Date; held_since: Date })[] {
  const lifetime = caps.lifetimeMinutes * MINUTE
  const cooldown = caps.cooldownMinutes * MINUTE
  const sameLine = (line: PlannedHold) => (h: HeldRow) =>
    h.variant_id === line.variant_id && h.inventory_item_id === line.inventory_item_id && !!h.held_since
  const inEpisode = (since: Date) => now.getTime() < since.getTime() + lifetime + cooldown
  return lines.map((line) => {
    const own = history.filter(sameLine(line)).map((h) => ({ since: new Date(h.held_since!), own: true }))
    const others = elsewhere.filter(sameLine(line)).map((h) => ({ since: new Date(h.held_since!), own: false }))
    const first = [...own, ...others]
      .filter((c) => inEpisode(c.since))
      .sort((a, b) => a.since.getTime() - b.since.getTime())[0]
    if (!first) {
      // First take, or the last episode (lifetime and cool-down) is over.
      return { ...line, held_since: now, expires_at: expiresAt }
    }
    const lifetimeEnds = new Date(first.since.getTime() + lifetime)
    if (now >= lifetimeEnds) {
      const until = new Date(lifetimeEnds.getTime() + cooldown)
      const who = first.own ? "This cart" : "Another of your carts"
      throw new HoldCapError(
        "cool_down",
        `${who} held ${titleOf(line.variant_id)} for ${caps.lifetimeMinutes} minutes, the longest a hold lasts; this cart can hold it again from ${clock(until)} UTC, or complete the order now if it is still in stock`,
        until
      )
    }
    return { ...line, held_since: first.since, expires_at: expiresAt < lifetimeEnds ? expiresAt : lifetimeEnds }
  })
}

/**
 * Whether one share of low stock covers all of a client's carts: for a
 * logged-in customer. Guests are counted by address, and strangers behind one
 * carrier address must not split one share (a unit refused to a shopper
 * because someone else on the network holds some); their carts are bounded by
 * HOLD_MAX_CARTS_PER_GUEST_IP instead, and share the lifetime and cool-down.
 */
export function sharesAcrossCarts(clientKey: string | null): boolean {
  return !!clientKey?.startsWith("customer:")
}

/**
 * While stock is low a client may hold at most a share of what is left for it
 * (stock net of reservations and other carts' holds, at the location planned),
 * in all its carts together: the units its other carts hold there
 * (`elsewhere`) count as left for it and as asked, so that more carts never
 * take a larger share than one.
 */
export function assertWithinShare(
  cart: Pick<CartStockNeeds, "needs">,
  holds: PlannedHold[],
  positions: StockPosition[],
  caps: CheckoutHoldCaps,
  elsewhere: Pick<ClientItemHolds, "inventory_item_id" | "location_id" | "quantity">[] = []
) {
  for (const need of cart.needs) {
    const location = holds.find((h) => h.inventory_item_id === need.inventory_item_id)?.location_id
    const left = available(
      positions.find((p) => p.inventory_item_id === need.inventory_item_id && p.location_id === location)
    )
    const mine = elsewhere
      .filter((h) => h.inventory_item_id === need.inventory_item_id && h.location_id === location)
      .reduce((n, h) => n + h.quantity, 0)
    const cap = shareCap(caps, left + mine)
    if (need.quantity + mine > cap) {
      const title = need.lines.map((l) => l.title).join(", ")
      throw new HoldCapError(
        "cart_share",
        mine
          ? `Only ${left + mine} left of ${title}: one shopper may hold at most ${cap} of them in all their carts; your other carts hold ${mine}, and this one asked for ${need.quantity}`
          : `Only ${left} left of ${title}: one cart may hold at most ${cap} of them; you asked for ${need.quantity}`
      )
    }
  }
}

/** At most N carts with active holds per client (customer, or guest IP). */
export function assertClientCartCap(
  client: ClientIdentity,
  otherCarts: { cart_id: string; expires_at: Date }[],
  caps: CheckoutHoldCaps
) {
  const customer = client.kind === "customer"
  const max = customer ? caps.maxCartsPerCustomer : caps.maxCartsPerGuestIp
  if (otherCarts.length < max) {
    return
  }
  const until = otherCarts.map((c) => c.expires_at).sort((a, b) => a.getTime() - b.getTime())[0]
  throw new HoldCapError(
    customer ? "carts_per_customer" : "carts_per_guest_ip",
    `${customer ? "A customer" : "A guest connection"} may hold stock in at most ${max} cart${max === 1 ? "" : "s"} at once; release one or retry after ${clock(until)} UTC`,
    until
  )
}

/**
 * The sold-out fast path: items with nothing left for anyone at any location
 * (stocked - reserved - others' holds <= 0). Read without the lock, so it may
 * only ever say no: a yes needs the locked read.
 */
export function soldOutItems(cart: Pick<CartStockNeeds, "location_ids" | "needs">, positions: StockPosition[]): ShortItem[] {
  const short: ShortItem[] = []
  for (const need of cart.needs) {
    const best = Math.max(
      0,
      ...cart.location_ids.map((l) =>
        available(positions.find((p) => p.inventory_item_id === need.inventory_item_id && p.location_id === l))
      )
    )
    if (best <= 0) {
      for (const line of need.lines) {
        short.push({ variant_id: line.variant_id, title: line.title, requested: line.quantity, available: 0 })
      }
    }
  }
  return short
}

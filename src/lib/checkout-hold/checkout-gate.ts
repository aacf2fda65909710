import { readCheckoutGate } from "../../config/checkout-holds"
import { ConcurrencyGate } from "../http/concurrency-gate"

/** This process's gate in front of the checkout's writes (src/api/checkout-gate.ts). */
export const checkoutGateSettings = readCheckoutGate()
export const checkoutGate = new ConcurrencyGate(checkoutGateSettings.concurrency)

/**
 * Orders written at once by this process (CHECKOUT_ORDER_WRITES): a stock
 * claim is a few short queries, writing the order is Medusa's whole
 * completion; with every winner of a rush writing at once, the claims behind
 * them (and the "sold out" they lead to) would wait for the cores.
 */
export const orderWriteGate = new ConcurrencyGate(checkoutGateSettings.orderWrites)
const writeSlots = new Map<string, () => void>()

/**
 * The longest an order keeps its turn. The turns bound the CPU that orders
 * written at once take (a completion takes well under a second of it, a few
 * seconds on a loaded machine); an order still writing after this is waiting
 * on something else (a payment provider's slow answer, a busy database), and
 * keeping its turn would make every other order of this server wait for that
 * too, cash on delivery included, until told "busy". It writes on, without the turn.
 */
export const ORDER_WRITE_TURN_MAX_MS = 5000

/**
 * How long an order whose stock is claimed lets the checkouts queued at the
 * gate go first. In a rush every queued checkout is a stock claim or a "sold
 * out" waiting for one; an order written meanwhile takes the cores from them
 * (measured: the 20 claims of a 200-cart rush spread over 3 s behind the first
 * orders). The order's units are claimed, so waiting costs its shopper time,
 * never the sale; bounded so that a steady stream of checkouts cannot starve it.
 */
export const ORDER_WRITE_YIELD_MS = 2000

/**
 * Waits for a turn to write an order (bounded like the gate; "timeout": busy;
 * the turn itself lasts at most ORDER_WRITE_TURN_MAX_MS),
 * once no checkout waits at the gate (at most ORDER_WRITE_YIELD_MS). An order
 * written under its items' stock lock (several stock locations: the lock is
 * kept until its reservations are where its holds were) does not let the
 * queue go first: the checkouts of the same items inside the gate wait for
 * that very lock, so the queue behind them cannot move until it is released.
 */
export async function takeOrderWriteTurn(owner: string, { stockLocked = false } = {}): Promise<boolean> {
  if (!stockLocked) {
    await checkoutGate.whenNoneWaiting(ORDER_WRITE_YIELD_MS)
  }
  const entered = await orderWriteGate.enter(checkoutGateSettings.queueWaitSeconds * 1000)
  if (typeof entered !== "function") {
    return false
  }
  const timer = setTimeout(() => endOrderWriteTurn(owner), ORDER_WRITE_TURN_MAX_MS)
  timer.unref?.()
  writeSlots.set(owner, () => {
    clearTimeout(timer)
    entered()
  })
  return true
}

/** Gives the turn to the next order (nothing when `owner` has none, or its turn ran out). */
export function endOrderWriteTurn(owner: string) {
  writeSlots.get(owner)?.()
  writeSlots.delete(owner)
}

/** Slots taken at the gate, per cart, until the request ends or its stock is claimed. */
const slots = new Map<string, (() => void)[]>()

/** Records a slot a request for this cart took at the gate; returns its release (once, idempotent). */
export function holdGateSlot(cartId: string, release: () => void): () => void {
  const mine = () => {
    const list = slots.get(cartId)
    if (list) {
      const at = list.indexOf(mine)
      if (at >= 0) {
        list.splice(at, 1)
      }
      if (!list.length) {
        slots.delete(cartId)
      }
    }
    release()
  }
  slots.set(cartId, [...(slots.get(cartId) ?? []), mine])
  return mine
}

/**
 * The cart's stock is decided (claimed for its order): its request leaves the
 * gate for the next checkout while the order is written. Nothing when the
 * completion did not come through the gate.
 */
export function leaveCheckoutGate(cartId: string) {
  slots.get(cartId)?.[0]?.()
}

/** Checkout writes of this process per cart, from the gate until answered: how many, and when the last ends. */
const cartsInFlight = new Map<string, { count: number; tail: Promise<void> }>()

/** The checkout writes for this cart in flight in this process (diagnostics and tests). */
export function requestsInFlightOfCart(cartId: string): number {
  return cartsInFlight.get(cartId)?.count ?? 0
}

/**
 * Counts a checkout write for the cart from the gate until its answer. Returns
 * the end of this one (idempotent) and, when others for the same cart were in
 * flight in this process already (a double click, a retry racing the first
 * try), `ahead(maxMs)`: resolves true once they have all been answered, false
 * after `maxMs`.
 */
export function enterCartInFlight(cartId: string): { ahead: ((maxMs: number) => Promise<boolean>) | null; leave: () => void } {
  const previous = cartsInFlight.get(cartId)
  let end!: () => void
  const mine = new Promise<void>((resolve) => (end = resolve))
  const entry = { count: (previous?.count ?? 0) + 1, tail: previous ? previous.tail.then(() => mine) : mine }
  cartsInFlight.set(cartId, entry)
  let left = false
  const ahead = previous
    ? (maxMs: number) =>
        new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), maxMs)
          void previous.tail.then(() => {
            clearTimeout(timer)
            resolve(true)
          })
        })
    : null
  return {
    ahead,
    leave: () => {
      if (left) {
        return
      }
      left = true
      end()
      const current = cartsInFlight.get(cartId)
      if (current && --current.count <= 0) {
        cartsInFlight.delete(cartId)
      }
    },
  }
}

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
 * How long an order whose stock is claimed lets the checkouts queued at the
 * gate go first. In a rush every queued checkout is a stock claim or a "sold
 * out" waiting for one; an order written meanwhile takes the cores from them
 * (measured: the 20 claims of a 200-cart rush spread over 3 s behind the first
 * orders). The order's units are claimed, so waiting costs its shopper time,
 * never the sale; bounded so that a steady stream of checkouts cannot starve it.
 */
export const ORDER_WRITE_YIELD_MS = 2000

/**
 * Waits for a turn to write an order (bounded like the gate; "timeout": busy),
 * once no checkout waits at the gate (at most ORDER_WRITE_YIELD_MS).
 */
export async function takeOrderWriteTurn(owner: string): Promise<boolean> {
  await checkoutGate.whenNoneWaiting(ORDER_WRITE_YIELD_MS)
  const entered = await orderWriteGate.enter(checkoutGateSettings.queueWaitSeconds * 1000)
  if (typeof entered !== "function") {
    return false
  }
  writeSlots.set(owner, entered)
  return true
}

/** Gives the turn to the next order (nothing when `owner` has none). */
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

/** Checkout writes of this process per cart, from the gate until answered. */
const cartsInFlight = new Map<string, number>()

/**
 * Counts a checkout write for the cart from the gate until its answer. Returns
 * whether another one for the same cart was in flight in this process already
 * (a double click, a retry racing the first try), and the end of this one
 * (idempotent).
 */
export function enterCartInFlight(cartId: string): { sibling: boolean; leave: () => void } {
  const before = cartsInFlight.get(cartId) ?? 0
  cartsInFlight.set(cartId, before + 1)
  let left = false
  return {
    sibling: before > 0,
    leave: () => {
      if (left) {
        return
      }
      left = true
      const after = (cartsInFlight.get(cartId) ?? 1) - 1
      if (after > 0) {
        cartsInFlight.set(cartId, after)
      } else {
        cartsInFlight.delete(cartId)
      }
    },
  }
}

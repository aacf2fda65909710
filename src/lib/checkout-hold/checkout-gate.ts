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

/** Waits for a turn to write an order (bounded like the gate; "timeout": busy). */
export async function takeOrderWriteTurn(owner: string): Promise<boolean> {
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

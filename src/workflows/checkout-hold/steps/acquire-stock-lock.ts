import { randomUUID } from "crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cartCompleted } from "../../../lib/cart/cart-completed"
import { available, holdsCoverNeeds } from "../../../lib/checkout-hold/hold-plan"
import {
  acquireStockLock,
  admitToStockQueue,
  leaveStockQueue,
  releaseStockLock,
  stockLockKeys,
  stockQueueActive,
} from "../../../lib/checkout-hold/stock-lock"
import { InsufficientInventoryError } from "../../../lib/checkout-hold/errors"
import { refuseIfAnnouncedSoldOut, refuseIfSoldOut } from "../../../lib/checkout-hold/sold-out"
import { rememberedSoldOut } from "../../../lib/checkout-hold/sold-out-memo"
import type { CartStockNeeds, StockPosition } from "../../../lib/checkout-hold/types"
import { CHECKOUT_HOLD_MODULE } from "../../../modules/checkout-hold"
import type CheckoutHoldModuleService from "../../../modules/checkout-hold/service"

export const acquireStockLockStepId = "acquire-stock-lock"

export type AcquireStockLockInput = {
  inventory_item_ids: string[]
  /** Also lock this client's cart count (the per-client cap of holds). */
  client_key?: string | null
  /** The cart waiting: when its items are announced sold out it re-checks and stops waiting. */
  cart?: CartStockNeeds
  /**
   * Before queueing (completion): the sold-out fast path, then admission
   * control; see admitCart.
   */
  admission?: boolean
}

export type StockLock = { owner: string | null }

/**
 * Unlocked reads, so they may only refuse (the locked steps alone say yes):
 * - a cart whose own active holds cover its lines is admitted as is (its units
 *   are set aside for it; the claim step checks them again under the lock);
 * - a cart holding no units with a line this process found sold out within
 *   the last second (sold-out-memo) is refused, without reading anything more;
 * - otherwise the sold-out fast path: nothing left for anyone, 409 sold out;
 * - otherwise, when the cart's sales channel has several stock locations (the
 *   lock is then kept until the order's reservations have moved, seconds under
 *   load), admission control: when the units asked for by requests already
 *   queued in this process cover what is left, 409 checkout_busy with a
 *   Retry-After of the expected wait, without queueing. Each server admits at
 *   most what is left; the lock still decides between servers. With one
 *   location the lock is kept only for the claim: the request waits its turn,
 *   which costs nothing, and is told "sold out" as soon as the units are gone
 *   (a "busy" would only bring it back for the same answer).
 * When no request of this process is queued for the items there is nothing to
 * answer early: the stock position is not read (the locked step reads it), nor,
 * with one location and no line remembered sold out, the cart's own holds.
 * Returns whether the cart holds units of its own (true when not read).
 */
async function admitCart(container: MedusaContainer, owner: string, keys: string[], cart: CartStockNeeds): Promise<boolean> {
  const admissionControl = cart.location_ids.length > 1
  if (!admissionControl && !stockQueueActive(keys) && !rememberedSoldOut(cart.needs.flatMap((n) => n.lines)).length) {
    // Nothing to refuse early and no admission control to count for: the
    // cart's own holds (the claim step reads them under the lock) are not read
    // here, and it goes straight to the lock (which marks the queue active).
    // Whether it holds units of its own is unknown: true makes a re-check read.
    return true
  }
  const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
  const own = await holds.activeHoldsOfCart(cart.cart_id)
  if (holdsCoverNeeds(own, cart)) {
    return own.length > 0
  }
  // Found sold out within the last second while this request was on its way
  // (past the gate, not yet queued at the lock, so told neither there nor here).
  const remembered = own.length ? [] : rememberedSoldOut(cart.needs.flatMap((n) => n.lines))
  if (remembered.length) {
    throw new InsufficientInventoryError(remembered)
  }
  const ownAt = (item: string, location?: string) =>
    own
      .filter((h) => h.inventory_item_id === item && (!location || h.location_id === location))
      .reduce((n, h) => n + Number(h.quantity), 0)
  const unheld = new Map(cart.needs.map((n) => [n.inventory_item_id, Math.max(n.quantity - ownAt(n.inventory_item_id), 0)]))
  if (!stockQueueActive(keys)) {
    // Nobody here is queued for these items: nothing to refuse early, the lock answers as fast.
    admitToStockQueue(owner, unheld, new Map())
    return own.length > 0
  }
  const positions = await refuseIfSoldOut(container, cart)
  if (!admissionControl) {
    // Waits its turn; the queue itself (stockQueueActive) says that someone is waiting.
    return own.length > 0
  }
  const free = new Map<string, number>()
  for (const need of cart.needs) {
    const item = need.inventory_item_id
    const left = cart.location_ids.map((l) => {
      const p = positions.find((q) => q.inventory_item_id === item && q.location_id === l)
      return Math.max(available(p) - ownAt(item, l), 0)
    })
    free.set(item, Math.max(0, ...left))
  }
  admitToStockQueue(owner, unheld, free)
  return own.length > 0
}

/**
 * Takes the stock lock of the given inventory items (sorted keys, bounded wait:
 * 409 checkout_busy with Retry-After), the same contract as Medusa's
 * acquireLockStep: release it with releaseStockLockStep; if a later step fails,
 * the compensation releases it. While it waits, a sold-out announcement for its
 * items makes it re-check and answer "sold out" without waiting its turn. With
 * `admission` (a completion, under its cart lock), the sold-out fast path and
 * admission control come first, and a cart found completed when it would be
 * refused (its order placed by another request while this one waited for the
 * cart lock) is not refused: it goes on without the stock lock.
 */
export const acquireStockLockStep = createStep(
  acquireStockLockStepId,
  async (input: AcquireStockLockInput, { container }) => {
    const keys = stockLockKeys(input.inventory_item_ids, input.client_key)
    const cart = input.cart
    if (!keys.length || (input.admission && cart && (cart.completed || !cart.needs.length))) {
      return new StepResponse<StockLock, string | null>({ owner: null }, null)
    }
    const owner = randomUUID()
    // Unknown (no admission step): the re-check reads the positions itself.
    let holdsOwnUnits = true
    const recheck = cart
      ? async (announced: StockPosition[]) => {
          await refuseIfAnnouncedSoldOut(container, cart, announced, holdsOwnUnits)
        }
      : undefined
    try {
      if (input.admission && cart) {
        holdsOwnUnits = await admitCart(container, owner, keys, cart)
      }
      await acquireStockLock(container, owner, keys, recheck)
    } catch (e) {
      leaveStockQueue(owner)
      if (input.admission && cart && e instanceof InsufficientInventoryError && (await cartCompleted(container, cart.cart_id))) {
        // Completed while this request waited for the cart lock (a double click,
        // a retry racing the first try; read under the cart lock, so final): its
        // order stands, whatever is left now. No stock lock: the claim step finds
        // the cart completed and claims nothing, and Medusa answers with the order.
        return new StepResponse<StockLock, string | null>({ owner: null }, null)
      }
      throw e
    }
    return new StepResponse<StockLock, string | null>({ owner }, owner)
  },
  async (owner) => {
    if (owner) {
      await releaseStockLock(owner)
    }
  }
)

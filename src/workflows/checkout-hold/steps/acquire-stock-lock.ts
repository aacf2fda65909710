import { randomUUID } from "crypto"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { InsufficientInventoryError } from "../../../lib/checkout-hold/errors"
import { soldOutItems } from "../../../lib/checkout-hold/hold-caps"
import { acquireStockLock, releaseStockLock, stockLockKeys } from "../../../lib/checkout-hold/stock-lock"
import { readStockPositions } from "../../../lib/checkout-hold/stock-positions"
import type { CartStockNeeds } from "../../../lib/checkout-hold/types"

export const acquireStockLockStepId = "acquire-stock-lock"

export type AcquireStockLockInput = {
  inventory_item_ids: string[]
  /** Also lock this client's cart count (the per-client cap of holds). */
  client_key?: string | null
  /** The cart waiting: when its items are announced sold out it re-checks and stops waiting. */
  cart?: CartStockNeeds
}

export type StockLock = { owner: string | null }

/**
 * Takes the stock lock of the given inventory items (sorted keys, bounded wait:
 * 409 checkout_busy with Retry-After), the same contract as Medusa's
 * acquireLockStep: release it with releaseStockLockStep; if a later step fails,
 * the compensation releases it. While it waits, a sold-out announcement for its
 * items makes it re-check and answer "sold out" without waiting its turn.
 */
export const acquireStockLockStep = createStep(
  acquireStockLockStepId,
  async (input: AcquireStockLockInput, { container }) => {
    const keys = stockLockKeys(input.inventory_item_ids, input.client_key)
    if (!keys.length) {
      return new StepResponse<StockLock, string | null>({ owner: null }, null)
    }
    const owner = randomUUID()
    const cart = input.cart
    const recheck = cart
      ? async () => {
          const positions = await readStockPositions(
            container,
            cart.needs.map((n) => n.inventory_item_id),
            cart.location_ids,
            cart.cart_id
          )
          const short = soldOutItems(cart, positions)
          if (short.length) {
            throw new InsufficientInventoryError(short)
          }
        }
      : undefined
    await acquireStockLock(container, owner, keys, recheck)
    return new StepResponse<StockLock, string | null>({ owner }, owner)
  },
  async (owner) => {
    if (owner) {
      await releaseStockLock(owner)
    }
  }
)

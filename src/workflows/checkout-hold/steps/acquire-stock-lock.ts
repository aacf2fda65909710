import { randomUUID } from "crypto"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { acquireStockLock, releaseStockLock, stockLockKeys } from "../../../lib/checkout-hold/stock-lock"

export const acquireStockLockStepId = "acquire-stock-lock"

export type AcquireStockLockInput = {
  inventory_item_ids: string[]
  /** Also lock this client's cart count (the per-client cap of holds). */
  client_key?: string | null
}

export type StockLock = { owner: string | null }

/**
 * Takes the stock lock of the given inventory items (sorted keys, bounded wait:
 * 409 checkout_busy with Retry-After), the same contract as Medusa's
 * acquireLockStep: release it with releaseStockLockStep; if a later step fails,
 * the compensation releases it.
 */
export const acquireStockLockStep = createStep(
  acquireStockLockStepId,
  async (input: AcquireStockLockInput, { container }) => {
    const keys = stockLockKeys(input.inventory_item_ids, input.client_key)
    if (!keys.length) {
      return new StepResponse<StockLock, string | null>({ owner: null }, null)
    }
    const owner = randomUUID()
    await acquireStockLock(container, owner, keys)
    return new StepResponse<StockLock, string | null>({ owner }, owner)
  },
  async (owner) => {
    if (owner) {
      await releaseStockLock(owner)
    }
  }
)

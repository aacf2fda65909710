import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { releaseStockLock } from "../../../lib/checkout-hold/stock-lock"
import type { StockLock } from "./acquire-stock-lock"

export const releaseStockLockStepId = "release-stock-lock"

/** Releases the lock acquireStockLockStep took (nothing when `owner` is null or it is released already). */
export const releaseStockLockStep = createStep(releaseStockLockStepId, async (lock: StockLock) => {
  if (lock.owner) {
    await releaseStockLock(lock.owner)
  }
  return new StepResponse({ released: Boolean(lock.owner) })
})

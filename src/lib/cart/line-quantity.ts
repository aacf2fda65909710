import { MedusaError } from "@medusajs/framework/utils"

/**
 * The most units one cart line may ask for: far above any order this shop
 * takes, far below anything that could overflow a stock or hold column.
 */
export const MAX_LINE_QUANTITY = 10_000

type QuantityInput = number | string | { toString(): string } | null | undefined

function numberOf(quantity: QuantityInput): number {
  if (typeof quantity === "number") {
    return quantity
  }
  if (quantity === null || quantity === undefined) {
    return Number.NaN
  }
  return Number(String(quantity))
}

/**
 * Refuses (400, naming the field) a quantity that is not a whole number of
 * units from 1 (0 where `allowZero`: an update that removes the line) to
 * MAX_LINE_QUANTITY. Medusa's own validators take any positive number, and a
 * fraction would be rounded somewhere downstream (0.4 became a 0-unit line).
 */
export function assertWholeQuantity(quantity: QuantityInput, field: string, { allowZero = false } = {}) {
  const n = numberOf(quantity)
  const min = allowZero ? 0 : 1
  if (!Number.isInteger(n) || n < min || n > MAX_LINE_QUANTITY) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${field} must be a whole number of units from ${min} to ${MAX_LINE_QUANTITY} (got ${String(quantity)})`
    )
  }
}

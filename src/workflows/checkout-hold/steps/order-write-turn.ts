import { randomUUID } from "crypto"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { endOrderWriteTurn, takeOrderWriteTurn } from "../../../lib/checkout-hold/checkout-gate"
import { CheckoutBusyError } from "../../../lib/checkout-hold/errors"

export type OrderWriteTurn = { owner: string | null }

/**
 * Waits for this process's turn to write an order (CHECKOUT_ORDER_WRITES at
 * once), after the stock is claimed. Bounded: 409 checkout_busy (the claim is
 * undone by its compensation). Ended by endOrderWriteTurnStep, or by this
 * step's compensation when a later step fails. No turn when the order is
 * placed already (`order_placed`: a double click, a retry): the completion
 * then writes no order, and never waits behind those that do. `stock_locked`:
 * the order is written under its stock lock (takeOrderWriteTurn).
 */
export const takeOrderWriteTurnStep = createStep(
  "take-order-write-turn",
  async ({ order_placed, stock_locked }: { order_placed: boolean; stock_locked?: boolean }) => {
    if (order_placed) {
      return new StepResponse<OrderWriteTurn, string | null>({ owner: null }, null)
    }
    const owner = randomUUID()
    if (!(await takeOrderWriteTurn(owner, { stockLocked: stock_locked }))) {
      throw new CheckoutBusyError(1)
    }
    return new StepResponse<OrderWriteTurn, string | null>({ owner }, owner)
  },
  (owner) => {
    if (owner) {
      endOrderWriteTurn(owner)
    }
  }
)

/** Ends the turn taken by takeOrderWriteTurnStep. */
export const endOrderWriteTurnStep = createStep("end-order-write-turn", (turn: OrderWriteTurn) => {
  if (turn.owner) {
    endOrderWriteTurn(turn.owner)
  }
  return new StepResponse({ ended: true })
})

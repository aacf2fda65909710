import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, PromotionActions } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  refreshPaymentCollectionForCartWorkflow,
  updateCartPromotionsWorkflow,
  updateTaxLinesWorkflow,
} from "@medusajs/medusa/core-flows"
import { firstWorkflowError } from "../../../lib/workflows/first-error"

export const refreshCartTaxLinesStepId = "refresh-cart-tax-lines"

type CartMoney = { codes: string[]; total: number; paymentAmount: number | null }

async function cartMoney(container: MedusaContainer, cartId: string): Promise<CartMoney | null> {
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "cart",
    fields: ["id", "total", "promotions.code", "payment_collection.amount"],
    filters: { id: cartId },
  })
  const cart = data.at(0)
  if (!cart) {
    return null
  }
  return {
    codes: (cart.promotions ?? []).flatMap((p) => (p?.code ? [p.code] : [])),
    total: Number(cart.total ?? 0),
    paymentAmount: cart.payment_collection ? Number(cart.payment_collection.amount) : null,
  }
}

const paise = (amount: number) => Math.round(amount * 100)

/**
 * The tax lines of one cart, then what Medusa derives from them: its
 * promotions' adjustments (a percentage code is computed on the lines' amounts
 * before tax: left as they were, a 20 % code computed at 18 % and applied at
 * 12 % made ₹560 cost ₹453.69 instead of ₹448), then its payment collection,
 * only when the total moved by a paisa or more (Medusa's own refresh compares
 * exact values and would cancel a confirmed card for a 10^-20 rounding).
 * The lines keep their prices (no re-pricing: a line keeps the price it was
 * added at), and no product of the cart is validated again.
 */
async function refreshCart(container: MedusaContainer, cartId: string) {
  const steps: [string, () => Promise<{ errors: { error?: unknown }[] }>][] = [
    ["tax lines", () => updateTaxLinesWorkflow(container).run({ input: { cart_id: cartId }, throwOnError: false })],
    [
      "promotions",
      async () => {
        const money = await cartMoney(container, cartId)
        return updateCartPromotionsWorkflow(container).run({
          input: { cart_id: cartId, promo_codes: money?.codes ?? [], action: PromotionActions.REPLACE },
          throwOnError: false,
        })
      },
    ],
    [
      "payment collection",
      async () => {
        const money = await cartMoney(container, cartId)
        if (!money || money.paymentAmount === null || paise(money.paymentAmount) === paise(money.total)) {
          return { errors: [] }
        }
        return refreshPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cartId }, throwOnError: false })
      },
    ],
  ]
  for (const [what, run] of steps) {
    const error = firstWorkflowError((await run()).errors)
    if (error) {
      return `${what}: ${error.message}`
    }
  }
  return null
}

/**
 * Refreshes each cart after its products' types changed (under Medusa's cart
 * lock, taken by each of its workflows): tax lines, promotions, payment
 * collection (refreshCart). A cart that cannot be refreshed now (completed
 * meanwhile, or locked by its completion for longer than those workflows wait)
 * is logged and skipped: the others are still refreshed. All of it is derived
 * from the cart, so there is nothing to undo.
 */
export const refreshCartTaxLinesStep = createStep(
  refreshCartTaxLinesStepId,
  async ({ cart_ids }: { cart_ids: string[] }, { container }) => {
    const refreshed: string[] = []
    for (const cartId of cart_ids) {
      const failure = await refreshCart(container, cartId)
      if (failure) {
        container
          .resolve(ContainerRegistrationKeys.LOGGER)
          .warn(`Cart ${cartId} not refreshed after its products' types changed (${failure})`)
      } else {
        refreshed.push(cartId)
      }
    }
    return new StepResponse({ refreshed })
  }
)

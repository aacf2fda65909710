import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { CHECKOUT_HOLD_MODULE } from "../../../modules/checkout-hold"
import type CheckoutHoldModuleService from "../../../modules/checkout-hold/service"
import { InsufficientInventoryError } from "../../../lib/checkout-hold/errors"
import { holdsCoverNeeds, planHolds } from "../../../lib/checkout-hold/hold-plan"
import { readStockPositions } from "../../../lib/checkout-hold/stock-positions"
import { withStockLock } from "../../../lib/checkout-hold/stock-lock"
import type { CartStockNeeds, PlannedHold } from "../../../lib/checkout-hold/types"

export const completeCartUnderStockLockStepId = "complete-cart-under-stock-lock"

/**
 * Completes a cart with Medusa's completeCartWorkflow inside the stock lock of
 * everything it needs, so that no other checkout on any server reads stock
 * between our check and Medusa's reservation:
 * - a cart whose active holds cover its lines is not checked again: those units
 *   were set aside for it (the holds are stretched past the completion);
 * - any other cart may only take stock nobody else holds, or gets a 409;
 * - once the order exists its holds are marked converted, in the same locked
 *   section, and its reservations are moved to the hold's location if Medusa
 *   picked another one (medusajs/medusa#14987).
 * If the completion fails (payment refused, ...), Medusa removes its
 * reservations and the cart's holds are put back as they were.
 */
export const completeCartUnderStockLockStep = createStep(
  completeCartUnderStockLockStepId,
  async (cart: CartStockNeeds, { container }) => {
    if (cart.completed || !cart.needs.length) {
      // Already an order (Medusa returns it) or nothing stocked to protect.
      const { result } = await completeCartWorkflow(container).run({ input: { id: cart.cart_id } })
      return new StepResponse({ order_id: result.id })
    }
    const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
    const itemIds = cart.needs.map((n) => n.inventory_item_id)

    const orderId = await withStockLock(container, itemIds, async () => {
      const current = await holds.activeHoldsOfCart(cart.cart_id)
      const expiresAt = new Date(Date.now() + Math.max(holds.ttlSeconds, holds.completionGraceSeconds) * 1000)
      let lines: PlannedHold[]
      let undo: () => Promise<void>
      if (holdsCoverNeeds(current, cart.needs)) {
        // Set aside for this cart: no second look at the stock.
        lines = current
        const previous = await holds.extendCartHolds(cart.cart_id, expiresAt)
        undo = () => holds.restoreCartHolds([], previous)
      } else {
        const positions = await readStockPositions(container, itemIds, cart.location_ids, cart.cart_id)
        const plan = planHolds(cart, positions)
        if (plan.short.length) {
          throw new InsufficientInventoryError(plan.short)
        }
        lines = plan.holds
        const { holds: created, previous } = await holds.replaceCartHolds(cart.cart_id, lines, expiresAt)
        undo = () => holds.restoreCartHolds(created.map((h) => h.id), previous)
      }
      try {
        const { result } = await completeCartWorkflow(container).run({ input: { id: cart.cart_id } })
        await holds.closeCartHolds(cart.cart_id, "converted")
        await moveReservationsToHeldLocations(container, result.id, lines)
        return result.id
      } catch (e) {
        await undo()
        throw e
      }
    })
    return new StepResponse({ order_id: orderId })
  }
)

/** Medusa reserves at the first location of the channel; the hold chose one that has the stock. */
async function moveReservationsToHeldLocations(container: MedusaContainer, orderId: string, lines: PlannedHold[]) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["items.id"],
    filters: { id: orderId },
  })
  const lineItemIds = ((data[0]?.items ?? []) as ({ id: string } | null)[]).flatMap((i) => (i ? [i.id] : []))
  if (!lineItemIds.length) {
    return
  }
  const inventory = container.resolve(Modules.INVENTORY)
  const reservations = await inventory.listReservationItems({ line_item_id: lineItemIds }, { take: null })
  const moves = reservations.flatMap((r) => {
    const held = lines.find((l) => l.inventory_item_id === r.inventory_item_id)
    return held && held.location_id !== r.location_id ? [{ id: r.id, location_id: held.location_id }] : []
  })
  if (moves.length) {
    await inventory.updateReservationItems(moves)
  }
}

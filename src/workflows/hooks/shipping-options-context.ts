import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { listShippingOptionsForCartWorkflow } from "@medusajs/medusa/core-flows"
import { readDeliveryFacts, toShippingContext } from "../../lib/delivery/delivery-context"

/** Adds the cart's delivery facts to the context shipping option rules are checked against. */
listShippingOptionsForCartWorkflow.hooks.setShippingOptionsContext(async ({ cart }: { cart: { id: string } }, { container }) => {
  return new StepResponse(toShippingContext(await readDeliveryFacts(container, cart.id)))
})

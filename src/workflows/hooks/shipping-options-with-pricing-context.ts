import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { listShippingOptionsForCartWithPricingWorkflow } from "@medusajs/medusa/core-flows"
import { readDeliveryFacts, toShippingContext } from "../../lib/delivery/delivery-context"

/** Same delivery facts for the priced listing (GET /store/shipping-options, adding a method). */
listShippingOptionsForCartWithPricingWorkflow.hooks.setShippingOptionsContext(async ({ cart }: { cart: { id: string } }, { container }) => {
  return new StepResponse(toShippingContext(await readDeliveryFacts(container, cart.id)))
})

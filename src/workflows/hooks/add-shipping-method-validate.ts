import { addShippingMethodToCartWorkflow } from "@medusajs/medusa/core-flows"
import { assertDeliveryAllowed } from "../../lib/delivery/delivery-rules"

/** Picking an option the cart may not use gets a 400 that says why. */
addShippingMethodToCartWorkflow.hooks.validate(async ({ input }, { container }) => {
  await assertDeliveryAllowed(
    container,
    input.cart_id,
    (input.options ?? []).map((o) => o.id)
  )
})

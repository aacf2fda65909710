import { MedusaError } from "@medusajs/framework/utils"
import { transferCartCustomerWorkflow } from "@medusajs/medusa/core-flows"
import { CHECKOUT_HOLD_MODULE } from "../../modules/checkout-hold"
import type CheckoutHoldModuleService from "../../modules/checkout-hold/service"

/**
 * `POST /store/carts/:id/customer` (Medusa's transferCartCustomerWorkflow): a
 * signed-in customer may take over a guest's cart (theirs before they signed
 * in), never a cart another signed-in customer created or took over
 * (recordCartOwner). Medusa 2.21 does not check this itself; refused with the
 * 404 the shop's cart routes give a cart that is not the asker's.
 */
transferCartCustomerWorkflow.hooks.validate(async ({ input, cart }: { input: { id: string; customer_id: string }; cart: { id: string } }, { container }) => {
  const holds: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
  const owner = await holds.cartOwner(cart.id)
  if (owner && owner !== input.customer_id) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart id not found: ${input.id}`)
  }
})

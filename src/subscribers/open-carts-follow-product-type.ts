import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ProductEvents } from "@medusajs/framework/utils"
import { followProductTypesInOpenCartsWorkflow } from "../workflows/cart-tax"

/**
 * A product updated (its type among what may have changed: the owner moved it
 * to the other department, or set its type in Admin): the open carts holding it
 * take its type now, and their GST with it.
 */
export default async function openCartsFollowProductType({ event, container }: SubscriberArgs<{ id: string }>) {
  await followProductTypesInOpenCartsWorkflow(container).run({ input: { product_ids: [event.data.id] } })
}

export const config: SubscriberConfig = {
  event: ProductEvents.PRODUCT_UPDATED,
}

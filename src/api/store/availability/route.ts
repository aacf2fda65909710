import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { variantAvailability } from "../../../lib/checkout-hold/variant-availability"
import type { StoreAvailabilityQueryType } from "./validators"

/**
 * GET /store/availability?variant_id=a,b[&cart_id=]: units of each variant a
 * shopper can buy now, net of other carts' active holds (and of all holds when
 * no cart_id is given).
 */
export const GET = async (req: MedusaStoreRequest<unknown, StoreAvailabilityQueryType>, res: MedusaResponse) => {
  const { variant_id, cart_id } = req.validatedQuery
  const availability = await variantAvailability(
    req.scope,
    variant_id,
    req.publishable_key_context?.sales_channel_ids ?? [],
    cart_id ?? null
  )
  res.json({ availability })
}

import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { variantAvailability, variantsOnSale } from "../../../lib/checkout-hold/variant-availability"
import { ownCart } from "../../cart-ownership"
import type { StoreAvailabilityQueryType } from "./validators"

/**
 * GET /store/availability?variant_id=a,b[&cart_id=]: units of each variant a
 * shopper can buy now, net of other carts' active holds (and of all holds when
 * no cart_id is given). A variant not on sale through the key (unknown, a
 * draft's, another sales channel's) is a 404 naming it; so is a cart the asker
 * may not use (requireOwnCart's rules), whose holds it would otherwise reveal.
 */
export const GET = async (req: MedusaStoreRequest<unknown, StoreAvailabilityQueryType>, res: MedusaResponse) => {
  const { variant_id, cart_id } = req.validatedQuery
  const channels = req.publishable_key_context?.sales_channel_ids ?? []
  if (!channels.length) {
    // As Medusa's own /store/products answers such a key.
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Publishable key needs to have a sales channel configured")
  }
  // Only what this storefront sells: published products of the key's channels (a
  // draft's or another channel's stock is not the shopper's to see).
  const sold = await variantsOnSale(req.scope, variant_id, channels)
  const unknown = variant_id.filter((id) => !sold.has(id))
  if (unknown.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `variant_id: no product on sale here has the variant ${unknown.join(", ")}`)
  }
  if (cart_id) {
    // Throws requireOwnCart's answers (404, or 401 to sign in again).
    await ownCart(req, cart_id)
  }
  const availability = await variantAvailability(req.scope, variant_id, channels, cart_id ?? null)
  res.json({ availability })
}

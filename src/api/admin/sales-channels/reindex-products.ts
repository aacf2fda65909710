import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { IEventBusModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { afterSuccessfulWrite } from "../../../lib/http/after-write"
import { PRODUCT_SALES_CHANNELS_CHANGED } from "../../../lib/catalog/search-events"
import { LinkBody } from "../product-categories/keep-kinds"

/**
 * POST /admin/sales-channels/:id/products (a sales channel's "Add products" /
 * "Remove" in Admin): Medusa's workflow only writes the link rows, whose events
 * name neither the product (attach) nor a live row (detach), and the product's
 * updated_at does not move. Once Medusa answers 2xx, the products are sent to
 * the product search index again (PRODUCT_SALES_CHANNELS_CHANGED), so that a
 * product taken out of a channel leaves that storefront's catalogue and search,
 * and one added shows there.
 */
export function reindexChannelProducts(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const body = LinkBody.safeParse(req.body)
  const ids = body.success ? [...new Set([...(body.data.add ?? []), ...(body.data.remove ?? [])])] : []
  if (ids.length) {
    afterSuccessfulWrite(req, res, "Search index update", () =>
      req.scope.resolve<IEventBusModuleService>(Modules.EVENT_BUS).emit({ name: PRODUCT_SALES_CHANNELS_CHANGED, data: { id: ids } })
    )
  }
  next()
}

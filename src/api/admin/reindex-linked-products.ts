import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { IEventBusModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { afterSuccessfulWrite } from "../../lib/http/after-write"
import { PRODUCT_LINKS_CHANGED } from "../../lib/catalog/search-events"
import { LinkBody } from "./product-categories/keep-kinds"

/**
 * POST /admin/sales-channels/:id/products, /admin/product-categories/:id/products
 * and /admin/collections/:id/products (Admin's "Add products" / "Remove" on a
 * sales channel, a category or a collection): Medusa's workflows only write the
 * links, whose events name neither the product (attach) nor a live row
 * (detach), and the product's updated_at does not move. Once Medusa answers
 * 2xx, the products are sent to the product search index again
 * (PRODUCT_LINKS_CHANGED), so that the catalogue and search show them where
 * they now are: in that storefront, on that shelf, or not.
 */
export function reindexLinkedProducts(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const body = LinkBody.safeParse(req.body)
  const ids = body.success ? [...new Set([...(body.data.add ?? []), ...(body.data.remove ?? [])])] : []
  if (ids.length) {
    afterSuccessfulWrite(req, res, "Search index update", () =>
      req.scope.resolve<IEventBusModuleService>(Modules.EVENT_BUS).emit({ name: PRODUCT_LINKS_CHANGED, data: { id: ids } })
    )
  }
  next()
}

import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { LinkBody } from "../product-categories/keep-kinds"

/**
 * POST /admin/sales-channels/:id/products: Medusa writes the links of this
 * route without looking either end up, so a sales channel or a product that
 * does not exist became a link to nothing (answered 200), and a product listed
 * twice was its 500 (the same link written twice). Refused here first, nothing
 * written: 404 for the sales channel, 400 naming `add` for a product that does
 * not exist, 400 naming the list that repeats an id. Removing a product that no
 * longer exists stays allowed (it only deletes a link). A body of another shape
 * is left to Medusa's own validation.
 */
export async function refuseUnknownProductLinks(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const body = LinkBody.safeParse(req.body)
    if (!body.success) {
      return next()
    }
    for (const field of ["add", "remove"] as const) {
      const ids = body.data[field] ?? []
      const twice = ids.find((id, i) => ids.indexOf(id) !== i)
      if (twice !== undefined) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field}: ${twice} is listed twice`)
      }
    }
    const add = body.data.add ?? []
    const [[channel], found] = await Promise.all([
      req.scope.resolve(Modules.SALES_CHANNEL).listSalesChannels({ id: req.params.id }, { select: ["id"], take: 1 }),
      add.length ? req.scope.resolve(Modules.PRODUCT).listProducts({ id: add }, { select: ["id"], take: null }) : [],
    ])
    if (!channel) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Sales channel with id: ${req.params.id} was not found`)
    }
    const missing = add.filter((id) => !found.some((p) => p.id === id))
    if (missing.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `add: no product with id ${missing.join(", ")}`)
    }
    next()
  } catch (e) {
    next(e)
  }
}

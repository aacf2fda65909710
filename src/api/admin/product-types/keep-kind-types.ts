import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { KIND_PRODUCT_TYPES } from "../../../lib/catalog/category-kind"

/** The part of Medusa's product type update body that renames it. */
const RenameBody = z.object({ value: z.string().optional() })

/**
 * POST and DELETE /admin/product-types/:id: the types "Snack" and "Art" are the
 * kinds' own. The products of each department are given its type, and the GST
 * rates (5 % and 12 %) are ruled by it; renamed or deleted, a new snack would get
 * no type (taxed at the 18 % default) and a product moved between departments
 * would keep the other's rate, silently. So a rename of either, or its deletion,
 * is a 400 naming the type and the rule, and nothing changes. Its other fields
 * (metadata) stay editable, and every other type is the owner's to rename.
 */
export async function keepKindTypes(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const kindTypes: string[] = Object.values(KIND_PRODUCT_TYPES)
    const [type] = await req.scope.resolve(Modules.PRODUCT).listProductTypes({ id: req.params.id }, { take: 1 })
    if (type && kindTypes.includes(type.value)) {
      if (req.method === "DELETE") {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `The product type "${type.value}" cannot be deleted: it is the type of a department's products, and its GST rate is ruled by it`
        )
      }
      const body = RenameBody.safeParse(req.body)
      if (body.success && body.data.value !== undefined && body.data.value !== type.value) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `value: the product type "${type.value}" cannot be renamed: it is the type of a department's products, and its GST rate is ruled by it`
        )
      }
    }
    next()
  } catch (e) {
    next(e)
  }
}

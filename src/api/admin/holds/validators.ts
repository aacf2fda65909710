import { z } from "@medusajs/framework/zod"
import { dateTimeParam, limitParam, offsetParam } from "../../../lib/validation/query-params"
import { HOLD_STATUSES } from "../../../modules/checkout-hold/models/checkout-hold"

export const AdminListHoldsQuery = z
  .object({
    status: z.enum(HOLD_STATUSES).optional(),
    variant_id: z.string().regex(/^variant_/, "variant_id must be a product variant id (variant_...)").optional(),
    product_id: z.string().regex(/^prod_/, "product_id must be a product id (prod_...)").optional(),
    cart_id: z.string().regex(/^cart_/, "cart_id must be a cart id (cart_...)").optional(),
    expires_before: dateTimeParam("expires_before").optional(),
    limit: limitParam(200, 50),
    offset: offsetParam(),
  })
  .strict()

export type AdminListHoldsQueryType = z.infer<typeof AdminListHoldsQuery>

export const AdminReleaseHoldBody = z.object({}).strict()

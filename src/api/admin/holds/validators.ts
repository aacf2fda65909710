import { z } from "@medusajs/framework/zod"
import { HOLD_STATUSES } from "../../../modules/checkout-hold/models/checkout-hold"

export const AdminListHoldsQuery = z
  .object({
    status: z.enum(HOLD_STATUSES).optional(),
    variant_id: z.string().regex(/^variant_/, "variant_id must be a product variant id (variant_...)").optional(),
    product_id: z.string().regex(/^prod_/, "product_id must be a product id (prod_...)").optional(),
    cart_id: z.string().regex(/^cart_/, "cart_id must be a cart id (cart_...)").optional(),
    expires_before: z.coerce.date({ error: "expires_before must be a date-time, e.g. 2026-11-24T18:00:00Z" }).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()

export type AdminListHoldsQueryType = z.infer<typeof AdminListHoldsQuery>

export const AdminReleaseHoldBody = z.object({}).strict()

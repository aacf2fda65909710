import { z } from "@medusajs/framework/zod"

export const StoreAvailabilityQuery = z
  .object({
    variant_id: z
      .string({ error: "variant_id is required: a comma-separated list of variant ids" })
      .max(4000)
      .transform((s) => [...new Set(s.split(",").map((v) => v.trim()).filter(Boolean))])
      .pipe(
        z
          .array(z.string().regex(/^variant_[A-Za-z0-9]+$/, "variant_id must list product variant ids (variant_...)"))
          .min(1, "variant_id must list at least one variant id")
          .max(100, "variant_id can list at most 100 variants")
      ),
    cart_id: z.string().regex(/^cart_[A-Za-z0-9]+$/, "cart_id must be a cart id (cart_...)").optional(),
  })
  .strict()

export type StoreAvailabilityQueryType = z.infer<typeof StoreAvailabilityQuery>

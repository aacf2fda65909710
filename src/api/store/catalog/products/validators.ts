import { z } from "@medusajs/framework/zod"
import { csvOf, limitParam, offsetParam } from "../../../../lib/validation/query-params"
import { MEDIUMS } from "../../../../modules/art-profile/validation"
import { ALLERGENS, DIETARY_TAGS } from "../../../../modules/snack-profile/validation"

export const CATALOG_ORDERS = ["title", "-title", "created_at", "-created_at"] as const

export const StoreCatalogProductsQuery = z
  .object({
    kind: z.enum(["snack", "art"]).optional(),
    category_id: z
      .string()
      .max(2000)
      .transform((s) => s.split(",").map((v) => v.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^pcat_[A-Za-z0-9]+$/, "category_id must list product category ids (pcat_...)")).min(1))
      .optional(),
    dietary: csvOf("dietary", DIETARY_TAGS).optional(),
    allergen_free: csvOf("allergen_free", ALLERGENS).optional(),
    medium: csvOf("medium", MEDIUMS).optional(),
    one_of_a_kind: z
      .enum(["true", "false"], { error: "must be true or false" })
      .transform((v) => v === "true")
      .optional(),
    q: z.string().trim().min(1).max(200).optional(),
    limit: limitParam(100, 20),
    offset: offsetParam(),
    order: z.enum(CATALOG_ORDERS).optional(),
  })
  .strict()

export type StoreCatalogProductsQueryType = z.infer<typeof StoreCatalogProductsQuery>

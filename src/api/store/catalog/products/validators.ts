import { z } from "@medusajs/framework/zod"
import { MEDIUMS } from "../../../../modules/art-profile/validation"
import { ALLERGENS, DIETARY_TAGS } from "../../../../modules/snack-profile/validation"

/** "vegan,jain" -> ["vegan", "jain"], each checked against the allowed values. */
function csvOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .max(500)
    .transform((s) => s.split(",").map((v) => v.trim()).filter(Boolean))
    .pipe(
      z
        .array(z.enum(values), { error: `must be a comma-separated list of: ${values.join(", ")}` })
        .min(1, `must list at least one of: ${values.join(", ")}`)
    )
}

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
    dietary: csvOf(DIETARY_TAGS).optional(),
    allergen_free: csvOf(ALLERGENS).optional(),
    medium: csvOf(MEDIUMS).optional(),
    one_of_a_kind: z
      .enum(["true", "false"], { error: "must be true or false" })
      .transform((v) => v === "true")
      .optional(),
    q: z.string().trim().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
    order: z.enum(CATALOG_ORDERS).optional(),
  })
  .strict()

export type StoreCatalogProductsQueryType = z.infer<typeof StoreCatalogProductsQuery>

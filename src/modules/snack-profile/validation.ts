import { z } from "@medusajs/framework/zod"

import { ALLERGENS, DIETARY_TAGS, type Allergen, type DietaryTag } from "./vocabulary"

export { ALLERGENS, DIETARY_TAGS, type Allergen, type DietaryTag }

/** Perishable snacks are capped per order at this many units unless the profile says otherwise. */
export const DEFAULT_PERISHABLE_LIMIT = 10

const grams = z.number().min(0).max(100)
const text = (max: number) => z.string().trim().min(1).max(max)
const uniqueList = <T extends z.ZodTypeAny>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((list) => new Set(list).size === list.length, { message: "must not repeat a value" })

export const NutritionSchema = z
  .object({
    energy_kcal: z.number().min(0).max(900),
    protein_g: grams,
    carbohydrate_g: grams,
    sugars_g: grams,
    fat_g: grams,
    saturated_fat_g: grams,
    fibre_g: grams,
    sodium_mg: z.number().min(0).max(100_000),
  })
  .strict()

/** Every field of a snack profile, each optional: the shape of a create or a patch. */
export const SnackProfilePatchSchema = z
  .object({
    ingredients: uniqueList(text(200), 60),
    allergens: uniqueList(z.enum(ALLERGENS), ALLERGENS.length),
    allergens_declared: z.boolean(),
    dietary_tags: uniqueList(z.enum(DIETARY_TAGS), DIETARY_TAGS.length),
    nutrition: NutritionSchema.nullable(),
    net_weight_g: z.number().int().positive().max(100_000).nullable(),
    pieces_per_pack: z.number().int().positive().max(1000).nullable(),
    shelf_life_days: z.number().int().positive().max(3650).nullable(),
    storage_instructions: text(500).nullable(),
    perishable: z.boolean(),
    max_per_order: z.number().int().positive().max(1000).nullable(),
  })
  .partial()
  .strict()
export type SnackProfilePatch = z.infer<typeof SnackProfilePatchSchema>

export type SnackProfileData = {
  ingredients: string[]
  allergens: Allergen[]
  allergens_declared: boolean
  dietary_tags: DietaryTag[]
  nutrition: z.infer<typeof NutritionSchema> | null
  net_weight_g: number | null
  pieces_per_pack: number | null
  shelf_life_days: number | null
  storage_instructions: string | null
  perishable: boolean
  max_per_order: number | null
}

export const EMPTY_SNACK_PROFILE: SnackProfileData = {
  ingredients: [],
  allergens: [],
  allergens_declared: false,
  dietary_tags: [],
  nutrition: null,
  net_weight_g: null,
  pieces_per_pack: null,
  shelf_life_days: null,
  storage_instructions: null,
  perishable: false,
  max_per_order: null,
}

/**
 * Rules across fields, checked on the whole profile after a patch is applied.
 * An empty allergen list only means "contains none of these" once the owner has
 * declared allergens; listing allergens without declaring would be contradictory.
 */
export function snackProfileProblems(profile: SnackProfileData): string[] {
  const problems: string[] = []
  if (profile.allergens.length && !profile.allergens_declared) {
    problems.push("allergens_declared must be true when allergens are listed")
  }
  if (profile.dietary_tags.includes("vegan") && profile.allergens.includes("milk")) {
    problems.push("a vegan snack cannot declare milk")
  }
  if (profile.dietary_tags.includes("vegan") && profile.allergens.includes("eggs")) {
    problems.push("a vegan snack cannot declare eggs")
  }
  if (profile.dietary_tags.includes("gluten_free") && profile.allergens.includes("gluten")) {
    problems.push("a gluten_free snack cannot declare gluten")
  }
  if (profile.max_per_order !== null && !profile.perishable) {
    problems.push("max_per_order applies to perishable snacks only")
  }
  return problems
}

/** What a snack needs before it may be published. */
export function snackPublishProblems(profile: SnackProfileData | null): string[] {
  if (!profile) {
    return ["it has no snack profile"]
  }
  const missing: string[] = []
  if (!profile.ingredients.length) missing.push("ingredients")
  if (!profile.allergens_declared) missing.push("declared allergens")
  if (profile.net_weight_g === null) missing.push("net weight")
  if (profile.shelf_life_days === null) missing.push("shelf life")
  return missing.length ? [`it is missing ${missing.join(", ")}`] : []
}

export function perishableLimit(profile: Pick<SnackProfileData, "perishable" | "max_per_order">) {
  if (!profile.perishable) {
    return null
  }
  return profile.max_per_order ?? DEFAULT_PERISHABLE_LIMIT
}

import type { AdminProduct } from "@medusajs/framework/types"
import { categoryKind, type CategoryTree } from "../../lib/catalog/category-kind"

/*
 * The shapes of the snack and art profiles as the admin API returns them
 * (GET /admin/products/:id?fields=+snack_profile.*,+art_profile.*). The allowed
 * values come from the modules' vocabulary files (plain constants, safe to bundle);
 * the rules stay on the server, whose messages the forms show.
 */

export { ALLERGENS, DIETARY_TAGS, type Allergen, type DietaryTag } from "../../modules/snack-profile/vocabulary"
export { MEDIUMS, type Medium } from "../../modules/art-profile/vocabulary"
import type { Allergen, DietaryTag } from "../../modules/snack-profile/vocabulary"
import type { Medium } from "../../modules/art-profile/vocabulary"

export const NUTRITION_KEYS = [
  "energy_kcal",
  "protein_g",
  "carbohydrate_g",
  "sugars_g",
  "fat_g",
  "saturated_fat_g",
  "fibre_g",
  "sodium_mg",
] as const
export type NutritionKey = (typeof NUTRITION_KEYS)[number]
export type Nutrition = Record<NutritionKey, number>

export const NUTRITION_LABELS: Record<NutritionKey, { label: string; unit: string }> = {
  energy_kcal: { label: "Energy", unit: "kcal" },
  protein_g: { label: "Protein", unit: "g" },
  carbohydrate_g: { label: "Carbohydrate", unit: "g" },
  sugars_g: { label: "of which sugars", unit: "g" },
  fat_g: { label: "Fat", unit: "g" },
  saturated_fat_g: { label: "of which saturated", unit: "g" },
  fibre_g: { label: "Fibre", unit: "g" },
  sodium_mg: { label: "Sodium", unit: "mg" },
}

export const ALLERGEN_LABELS: Record<Allergen, string> = {
  gluten: "Gluten",
  milk: "Milk",
  eggs: "Eggs",
  peanuts: "Peanuts",
  tree_nuts: "Tree nuts",
  sesame: "Sesame",
  soy: "Soy",
  mustard: "Mustard",
  sulphites: "Sulphites",
}

export const DIETARY_TAG_LABELS: Record<DietaryTag, string> = {
  vegan: "Vegan",
  vegetarian: "Vegetarian",
  jain: "Jain",
  gluten_free: "Gluten-free",
  sugar_free: "Sugar-free",
  keto: "Keto",
  high_protein: "High protein",
}

export const MEDIUM_LABELS: Record<Medium, string> = {
  watercolour: "Watercolour",
  acrylic: "Acrylic",
  oil: "Oil",
  ink: "Ink",
  pencil: "Pencil",
  digital_print: "Digital print",
  screen_print: "Screen print",
  mixed: "Mixed media",
}

export type SnackProfile = {
  id?: string
  ingredients: string[]
  allergens: Allergen[]
  allergens_declared: boolean
  dietary_tags: DietaryTag[]
  nutrition: Nutrition | null
  net_weight_g: number | null
  pieces_per_pack: number | null
  shelf_life_days: number | null
  storage_instructions: string | null
  perishable: boolean
  max_per_order: number | null
}

export type ArtProfile = {
  id?: string
  medium: Medium
  style: string | null
  subject: string | null
  surface: string | null
  artist_name: string | null
  width_cm: number
  height_cm: number
  depth_cm: number | null
  framed: boolean
  year: number | null
  one_of_a_kind: boolean
  edition_size: number | null
}

export type ProductWithProfiles = AdminProduct & {
  snack_profile?: SnackProfile | null
  art_profile?: ArtProfile | null
}

export type ProfileKind = "snack" | "art"

/**
 * Whether any of the product's categories is in the Snacks (or Art) department,
 * at any depth: the server's rule (src/lib/catalog/category-kind.ts), on the
 * shop's category tree.
 */
export function hasCategoryOfKind(
  categories: { id: string }[] | null | undefined,
  kind: ProfileKind,
  tree: CategoryTree
): boolean {
  return (categories ?? []).some((category) => categoryKind(tree, category.id) === kind)
}

/**
 * What a profile widget shows: the profile, an "Add profile" prompt for a
 * product of its kind without any profile, or nothing.
 */
export type WidgetMode = "show" | "add" | "hidden"

export function widgetMode(
  profiles: Pick<ProductWithProfiles, "snack_profile" | "art_profile">,
  categories: { id: string }[] | null | undefined,
  kind: ProfileKind,
  tree: CategoryTree
): WidgetMode {
  const own = kind === "snack" ? profiles.snack_profile : profiles.art_profile
  const other = kind === "snack" ? profiles.art_profile : profiles.snack_profile
  if (own) {
    return "show"
  }
  if (other) {
    return "hidden"
  }
  return hasCategoryOfKind(categories, kind, tree) ? "add" : "hidden"
}

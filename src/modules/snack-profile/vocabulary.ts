/**
 * The words a snack label uses. No imports: shared by the module's validation
 * and by the Medusa Admin widgets (bundled for the browser).
 */
export const ALLERGENS = [
  "gluten",
  "milk",
  "eggs",
  "peanuts",
  "tree_nuts",
  "sesame",
  "soy",
  "mustard",
  "sulphites",
] as const
export type Allergen = (typeof ALLERGENS)[number]

export const DIETARY_TAGS = [
  "vegan",
  "vegetarian",
  "jain",
  "gluten_free",
  "sugar_free",
  "keto",
  "high_protein",
] as const
export type DietaryTag = (typeof DIETARY_TAGS)[number]

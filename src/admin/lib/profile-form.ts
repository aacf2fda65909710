import {
  ALLERGENS,
  DIETARY_TAGS,
  NUTRITION_KEYS,
  type Allergen,
  type ArtProfile,
  type DietaryTag,
  type Medium,
  type Nutrition,
  type NutritionKey,
  type SnackProfile,
} from "./product-profiles"

/*
 * Form drafts hold what the inputs show (numbers as text); parsing turns a
 * draft into profile values, and the patch sent is the values that differ from
 * the saved profile. Validation itself is the API's: the form only reports
 * text that is not a number, everything else comes back as the API's message.
 */

/** A snack profile as the form sends it; nutrition may be partly filled in. */
export type SnackValues = Omit<SnackProfile, "id" | "nutrition"> & {
  nutrition: Partial<Nutrition> | null
}
export type SnackProfilePatch = Partial<SnackValues>

/** An art profile as the form sends it; required fields may still be empty. */
export type ArtValues = Omit<ArtProfile, "id" | "medium" | "width_cm" | "height_cm"> & {
  medium: Medium | null
  width_cm: number | null
  height_cm: number | null
}
export type ArtProfilePatch = Partial<ArtValues>

export type Parsed<T> = { values: T; problems: string[] }

const inOrder = <T extends string>(all: readonly T[], picked: readonly T[] | null | undefined): T[] =>
  all.filter((value) => (picked ?? []).includes(value))

const numberText = (value: number | null | undefined) =>
  value === null || value === undefined ? "" : String(value)

function parseNumber(text: string, field: string, problems: string[]): number | null {
  const trimmed = text.trim()
  if (!trimmed) {
    return null
  }
  const value = Number(trimmed)
  if (!Number.isFinite(value)) {
    problems.push(`${field}: "${trimmed}" is not a number`)
    return null
  }
  return value
}

const textOrNull = (text: string) => text.trim() || null

function nutritionRecord<T>(value: (key: NutritionKey) => T): Record<NutritionKey, T> {
  return {
    energy_kcal: value("energy_kcal"),
    protein_g: value("protein_g"),
    carbohydrate_g: value("carbohydrate_g"),
    sugars_g: value("sugars_g"),
    fat_g: value("fat_g"),
    saturated_fat_g: value("saturated_fat_g"),
    fibre_g: value("fibre_g"),
    sodium_mg: value("sodium_mg"),
  }
}

/**
 * Ingredients are entered one per line or comma separated; commas inside
 * brackets stay ("jaggery (organic, unrefined)").
 */
export function splitIngredients(text: string): string[] {
  const items: string[] = []
  let depth = 0
  let current = ""
  for (const char of text) {
    if (char === "(" || char === "[") depth++
    if ((char === ")" || char === "]") && depth > 0) depth--
    if (char === "\n" || (char === "," && depth === 0)) {
      items.push(current)
      current = ""
    } else {
      current += char
    }
  }
  items.push(current)
  return items.map((item) => item.trim()).filter(Boolean)
}

/** The fields of `after` whose value differs from `before`. */
export function changedFields<T extends object>(before: T, after: T): Partial<T> {
  const patch: Partial<T> = {}
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      patch[key] = after[key]
    }
  }
  return patch
}

/**
 * Splits an API message ("snack_profile.net_weight_g: Too small; snack_profile:
 * ...") into the parts naming each field, for hints under the inputs. Keys are
 * field paths without list indexes: "net_weight_g", "allergens" (for
 * "allergens.0"), "nutrition.protein_g". Parts naming no field stay in the
 * form's error only.
 */
export function messagesByField(message: string | null, prefix: string): Map<string, string[]> {
  const byField = new Map<string, string[]>()
  if (!message) {
    return byField
  }
  for (const part of message.split(/;\s+/)) {
    const match = part.match(new RegExp(`${prefix}\\.([a-z_]+(?:\\.[a-z_]+)*)`))
    if (match) {
      byField.set(match[1], [...(byField.get(match[1]) ?? []), part])
    }
  }
  return byField
}

// Snack profile

export type SnackDraft = {
  ingredients: string
  allergens: Allergen[]
  allergens_declared: boolean
  dietary_tags: DietaryTag[]
  has_nutrition: boolean
  nutrition: Record<NutritionKey, string>
  net_weight_g: string
  pieces_per_pack: string
  shelf_life_days: string
  storage_instructions: string
  perishable: boolean
  max_per_order: string
}

/** The saved profile in the form's canonical shape (enum lists in list order). */
export function snackValues(profile: SnackProfile | null | undefined): SnackValues {
  const nutrition = profile?.nutrition
  return {
    ingredients: profile?.ingredients ?? [],
    allergens: inOrder(ALLERGENS, profile?.allergens),
    allergens_declared: profile?.allergens_declared ?? false,
    dietary_tags: inOrder(DIETARY_TAGS, profile?.dietary_tags),
    nutrition: nutrition ? nutritionRecord((key) => nutrition[key]) : null,
    net_weight_g: profile?.net_weight_g ?? null,
    pieces_per_pack: profile?.pieces_per_pack ?? null,
    shelf_life_days: profile?.shelf_life_days ?? null,
    storage_instructions: profile?.storage_instructions ?? null,
    perishable: profile?.perishable ?? false,
    max_per_order: profile?.max_per_order ?? null,
  }
}

export function snackDraft(values: SnackValues): SnackDraft {
  const nutrition = values.nutrition
  return {
    ingredients: values.ingredients.join("\n"),
    allergens: values.allergens,
    allergens_declared: values.allergens_declared,
    dietary_tags: values.dietary_tags,
    has_nutrition: nutrition !== null,
    nutrition: nutritionRecord((key) => numberText(nutrition?.[key])),
    net_weight_g: numberText(values.net_weight_g),
    pieces_per_pack: numberText(values.pieces_per_pack),
    shelf_life_days: numberText(values.shelf_life_days),
    storage_instructions: values.storage_instructions ?? "",
    perishable: values.perishable,
    max_per_order: numberText(values.max_per_order),
  }
}

export function parseSnackDraft(draft: SnackDraft): Parsed<SnackValues> {
  const problems: string[] = []
  const number = (text: string, field: string) =>
    parseNumber(text, `snack_profile.${field}`, problems)

  let nutrition: Partial<Nutrition> | null = null
  if (draft.has_nutrition) {
    nutrition = {}
    for (const key of NUTRITION_KEYS) {
      const value = number(draft.nutrition[key], `nutrition.${key}`)
      if (value !== null) {
        nutrition[key] = value
      }
    }
  }

  return {
    problems,
    values: {
      ingredients: splitIngredients(draft.ingredients),
      allergens: inOrder(ALLERGENS, draft.allergens),
      allergens_declared: draft.allergens_declared,
      dietary_tags: inOrder(DIETARY_TAGS, draft.dietary_tags),
      nutrition,
      net_weight_g: number(draft.net_weight_g, "net_weight_g"),
      pieces_per_pack: number(draft.pieces_per_pack, "pieces_per_pack"),
      shelf_life_days: number(draft.shelf_life_days, "shelf_life_days"),
      storage_instructions: textOrNull(draft.storage_instructions),
      perishable: draft.perishable,
      max_per_order: number(draft.max_per_order, "max_per_order"),
    },
  }
}

// Art profile

export type ArtDraft = {
  medium: Medium | ""
  style: string
  subject: string
  surface: string
  artist_name: string
  width_cm: string
  height_cm: string
  depth_cm: string
  framed: boolean
  year: string
  one_of_a_kind: boolean
  edition_size: string
}

export function artValues(profile: ArtProfile | null | undefined): ArtValues {
  return {
    medium: profile?.medium ?? null,
    style: profile?.style ?? null,
    subject: profile?.subject ?? null,
    surface: profile?.surface ?? null,
    artist_name: profile?.artist_name ?? null,
    width_cm: profile?.width_cm ?? null,
    height_cm: profile?.height_cm ?? null,
    depth_cm: profile?.depth_cm ?? null,
    framed: profile?.framed ?? false,
    year: profile?.year ?? null,
    one_of_a_kind: profile?.one_of_a_kind ?? false,
    edition_size: profile?.edition_size ?? null,
  }
}

export function artDraft(values: ArtValues): ArtDraft {
  return {
    medium: values.medium ?? "",
    style: values.style ?? "",
    subject: values.subject ?? "",
    surface: values.surface ?? "",
    artist_name: values.artist_name ?? "",
    width_cm: numberText(values.width_cm),
    height_cm: numberText(values.height_cm),
    depth_cm: numberText(values.depth_cm),
    framed: values.framed,
    year: numberText(values.year),
    one_of_a_kind: values.one_of_a_kind,
    edition_size: numberText(values.edition_size),
  }
}

export function parseArtDraft(draft: ArtDraft): Parsed<ArtValues> {
  const problems: string[] = []
  const number = (text: string, field: string) =>
    parseNumber(text, `art_profile.${field}`, problems)

  return {
    problems,
    values: {
      medium: draft.medium || null,
      style: textOrNull(draft.style),
      subject: textOrNull(draft.subject),
      surface: textOrNull(draft.surface),
      artist_name: textOrNull(draft.artist_name),
      width_cm: number(draft.width_cm, "width_cm"),
      height_cm: number(draft.height_cm, "height_cm"),
      depth_cm: number(draft.depth_cm, "depth_cm"),
      framed: draft.framed,
      year: number(draft.year, "year"),
      one_of_a_kind: draft.one_of_a_kind,
      edition_size: number(draft.edition_size, "edition_size"),
    },
  }
}

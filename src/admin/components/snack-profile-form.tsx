import { Heading, Textarea } from "@medusajs/ui"
import { useMemo, useState } from "react"
import {
  ALLERGEN_LABELS,
  ALLERGENS,
  DIETARY_TAG_LABELS,
  DIETARY_TAGS,
  NUTRITION_KEYS,
  NUTRITION_LABELS,
  type NutritionKey,
  type SnackProfile,
} from "../lib/product-profiles"
import {
  messagesByField,
  parseSnackDraft,
  snackDraft,
  snackValues,
  type SnackDraft,
} from "../lib/profile-form"
import { useSaveProfile } from "../lib/use-save-profile"
import { CheckboxGroup, Field, NumberField, SwitchField } from "./form-fields"
import { ProfileForm } from "./profile-drawer"

type SnackProfileFormProps = {
  productId: string
  profile: SnackProfile | null
  onDone: () => void
}

export const SnackProfileForm = ({ productId, profile, onDone }: SnackProfileFormProps) => {
  const saved = useMemo(() => snackValues(profile), [profile])
  const [draft, setDraft] = useState(() => snackDraft(saved))
  const { save, error, isSaving } = useSaveProfile(productId, "snack_profile", {
    exists: profile !== null,
    title: "Snack profile",
    onSaved: onDone,
  })
  const errors = messagesByField(error, "snack_profile")

  const set = <K extends keyof SnackDraft>(key: K, value: SnackDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }))
  const setNutrition = (key: NutritionKey, value: string) =>
    setDraft((current) => ({ ...current, nutrition: { ...current.nutrition, [key]: value } }))

  return (
    <ProfileForm onSubmit={() => save(saved, parseSnackDraft(draft))} isSaving={isSaving} error={error}>
      <Field
        id="snack-ingredients"
        label="Ingredients"
        hint="One per line or separated by commas, in label order."
        errors={errors.get("ingredients")}
      >
        <Textarea
          id="snack-ingredients"
          rows={4}
          value={draft.ingredients}
          onChange={(event) => set("ingredients", event.target.value)}
        />
      </Field>

      <div className="flex flex-col gap-y-4">
        <SwitchField
          id="snack-allergens-declared"
          label="Allergens declared"
          description="On: the ticked allergens are all it contains (none ticked means none of them). Off: not declared yet."
          checked={draft.allergens_declared}
          onCheckedChange={(declared) =>
            setDraft((current) => ({
              ...current,
              allergens_declared: declared,
              allergens: declared ? current.allergens : [],
            }))
          }
          errors={errors.get("allergens_declared")}
        />
        <CheckboxGroup
          id="snack-allergens"
          label="Contains allergens"
          options={ALLERGENS}
          labels={ALLERGEN_LABELS}
          value={draft.allergens}
          onChange={(allergens) => set("allergens", allergens)}
          disabled={!draft.allergens_declared}
          errors={errors.get("allergens")}
        />
      </div>

      <CheckboxGroup
        id="snack-dietary-tags"
        label="Dietary tags"
        options={DIETARY_TAGS}
        labels={DIETARY_TAG_LABELS}
        value={draft.dietary_tags}
        onChange={(tags) => set("dietary_tags", tags)}
        errors={errors.get("dietary_tags")}
      />

      <div className="grid grid-cols-2 gap-4">
        <NumberField
          id="snack-net-weight"
          label="Net weight (g)"
          step="1"
          value={draft.net_weight_g}
          onChange={(value) => set("net_weight_g", value)}
          errors={errors.get("net_weight_g")}
        />
        <NumberField
          id="snack-pieces"
          label="Pieces per pack"
          step="1"
          value={draft.pieces_per_pack}
          onChange={(value) => set("pieces_per_pack", value)}
          errors={errors.get("pieces_per_pack")}
        />
        <NumberField
          id="snack-shelf-life"
          label="Shelf life (days)"
          step="1"
          value={draft.shelf_life_days}
          onChange={(value) => set("shelf_life_days", value)}
          errors={errors.get("shelf_life_days")}
        />
      </div>

      <Field id="snack-storage" label="Storage instructions" errors={errors.get("storage_instructions")}>
        <Textarea
          id="snack-storage"
          rows={2}
          value={draft.storage_instructions}
          onChange={(event) => set("storage_instructions", event.target.value)}
        />
      </Field>

      <div className="flex flex-col gap-y-4">
        <SwitchField
          id="snack-perishable"
          label="Perishable"
          description="Perishable snacks are limited per order."
          checked={draft.perishable}
          onCheckedChange={(perishable) =>
            setDraft((current) => ({
              ...current,
              perishable,
              max_per_order: perishable ? current.max_per_order : "",
            }))
          }
          errors={errors.get("perishable")}
        />
        <NumberField
          id="snack-max-per-order"
          label="Max per order"
          hint={draft.perishable ? "Empty: the shop's default limit." : "Only for perishable snacks."}
          step="1"
          disabled={!draft.perishable}
          value={draft.max_per_order}
          onChange={(value) => set("max_per_order", value)}
          errors={errors.get("max_per_order")}
        />
      </div>

      <div className="flex flex-col gap-y-4">
        <SwitchField
          id="snack-has-nutrition"
          label="Nutrition facts"
          description="Per 100 g; every value is needed once this is on."
          checked={draft.has_nutrition}
          onCheckedChange={(on) => set("has_nutrition", on)}
          errors={errors.get("nutrition")}
        />
        {draft.has_nutrition && (
          <fieldset className="flex flex-col gap-y-2">
            <legend className="mb-2">
              <Heading level="h3">Nutrition per 100 g</Heading>
            </legend>
            <div className="grid grid-cols-2 gap-4">
              {NUTRITION_KEYS.map((key) => (
                <NumberField
                  key={key}
                  id={`snack-nutrition-${key}`}
                  label={`${NUTRITION_LABELS[key].label} (${NUTRITION_LABELS[key].unit})`}
                  value={draft.nutrition[key]}
                  onChange={(value) => setNutrition(key, value)}
                  errors={errors.get(`nutrition.${key}`)}
                />
              ))}
            </div>
          </fieldset>
        )}
      </div>
    </ProfileForm>
  )
}

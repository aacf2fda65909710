import { Select } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { MEDIUM_LABELS, MEDIUMS, type ArtProfile, type Medium } from "../lib/product-profiles"
import { artDraft, artValues, messagesByField, parseArtDraft, type ArtDraft } from "../lib/profile-form"
import { useSaveProfile } from "../lib/use-save-profile"
import { Field, NumberField, SwitchField, TextField } from "./form-fields"
import { ProfileForm } from "./profile-drawer"

type ArtProfileFormProps = {
  productId: string
  profile: ArtProfile | null
  onDone: () => void
}

const isMedium = (value: string): value is Medium => MEDIUMS.some((medium) => medium === value)

export const ArtProfileForm = ({ productId, profile, onDone }: ArtProfileFormProps) => {
  const saved = useMemo(() => artValues(profile), [profile])
  const [draft, setDraft] = useState(() => artDraft(saved))
  const { save, error, isSaving } = useSaveProfile(productId, "art_profile", {
    exists: profile !== null,
    title: "Art profile",
    onSaved: onDone,
  })
  const errors = messagesByField(error, "art_profile")

  const set = <K extends keyof ArtDraft>(key: K, value: ArtDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }))

  return (
    <ProfileForm onSubmit={() => save(saved, parseArtDraft(draft))} isSaving={isSaving} error={error}>
      <Field id="art-medium" label="Medium" errors={errors.get("medium")}>
        <Select value={draft.medium} onValueChange={(value) => isMedium(value) && set("medium", value)}>
          <Select.Trigger id="art-medium">
            <Select.Value placeholder="Choose a medium" />
          </Select.Trigger>
          <Select.Content>
            {MEDIUMS.map((medium) => (
              <Select.Item key={medium} value={medium}>
                {MEDIUM_LABELS[medium]}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </Field>

      <div className="grid grid-cols-3 gap-4">
        <NumberField
          id="art-width"
          label="Width (cm)"
          value={draft.width_cm}
          onChange={(value) => set("width_cm", value)}
          errors={errors.get("width_cm")}
        />
        <NumberField
          id="art-height"
          label="Height (cm)"
          value={draft.height_cm}
          onChange={(value) => set("height_cm", value)}
          errors={errors.get("height_cm")}
        />
        <NumberField
          id="art-depth"
          label="Depth (cm)"
          value={draft.depth_cm}
          onChange={(value) => set("depth_cm", value)}
          errors={errors.get("depth_cm")}
        />
      </div>

      <SwitchField
        id="art-framed"
        label="Framed"
        checked={draft.framed}
        onCheckedChange={(framed) => set("framed", framed)}
        errors={errors.get("framed")}
      />

      <div className="grid grid-cols-2 gap-4">
        <TextField
          id="art-artist"
          label="Artist"
          value={draft.artist_name}
          onChange={(value) => set("artist_name", value)}
          errors={errors.get("artist_name")}
        />
        <NumberField
          id="art-year"
          label="Year"
          step="1"
          value={draft.year}
          onChange={(value) => set("year", value)}
          errors={errors.get("year")}
        />
        <TextField
          id="art-style"
          label="Style"
          value={draft.style}
          onChange={(value) => set("style", value)}
          errors={errors.get("style")}
        />
        <TextField
          id="art-subject"
          label="Subject"
          value={draft.subject}
          onChange={(value) => set("subject", value)}
          errors={errors.get("subject")}
        />
        <TextField
          id="art-surface"
          label="Surface"
          hint="e.g. cotton paper, canvas, t-shirt"
          value={draft.surface}
          onChange={(value) => set("surface", value)}
          errors={errors.get("surface")}
        />
      </div>

      <div className="flex flex-col gap-y-4">
        <SwitchField
          id="art-one-of-a-kind"
          label="One of a kind"
          description="An original: a single piece, never restocked."
          checked={draft.one_of_a_kind}
          onCheckedChange={(oneOfAKind) =>
            setDraft((current) => ({
              ...current,
              one_of_a_kind: oneOfAKind,
              edition_size: oneOfAKind ? "" : current.edition_size,
            }))
          }
          errors={errors.get("one_of_a_kind")}
        />
        <NumberField
          id="art-edition-size"
          label="Edition size"
          hint={draft.one_of_a_kind ? "Originals have no edition." : "For prints: how many are made."}
          step="1"
          disabled={draft.one_of_a_kind}
          value={draft.edition_size}
          onChange={(value) => set("edition_size", value)}
          errors={errors.get("edition_size")}
        />
      </div>
    </ProfileForm>
  )
}

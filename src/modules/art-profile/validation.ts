import { z } from "@medusajs/framework/zod"

import { MEDIUMS, type Medium } from "./vocabulary"

export { MEDIUMS, type Medium }

const PRINT_MEDIUMS: Medium[] = ["digital_print", "screen_print"]

const text = (max: number) => z.string().trim().min(1).max(max)
const cm = z.number().positive().max(1000)

export const ArtProfilePatchSchema = z
  .object({
    medium: z.enum(MEDIUMS),
    style: text(120).nullable(),
    subject: text(200).nullable(),
    width_cm: cm,
    height_cm: cm,
    depth_cm: cm.nullable(),
    framed: z.boolean(),
    surface: text(120).nullable(),
    artist_name: text(120).nullable(),
    year: z.number().int().min(1800).max(2100).nullable(),
    one_of_a_kind: z.boolean(),
    edition_size: z.number().int().positive().max(100_000).nullable(),
  })
  .partial()
  .strict()
export type ArtProfilePatch = z.infer<typeof ArtProfilePatchSchema>

export type ArtProfileData = {
  medium: Medium | null
  style: string | null
  subject: string | null
  width_cm: number | null
  height_cm: number | null
  depth_cm: number | null
  framed: boolean
  surface: string | null
  artist_name: string | null
  year: number | null
  one_of_a_kind: boolean
  edition_size: number | null
}

export const EMPTY_ART_PROFILE: ArtProfileData = {
  medium: null,
  style: null,
  subject: null,
  width_cm: null,
  height_cm: null,
  depth_cm: null,
  framed: false,
  surface: null,
  artist_name: null,
  year: null,
  one_of_a_kind: false,
  edition_size: null,
}

/** Rules across fields, checked on the whole profile after a patch is applied. */
export function artProfileProblems(profile: ArtProfileData): string[] {
  const problems: string[] = []
  if (profile.medium === null) problems.push("medium is required")
  if (profile.width_cm === null || profile.height_cm === null) {
    problems.push("width_cm and height_cm are required")
  }
  // An original is one object; an edition size only makes sense for prints.
  if (profile.one_of_a_kind && profile.edition_size !== null && profile.edition_size !== 1) {
    problems.push("a one_of_a_kind artwork cannot have an edition_size above 1")
  }
  if (profile.one_of_a_kind && profile.medium && PRINT_MEDIUMS.includes(profile.medium)) {
    problems.push(`a ${profile.medium} cannot be one_of_a_kind; give it an edition_size`)
  }
  if (profile.edition_size !== null && profile.medium && !PRINT_MEDIUMS.includes(profile.medium) && !profile.one_of_a_kind && profile.edition_size > 1) {
    problems.push("edition_size is for prints (digital_print, screen_print)")
  }
  return problems
}

/** How many units of each variant a one-of-a-kind artwork may have in stock or in a cart. */
export const ONE_OF_A_KIND_LIMIT = 1

import { MedusaError, MedusaService } from "@medusajs/framework/utils"
import { parseOrThrow } from "../../lib/validation/zod-issues"
import { ArtProfile } from "./models/art-profile"
import {
  ArtProfilePatchSchema,
  EMPTY_ART_PROFILE,
  artProfileProblems,
  type ArtProfileData,
} from "./validation"

type ArtProfileRecord = ArtProfileData & { id: string; product_id: string }

export type ArtProfileUpsert = {
  profile: ArtProfileRecord
  previous: ArtProfileData | null
}

export function toArtProfileData(record: Partial<ArtProfileData>): ArtProfileData {
  const data = { ...EMPTY_ART_PROFILE }
  for (const key of Object.keys(EMPTY_ART_PROFILE) as (keyof ArtProfileData)[]) {
    if (record[key] !== undefined && record[key] !== null) {
      Object.assign(data, { [key]: key.endsWith("_cm") ? Number(record[key]) : record[key] })
    }
  }
  return data
}

class ArtProfileModuleService extends MedusaService({ ArtProfile }) {
  validatePatch(current: ArtProfileData | null, patch: unknown): ArtProfileData {
    const parsed = parseOrThrow(ArtProfilePatchSchema, patch, "art_profile")
    const merged = { ...(current ?? EMPTY_ART_PROFILE), ...parsed }
    const problems = artProfileProblems(merged)
    if (problems.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        problems.map((p) => `art_profile: ${p}`).join("; ")
      )
    }
    return merged
  }

  async retrieveForProduct(productId: string): Promise<ArtProfileRecord | null> {
    const [record] = await this.listArtProfiles({ product_id: productId })
    return record
      ? { ...toArtProfileData(record), id: record.id, product_id: productId }
      : null
  }

  async upsertForProduct(productId: string, patch: unknown): Promise<ArtProfileUpsert> {
    const existing = await this.retrieveForProduct(productId)
    return this.saveProfile(productId, existing, this.validatePatch(existing, patch))
  }

  /** Writes a profile already produced by validatePatch over `existing`. */
  async saveProfile(productId: string, existing: ArtProfileRecord | null, next: ArtProfileData): Promise<ArtProfileUpsert> {
    const row = { ...next, medium: next.medium!, width_cm: next.width_cm!, height_cm: next.height_cm! }
    if (existing) {
      await this.updateArtProfiles({ id: existing.id, ...row })
      return { profile: { ...next, id: existing.id, product_id: productId }, previous: toArtProfileData(existing) }
    }
    const created = await this.createArtProfiles({ product_id: productId, ...row })
    return { profile: { ...next, id: created.id, product_id: productId }, previous: null }
  }
}

export default ArtProfileModuleService

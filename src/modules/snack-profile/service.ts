import { MedusaError, MedusaService } from "@medusajs/framework/utils"
import { parseOrThrow } from "../../lib/validation/zod-issues"
import { SnackProfile } from "./models/snack-profile"
import {
  EMPTY_SNACK_PROFILE,
  SnackProfilePatchSchema,
  snackProfileProblems,
  type SnackProfileData,
} from "./validation"

type SnackProfileRecord = SnackProfileData & { id: string; product_id: string }

export type SnackProfileUpsert = {
  profile: SnackProfileRecord
  /** The profile before this change, or null if it was created now. */
  previous: SnackProfileData | null
}

export function toSnackProfileData(record: Partial<SnackProfileData>): SnackProfileData {
  const data = { ...EMPTY_SNACK_PROFILE }
  for (const key of Object.keys(EMPTY_SNACK_PROFILE) as (keyof SnackProfileData)[]) {
    if (record[key] !== undefined && record[key] !== null) {
      Object.assign(data, { [key]: record[key] })
    }
  }
  return data
}

class SnackProfileModuleService extends MedusaService({ SnackProfile }) {
  /** Validates a patch field by field, then the whole profile it produces. */
  validatePatch(current: SnackProfileData | null, patch: unknown): SnackProfileData {
    const parsed = parseOrThrow(SnackProfilePatchSchema, patch, "snack_profile")
    const merged = { ...(current ?? EMPTY_SNACK_PROFILE), ...parsed }
    const problems = snackProfileProblems(merged)
    if (problems.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        problems.map((p) => `snack_profile: ${p}`).join("; ")
      )
    }
    return merged
  }

  async retrieveForProduct(productId: string): Promise<SnackProfileRecord | null> {
    const [record] = await this.listSnackProfiles({ product_id: productId })
    return record ? ({ ...toSnackProfileData(record as Partial<SnackProfileData>), id: record.id, product_id: productId }) : null
  }

  /** Creates or patches the profile of a product. */
  async upsertForProduct(productId: string, patch: unknown): Promise<SnackProfileUpsert> {
    const existing = await this.retrieveForProduct(productId)
    return this.saveProfile(productId, existing, this.validatePatch(existing, patch))
  }

  /** Writes a profile already produced by validatePatch over `existing`. */
  async saveProfile(
    productId: string,
    existing: SnackProfileRecord | null,
    next: SnackProfileData
  ): Promise<SnackProfileUpsert> {
    if (existing) {
      await this.updateSnackProfiles({ id: existing.id, ...next })
      return { profile: { ...next, id: existing.id, product_id: productId }, previous: toSnackProfileData(existing) }
    }
    const created = await this.createSnackProfiles({ product_id: productId, ...next })
    return { profile: { ...next, id: created.id, product_id: productId }, previous: null }
  }
}

export default SnackProfileModuleService

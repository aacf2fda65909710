import type { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { parseOrThrow } from "../../lib/validation/zod-issues"
import { SnackProfile } from "./models/snack-profile"
import {
  EMPTY_SNACK_PROFILE,
  SnackProfilePatchSchema,
  snackProfileProblems,
  type Allergen,
  type DietaryTag,
  type SnackProfileData,
} from "./validation"

type SnackProfileRecord = SnackProfileData & { id: string; product_id: string }

export type SnackProfileUpsert = {
  profile: SnackProfileRecord
  /** The profile before this change, or null if it was created now. */
  previous: SnackProfileData | null
}

/** A Postgres text[] literal; the values are enum members, never free text. */
function textArray(values: readonly string[]) {
  return `{${values.join(",")}}`
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

  /**
   * Products whose profile carries every dietary tag and declares none of the
   * allergens. A profile that has not declared allergens is never "free" of any.
   */
  @InjectManager()
  async productIdsMatching(
    filter: { dietary?: DietaryTag[]; allergen_free?: Allergen[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const where = ["deleted_at is null"]
    const params: string[] = []
    if (filter.dietary?.length) {
      where.push("dietary_tags @> ?::text[]")
      params.push(textArray(filter.dietary))
    }
    if (filter.allergen_free?.length) {
      where.push("allergens_declared = true and not (allergens && ?::text[])")
      params.push(textArray(filter.allergen_free))
    }
    const rows: { product_id: string }[] = await manager.execute(
      `select product_id from snack_profile where ${where.join(" and ")}`,
      params
    )
    return rows.map((r) => r.product_id)
  }
}

export default SnackProfileModuleService

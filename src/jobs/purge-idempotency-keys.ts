import type { MedusaContainer } from "@medusajs/framework/types"
import { IDEMPOTENCY_MODULE } from "../modules/idempotency"
import type IdempotencyModuleService from "../modules/idempotency/service"

/**
 * Hourly: deletes Idempotency-Keys past their 24 hours. Housekeeping only: an
 * expired key is already treated as new when it comes back.
 */
export default async function purgeIdempotencyKeys(container: MedusaContainer) {
  const keys: IdempotencyModuleService = container.resolve(IDEMPOTENCY_MODULE)
  await keys.purgeExpired()
}

export const config = {
  name: "purge-idempotency-keys",
  schedule: "0 * * * *",
}

import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ICachingModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { afterSuccessfulWrite } from "../http/after-write"

/**
 * For the few admin writes that change what the store shows without emitting
 * any module event (Medusa's batch links of products into a category or a
 * collection): once the write has succeeded, and before it is answered, clear
 * the given tags, so cached store answers (ours and Medusa's own) follow; on
 * every server when the provider is Redis.
 */
export function clearCacheAfterWrite(tags: string[]) {
  return function clearAfterWrite(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
    afterSuccessfulWrite(req, res, "Cache clear", () => req.scope.resolve<ICachingModuleService>(Modules.CACHING).clear({ tags }))
    next()
  }
}

import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { ICachingModuleService } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

/**
 * For the few admin writes that change what the store shows without emitting
 * any module event (Medusa's batch links of products into a category or a
 * collection): once the write has succeeded, and before it is answered, clear
 * the given tags, so cached store answers (ours and Medusa's own) follow; on
 * every server when the provider is Redis.
 */
export function clearCacheAfterWrite(tags: string[]) {
  return function clearAfterWrite(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
    const json = res.json.bind(res)
    res.json = function (body?: unknown) {
      if (res.statusCode < 200 || res.statusCode >= 300) {
        return json(body)
      }
      const caching: ICachingModuleService = req.scope.resolve(Modules.CACHING)
      caching
        .clear({ tags })
        .catch((e: Error) => {
          req.scope.resolve(ContainerRegistrationKeys.LOGGER).warn(`Cache clear after ${req.path} failed: ${e.message}`)
        })
        .finally(() => json(body))
      return res
    }
    next()
  }
}

import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import redisConnection from "@medusajs/locking-redis/dist/loaders"
import OrderedRedisLockProvider from "./service"

/**
 * The Locking Module's default provider with Redis (src/config/modules.ts):
 * Medusa's `locking-redis`, its connection loader included, with multi-key
 * executes taken in order (./service.ts).
 */
export default ModuleProvider(Modules.LOCKING, {
  services: [OrderedRedisLockProvider],
  loaders: [redisConnection],
})

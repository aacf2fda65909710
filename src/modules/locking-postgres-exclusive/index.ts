import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import ExclusivePostgresLockProvider from "./service"

/**
 * The Locking Module's default provider without Redis (src/config/modules.ts),
 * registered beside Medusa's `locking-postgres`, whose migrations create the
 * `locking` table both use.
 */
export default ModuleProvider(Modules.LOCKING, {
  services: [ExclusivePostgresLockProvider],
})

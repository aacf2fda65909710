import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import { shopModules } from "./src/config/modules"
import cluster from "cluster"
import { readShopEnv, refuseUnsharedRoles } from "./src/config/shop-env"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const env = readShopEnv()
refuseUnsharedRoles(env, { argv: process.argv, clusterWorker: cluster.isWorker })

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: env.databaseUrl,
    redisUrl: env.redisUrl,
    workerMode: env.workerMode,
    http: env.http,
  },
  admin: {
    disable: env.adminDisabled,
    backendUrl: env.adminBackendUrl,
  },
  modules: shopModules(env),
  // Medusa's Caching Module does nothing without its flag (src/config/modules.ts).
  featureFlags: { caching: true },
})

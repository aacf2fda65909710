import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { readOwnerLogin } from "../config/shop-env"
import { seedDemoShop } from "./demo-shop/seed-demo-shop"

/**
 * `npm run seed`: creates the demo shop and, on its first run, the owner's Admin
 * login (idempotent; a later run leaves the owner's changes alone: seedDemoShop).
 */
export default async function seed({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const result = await seedDemoShop(container, {
    owner: readOwnerLogin(),
    log: (message) => logger.info(message),
  })
  logger.info(`Publishable API key: ${result.publishable_key}`)
}

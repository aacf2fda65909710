import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { publicFileUrl } from "../config/modules"
import { readShopEnv } from "../config/shop-env"
import { repairDemoImageUrls } from "./demo-shop/seed-demo-shop"

/**
 * Uploads the demo products' images again where they are stored under another
 * address than the shop's public file URL (a dev server seeded on one port and
 * started on another). Run by `npm run dev` when it finds such images
 * (scripts/lib/demo-images.js); unlike `npm run seed` it changes nothing else,
 * so demo products the owner deleted stay deleted. The owner's photos, and a
 * thumbnail the owner chose, are left as they are.
 */
export default async function repairDemoImages({ container }: ExecArgs) {
  const repaired = await repairDemoImageUrls(container)
  container
    .resolve(ContainerRegistrationKeys.LOGGER)
    .info(`Demo images uploaded again for ${repaired} products, under ${publicFileUrl(readShopEnv(), "")}`)
}

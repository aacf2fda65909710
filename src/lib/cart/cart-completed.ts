import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/**
 * Whether the cart is completed now (one small read of the cart module). Final
 * only when read under the cart's lock (Medusa's acquireLockStep on its id).
 */
export async function cartCompleted(container: MedusaContainer, cartId: string): Promise<boolean> {
  const [cart] = await container.resolve(Modules.CART).listCarts({ id: cartId }, { select: ["id", "completed_at"], take: 1 })
  return Boolean(cart?.completed_at)
}

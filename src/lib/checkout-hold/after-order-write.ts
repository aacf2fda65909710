import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * A write made after the order exists: tried twice, then logged and left to its
 * repair (the caller says which). Returns undefined when both tries failed; it
 * never throws, because a failure here must not undo or hide a placed order.
 */
export async function afterOrderWrite<T>(
  container: MedusaContainer,
  what: string,
  write: () => Promise<T>
): Promise<T | undefined> {
  let last: unknown
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return await write()
    } catch (e) {
      last = e
    }
  }
  container
    .resolve(ContainerRegistrationKeys.LOGGER)
    .warn(`Order placed, but ${what} failed twice (${(last as Error)?.message ?? String(last)}); left to repair`)
  return undefined
}

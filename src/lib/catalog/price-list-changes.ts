import type { ICachingModuleService, IEventBusModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { PRICE_LISTS_CHANGED } from "./search-events"

/** Store answers that carry prices depend on every price list (src/api/store/cached-routes.ts). */
const PRICE_LIST_TAGS = ["PriceList:list:*"]

/**
 * A price list changed what its products cost without any module event
 * (Medusa's pricing module emits none for a price list's update, and none when
 * a list reaches its start or end date): clears the cached store answers that
 * carry prices, on every server when the provider is Redis, and sends the
 * list's products to the search index again (their min price and on-sale flag).
 */
export async function followPriceListChanges(container: MedusaContainer, priceListIds: string[]) {
  if (!priceListIds.length) {
    return
  }
  // Each on its own: a cache that fails to clear must not keep the index stale too.
  const [cleared, told] = await Promise.allSettled([
    container.resolve<ICachingModuleService>(Modules.CACHING).clear({ tags: PRICE_LIST_TAGS }),
    container.resolve<IEventBusModuleService>(Modules.EVENT_BUS).emit({ name: PRICE_LISTS_CHANGED, data: { id: priceListIds } }),
  ])
  const failures = [
    cleared.status === "rejected" ? `cache not cleared (${String(cleared.reason)})` : null,
    told.status === "rejected" ? `search index not told (${String(told.reason)})` : null,
  ].filter((f): f is string => f !== null)
  if (failures.length) {
    throw new Error(`Price lists ${priceListIds.join(", ")}: ${failures.join("; ")}`)
  }
}

/**
 * Active price lists that started or ended in (now - withinMs, now]: what a
 * periodic job must follow, since nothing is emitted when a date passes.
 */
export async function priceListsReachingDates(container: MedusaContainer, withinMs: number, now = new Date()) {
  const since = new Date(now.getTime() - withinMs).toISOString()
  const until = now.toISOString()
  const lists = await container.resolve(Modules.PRICING).listPriceLists(
    {
      status: ["active"],
      $or: [{ starts_at: { $gt: since, $lte: until } }, { ends_at: { $gt: since, $lte: until } }],
    },
    { select: ["id"] }
  )
  return lists.map((list) => list.id)
}

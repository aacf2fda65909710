import type { MedusaContainer } from "@medusajs/framework/types"
import { followPriceListChanges, priceListsReachingDates } from "../lib/catalog/price-list-changes"

/** Twice the schedule's period: a late or overlapping run misses no date. */
const LOOK_BACK_MS = 2 * 60 * 1000

/**
 * Every minute: active price lists that started or ended since the last
 * runs (a sale from 1 November, 00:00) change what their products cost, and
 * nothing is emitted when a date passes. Their products' cached store answers
 * are cleared and they are re-indexed (min price, on sale), as when the owner
 * edits a list. A date passed while no worker ran for longer than the look-back
 * is followed on the list's next edit or on the product's next change.
 */
export default async function followPriceListSchedules(container: MedusaContainer) {
  await followPriceListChanges(container, await priceListsReachingDates(container, LOOK_BACK_MS))
}

export const config = {
  name: "follow-price-list-schedules",
  // A line added to a cart gets the price of that moment: a product page may show a
  // sale that ended (or not yet one that began) for at most this long. One small
  // read when no date passed.
  schedule: "* * * * *",
}

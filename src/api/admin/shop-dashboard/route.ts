import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { readShopEnv } from "../../../config/shop-env"
import { dayOf } from "../../../lib/dashboard/shop-days"
import { readShopDashboard } from "../../../lib/dashboard/shop-dashboard"
import type { AdminShopDashboardQueryType } from "./validators"

/**
 * GET /admin/shop-dashboard: today's orders by delivery method, cash on
 * delivery to collect, low stock net of checkout holds, snacks missing shelf
 * life or allergen declaration, and orders and revenue per day.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminShopDashboardQueryType>, res: MedusaResponse) => {
  const time_zone = req.validatedQuery.time_zone ?? readShopEnv().shopTimeZone
  const dashboard = await readShopDashboard(req.scope, {
    time_zone,
    date: req.validatedQuery.date ?? dayOf(new Date(), time_zone),
    days: req.validatedQuery.days,
    low_stock_at: req.validatedQuery.low_stock_at,
  })
  res.json({ dashboard })
}

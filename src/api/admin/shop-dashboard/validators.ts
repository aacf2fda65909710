import { z } from "@medusajs/framework/zod"
import { isTimeZone } from "../../../lib/dashboard/shop-days"

const DAY = /^\d{4}-\d{2}-\d{2}$/

function isCalendarDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`)
  return DAY.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

/** GET /admin/shop-dashboard: every parameter optional; the shop's time zone and today by default. */
export const AdminShopDashboardQuery = z
  .object({
    date: z
      .string()
      .refine(isCalendarDay, "date must be a calendar day written YYYY-MM-DD, e.g. 2026-11-25")
      .optional(),
    time_zone: z
      .string()
      .max(64)
      .refine(isTimeZone, "time_zone must be an IANA time zone such as Asia/Kolkata")
      .optional(),
    days: z.coerce
      .number({ error: "days must be a whole number from 1 to 90" })
      .int("days must be a whole number from 1 to 90")
      .min(1, "days must be a whole number from 1 to 90")
      .max(90, "days must be a whole number from 1 to 90")
      .default(14),
    low_stock_at: z.coerce
      .number({ error: "low_stock_at must be a whole number from 0 to 1000" })
      .int("low_stock_at must be a whole number from 0 to 1000")
      .min(0, "low_stock_at must be a whole number from 0 to 1000")
      .max(1000, "low_stock_at must be a whole number from 0 to 1000")
      .default(3),
  })
  .strict()

export type AdminShopDashboardQueryType = z.infer<typeof AdminShopDashboardQuery>

import { z } from "@medusajs/framework/zod"
import { isTimeZone } from "../../../lib/dashboard/shop-days"

const DAY = /^\d{4}-\d{2}-\d{2}$/
/**
 * The days the dashboard can show: from 1970 (as the shop's other date
 * parameters), to the day before 9999-12-31, whose next day (the end of its
 * window) no longer fits in YYYY-MM-DD.
 */
const FIRST_DAY = "1970-01-01"
const LAST_DAY = "9999-12-30"

function isCalendarDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`)
  return (
    DAY.test(value) &&
    !Number.isNaN(date.getTime()) &&
    date.toISOString().slice(0, 10) === value &&
    value >= FIRST_DAY &&
    value <= LAST_DAY
  )
}

/** A whole number in [min, max] from a query string, one message for every way to miss it. */
function wholeNumber(field: string, min: number, max: number) {
  const message = `${field} must be a whole number from ${min} to ${max}`
  return z.coerce
    .number({ error: message })
    .refine((n) => Number.isInteger(n) && n >= min && n <= max, message)
}

/** GET /admin/shop-dashboard: every parameter optional; the shop's time zone and today by default. */
export const AdminShopDashboardQuery = z
  .object({
    date: z
      .string()
      .refine(isCalendarDay, `date must be a calendar day written YYYY-MM-DD from ${FIRST_DAY} to ${LAST_DAY}, e.g. 2026-11-25`)
      .optional(),
    time_zone: z
      .string()
      .max(64)
      .refine(isTimeZone, "time_zone must be an IANA time zone such as Asia/Kolkata")
      .optional(),
    days: wholeNumber("days", 1, 90).default(14),
    low_stock_at: wholeNumber("low_stock_at", 0, 1000).default(3),
  })
  .strict()

export type AdminShopDashboardQueryType = z.infer<typeof AdminShopDashboardQuery>

import type { DashboardOrder, DayCount, DeliveryCount } from "../../types/dashboard/shop-dashboard"
import { dayOf } from "./shop-days"

export const NO_DELIVERY_METHOD = "No delivery method"

/** Orders and revenue per calendar day, one entry for each of `days` even when empty. */
export function ordersPerDay(orders: DashboardOrder[], days: string[], timeZone: string): DayCount[] {
  const byDay = new Map(days.map((date) => [date, { date, orders: 0, revenue: 0 }]))
  for (const order of orders) {
    const entry = byDay.get(dayOf(order.created_at, timeZone))
    if (entry) {
      entry.orders += 1
      entry.revenue += order.total
    }
  }
  return [...byDay.values()]
}

/** One day's orders grouped by delivery method, busiest first. */
export function ordersByDelivery(orders: DashboardOrder[], day: string, timeZone: string): DeliveryCount[] {
  const groups = new Map<string, DeliveryCount>()
  for (const order of orders) {
    if (dayOf(order.created_at, timeZone) !== day) {
      continue
    }
    const delivery = order.delivery ?? NO_DELIVERY_METHOD
    const group = groups.get(delivery) ?? { delivery, orders: 0, revenue: 0 }
    group.orders += 1
    group.revenue += order.total
    groups.set(delivery, group)
  }
  return [...groups.values()].sort((a, b) => b.orders - a.orders || a.delivery.localeCompare(b.delivery))
}

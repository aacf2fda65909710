import type { DashboardOrder } from "../../../types/dashboard/shop-dashboard"
import { NO_DELIVERY_METHOD, ordersByDelivery, ordersPerDay } from "../order-summary"

const order = (created_at: string, total: number, delivery: string | null): DashboardOrder => ({
  id: `order_${created_at}`,
  display_id: 1,
  email: null,
  created_at: new Date(created_at),
  total,
  currency_code: "inr",
  delivery,
})

describe("dashboard order summary", () => {
  const orders = [
    order("2026-11-24T19:00:00Z", 500, "Local delivery"), // 00:30 on the 25th in Bengaluru
    order("2026-11-25T04:00:00Z", 300, "Store pickup"),
    order("2026-11-25T10:00:00Z", 200, "Local delivery"),
    order("2026-11-25T18:40:00Z", 99, "Courier"), // 00:10 on the 26th in Bengaluru
    order("2026-11-23T10:00:00Z", 150, null),
  ]

  it("counts orders and revenue on the shop's calendar days, empty days included", () => {
    expect(ordersPerDay(orders, ["2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25"], "Asia/Kolkata")).toEqual([
      { date: "2026-11-22", orders: 0, revenue: 0 },
      { date: "2026-11-23", orders: 1, revenue: 150 },
      { date: "2026-11-24", orders: 0, revenue: 0 },
      { date: "2026-11-25", orders: 3, revenue: 1000 },
    ])
  })

  it("groups one day's orders by delivery method, busiest first", () => {
    expect(ordersByDelivery(orders, "2026-11-25", "Asia/Kolkata")).toEqual([
      { delivery: "Local delivery", orders: 2, revenue: 700 },
      { delivery: "Store pickup", orders: 1, revenue: 300 },
    ])
    expect(ordersByDelivery(orders, "2026-11-23", "UTC")).toEqual([
      { delivery: NO_DELIVERY_METHOD, orders: 1, revenue: 150 },
    ])
  })
})

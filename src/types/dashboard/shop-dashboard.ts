/**
 * GET /admin/shop-dashboard's answer (src/lib/dashboard/shop-dashboard.ts), read
 * by the admin's "Shop dashboard" page with its dates as JSON carries them.
 */

/** What the dashboard reads of an order. */
export type DashboardOrder = {
  id: string
  display_id: number | null
  email: string | null
  created_at: Date
  total: number
  currency_code: string
  delivery: string | null
}

export type DeliveryCount = { delivery: string; orders: number; revenue: number }
export type DayCount = { date: string; orders: number; revenue: number }

export type CodToCollect = {
  payment_id: string
  order_id: string | null
  display_id: number | null
  email: string | null
  customer: string | null
  amount: number
  currency_code: string
  placed_at: Date
}

/** A card or manual payment authorized and waiting for the owner's capture. */
export type PaymentToCapture = CodToCollect & {
  provider_id: string
  /** When the authorization lapses and the payment can no longer be captured (Stripe: 7 days); null when it does not. */
  lapses_at: Date | null
}

export type LowStockVariant = {
  product_id: string
  product_title: string
  variant_id: string
  variant_title: string | null
  sku: string | null
  stocked: number
  reserved: number
  held: number
  /** stocked - reserved - active holds, over every location. */
  available: number
}

export type SnackMissingFacts = {
  product_id: string
  title: string
  status: string
  missing: ("shelf life" | "allergen declaration")[]
}

export type ShopDashboard = {
  date: string
  time_zone: string
  currency_code: string | null
  today: { orders: number; revenue: number; by_delivery: DeliveryCount[]; recent: DashboardOrder[] }
  cod_to_collect: { count: number; amount: number; payments: CodToCollect[] }
  to_capture: { count: number; amount: number; payments: PaymentToCapture[] }
  low_stock: { threshold: number; variants: LowStockVariant[] }
  snacks_missing_facts: SnackMissingFacts[]
  daily: DayCount[]
}

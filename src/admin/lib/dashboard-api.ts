import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"

/** GET /admin/shop-dashboard, as the route answers it (dates as ISO strings). */
export type DeliveryCount = { delivery: string; orders: number; revenue: number }
export type DayCount = { date: string; orders: number; revenue: number }
export type RecentOrder = { id: string; display_id: number | null; email: string | null; created_at: string; total: number; delivery: string | null }
export type CodToCollect = {
  payment_id: string
  order_id: string | null
  display_id: number | null
  email: string | null
  customer: string | null
  amount: number
  currency_code: string
  placed_at: string
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
  available: number
}
export type SnackMissingFacts = { product_id: string; title: string; status: string; missing: string[] }

export type ShopDashboard = {
  date: string
  time_zone: string
  currency_code: string | null
  today: { orders: number; revenue: number; by_delivery: DeliveryCount[]; recent: RecentOrder[] }
  cod_to_collect: { count: number; amount: number; payments: CodToCollect[] }
  low_stock: { threshold: number; variants: LowStockVariant[] }
  snacks_missing_facts: SnackMissingFacts[]
  daily: DayCount[]
}

const DASHBOARD_KEY = ["shop-dashboard"] as const
const REFRESH_MS = 60_000

export function useShopDashboard(days = 14) {
  return useQuery({
    queryKey: [...DASHBOARD_KEY, days],
    queryFn: () => sdk.client.fetch<{ dashboard: ShopDashboard }>("/admin/shop-dashboard", { query: { days } }),
    select: (response) => response.dashboard,
    refetchInterval: REFRESH_MS,
  })
}

/** Records cash on delivery as collected: Medusa's payment capture. */
export function useRecordCash() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (paymentId: string) => sdk.admin.payment.capture(paymentId, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: DASHBOARD_KEY }),
  })
}

/** "₹1,249" in the shop's currency; amounts are in the currency's main unit, as Medusa stores them. */
export function money(amount: number, currency: string | null): string {
  if (!currency) {
    return amount.toLocaleString("en-IN")
  }
  return new Intl.NumberFormat("en-IN", {
    style: "currency",
    currency: currency.toUpperCase(),
    minimumFractionDigits: 0,
    maximumFractionDigits: 2,
  }).format(amount)
}

export function errorText(error: unknown): string {
  return error instanceof Error && error.message ? error.message : "The dashboard could not be loaded."
}

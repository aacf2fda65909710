import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type {
  CodToCollect as ServerCodToCollect,
  DayCount,
  ShopDashboard as ServerShopDashboard,
} from "../../types/dashboard/shop-dashboard"
import type { AsJson } from "../../types/json"
import { sdk } from "./sdk"

/** GET /admin/shop-dashboard, as the route answers it (dates as ISO strings). */
export type ShopDashboard = AsJson<ServerShopDashboard>
export type CodToCollect = AsJson<ServerCodToCollect>
export type { DayCount }

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

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type { CheckoutHoldCaps } from "../../config/checkout-holds"
import type { OwnerHold as ServerOwnerHold } from "../../types/checkout-hold/owner-hold"
import type { AsJson } from "../../types/json"
import { sdk } from "./sdk"

/** One row of GET /admin/holds (its date as JSON carries it). */
export type OwnerHold = AsJson<ServerOwnerHold>

type HoldList = { holds: OwnerHold[]; count: number; limit: number; offset: number }

export type HoldQuery = { status?: OwnerHold["status"]; product_id?: string; limit: number; offset: number }

const REFRESH_MS = 15_000

export function useHolds(query: HoldQuery) {
  return useQuery({
    queryKey: ["checkout-holds", query],
    queryFn: () => sdk.client.fetch<HoldList>("/admin/holds", { query }),
    refetchInterval: REFRESH_MS,
  })
}

export function useReleaseHold() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      sdk.client.fetch<{ id: string; released: boolean }>(`/admin/holds/${id}/release`, { method: "POST", body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["checkout-holds"] }),
  })
}

/** "12 min 05 s", counting down from what the server said when the list was loaded. */
export function timeLeft(hold: OwnerHold, loadedAt: number, now: number): string {
  const left = Math.max(hold.seconds_left - Math.floor((now - loadedAt) / 1000), 0)
  if (hold.status !== "active" || left === 0) {
    return "—"
  }
  const minutes = Math.floor(left / 60)
  const seconds = String(left % 60).padStart(2, "0")
  return minutes ? `${minutes} min ${seconds} s` : `${seconds} s`
}

/** GET /admin/holds/limits: the configured caps (src/config/checkout-holds.ts) and the hold's TTL. */
export type HoldLimits = CheckoutHoldCaps & { ttl_minutes: number }

export function useHoldLimits() {
  return useQuery({
    queryKey: ["checkout-hold-limits"],
    queryFn: () => sdk.client.fetch<{ limits: HoldLimits }>("/admin/holds/limits"),
  })
}

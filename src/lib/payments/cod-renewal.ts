import { COD_PROVIDER_ID } from "./held-funds"

/** An order's payment collections as renewCodPaymentWorkflow reads them. */
export type OrderPayments = {
  status?: string | null
  payment_collections?:
    | ({
        id: string
        status?: string | null
        amount?: unknown
        payments?: ({ id: string; provider_id: string } | null)[] | null
        payment_sessions?: ({ id: string } | null)[] | null
      } | null)[]
    | null
}

/**
 * The collection of a cash-on-delivery order that asks for money with nothing
 * to pay it (Medusa's re-done collection after an order change): not paid, an
 * amount due, no payment and no session; null when there is none, the order is
 * canceled, or it was not paid by cash on delivery.
 */
export function codCollectionToRenew(order: OrderPayments | undefined): string | null {
  if (!order || order.status === "canceled") {
    return null
  }
  const collections = (order.payment_collections ?? []).filter((c): c is NonNullable<typeof c> => !!c)
  const paidByCod = collections.some((c) => (c.payments ?? []).some((p) => p?.provider_id === COD_PROVIDER_ID))
  if (!paidByCod) {
    return null
  }
  const open = collections.find(
    (c) =>
      (c.status === "not_paid" || c.status === "awaiting") &&
      Number(c.amount) > 0 &&
      !(c.payments ?? []).some(Boolean) &&
      !(c.payment_sessions ?? []).some(Boolean)
  )
  return open?.id ?? null
}

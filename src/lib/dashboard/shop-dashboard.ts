import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { kindCategoryIds, loadCategoryTree } from "../catalog/product-kind"
import { available } from "../checkout-hold/hold-plan"
import { readStockPositions } from "../checkout-hold/stock-positions"
import type {
  DashboardOrder,
  LowStockVariant,
  PaymentToCapture,
  ShopDashboard,
  SnackMissingFacts,
} from "../../types/dashboard/shop-dashboard"
import { ordersByDelivery, ordersPerDay } from "./order-summary"
import { addDays, lastDays, startOfDay } from "./shop-days"
import { COD_PROVIDER_ID } from "../payments/held-funds"

export type ShopDashboardQuery = {
  /** The last day shown ("today"), YYYY-MM-DD in `time_zone`. */
  date: string
  time_zone: string
  /** How many days the chart covers, ending with `date`. */
  days: number
  /** A variant is low in stock at or below this many available units. */
  low_stock_at: number
}

// Query's generated Order types display_id as a string; the order module stores and returns a number.
function displayId(value: string | number | null | undefined): number | null {
  return value == null ? null : Number(value)
}

/** Orders placed in [from, to), canceled ones and drafts left out. */
async function readOrders(container: MedusaContainer, from: Date, to: Date): Promise<DashboardOrder[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "display_id", "email", "created_at", "total", "currency_code", "shipping_methods.name"],
    filters: {
      created_at: { $gte: from, $lt: to },
      status: { $nin: ["canceled", "draft"] },
      is_draft_order: false,
    },
  })
  return data.map((o) => ({
    id: o.id,
    display_id: displayId(o.display_id),
    email: o.email ?? null,
    created_at: new Date(o.created_at),
    total: Number(o.total ?? 0),
    currency_code: o.currency_code,
    delivery: o.shipping_methods?.find((m) => m?.name)?.name ?? null,
  }))
}

/** How long Stripe keeps a card payment authorized but not captured: past it the payment can no longer be captured. */
export const CARD_AUTHORIZATION_DAYS = 7

/**
 * Authorized payments neither captured nor canceled, of orders that are not
 * canceled, in one read: cash on delivery the owner still has to collect
 * (recording the cash is Medusa's capture) and the card and manual payments
 * waiting for the owner's capture in the order's page (Stripe's authorizations
 * unless STRIPE_CAPTURE=true, Medusa's system provider), each Stripe one with
 * when its authorization lapses. Told apart by readShopDashboard.
 */
async function readUncapturedPayments(container: MedusaContainer): Promise<PaymentToCapture[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "payment",
    fields: [
      "id",
      "amount",
      "currency_code",
      "provider_id",
      "created_at",
      "payment_collection.order.id",
      "payment_collection.order.display_id",
      "payment_collection.order.email",
      "payment_collection.order.status",
      "payment_collection.order.shipping_address.first_name",
      "payment_collection.order.shipping_address.last_name",
    ],
    filters: { captured_at: null, canceled_at: null },
  })
  return data
    .filter((p) => p.payment_collection?.order && p.payment_collection.order.status !== "canceled")
    .map((p) => {
      const order = p.payment_collection?.order
      const name = [order?.shipping_address?.first_name, order?.shipping_address?.last_name].filter(Boolean).join(" ")
      const placedAt = new Date(p.created_at)
      return {
        payment_id: p.id,
        order_id: order?.id ?? null,
        display_id: displayId(order?.display_id),
        email: order?.email ?? null,
        customer: name || null,
        amount: Number(p.amount),
        currency_code: p.currency_code,
        placed_at: placedAt,
        provider_id: p.provider_id,
        lapses_at: p.provider_id.startsWith("pp_stripe") ? new Date(placedAt.getTime() + CARD_AUTHORIZATION_DAYS * 86_400_000) : null,
      }
    })
    .sort((a, b) => a.placed_at.getTime() - b.placed_at.getTime())
}

/** Payments listed with their count and sum. */
function listed<T extends { amount: number }>(payments: T[]) {
  return { count: payments.length, amount: payments.reduce((n, p) => n + p.amount, 0), payments }
}

/**
 * Variants whose available units (stocked - reserved - every active checkout
 * hold, summed over the shop's locations) are at or below the threshold.
 * Holds count: a unit in someone's checkout cannot be sold to anyone else.
 */
async function readLowStock(container: MedusaContainer, threshold: number): Promise<LowStockVariant[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["id", "title", "sku", "product.id", "product.title", "inventory_items.inventory_item_id", "inventory_items.required_quantity"],
    filters: { manage_inventory: true, allow_backorder: false },
  })
  const variants = data.flatMap((v) => (v.product ? [{ ...v, product: v.product }] : []))
  const itemIds = [...new Set(variants.flatMap((v) => (v.inventory_items ?? []).flatMap((i) => (i ? [i.inventory_item_id] : []))))]
  const locations = await container.resolve(Modules.STOCK_LOCATION).listStockLocations({}, { select: ["id"], take: null })
  const positions = await readStockPositions(container, itemIds, locations.map((l) => l.id), null)

  const low: LowStockVariant[] = []
  for (const variant of variants) {
    const links = (variant.inventory_items ?? []).flatMap((i) => (i ? [i] : []))
    if (!links.length) {
      continue
    }
    // A variant made of several items (a bundle) is limited by its scarcest part.
    const parts = links.map((link) => {
      const per = Number(link.required_quantity) || 1
      const at = positions.filter((p) => p.inventory_item_id === link.inventory_item_id)
      return {
        per,
        stocked: at.reduce((n, p) => n + p.stocked, 0),
        reserved: at.reduce((n, p) => n + p.reserved, 0),
        held: at.reduce((n, p) => n + p.held_by_others, 0),
        available: at.reduce((n, p) => n + available(p), 0),
      }
    })
    const scarcest = parts.reduce((a, b) => (Math.floor(b.available / b.per) < Math.floor(a.available / a.per) ? b : a))
    const units = Math.floor(scarcest.available / scarcest.per)
    if (units <= threshold) {
      low.push({
        product_id: variant.product.id,
        product_title: variant.product.title,
        variant_id: variant.id,
        variant_title: variant.title ?? null,
        sku: variant.sku ?? null,
        stocked: Math.floor(scarcest.stocked / scarcest.per),
        reserved: Math.ceil(scarcest.reserved / scarcest.per),
        held: Math.ceil(scarcest.held / scarcest.per),
        available: units,
      })
    }
  }
  return low.sort((a, b) => a.available - b.available || a.product_title.localeCompare(b.product_title))
}

/** Snacks (products under the Snacks department) without a shelf life or an allergen declaration. */
async function readSnacksMissingFacts(container: MedusaContainer): Promise<SnackMissingFacts[]> {
  const snackCategories = kindCategoryIds(await loadCategoryTree(container), "snack")
  if (!snackCategories.length) {
    return []
  }
  const snacks = await container
    .resolve(Modules.PRODUCT)
    .listProducts({ categories: { id: snackCategories } }, { select: ["id"], take: null })
  if (!snacks.length) {
    return []
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product",
    fields: ["id", "title", "status", "snack_profile.shelf_life_days", "snack_profile.allergens_declared"],
    filters: { id: snacks.map((p) => p.id) },
  })
  return data
    .map((p) => {
      const missing: SnackMissingFacts["missing"] = []
      if (p.snack_profile?.shelf_life_days == null) {
        missing.push("shelf life")
      }
      if (p.snack_profile?.allergens_declared !== true) {
        missing.push("allergen declaration")
      }
      return { product_id: p.id, title: p.title, status: p.status, missing }
    })
    .filter((p) => p.missing.length)
    .sort((a, b) => a.title.localeCompare(b.title))
}

/** Everything the owner's dashboard shows, in one read. */
export async function readShopDashboard(container: MedusaContainer, q: ShopDashboardQuery): Promise<ShopDashboard> {
  const days = lastDays(q.date, q.days)
  const from = startOfDay(days[0], q.time_zone)
  const to = startOfDay(addDays(q.date, 1), q.time_zone)
  const [orders, uncaptured, lowStock, snacks] = await Promise.all([
    readOrders(container, from, to),
    readUncapturedPayments(container),
    readLowStock(container, q.low_stock_at),
    readSnacksMissingFacts(container),
  ])
  const byDelivery = ordersByDelivery(orders, q.date, q.time_zone)
  const [store] = await container.resolve(Modules.STORE).listStores({}, { relations: ["supported_currencies"] })
  const currency = store?.supported_currencies?.find((c) => c.is_default)?.currency_code ?? orders[0]?.currency_code ?? null
  const todays = orders.filter((o) => o.created_at >= startOfDay(q.date, q.time_zone))
  return {
    date: q.date,
    time_zone: q.time_zone,
    currency_code: currency,
    today: {
      orders: byDelivery.reduce((n, g) => n + g.orders, 0),
      revenue: byDelivery.reduce((n, g) => n + g.revenue, 0),
      by_delivery: byDelivery,
      recent: todays.sort((a, b) => b.created_at.getTime() - a.created_at.getTime()).slice(0, 10),
    },
    cod_to_collect: listed(
      uncaptured.flatMap(({ provider_id, lapses_at: _lapses, ...p }) => (provider_id === COD_PROVIDER_ID ? [p] : []))
    ),
    to_capture: listed(uncaptured.filter((p) => p.provider_id !== COD_PROVIDER_ID)),
    low_stock: { threshold: q.low_stock_at, variants: lowStock },
    snacks_missing_facts: snacks,
    daily: ordersPerDay(orders, days, q.time_zone),
  }
}

import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { CHECKOUT_HOLD_MODULE } from "../../modules/checkout-hold"
import type { HoldStatus } from "../../modules/checkout-hold/models/checkout-hold"
import type CheckoutHoldModuleService from "../../modules/checkout-hold/service"
import type { OwnerHold } from "../../types/checkout-hold/owner-hold"

export type OwnerHoldFilters = {
  status?: HoldStatus
  variant_id?: string
  product_id?: string
  cart_id?: string
  expires_before?: Date
  limit: number
  offset: number
}

/**
 * Holds as the owner reads them. An active hold past its expiry is reported as
 * expired (it stopped counting then), whether or not the expiry job has run.
 */
export async function listHoldsForOwner(container: MedusaContainer, filters: OwnerHoldFilters) {
  const service: CheckoutHoldModuleService = container.resolve(CHECKOUT_HOLD_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const now = new Date()

  const where: Record<string, unknown> = {}
  if (filters.cart_id) where.cart_id = filters.cart_id
  if (filters.variant_id) where.variant_id = filters.variant_id
  if (filters.product_id) {
    const { data } = await query.graph({ entity: "product_variant", fields: ["id"], filters: { product_id: filters.product_id } })
    const ofProduct = data.map((v) => v.id)
    // Both filters: the holds of that variant only if it is one of the product's.
    where.variant_id = filters.variant_id ? ofProduct.filter((id) => id === filters.variant_id) : ofProduct
  }
  const expiry: Record<string, Date> = {}
  if (filters.expires_before) expiry.$lt = filters.expires_before
  if (filters.status === "active") {
    where.status = "active"
    expiry.$gt = now
  } else if (filters.status === "expired") {
    where.$or = [{ status: "expired" }, { status: "active", expires_at: { $lte: now } }]
  } else if (filters.status) {
    where.status = filters.status
  }
  if (Object.keys(expiry).length) where.expires_at = expiry

  const [rows, count] = await service.listAndCountCheckoutHolds(where, {
    skip: filters.offset,
    take: filters.limit,
    order: { expires_at: "ASC" },
  })

  const cartIds = [...new Set(rows.map((h) => h.cart_id))]
  const variantIds = [...new Set(rows.map((h) => h.variant_id))]
  const [carts, variants] = await Promise.all([
    cartIds.length ? query.graph({ entity: "cart", fields: ["id", "email"], filters: { id: cartIds } }) : { data: [] },
    variantIds.length
      ? query.graph({
          entity: "product_variant",
          fields: ["id", "title", "product_id", "product.title", "inventory_items.inventory_item_id", "inventory_items.required_quantity", "inventory_items.inventory.sku"],
          filters: { id: variantIds },
        })
      : { data: [] },
  ])
  const emailOf = new Map(carts.data.map((c) => [c.id, c.email ?? null]))
  const variantOf = new Map(variants.data.map((v) => [v.id, v]))

  const holds: OwnerHold[] = rows.map((h) => {
    const variant = variantOf.get(h.variant_id)
    const expiresAt = new Date(h.expires_at)
    const lapsed = h.status === "active" && expiresAt <= now
    const link = (variant?.inventory_items ?? []).find((l) => l?.inventory_item_id === h.inventory_item_id)
    const required = Number(link?.required_quantity) || 1
    return {
      id: h.id,
      status: lapsed ? "expired" : h.status,
      cart_id: h.cart_id,
      customer_email: emailOf.get(h.cart_id) ?? null,
      variant_id: h.variant_id,
      variant_title: variant?.title ?? null,
      product_id: variant?.product_id ?? null,
      product_title: variant?.product?.title ?? null,
      quantity: Number(h.quantity),
      inventory_item_id: h.inventory_item_id,
      inventory_sku: link?.inventory?.sku ?? null,
      variant_units: Math.floor(Number(h.quantity) / required),
      location_id: h.location_id,
      expires_at: expiresAt,
      seconds_left: h.status === "active" && !lapsed ? Math.ceil((expiresAt.getTime() - now.getTime()) / 1000) : 0,
    }
  })
  return { holds, count }
}

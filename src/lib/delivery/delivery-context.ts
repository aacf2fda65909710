import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { SNACK_PROFILE_MODULE } from "../../modules/snack-profile"
import type SnackProfileModuleService from "../../modules/snack-profile/service"

/**
 * Cart facts that the shop's shipping option rules are written against. They
 * are added to Medusa's shipping option context (setShippingOptionsContext
 * hooks), so Local delivery and Courier carry plain Medusa rules such as
 * `delivery_postal_code in [...]` or `delivery_has_perishable eq "false"`.
 */
export type DeliveryContext = {
  /** The shipping address's postal code, digits only ("" when missing). */
  delivery_postal_code: string
  /** Sum of the lines' prices (tax included, before discounts), in rupees. */
  delivery_item_total: string
  /** "true" when the cart holds a perishable snack. */
  delivery_has_perishable: "true" | "false"
}

export type DeliveryFacts = DeliveryContext & { perishable_titles: string[] }

/** The parts of a cart the delivery facts come from (as a query of these fields, or a workflow's own read, returns them). */
export type DeliveryCart = {
  shipping_address?: { postal_code?: string | null } | null
  items?: ({ product_id?: string | null; product_title?: string | null; unit_price?: unknown; quantity?: unknown } | null)[] | null
}

export async function readDeliveryFacts(container: MedusaContainer, cartId: string): Promise<DeliveryFacts> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["shipping_address.postal_code", "items.product_id", "items.product_title", "items.unit_price", "items.quantity"],
    filters: { id: cartId },
  })
  return deliveryFactsOf(container, data.at(0) ?? {})
}

/** The delivery facts of a cart already read (only its perishable snacks are looked up). */
export async function deliveryFactsOf(container: MedusaContainer, cart: DeliveryCart): Promise<DeliveryFacts> {
  const items = (cart.items ?? []).flatMap((i) => (i ? [i] : []))
  const total = items.reduce((sum, i) => sum + Number(i.unit_price) * Number(i.quantity), 0)

  const productIds = [...new Set(items.flatMap((i) => (i.product_id ? [i.product_id] : [])))]
  const snacks: SnackProfileModuleService = container.resolve(SNACK_PROFILE_MODULE)
  const perishable = productIds.length
    ? (await snacks.listSnackProfiles({ product_id: productIds, perishable: true })).map((p) => p.product_id)
    : []
  const perishableTitles = [
    ...new Set(items.filter((i) => i.product_id && perishable.includes(i.product_id)).map((i) => i.product_title ?? "A snack")),
  ]
  return {
    delivery_postal_code: (cart.shipping_address?.postal_code ?? "").replace(/\D/g, ""),
    delivery_item_total: String(Math.round(total * 100) / 100),
    delivery_has_perishable: perishable.length ? "true" : "false",
    perishable_titles: perishableTitles,
  }
}

export function toShippingContext(facts: DeliveryFacts): DeliveryContext {
  const { delivery_postal_code, delivery_item_total, delivery_has_perishable } = facts
  return { delivery_postal_code, delivery_item_total, delivery_has_perishable }
}

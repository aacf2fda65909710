import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { listShippingOptionsForCartWithPricingWorkflow } from "@medusajs/medusa/core-flows"
import { deliveryFactsOf, readDeliveryFacts, type DeliveryCart, type DeliveryFacts } from "./delivery-context"

type Rule = { attribute: string; operator: string; value: unknown }
type Option = { id: string; name: string; rules?: (Rule | null)[] | null }

/** The same comparison Medusa applies to shipping option rules. */
function holds(rule: Rule, contextValue: string): boolean {
  const value = rule.value
  const list = Array.isArray(value) ? value.map(String) : []
  switch (rule.operator) {
    case "in":
      return list.includes(contextValue)
    case "nin":
      return !list.includes(contextValue)
    case "eq":
      return contextValue === String(value)
    case "ne":
      return contextValue !== String(value)
    case "gt":
      return Number(contextValue) > Number(value)
    case "gte":
      return Number(contextValue) >= Number(value)
    case "lt":
      return Number(contextValue) < Number(value)
    case "lte":
      return Number(contextValue) <= Number(value)
    default:
      return false
  }
}

const rupees = (n: unknown) => `₹${Number(n).toLocaleString("en-IN", { maximumFractionDigits: 2 })}`

/**
 * Why the option cannot serve this cart, in words a shopper can act on, worded
 * by the rule's operator (the seed's rules, or one the owner wrote in Admin).
 */
function explain(option: Option, rule: Rule, facts: DeliveryFacts): string {
  const generic = `${option.name} is not available for this cart`
  switch (rule.attribute) {
    case "delivery_postal_code": {
      const codes = Array.isArray(rule.value) ? rule.value.map(String) : [String(rule.value)]
      const code = facts.delivery_postal_code
      if (!code) {
        return `${option.name} needs a shipping address with a postal code`
      }
      if (rule.operator === "in" || rule.operator === "eq") {
        return `${option.name} only delivers to postal codes ${codes.join(", ")}; ${code} is outside the area`
      }
      return rule.operator === "nin" || rule.operator === "ne" ? `${option.name} does not deliver to postal code ${code}` : generic
    }
    case "delivery_item_total": {
      const total = rupees(facts.delivery_item_total)
      const bound = rupees(rule.value)
      const words: Record<string, string> = {
        gte: `needs a cart of at least ${bound}`,
        gt: `needs a cart of more than ${bound}`,
        lte: `takes carts of at most ${bound}`,
        lt: `takes carts of less than ${bound}`,
      }
      return words[rule.operator] ? `${option.name} ${words[rule.operator]}; this cart is ${total}` : generic
    }
    case "delivery_has_perishable": {
      const forbidsPerishable =
        (rule.operator === "eq" && String(rule.value) === "false") || (rule.operator === "ne" && String(rule.value) === "true")
      if (!forbidsPerishable) {
        return generic
      }
      const titles = facts.perishable_titles.length ? facts.perishable_titles : ["A snack in this cart"]
      return `${titles.join(", ")} ${titles.length > 1 ? "are" : "is"} perishable and cannot go by ${option.name.toLowerCase()}`
    }
    default:
      return generic
  }
}

/** The shop's delivery rules this option breaks for the cart (its `delivery_*` rules). */
export function deliveryProblems(option: Option, facts: DeliveryFacts): string[] {
  return (option.rules ?? []).flatMap((rule) => {
    if (!rule || !rule.attribute.startsWith("delivery_")) {
      return []
    }
    const contextValue = String(facts[rule.attribute as keyof DeliveryFacts] ?? "")
    return holds(rule, contextValue) ? [] : [explain(option, rule, facts)]
  })
}

/**
 * Refuses shipping options the cart may not use, with the reason. Used when the
 * shopper picks an option and again at completion (the cart may have changed).
 * `cart`: the cart as the calling workflow has just read it (else read here).
 */
export async function assertDeliveryAllowed(
  container: MedusaContainer,
  cartId: string,
  optionIds: string[],
  cart?: DeliveryCart
) {
  if (!optionIds.length) {
    return
  }
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const [options, facts] = await Promise.all([
    fulfillment.listShippingOptions({ id: optionIds }, { relations: ["rules"] }),
    cart ? deliveryFactsOf(container, cart) : readDeliveryFacts(container, cartId),
  ])
  const problems = options.flatMap((o) => deliveryProblems(o as Option, facts))
  if (problems.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, problems.join("; "))
  }
}

/** The shipping options a cart's shipping methods use (from a cart read with `shipping_methods.*`). */
export function shippingOptionIdsOf(cart: { shipping_methods?: ({ shipping_option_id?: string | null } | null)[] | null }): string[] {
  return (cart.shipping_methods ?? []).flatMap((m) => (m?.shipping_option_id ? [m.shipping_option_id] : []))
}

/** What the delivery price check reads of the cart completeCartWorkflow read. */
export type PricedDeliveryCart = {
  id: string
  currency_code?: string | null
  promotions?: ({ id?: string } | null)[] | null
  items?: ({ adjustments?: unknown[] | null } | null)[] | null
  shipping_methods?:
    | ({ shipping_option_id?: string | null; name?: string | null; amount?: unknown; data?: Record<string, unknown> | null } | null)[]
    | null
}

/**
 * Whether a promotion touches the cart now or did once (its link to the cart is
 * kept, deleted, when the promotion is removed or stops applying).
 */
export async function promotionTouched(container: MedusaContainer, cart: PricedDeliveryCart): Promise<boolean> {
  if (cart.promotions?.length || cart.items?.some((i) => i?.adjustments?.length)) {
    return true
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart_promotion",
    fields: ["id"],
    filters: { cart_id: cart.id },
    pagination: { take: 1 },
    withDeleted: true,
  })
  return data.length > 0
}

/**
 * A delivery price is fixed when the option is chosen, and Medusa re-prices it
 * when lines or the address change, but not when a promotion is applied or
 * removed (and, for an automatic promotion, before it recomputes the discount):
 * "free from ₹499" chosen at ₹558 stayed free after a 20 % code took the cart
 * to ₹446, and ₹40 chosen at ₹446 stayed ₹40 once the code was removed. For a
 * cart a promotion touched (the one case), the options' prices are asked of
 * Medusa again (listShippingOptionsForCartWithPricingWorkflow, with the shop's
 * delivery context and each method's data), and a method priced otherwise
 * refuses the completion with a 400 naming the new price: the shopper chooses
 * it again. Should that re-pricing itself fail, the completion goes on (as it
 * would have without the check) and the failure is logged.
 */
export async function assertDeliveryPricesCurrent(container: MedusaContainer, cart: PricedDeliveryCart) {
  const methods = (cart.shipping_methods ?? []).flatMap((m) => (m?.shipping_option_id ? [m] : []))
  if (!methods.length || !(await promotionTouched(container, cart))) {
    return
  }
  let options: { id: string; name?: string | null; amount?: unknown }[]
  try {
    const { result } = await listShippingOptionsForCartWithPricingWorkflow(container).run({
      input: {
        cart_id: cart.id,
        options: methods.map((m) => ({ id: m.shipping_option_id!, data: m.data ?? undefined })),
        is_return: false,
      },
    })
    // Medusa types this workflow's result as any: the fields read here.
    options = result as typeof options
  } catch (e) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`Delivery prices of cart ${cart.id} could not be checked again: ${(e as Error).message}`)
    return
  }
  const currency = (cart.currency_code ?? "").toUpperCase()
  for (const method of methods) {
    const option = options.find((o) => o.id === method.shipping_option_id)
    const now = option?.amount === undefined || option.amount === null ? null : Number(option.amount)
    if (now !== null && now !== Number(method.amount)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${method.name ?? option?.name} now costs ${now} ${currency} for this cart (it was ${Number(method.amount)} ${currency} when chosen, ` +
          "before a discount changed the cart's total): choose the delivery option again"
      )
    }
  }
}

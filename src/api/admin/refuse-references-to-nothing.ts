import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"

type Middleware = (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => void | Promise<void>

/** Whether the record a field names exists; `noun` names it in the 400 ("there is no region reg_nope"). */
type Lookup = { noun: string; exists: (req: MedusaRequest, value: string) => Promise<boolean> }

/** A body field that names another record (an id, a currency code) or a date, and what it must be. */
export type ReferenceField = {
  field: string
  /** The field is in each element of this array of the body (`items[0].reason_id`), not at its top. */
  each?: string
  /** "a product type's id": the rule, in the 400's words. */
  what: string
  /** Whether `null` clears it (then said in the 400). */
  clears: boolean
  /** Looked up when given: Medusa saves it unchecked, or fails with its 500. */
  lookup?: Lookup
}

/** A Lookup from the module list call that finds the record (one row at most). */
const lookup = (noun: string, list: (req: MedusaRequest, value: string) => Promise<unknown[]>): Lookup => ({
  noun,
  exists: async (req, value) => (await list(req, value)).length > 0,
})
const ONE = { select: ["id"], take: 1 }

const REGION = lookup("region", (req, id) => req.scope.resolve(Modules.REGION).listRegions({ id }, ONE))
const SALES_CHANNEL = lookup("sales channel", (req, id) => req.scope.resolve(Modules.SALES_CHANNEL).listSalesChannels({ id }, ONE))
const STOCK_LOCATION = lookup("stock location", (req, id) =>
  req.scope.resolve(Modules.STOCK_LOCATION).listStockLocations({ id }, ONE)
)
const CATEGORY = lookup("category", (req, id) => req.scope.resolve(Modules.PRODUCT).listProductCategories({ id }, ONE))
const CURRENCY = lookup("currency", (req, code) =>
  req.scope.resolve(Modules.CURRENCY).listCurrencies({ code: [code.toLowerCase()] }, { select: ["code"], take: 1 })
)
const SHIPPING_OPTION = lookup("shipping option", (req, id) =>
  req.scope.resolve(Modules.FULFILLMENT).listShippingOptions({ id }, ONE)
)
const RETURN_REASON = lookup("return reason", (req, id) => req.scope.resolve(Modules.ORDER).listReturnReasons({ id }, ONE))

function bodyOf(req: MedusaRequest): Record<string, unknown> {
  const body = req.body
  return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
}

/**
 * Refuses, before anything is written, blank text (empty or only spaces) in any
 * of `fields` (400 `Invalid request: field 'type_id' must be a product type's
 * id, or null for none (got '')`), then a field with a `lookup` naming a record
 * that does not exist (400 `default_region_id: there is no region reg_nope`;
 * all of a body's looked up at once, every missing one named). Absent and null
 * fields are left to Medusa.
 */
/** The text given for each field: at the body's top, or in each element of its `each` array (named `items[0].reason_id`). */
function givenTexts(body: Record<string, unknown>, fields: ReferenceField[]) {
  return fields.flatMap((f) => {
    const holders: [string, unknown][] = !f.each
      ? [[f.field, body]]
      : Array.isArray(body[f.each])
        ? (body[f.each] as unknown[]).map((element, i): [string, unknown] => [`${f.each}[${i}].${f.field}`, element])
        : []
    return holders.flatMap(([name, holder]) => {
      const value = holder && typeof holder === "object" ? (holder as Record<string, unknown>)[f.field] : undefined
      return typeof value === "string" ? [{ f, name, text: value }] : []
    })
  })
}

function guardReferences(fields: ReferenceField[]): Middleware {
  return async (req, _res, next) => {
    try {
      const given = givenTexts(bodyOf(req), fields)
      const blank = given.find((g) => g.text.trim() === "")
      if (blank) {
        const rule = `${blank.f.what}${blank.f.clears ? ", or null for none" : ""}`
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Invalid request: field '${blank.name}' must be ${rule} (got '${blank.text}')`
        )
      }
      const named = given.filter((g) => g.f.lookup)
      const exists = await Promise.all(named.map((g) => g.f.lookup!.exists(req, g.text)))
      const missing = named.filter((_, i) => !exists[i]).map((g) => `${g.name}: there is no ${g.f.lookup!.noun} ${g.text}`)
      if (missing.length) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, missing.join("; "))
      }
      next()
    } catch (e) {
      next(e)
    }
  }
}

/** Routes that take the same fields. */
const sameFields = (matchers: string[], fields: ReferenceField[]) => matchers.map((matcher) => ({ matcher, fields }))

/** The create route (`/admin/x`) and the update route (`/admin/x/:id`) of one kind of record, with the same fields. */
const createAndUpdate = (path: string, fields: ReferenceField[]) => sameFields([path, `${path}/:id`], fields)

/**
 * Medusa admin writes whose validation lets blank text through where an id, a
 * currency code or a date belongs, and which then fail with its 500 (a stack
 * overflow for a product's `type_id: ""` or a shipping option's
 * `provider_id: ""`, "Invalid time value" for a price list's `starts_at: ""`,
 * an ORM error for a region's `currency_code: ""`), or save the blank as a
 * reference to nothing (a store's `default_region_id: ""`, a draft order's
 * `region_id: ""`). Medusa Admin sends `null` to clear these, never "". Fields
 * with a `lookup` name records Medusa does not look up: a store default or a
 * region's currency saved as they came (answered 200), a new category's parent
 * or a draft order's region its 500. Mounted per `POST` path, after Medusa's
 * own validation of the body.
 */
const REFERENCE_ROUTES: { matcher: string; fields: ReferenceField[] }[] = [
  ...createAndUpdate("/admin/products", [
    { field: "type_id", what: "a product type's id", clears: true },
    { field: "collection_id", what: "a collection's id", clears: true },
  ]),
  { matcher: "/admin/tax-rates", fields: [{ field: "tax_region_id", what: "a tax region's id", clears: false }] },
  ...createAndUpdate("/admin/price-lists", [
    { field: "starts_at", what: "a date", clears: true },
    { field: "ends_at", what: "a date", clears: true },
  ]),
  ...createAndUpdate("/admin/regions", [
    { field: "currency_code", what: "a currency code such as 'inr'", clears: false, lookup: CURRENCY },
  ]),
  // An update's parent is looked up with the category rules (product-categories/keep-kinds.ts).
  {
    matcher: "/admin/product-categories",
    fields: [{ field: "parent_category_id", what: "a category's id", clears: true, lookup: CATEGORY }],
  },
  { matcher: "/admin/product-categories/:id", fields: [{ field: "parent_category_id", what: "a category's id", clears: true }] },
  ...createAndUpdate("/admin/shipping-options", [
    { field: "provider_id", what: "a fulfillment provider's id", clears: false },
    { field: "shipping_profile_id", what: "a shipping profile's id", clears: false },
  ]),
  { matcher: "/admin/tax-regions/:id", fields: [{ field: "provider_id", what: "a tax provider's id", clears: false }] },
  { matcher: "/admin/promotions/:id", fields: [{ field: "campaign_id", what: "a campaign's id", clears: true }] },
  ...createAndUpdate("/admin/return-reasons", [
    { field: "parent_return_reason_id", what: "a return reason's id", clears: true },
  ]),
  { matcher: "/admin/draft-orders", fields: [{ field: "region_id", what: "a region's id", clears: false, lookup: REGION }] },
  // Returns, claims, exchanges and order edits. A shipping option that does not
  // exist is Medusa's 500 (a TypeError reading its price type); a blank
  // `reason_id` on a returned item is saved, and the request's confirmation then
  // fails with a 500 (a stack overflow) every time, leaving the return stuck.
  ...sameFields(
    [
      "/admin/returns/:id/shipping-method",
      "/admin/claims/:id/inbound/shipping-method",
      "/admin/claims/:id/outbound/shipping-method",
      "/admin/exchanges/:id/inbound/shipping-method",
      "/admin/exchanges/:id/outbound/shipping-method",
      "/admin/order-edits/:id/shipping-method",
    ],
    [{ field: "shipping_option_id", what: "a shipping option's id", clears: false, lookup: SHIPPING_OPTION }]
  ),
  ...sameFields(
    ["/admin/returns/:id/request-items", "/admin/claims/:id/inbound/items", "/admin/exchanges/:id/inbound/items"],
    [{ field: "reason_id", each: "items", what: "a return reason's id", clears: false, lookup: RETURN_REASON }]
  ),
  ...sameFields(
    [
      "/admin/returns/:id/request-items/:action_id",
      "/admin/claims/:id/inbound/items/:action_id",
      "/admin/exchanges/:id/inbound/items/:action_id",
    ],
    [{ field: "reason_id", what: "a return reason's id", clears: true, lookup: RETURN_REASON }]
  ),
  {
    matcher: "/admin/stores/:id",
    fields: [
      { field: "default_region_id", what: "a region's id", clears: true, lookup: REGION },
      { field: "default_sales_channel_id", what: "a sales channel's id", clears: true, lookup: SALES_CHANNEL },
      { field: "default_location_id", what: "a stock location's id", clears: true, lookup: STOCK_LOCATION },
    ],
  },
]

/** The guard of each REFERENCE_ROUTES path (POST), for src/api/middlewares.ts. */
export const ADMIN_REFERENCE_GUARDS: { matcher: string; middlewares: Middleware[] }[] = REFERENCE_ROUTES.map((route) => ({
  matcher: route.matcher,
  middlewares: [guardReferences(route.fields)],
}))

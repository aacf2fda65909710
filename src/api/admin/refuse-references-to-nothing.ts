import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"

type Middleware = (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => void | Promise<void>

/** Whether the record a field names exists; `noun` names it in the 400 ("there is no region reg_nope"). */
type Lookup = { noun: string; exists: (req: MedusaRequest, value: string) => Promise<boolean> }

/** A body field that names another record (an id, a currency code) or a date, and what it must be. */
export type ReferenceField = {
  field: string
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
function guardReferences(fields: ReferenceField[]): Middleware {
  return async (req, _res, next) => {
    try {
      const body = bodyOf(req)
      const text = (f: ReferenceField) => (typeof body[f.field] === "string" ? (body[f.field] as string) : null)
      const blank = fields.find((f) => text(f)?.trim() === "")
      if (blank) {
        const rule = `${blank.what}${blank.clears ? ", or null for none" : ""}`
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Invalid request: field '${blank.field}' must be ${rule} (got '${text(blank)}')`
        )
      }
      const named = fields.filter((f) => f.lookup && text(f))
      const exists = await Promise.all(named.map((f) => f.lookup!.exists(req, text(f)!)))
      const missing = named.filter((_, i) => !exists[i]).map((f) => `${f.field}: there is no ${f.lookup!.noun} ${text(f)}`)
      if (missing.length) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, missing.join("; "))
      }
      next()
    } catch (e) {
      next(e)
    }
  }
}

/** The create route (`/admin/x`) and the update route (`/admin/x/:id`) of one kind of record, with the same fields. */
const createAndUpdate = (path: string, fields: ReferenceField[]) => [
  { matcher: path, fields },
  { matcher: `${path}/:id`, fields },
]

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

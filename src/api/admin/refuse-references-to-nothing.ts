import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"

type Middleware = (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => void | Promise<void>

/** A body field that names another record (an id, a currency code) or a date, and what it must be. */
export type ReferenceField = {
  field: string
  /** "a product type's id": the rule, in the 400's words. */
  what: string
  /** Whether `null` clears it (then said in the 400). */
  clears: boolean
}

function bodyOf(req: MedusaRequest): Record<string, unknown> | null {
  const body = req.body
  return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : null
}

function invalidField(field: string, rule: string, got: string) {
  return new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: field '${field}' must be ${rule} (got '${got}')`)
}

/** Refuses blank text (empty or only spaces) in any of `fields`: a 400 naming the field, before anything is written. */
export function refuseBlankReferences(fields: ReferenceField[]) {
  return (req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) => {
    const body = bodyOf(req)
    const blank = body && fields.find((f) => typeof body[f.field] === "string" && !(body[f.field] as string).trim())
    if (blank) {
      return next(invalidField(blank.field, `${blank.what}${blank.clears ? ", or null for none" : ""}`, body[blank.field] as string))
    }
    next()
  }
}

/** Text in `body[field]`, when given (null and absent: nothing to look up). */
function named(body: Record<string, unknown>, field: string): string | null {
  const value = body[field]
  return typeof value === "string" && value.trim() ? value : null
}

/**
 * POST /admin/stores/:id: Medusa saves a default region, sales channel or stock
 * location without looking it up, so a default naming one that does not exist
 * was written as it came (answered 200). Refused here, a 400 naming the field,
 * and nothing is written.
 */
export async function refuseUnknownStoreDefaults(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const body = bodyOf(req) ?? {}
    const [region, channel, location] = [
      named(body, "default_region_id"),
      named(body, "default_sales_channel_id"),
      named(body, "default_location_id"),
    ]
    const [regions, channels, locations] = await Promise.all([
      region ? req.scope.resolve(Modules.REGION).listRegions({ id: region }, { select: ["id"], take: 1 }) : null,
      channel ? req.scope.resolve(Modules.SALES_CHANNEL).listSalesChannels({ id: channel }, { select: ["id"], take: 1 }) : null,
      location ? req.scope.resolve(Modules.STOCK_LOCATION).listStockLocations({ id: location }, { select: ["id"], take: 1 }) : null,
    ])
    const missing = [
      regions?.length === 0 && `default_region_id: there is no region ${region}`,
      channels?.length === 0 && `default_sales_channel_id: there is no sales channel ${channel}`,
      locations?.length === 0 && `default_location_id: there is no stock location ${location}`,
    ].filter(Boolean)
    if (missing.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, missing.join("; "))
    }
    next()
  } catch (e) {
    next(e)
  }
}

/**
 * A middleware refusing a body whose `field` names a record `exists` does not
 * find: 400 `<field>: there is no <noun> <value>`, before anything is written.
 * Absent, null or blank (refuseBlankReferences' case): passed on.
 */
function refuseUnknown(field: string, noun: string, exists: (req: MedusaRequest, value: string) => Promise<boolean>) {
  return async (req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) => {
    try {
      const value = named(bodyOf(req) ?? {}, field)
      if (value && !(await exists(req, value))) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field}: there is no ${noun} ${value}`)
      }
      next()
    } catch (e) {
      next(e)
    }
  }
}

/**
 * POST /admin/product-categories (create) under a parent that does not exist:
 * Medusa's own message, but an error type its handler answers as a 500. A 400
 * in the words the category update already answers it with
 * (src/lib/catalog/product-profiles.ts).
 */
export const refuseUnknownParentCategory = refuseUnknown("parent_category_id", "category", async (req, id) => {
  const found = await req.scope.resolve(Modules.PRODUCT).listProductCategories({ id }, { select: ["id"], take: 1 })
  return found.length > 0
})

/** POST /admin/draft-orders in a region that does not exist: Medusa's 500 (it reads the region's currency). */
export const refuseUnknownDraftOrderRegion = refuseUnknown("region_id", "region", async (req, id) => {
  const found = await req.scope.resolve(Modules.REGION).listRegions({ id }, { select: ["id"], take: 1 })
  return found.length > 0
})

/**
 * POST /admin/regions and /admin/regions/:id: Medusa saves a region's currency
 * without looking it up, so `currency_code: "zzz"` made a region no price can
 * be in (answered 200). A code Medusa's Currency Module does not know is a 400.
 */
export const refuseUnknownCurrency = refuseUnknown("currency_code", "currency", async (req, code) => {
  const found = await req.scope
    .resolve(Modules.CURRENCY)
    .listCurrencies({ code: [code.toLowerCase()] }, { select: ["code"], take: 1 })
  return found.length > 0
})

/**
 * Medusa admin writes whose validation lets blank text through where an id, a
 * currency code or a date belongs, and which then fail with its 500 (a stack
 * overflow for a product's `type_id: ""` or a shipping option's
 * `provider_id: ""`, "Invalid time value" for a price
 * list's `starts_at: ""`, an ORM error for a region's `currency_code: ""`), or
 * save the blank as a reference to nothing (a store's `default_region_id: ""`).
 * Medusa Admin sends `null` to clear these, never "". Some routes also look
 * up what a field names (`lookup`). Mounted per method and path, after
 * Medusa's own validation of the body.
 */
const REFERENCE_ROUTES: { matcher: string; fields: ReferenceField[]; lookup?: Middleware }[] = [
  ...["/admin/products", "/admin/products/:id"].map((matcher) => ({
    matcher,
    fields: [
      { field: "type_id", what: "a product type's id", clears: true },
      { field: "collection_id", what: "a collection's id", clears: true },
    ],
  })),
  { matcher: "/admin/tax-rates", fields: [{ field: "tax_region_id", what: "a tax region's id", clears: false }] },
  ...["/admin/price-lists", "/admin/price-lists/:id"].map((matcher) => ({
    matcher,
    fields: [
      { field: "starts_at", what: "a date", clears: true },
      { field: "ends_at", what: "a date", clears: true },
    ],
  })),
  ...["/admin/regions", "/admin/regions/:id"].map((matcher) => ({
    matcher,
    fields: [{ field: "currency_code", what: "a currency code such as 'inr'", clears: false }],
    lookup: refuseUnknownCurrency,
  })),
  ...["/admin/product-categories", "/admin/product-categories/:id"].map((matcher) => ({
    matcher,
    fields: [{ field: "parent_category_id", what: "a category's id", clears: true }],
    // The update's parent is looked up with the category rules (product-categories/keep-kinds.ts).
    lookup: matcher === "/admin/product-categories" ? refuseUnknownParentCategory : undefined,
  })),
  ...["/admin/shipping-options", "/admin/shipping-options/:id"].map((matcher) => ({
    matcher,
    fields: [
      { field: "provider_id", what: "a fulfillment provider's id", clears: false },
      { field: "shipping_profile_id", what: "a shipping profile's id", clears: false },
    ],
  })),
  { matcher: "/admin/tax-regions/:id", fields: [{ field: "provider_id", what: "a tax provider's id", clears: false }] },
  { matcher: "/admin/promotions/:id", fields: [{ field: "campaign_id", what: "a campaign's id", clears: true }] },
  ...["/admin/return-reasons", "/admin/return-reasons/:id"].map((matcher) => ({
    matcher,
    fields: [{ field: "parent_return_reason_id", what: "a return reason's id", clears: true }],
  })),
  // A draft order's region: blank was saved as a draft order in no region.
  {
    matcher: "/admin/draft-orders",
    fields: [{ field: "region_id", what: "a region's id", clears: false }],
    lookup: refuseUnknownDraftOrderRegion,
  },
  {
    matcher: "/admin/stores/:id",
    fields: [
      { field: "default_region_id", what: "a region's id", clears: true },
      { field: "default_sales_channel_id", what: "a sales channel's id", clears: true },
      { field: "default_location_id", what: "a stock location's id", clears: true },
    ],
    lookup: refuseUnknownStoreDefaults,
  },
]

/** The guards of REFERENCE_ROUTES, per path (POST), for src/api/middlewares.ts. */
export const ADMIN_REFERENCE_GUARDS: { matcher: string; middlewares: Middleware[] }[] = REFERENCE_ROUTES.map((route) => ({
  matcher: route.matcher,
  middlewares: [refuseBlankReferences(route.fields), ...(route.lookup ? [route.lookup] : [])],
}))

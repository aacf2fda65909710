import {
  authenticate,
  configureStoreSearch,
  defineMiddlewares,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { AdminListHoldsQuery, AdminReleaseHoldBody } from "./admin/holds/validators"
import { shopErrorHandler } from "./error-handler"
import { idempotencyKey } from "./idempotency-key"
import { StoreAvailabilityQuery } from "./store/availability/validators"
import { guardOneOfAKindStock } from "./admin/inventory-items/one-of-a-kind-stock"
import { moveReservationFirst } from "./admin/reservations/move-first"
import { moveReservationsToFulfillmentLocation } from "./admin/orders/move-to-fulfillment-location"
import { keepKindsOnCategoryDelete, keepKindsOnCategoryLinks, keepKindsOnCategoryMove } from "./admin/product-categories/keep-kinds"
import { keepKindTypes } from "./admin/product-types/keep-kind-types"
import { guardOriginalInventoryLinks } from "./admin/products/original-inventory-links"
import { reindexLinkedProducts } from "./admin/reindex-linked-products"
import { refuseUnknownProductLinks } from "./admin/sales-channels/refuse-unknown-product-links"
import { ADMIN_REFERENCE_GUARDS } from "./admin/refuse-references-to-nothing"
import { refuseEmptyItemList } from "./admin/refuse-empty-item-lists"
import { requireItemOfOrder } from "./admin/order-edits/require-item-of-order"
import { requireLocationName } from "./admin/stock-locations/require-location-name"
import { followPriceListWrite } from "./admin/price-lists/follow-price-lists"
import { ArtProfilePatchSchema } from "../modules/art-profile/validation"
import { SnackProfilePatchSchema } from "../modules/snack-profile/validation"
import { allowProfileFields } from "./store/products/allow-profile-fields"
import { catalogProductsQueryConfig } from "./store/catalog/products/query-config"
import { StoreCatalogProductsQuery } from "./store/catalog/products/validators"
import { AdminPresignedUploadBody } from "./admin/uploads/validators"
import { multipartUploadRules } from "./admin/uploads/multipart-upload-rules"
import { AdminAttachProductPhotoBody } from "./admin/products/[id]/photos/validators"
import { AdminShopDashboardQuery } from "./admin/shop-dashboard/validators"
import { PRODUCT_LINK_WRITES_CLEAR, storeCacheMiddleware } from "./store/cached-routes"
import { clearCacheAfterWrite } from "../lib/store-cache/clear-after-write"
import { medusaCartCompletion } from "./diagnostics/medusa-cart-completion"
import { readShopEnv } from "../config/shop-env"
import { applySecurityHeadersToEveryResponse } from "../lib/http/security-headers"
import { rateLimitRequests } from "./rate-limit"
import { exposeShopHeaders } from "./expose-headers"
import { repriceDeliveryAfterPromotion } from "./store/carts/reprice-delivery-after-promotion"
import { refuseUnknownCart } from "./store/carts/refuse-unknown-cart"
import { holdAtPaymentStep } from "./store/payment-collections/hold-at-payment-step"
import { refuseUnknownSessionTargets } from "./refuse-unknown-session-targets"
import { refuseControlCharacters } from "./refuse-control-characters"
import { refuseMalformedListQuery } from "./refuse-malformed-list-query"
import { recordCartOwner, requireOwnCart } from "./cart-ownership"
import { releasePaymentsOfRefusedCompletion } from "./refused-completion-payments"
import { fundHoldingProviderConfigured } from "../lib/payments/held-funds"
import { checkoutGate } from "./checkout-gate"
import { typoToleranceByDefault } from "./store/search/typo-tolerance-by-default"

// Security headers (helmet) on every answer of this server, the admin included.
applySecurityHeadersToEveryResponse({ production: process.env.NODE_ENV === "production" })

/**
 * Profiles ride on Medusa's own product routes as additional_data. Those admin
 * routes accept bodies up to 16 MB so that an oversized field (a 10 MB paste)
 * reaches validation and gets a 400 naming it, instead of a bare 413.
 */
const PRODUCT_BODY_LIMIT = { sizeLimit: "16mb" }

/**
 * The checkout's writes (`/hold`, `DELETE /hold`, `/complete`) take no body:
 * none, or `{}`. Anything but an object (text, a list) is told so; an object's
 * fields are named by Medusa's "Unrecognized fields".
 */
const NO_BODY = z.preprocess((body, ctx) => {
  if (body === undefined || body === null || (typeof body === "object" && !Array.isArray(body))) {
    return body ?? {}
  }
  ctx.addIssue({
    code: "custom",
    message: `The request body must be empty or {}: this route takes no fields (got ${Array.isArray(body) ? "a list" : typeof body})`,
  })
  return z.NEVER
}, z.object({}).strict())
/**
 * For routes that take no query parameters: any is a 400 naming it (`/hold`,
 * `DELETE /hold`, the owner's hold routes; `/store/carts/:id/complete` keeps
 * Medusa's own, the order's `fields`).
 */
const refuseQueryParameters = validateAndTransformQuery(z.object({}).strict(), { defaults: [], isList: false })
/** Validates the two profile shapes before any workflow runs. */
const productProfileData = {
  snack_profile: SnackProfilePatchSchema.optional(),
  art_profile: ArtProfilePatchSchema.optional(),
}

export default defineMiddlewares({
  errorHandler: shopErrorHandler,
  routes: [
    // Security, before every other middleware (global ones run first): per-client
    // rate limits (their headers readable by browser storefronts on other origins),
    // then no control characters (NUL...) in any path, query or body.
    ...["/store", "/auth"].map((matcher) => ({ matcher, middlewares: [exposeShopHeaders, rateLimitRequests] })),
    ...["/store", "/auth", "/admin"].map((matcher) => ({ matcher, middlewares: [refuseControlCharacters] })),
    // ...and no negative limit or offset, nor a date filter that is not a date, on any list (Medusa: a 500).
    ...["/store/*", "/admin/*"].map((matcher) => ({ method: ["GET" as const], matcher, middlewares: [refuseMalformedListQuery] })),
    // Store API response cache (src/lib/store-cache): one middleware for every
    // /store path, ahead of the routes' own middlewares; it answers only the
    // reads listed in store/cached-routes.ts and passes everything else on.
    { matcher: "/store/*", middlewares: [storeCacheMiddleware()] },
    // Benchmarks only: plain Medusa completion on a server started with
    // DIAGNOSTIC_MEDUSA_CART_COMPLETION=true (see diagnostics/medusa-cart-completion.ts).
    ...(readShopEnv().diagnostics.medusaCartCompletion
      ? [{ method: ["POST" as const], matcher: "/store/carts/:id/complete", middlewares: [medusaCartCompletion] }]
      : []),
    ...["/admin/product-categories/:id/products", "/admin/collections/:id/products"].map((matcher) => ({
      method: ["POST" as const],
      matcher,
      middlewares: [clearCacheAfterWrite(PRODUCT_LINK_WRITES_CLEAR)],
    })),
    // Blank text where an admin write names another record or a date (Medusa: a
    // 500, or the blank saved), and store defaults, a new category's parent, a
    // region's currency, a return's or claim's shipping option or a returned item's
    // reason that name nothing (Medusa: saved, or a 500): a 400 naming the field,
    // nothing written.
    ...ADMIN_REFERENCE_GUARDS.map(({ matcher, middlewares }) => ({ method: ["POST" as const], matcher, middlewares })),
    // An empty list of a claim's returned items (Medusa: its 500): a 400 naming `items`.
    { method: ["POST"], matcher: "/admin/claims/:id/inbound/items", middlewares: [refuseEmptyItemList] },
    // An order edit's quantity change for an item the order does not have (Medusa: its 500): 404.
    { method: ["POST"], matcher: "/admin/order-edits/:id/items/item/:item_id", middlewares: [requireItemOfOrder] },
    // A stock location has a name: text, not blank (Medusa: a 500, or "" saved); ahead
    // of Medusa's own validation, where the 500 is.
    { matcher: "/admin/stock-locations", middlewares: [requireLocationName] },
    // A sales channel's product links name a channel and products that exist, each once
    // (Medusa writes them unchecked: links to nothing, or its 500).
    { method: ["POST"], matcher: "/admin/sales-channels/:id/products", middlewares: [refuseUnknownProductLinks] },
    // Products added to or taken out of a sales channel, a category or a collection:
    // re-indexed for search and the catalogue.
    ...["/admin/sales-channels/:id/products", "/admin/product-categories/:id/products", "/admin/collections/:id/products"].map(
      (matcher) => ({ method: ["POST" as const], matcher, middlewares: [reindexLinkedProducts] })
    ),
    // A price list drafted, activated, re-dated or deleted: store prices and the index follow.
    { method: ["POST", "DELETE"], matcher: "/admin/price-lists/:id", middlewares: [followPriceListWrite] },
    // Products moved between categories keep the catalogue rules and their
    // kind's type (GST): Medusa's category workflow has no hook.
    { method: ["POST"], matcher: "/admin/product-categories/:id/products", middlewares: [keepKindsOnCategoryLinks] },
    // ...and a category moved takes its products to another department only if they fit its rules.
    { method: ["POST"], matcher: "/admin/product-categories/:id", middlewares: [keepKindsOnCategoryMove] },
    // ...and a category deleted leaves no snack outside Snacks.
    { method: ["DELETE"], matcher: "/admin/product-categories/:id", middlewares: [keepKindsOnCategoryDelete] },
    // ...and the kinds' own product types ("Snack", "Art": the GST rates' rule) keep their names.
    { method: ["POST", "DELETE"], matcher: "/admin/product-types/:id", middlewares: [keepKindTypes] },
    // The shop's own cart routes serve a cart only to its shopper (404 otherwise),
    // before a retry key is looked at or any work is done; then, past the retry
    // key, the checkout's writes pass this process's gate (sold out at the door, or
    // wait their turn: a rush must not share the cores among a hundred half-done
    // checkouts).
    ...(["/store/carts/:id/hold", "/store/carts/:id/complete"] as const).map((matcher) => ({
      method: ["POST" as const, "DELETE" as const],
      matcher,
      middlewares: [requireOwnCart],
    })),
    // A completion refused for stock releases the card the storefront had authorized
    // (one refused by the shop's other rules is announced by completeCartWorkflow's validate hook).
    ...(fundHoldingProviderConfigured(readShopEnv())
      ? [{ method: ["POST" as const], matcher: "/store/carts/:id/complete", middlewares: [releasePaymentsOfRefusedCompletion] }]
      : []),
    // Their bodies (none: an empty object at most) are checked next, so that bad
    // input gets its 400 naming the field before any stock answer or queue.
    {
      method: ["POST"],
      matcher: "/store/carts/:id/hold",
      middlewares: [
        // A logged-in customer is counted as one client (the per-customer hold cap); guests by IP.
        authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }),
        refuseQueryParameters,
        validateAndTransformBody(NO_BODY),
      ],
    },
    {
      method: ["POST"],
      matcher: "/store/carts/:id/complete",
      middlewares: [validateAndTransformBody(NO_BODY)],
    },
    {
      method: ["DELETE"],
      matcher: "/store/carts/:id/hold",
      middlewares: [refuseQueryParameters, validateAndTransformBody(NO_BODY)],
    },
    // A payment session names a payment collection and a provider that exist (else
    // Medusa's 500), checked before the retry key and any hold; in Admin too.
    {
      method: ["POST"],
      matcher: "/store/payment-collections/:id/payment-sessions",
      middlewares: [refuseUnknownSessionTargets("GET /store/payment-providers?region_id=... lists the cart's region's")],
    },
    {
      method: ["POST"],
      matcher: "/admin/payment-collections/:id/payment-sessions",
      middlewares: [refuseUnknownSessionTargets("GET /admin/payments/payment-providers lists them")],
    },
    // Retry-safe requests (Idempotency-Key) on the checkout's writes.
    ...[
      "/store/carts",
      "/store/carts/:id/hold",
      "/store/payment-collections/:id/payment-sessions",
      "/store/carts/:id/complete",
    ].map((matcher) => ({ method: ["POST" as const], matcher, middlewares: [idempotencyKey] })),
    // A payment session created for a cart holds its stock too (HOLD_AT_PAYMENT_STEP),
    // after the retry key: a retry answered from the key's record holds nothing again.
    ...(readShopEnv().checkoutHoldAtPaymentStep
      ? [
          {
            method: ["POST" as const],
            matcher: "/store/payment-collections/:id/payment-sessions",
            middlewares: [
              // A logged-in customer is counted as one client (the per-customer hold cap); guests by IP.
              authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }),
              holdAtPaymentStep,
            ],
          },
        ]
      : []),
    // The checkout's writes pass this process's gate after the retry key: a retry of
    // an answered request gets its answer at once, and one waiting for the first
    // try's answer takes no place at the gate.
    ...(["/store/carts/:id/hold", "/store/carts/:id/complete"] as const).map((matcher) => ({
      method: ["POST" as const],
      matcher,
      middlewares: [checkoutGate],
    })),
    // A promotion applied or removed, or recomputed after a line change or a transfer to
    // the signed-in customer: the delivery is priced again on the cart it leaves.
    // Medusa's promotion routes answer an unknown cart with a 500: a 404 first.
    { method: ["POST", "DELETE"], matcher: "/store/carts/:id/promotions", middlewares: [refuseUnknownCart] },
    { method: ["POST"], matcher: "/store/carts/:id", middlewares: [repriceDeliveryAfterPromotion] },
    { method: ["POST"], matcher: "/store/carts/:id/customer", middlewares: [repriceDeliveryAfterPromotion] },
    { method: ["POST"], matcher: "/store/carts/:id/line-items", middlewares: [repriceDeliveryAfterPromotion] },
    ...(["/store/carts/:id/promotions", "/store/carts/:id/line-items/:line_id"] as const).map((matcher) => ({
      method: ["POST" as const, "DELETE" as const],
      matcher,
      middlewares: [repriceDeliveryAfterPromotion],
    })),
    // A cart created for, or taken over by, a signed-in customer is theirs (requireOwnCart).
    // After the retry key: its answer wraps the key's record, so a 503 for an owner
    // that could not be recorded is what the key sees (not kept), never the cart.
    ...(["/store/carts", "/store/carts/:id/customer"] as const).map((matcher) => ({
      method: ["POST" as const],
      matcher,
      middlewares: [recordCartOwner],
    })),
    {
      method: ["GET"],
      matcher: "/admin/holds",
      middlewares: [validateAndTransformQuery(AdminListHoldsQuery, { defaults: ["id"], isList: true })],
    },
    {
      method: ["GET"],
      matcher: "/admin/holds/limits",
      middlewares: [refuseQueryParameters],
    },
    {
      method: ["POST"],
      matcher: "/admin/holds/:id/release",
      middlewares: [refuseQueryParameters, validateAndTransformBody(AdminReleaseHoldBody)],
    },
    {
      method: ["GET"],
      matcher: "/store/availability",
      middlewares: [
        // With cart_id, a signed-in customer's cart is answered only for them (ownCart).
        authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }),
        validateAndTransformQuery(StoreAvailabilityQuery, { defaults: [], isList: false }),
      ],
    },
    {
      method: ["POST"],
      matcher: "/admin/products",
      bodyParser: PRODUCT_BODY_LIMIT,
      additionalDataValidator: productProfileData,
    },
    {
      method: ["POST"],
      matcher: "/admin/products/:id",
      bodyParser: PRODUCT_BODY_LIMIT,
      additionalDataValidator: productProfileData,
    },
    ...[
      "/admin/inventory-items/:id/location-levels",
      "/admin/inventory-items/:id/location-levels/batch",
      "/admin/inventory-items/:id/location-levels/:location_id",
      "/admin/inventory-items/location-levels/batch",
    ].map((matcher) => ({
      method: ["POST" as const],
      matcher,
      middlewares: [guardOneOfAKindStock],
    })),
    // An original's variant is never linked to an inventory item of more than 1 unit.
    ...["/admin/products/:id/variants/:variant_id/inventory-items", "/admin/products/:id/variants/inventory-items/batch"].map(
      (matcher) => ({ method: ["POST" as const], matcher, middlewares: [guardOriginalInventoryLinks] })
    ),
    // An owner's move of a reservation to another location, without Medusa 2.21's
    // leak of its units at the old one (src/lib/inventory/move-reservation.ts).
    { method: ["POST"], matcher: "/admin/reservations/:id", middlewares: [moveReservationFirst] },
    // ...and of an order's reservations to the location a fulfilment ships from.
    { method: ["POST"], matcher: "/admin/orders/:id/fulfillments", middlewares: [moveReservationsToFulfillmentLocation] },
    {
      method: ["GET"],
      matcher: "/store/products*",
      middlewares: [allowProfileFields],
    },
    // Uploads: only JPEG, PNG or WebP photos up to 5 MB (and Medusa Admin's product
    // import CSV), checked before Medusa's own routes issue a URL or store a file.
    {
      method: ["POST"],
      matcher: "/admin/uploads/presigned-urls",
      middlewares: [validateAndTransformBody(AdminPresignedUploadBody)],
    },
    {
      method: ["POST"],
      matcher: "/admin/uploads",
      middlewares: [multipartUploadRules],
    },
    {
      method: ["POST"],
      matcher: "/admin/products/:id/photos",
      middlewares: [validateAndTransformBody(AdminAttachProductPhotoBody)],
    },
    {
      method: ["GET"],
      matcher: "/admin/shop-dashboard",
      middlewares: [validateAndTransformQuery(AdminShopDashboardQuery, { defaults: [], isList: false })],
    },
    {
      method: ["GET"],
      matcher: "/store/catalog/products",
      middlewares: [validateAndTransformQuery(StoreCatalogProductsQuery, catalogProductsQueryConfig)],
    },
    // Medusa's own POST /store/search on the product index (src/search/product.ts);
    // Medusa narrows it to published products of the key's sales channels.
    {
      method: ["POST"],
      matcher: "/store/search",
      middlewares: [configureStoreSearch({ allowed_indexes: { product: true } }), typoToleranceByDefault],
    },
  ],
})


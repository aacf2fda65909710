import {
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
import { ArtProfilePatchSchema } from "../modules/art-profile/validation"
import { SnackProfilePatchSchema } from "../modules/snack-profile/validation"
import { allowProfileFields } from "./store/products/allow-profile-fields"
import { catalogProductsQueryConfig } from "./store/catalog/products/query-config"
import { StoreCatalogProductsQuery } from "./store/catalog/products/validators"
import { applySecurityHeadersToEveryResponse } from "../lib/http/security-headers"
import { rateLimitRequests } from "./rate-limit"
import { refuseControlCharacters } from "./refuse-control-characters"

// Security headers (helmet) on every answer of this server, the admin included.
applySecurityHeadersToEveryResponse({ production: process.env.NODE_ENV === "production" })

/**
 * Profiles ride on Medusa's own product routes as additional_data. Those admin
 * routes accept bodies up to 16 MB so that an oversized field (a 10 MB paste)
 * reaches validation and gets a 400 naming it, instead of a bare 413.
 */
const PRODUCT_BODY_LIMIT = { sizeLimit: "16mb" }
/** Validates the two profile shapes before any workflow runs. */
const productProfileData = {
  snack_profile: SnackProfilePatchSchema.optional(),
  art_profile: ArtProfilePatchSchema.optional(),
}

export default defineMiddlewares({
  errorHandler: shopErrorHandler,
  routes: [
    // Security, before every other middleware (global ones run first): per-client
    // rate limits, then no control characters (NUL...) in any path, query or body.
    ...["/store", "/auth"].map((matcher) => ({ matcher, middlewares: [rateLimitRequests] })),
    ...["/store", "/auth", "/admin"].map((matcher) => ({ matcher, middlewares: [refuseControlCharacters] })),
    // Retry-safe requests (Idempotency-Key) on the checkout's writes.
    ...[
      "/store/carts",
      "/store/carts/:id/hold",
      "/store/payment-collections/:id/payment-sessions",
      "/store/carts/:id/complete",
    ].map((matcher) => ({ method: ["POST" as const], matcher, middlewares: [idempotencyKey] })),
    {
      method: ["GET"],
      matcher: "/admin/holds",
      middlewares: [validateAndTransformQuery(AdminListHoldsQuery, { defaults: ["id"], isList: true })],
    },
    {
      method: ["POST"],
      matcher: "/admin/holds/:id/release",
      middlewares: [validateAndTransformBody(AdminReleaseHoldBody)],
    },
    {
      method: ["GET"],
      matcher: "/store/availability",
      middlewares: [validateAndTransformQuery(StoreAvailabilityQuery, { defaults: [], isList: false })],
    },
    {
      method: ["POST"],
      matcher: "/store/carts/:id/hold",
      middlewares: [validateAndTransformBody(z.object({}).strict())],
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
    {
      method: ["GET"],
      matcher: "/store/products*",
      middlewares: [allowProfileFields],
    },
    {
      method: ["GET"],
      matcher: "/store/catalog/products",
      middlewares: [validateAndTransformQuery(StoreCatalogProductsQuery, catalogProductsQueryConfig)],
    },
  ],
})


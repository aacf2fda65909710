import { errorHandler, type MedusaNextFunction, type MedusaRequest, type MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { CHECKOUT_BUSY, CHECKOUT_IN_PROGRESS, HOLD_CAP_REACHED, INSUFFICIENT_INVENTORY, type ShortItem } from "../lib/checkout-hold/errors"
import { isInfrastructureOutage, OUTAGE_RETRY_AFTER_SECONDS } from "../lib/http/infrastructure-outage"

const medusaErrorHandler = errorHandler()
/** How Medusa's query validation words a parameter name of more than two parts. */
const DEEP_QUERY_KEY = "Key accessor more than 2 levels deep: "

/**
 * How MikroORM refuses to write a record without a required property, which
 * Medusa's update validators let through in nested lists (`variants: [{}]` on
 * a product update, `prices: [{}]` on a shipping option's, `budget: {}` on a
 * campaign's): "Value for ProductVariant.title is required, 'undefined' found",
 * followed by the record.
 */
const REQUIRED_PROPERTY = /^Value for (\w+)\.(\w+) is required, 'undefined' found/

/** How MikroORM refuses to order by a field the entity lacks (`?order=-nope` on an admin list). */
const UNKNOWN_ORDER_FIELD = /^Trying to order by not existing property \w+\.(\S+)$/

type ShopError = Error & { type?: string; items?: ShortItem[]; retryAfterSeconds?: number; code?: unknown; until?: Date | null }

/**
 * Medusa's error handler, plus the checkout conflicts that carry more than a
 * message: which items are short, and when to retry; and a database or Redis
 * out of reach for a moment (isInfrastructureOutage), answered 503 with a
 * Retry-After instead of Medusa's 500 "unknown_error".
 */
export function shopErrorHandler(err: ShopError, req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (err?.type === INSUFFICIENT_INVENTORY) {
    res.status(409).json({ type: INSUFFICIENT_INVENTORY, message: err.message, items: err.items ?? [] })
    return
  }
  if (err?.type === HOLD_CAP_REACHED) {
    res.status(409).json({
      type: HOLD_CAP_REACHED,
      code: err.code,
      message: err.message,
      ...(err.until ? { until: err.until.toISOString() } : {}),
    })
    return
  }
  if (err?.type === CHECKOUT_IN_PROGRESS) {
    if (err.retryAfterSeconds) {
      res.setHeader("Retry-After", String(err.retryAfterSeconds))
    }
    res.status(409).json({
      type: CHECKOUT_IN_PROGRESS,
      message: err.message,
      ...(err.retryAfterSeconds ? { retry_after: err.retryAfterSeconds } : {}),
    })
    return
  }
  if (err?.type === CHECKOUT_BUSY) {
    const retry = err.retryAfterSeconds ?? 1
    res.setHeader("Retry-After", String(retry))
    res.status(409).json({ type: CHECKOUT_BUSY, message: err.message, retry_after: retry })
    return
  }
  if (err?.type === MedusaError.Types.INVALID_ARGUMENT && err.message?.startsWith(DEEP_QUERY_KEY)) {
    // Medusa's query validation refuses `?a.b.c=1` with a type its handler answers as a 500.
    const key = err.message.slice(DEEP_QUERY_KEY.length)
    res.status(400).json({
      type: "invalid_data",
      message: `Query parameter '${key}' is not allowed: a parameter name has at most two parts (a.b)`,
    })
    return
  }
  const unknownOrderField = UNKNOWN_ORDER_FIELD.exec(err?.message ?? "")
  if (unknownOrderField) {
    // `?order=` naming a field the entity lacks: Medusa's admin list routes pass it
    // on to the ORM, whose refusal its handler answers as a 500 (its store routes
    // check it first, in these words).
    res.status(400).json({ type: "invalid_data", message: `Order field ${unknownOrderField[1]} is not valid` })
    return
  }
  const requiredProperty = err?.name === "ValidationError" ? REQUIRED_PROPERTY.exec(err.message ?? "") : null
  if (requiredProperty) {
    // Nothing was written: the ORM refuses before its flush, and the workflow rolls back.
    res.status(400).json({
      type: "invalid_data",
      message: `Invalid request: field '${requiredProperty[2]}' is required for each ${requiredProperty[1]} in the request`,
    })
    return
  }
  if (isInfrastructureOutage(err)) {
    const logger = req.scope?.resolve(ContainerRegistrationKeys.LOGGER) ?? console
    logger.error(`Service unavailable at ${req.method} ${req.path}: ${err.name}: ${err.message}`)
    res.setHeader("Retry-After", String(OUTAGE_RETRY_AFTER_SECONDS))
    res.status(503).json({
      type: "service_unavailable",
      message: "The shop could not reach its database or cache for a moment; please retry",
      retry_after: OUTAGE_RETRY_AFTER_SECONDS,
    })
    return
  }
  if (err instanceof URIError) {
    // Express could not decode a path parameter (a malformed percent-escape, `%E0%A4`):
    // the client's mistake, which Medusa's handler would answer as a 500.
    res.status(400).json({ type: "invalid_data", message: `The request path is not valid: ${err.message}` })
    return
  }
  return medusaErrorHandler(err, req, res, next)
}

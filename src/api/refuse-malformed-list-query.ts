import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { dateInRange, dateRule } from "../lib/validation/query-params"

/** The date columns Medusa's list routes filter on, with or without an operator (`created_at[$gt]`). */
const DATE_FILTERS = ["created_at", "updated_at", "deleted_at"] as const
/**
 * A number below zero or with a fraction (`-1`, `2.5`): what Medusa's list
 * validation lets through to PostgreSQL. Anything else (text, `1e20`, an upper
 * bound) is left to each route's own validation and its messages.
 */
function belowZeroOrFractional(raw: string): boolean {
  const n = Number(raw)
  return raw.trim() !== "" && Number.isFinite(n) && (n < 0 || !Number.isInteger(n))
}

/** Every string in a parsed query value, with the name it was sent under (`created_at[$gt]`, `created_at[0]`). */
function leaves(name: string, value: unknown): [string, unknown][] {
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => leaves(`${name}[${i}]`, v))
  }
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => leaves(`${name}[${k}]`, v))
  }
  return [[name, value]]
}

/** A query value as the client sent it (a leaf: a string, or what qs made of an empty `a[]`). */
const shown = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value))

function invalid(message: string): MedusaError {
  return new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: ${message}`)
}

/**
 * GET under `/store` and `/admin`: the list parameters every Medusa list route
 * takes are checked before it runs. Medusa's own validation lets a negative
 * `limit` or `offset` and a date filter that is not a date through to
 * PostgreSQL, whose refusal it answers as a 500 (`/store/products?limit=-1`,
 * `/store/collections?created_at[$gt]=soon`, and most other list routes). Here
 * they are a 400 naming the parameter and the rule: `limit` and `offset` are
 * not below zero nor fractional (anything else, upper bounds included, stays
 * each route's own validation), and
 * `created_at`, `updated_at` and `deleted_at`, with any operator, ISO dates or
 * date-times between 1970 and 9999 (src/lib/validation/query-params.ts).
 */
export function refuseMalformedListQuery(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const query = (req.query ?? {}) as Record<string, unknown>
  for (const field of ["limit", "offset"] as const) {
    for (const [name, value] of field in query ? leaves(field, query[field]) : []) {
      if (typeof value === "string" && belowZeroOrFractional(value)) {
        return next(invalid(`field '${name}' must be a whole number of 0 or more (got '${value}')`))
      }
    }
  }
  for (const field of DATE_FILTERS) {
    for (const [name, value] of field in query ? leaves(field, query[field]) : []) {
      if (value !== null && value !== undefined && (typeof value !== "string" || !dateInRange(value))) {
        return next(invalid(dateRule(`field '${name}'`, shown(value))))
      }
    }
  }
  next()
}

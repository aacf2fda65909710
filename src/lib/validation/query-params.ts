import { z } from "@medusajs/framework/zod"

/**
 * Query parameters every list route shares, range-checked so that no value a
 * client can type reaches PostgreSQL out of its range (a year 99999 date or an
 * offset beyond bigint fails the whole statement: a 500 instead of a 400).
 */
export const EARLIEST_DATE = new Date("1970-01-01T00:00:00Z")
export const LATEST_DATE = new Date("9999-12-31T23:59:59Z")
export const MAX_OFFSET = 1_000_000

/**
 * An ISO 8601 date (`2026-11-24`, midnight UTC) or date-time with its offset
 * (`2026-11-24T18:00:00Z`, `2026-11-24T23:30+05:30`): nothing after it, a day
 * the calendar has, and no local time, whose meaning would depend on the
 * server's time zone.
 */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d))?$/

function isoDateTime(raw: string): Date | null {
  const parts = ISO_DATE_TIME.exec(raw)
  if (!parts) {
    return null
  }
  const [year, month, day] = parts.slice(1, 4).map(Number)
  const calendar = new Date(Date.UTC(year, month - 1, day))
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
    return null
  }
  const date = new Date(raw)
  return Number.isNaN(date.getTime()) ? null : date
}

/**
 * An ISO 8601 date or date-time (see ISO_DATE_TIME) between 1970 and 9999. (A
 * custom issue, so that Medusa's error formatter shows this message rather than
 * a raw Date.)
 */
export function dateTimeParam(field: string) {
  return z.string().transform((raw, ctx) => {
    const date = dateInRange(raw)
    if (!date) {
      ctx.addIssue({ code: "custom", message: dateRule(field, raw) })
      return z.NEVER
    }
    return date
  })
}

/** `raw` as an ISO date or date-time (isoDateTime) between 1970 and 9999, else null. */
export function dateInRange(raw: string): Date | null {
  const date = isoDateTime(raw)
  return date && date >= EARLIEST_DATE && date <= LATEST_DATE ? date : null
}

/** The rule dateTimeParam and dateInRange check, for `field`'s value `raw`. */
export function dateRule(field: string, raw: string): string {
  return `${field} must be an ISO date or date-time with its offset between 1970-01-01 and 9999-12-31, e.g. 2026-11-24 or 2026-11-24T18:00:00Z (got '${raw}')`
}

/** `offset`: a whole number from 0 to MAX_OFFSET (Medusa's messages name the field and the bound). */
export function offsetParam() {
  return z.coerce.number().int().min(0).max(MAX_OFFSET).default(0)
}

/** `limit`: a whole number from 1 to `max`. */
export function limitParam(max: number, fallback: number) {
  return z.coerce.number().int().min(1).max(max).default(fallback)
}

/**
 * A comma-separated list of allowed words ("vegan,jain"), each checked; an
 * unknown word gets a message listing the allowed values.
 */
export function csvOf<const T extends readonly [string, ...string[]]>(field: string, values: T) {
  const allowed = new Set<string>(values)
  const isAllowed = (word: string): word is T[number] => allowed.has(word)
  return z
    .string()
    .max(500, { error: `${field} is too long (at most 500 characters)` })
    .transform((s, ctx) => {
      const words = s
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean)
      if (!words.length) {
        ctx.addIssue({ code: "custom", message: `${field} must list at least one of: ${values.join(", ")}` })
        return z.NEVER
      }
      const known = words.filter(isAllowed)
      const unknown = words.filter((w) => !isAllowed(w))
      if (unknown.length) {
        ctx.addIssue({
          code: "custom",
          message: `${field}: ${unknown.map((w) => `'${w}'`).join(", ")} ${unknown.length === 1 ? "is" : "are"} not allowed; allowed values: ${values.join(", ")}`,
        })
        return z.NEVER
      }
      return known
    })
}

/**
 * Errors that say the shop could not reach PostgreSQL or Redis for a moment,
 * rather than anything about the request: a refused or dropped connection, a
 * full connection pool, a server shutting down or restarting, a statement
 * cancelled (a timeout). Medusa answers them as 500 "unknown_error"; a client
 * should rather be told to retry (503 with Retry-After), which it can do safely
 * with its Idempotency-Key.
 *
 * Checked by shape, not class: an error thrown in a workflow step reaches the
 * route as the engine stored it (name, message and code kept, class lost).
 */

/** Node's socket errors for a peer that is gone or unreachable. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"])

/**
 * PostgreSQL's SQLSTATEs for a connection or server that is unavailable:
 * class 08 (connection exception), 53300/53400 (too many connections, a
 * configured limit), 57P01-57P03 (shutdown, crash, cannot connect now), 57014
 * (statement cancelled: statement_timeout), 40P01 (deadlock victim: retry).
 */
const POSTGRES_CODES = new Set(["08000", "08001", "08003", "08004", "08006", "53300", "53400", "57P01", "57P02", "57P03", "57014", "40P01"])

/** Error names of the drivers: knex's pool had no connection in time; ioredis gave up on a command. */
const DRIVER_NAMES = new Set(["KnexTimeoutError", "MaxRetriesPerRequestError"])

/** Messages of the drivers for a connection lost mid-way (pg, ioredis). */
const LOST_CONNECTION = [
  /^Connection terminated( unexpectedly| due to connection timeout)?$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Connection is closed\.?$/,
  /^Knex: Timeout acquiring a connection/,
]

export function isInfrastructureOutage(err: unknown): boolean {
  if (!err || typeof err !== "object") {
    return false
  }
  const { code, name, message } = err as { code?: unknown; name?: unknown; message?: unknown }
  return (
    (typeof code === "string" && (NETWORK_CODES.has(code) || POSTGRES_CODES.has(code))) ||
    (typeof name === "string" && DRIVER_NAMES.has(name)) ||
    (typeof message === "string" && LOST_CONNECTION.some((m) => m.test(message)))
  )
}

/** Retry-After of such an answer, in seconds. */
export const OUTAGE_RETRY_AFTER_SECONDS = 2

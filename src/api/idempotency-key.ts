import { createHash } from "crypto"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { IDEMPOTENCY_MODULE } from "../modules/idempotency"
import type IdempotencyModuleService from "../modules/idempotency/service"
import { requestPath } from "../lib/http/request-path"

export const IDEMPOTENCY_HEADER = "idempotency-key"
/** How long a repeat waits for the first request's answer before a 409. */
const WAIT_FOR_FIRST_MS = 15_000
const POLL_MS = 100
/**
 * 16 to 255 printable ASCII characters. Guests of one storefront share a scope
 * (its publishable key is public), so a key must be too long to guess: a UUID.
 */
const KEY_PATTERN = /^[\x21-\x7e]{16,255}$/

/**
 * Answers that say "not now" rather than "this is the outcome": a conflict with
 * another request or with the stock at that moment (409: checkout_busy,
 * idempotency_key_in_use, insufficient_inventory, a completion already
 * running), a rate limit (429) or a server failure (5xx). They are not kept: a
 * retry with the same key runs again.
 */
export function isTransientAnswer(status: number): boolean {
  return status === 409 || status === 429 || status >= 500
}

const COMPLETION_PATH = /^\/store\/carts\/[^/]+\/complete\/?$/i

/**
 * Whether an answer is kept for the key's repeats. A completion is kept only
 * when it placed the order: any other answer (a card not authorized yet, a
 * rule refused) may be followed by the order, placed by the payment provider's
 * webhook or by a retry once the shopper has fixed the cart, and running a
 * completion again is safe (Medusa answers a completed cart with its order).
 */
function keepsAnswer(path: string, status: number, body: unknown): boolean {
  if (isTransientAnswer(status)) {
    return false
  }
  if (COMPLETION_PATH.test(path)) {
    return status === 200 && (body as { type?: unknown } | null)?.type === "order"
  }
  return true
}

/** The request's query string with its `?` ("" without one), as sent. */
function queryOf(originalUrl: string): string {
  const at = originalUrl.indexOf("?")
  return at === -1 || at === originalUrl.length - 1 ? "" : originalUrl.slice(at)
}

function sha256(value: string) {
  return createHash("sha256").update(value).digest("hex")
}

/** Deeper than any body the shop's routes take: refused (400), not hashed. */
const MAX_BODY_DEPTH = 32

/** JSON with object keys sorted, so that `{a,b}` and `{b,a}` are the same body. */
function canonical(value: unknown, depth = 0): string {
  if (depth > MAX_BODY_DEPTH) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `A request with an Idempotency-Key may nest its body at most ${MAX_BODY_DEPTH} levels deep`
    )
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => canonical(v, depth + 1)).join(",")}]`
  }
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k], depth + 1)}`)
      .join(",")}}`
  }
  return JSON.stringify(value ?? null)
}

type ScopedRequest = MedusaRequest & {
  publishable_key_context?: { key?: string }
  auth_context?: { actor_id?: string }
}

/**
 * `Idempotency-Key` for retry-safe POSTs: a request carrying the header runs at
 * most once per key. The same request again gets the stored status and body
 * (`Idempotent-Replayed: true`), waiting for the first one if it is still
 * running (then 409 `idempotency_key_in_use` with Retry-After); the same key for
 * another body or route gets 422 `idempotency_key_mismatch`. Keys live 24 hours
 * in PostgreSQL, scoped to the publishable key and the customer.
 *
 * The answer is recorded when the work finishes, whether or not its client is
 * still connected (a phone that lost its signal retries and gets it). Transient
 * answers (isTransientAnswer) are not kept. Requests without the header are
 * untouched.
 */
export async function idempotencyKey(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const key = req.get(IDEMPOTENCY_HEADER)
  if (key === undefined) {
    return next()
  }
  if (!KEY_PATTERN.test(key)) {
    res.status(400).json({
      type: "invalid_data",
      message:
        "Idempotency-Key must be 16 to 255 printable ASCII characters without spaces; use a random UUID per request",
    })
    return
  }
  const scoped = req as ScopedRequest
  const scope = sha256(
    `${scoped.publishable_key_context?.key ?? req.get("x-publishable-api-key") ?? ""}|${scoped.auth_context?.actor_id ?? "guest"}`
  )
  const path = requestPath(req.originalUrl)
  let body: string
  try {
    body = canonical(req.body)
  } catch (e) {
    return next(e)
  }
  const request = {
    scope,
    key,
    method: req.method,
    path,
    // The query too (js-sdk sends the answer's `fields` there): a retry asks for the same answer.
    // Without one, the fingerprint is what it was before queries counted (keys stored then still match).
    fingerprint: sha256(`${req.method} ${path}${queryOf(req.originalUrl)} ${body}`),
  }
  const keys: IdempotencyModuleService = req.scope.resolve(IDEMPOTENCY_MODULE)

  const deadline = Date.now() + WAIT_FOR_FIRST_MS
  for (;;) {
    const begun = await keys.begin(request)
    if (begun.state === "run") {
      captureAnswer(res, keys, begun.id, path)
      return next()
    }
    if (begun.state === "replay") {
      res.setHeader("Idempotent-Replayed", "true")
      res.status(begun.status).json(begun.body)
      return
    }
    if (begun.state === "mismatch") {
      res.status(422).json({
        type: "idempotency_key_mismatch",
        // Names neither the other request's path nor its body: guests of one storefront
        // share a scope, and another's cart id is not theirs to learn.
        message: "This Idempotency-Key was used for a different request (another route, query or body); use a new key for a new request",
      })
      return
    }
    if (Date.now() >= deadline) {
      res.setHeader("Retry-After", "1")
      res.status(409).json({
        type: "idempotency_key_in_use",
        message: "A request with this Idempotency-Key is still running; retry shortly to get its answer",
        retry_after: 1,
      })
      return
    }
    await new Promise((r) => setTimeout(r, POLL_MS))
  }
}

/**
 * Records the answer of the request that ran, when its handler answers, before
 * the answer is sent. A client that went away in the meantime does not matter:
 * the route keeps running (Medusa does not abort work on disconnect) and its
 * answer is kept for the retry. A request that dies without answering keeps the
 * key until its lease ends (60 s), then a retry takes the key over.
 */
function captureAnswer(res: MedusaResponse, keys: IdempotencyModuleService, id: string, path: string) {
  let recorded = false
  const record = (status: number, body: unknown) => {
    recorded = true
    return keepsAnswer(path, status, body) ? keys.finish(id, status, body) : keys.abandon(id)
  }
  const json = res.json.bind(res)
  res.json = (body: unknown) => {
    if (recorded) {
      return json(body)
    }
    // Sent once recorded, so a retry that follows this answer always finds it.
    const send = () => {
      json(body)
    }
    record(res.statusCode, body)
      .then(send, send)
      .catch(() => {
        // The body could not be serialized: answer as Express would have.
        if (!res.headersSent) {
          res.status(500).end()
        }
      })
    return res
  }
  // An answer that did not go through res.json (an empty body): record its status.
  res.once("finish", () => {
    if (!recorded) {
      record(res.statusCode, null).catch(() => undefined)
    }
  })
}

import { createHash } from "crypto"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { IDEMPOTENCY_MODULE } from "../modules/idempotency"
import type IdempotencyModuleService from "../modules/idempotency/service"

export const IDEMPOTENCY_HEADER = "idempotency-key"
/** How long a repeat waits for the first request's answer before a 409. */
const WAIT_FOR_FIRST_MS = 15_000
const POLL_MS = 100
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/

function sha256(value: string) {
  return createHash("sha256").update(value).digest("hex")
}

/** JSON with object keys sorted, so that `{a,b}` and `{b,a}` are the same body. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(",")}]`
  }
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
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
 * in PostgreSQL, scoped to the publishable key and the customer. Answers of 5xx
 * are not kept, so a retry after a server error runs again. Requests without the
 * header are untouched.
 */
export async function idempotencyKey(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const key = req.get(IDEMPOTENCY_HEADER)
  if (key === undefined) {
    return next()
  }
  if (!KEY_PATTERN.test(key)) {
    res.status(400).json({
      type: "invalid_data",
      message: "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces",
    })
    return
  }
  const scoped = req as ScopedRequest
  const scope = sha256(
    `${scoped.publishable_key_context?.key ?? req.get("x-publishable-api-key") ?? ""}|${scoped.auth_context?.actor_id ?? "guest"}`
  )
  const path = req.originalUrl.split("?")[0]
  const request = {
    scope,
    key,
    method: req.method,
    path,
    fingerprint: sha256(`${req.method} ${path} ${canonical(req.body)}`),
  }
  const keys: IdempotencyModuleService = req.scope.resolve(IDEMPOTENCY_MODULE)

  const deadline = Date.now() + WAIT_FOR_FIRST_MS
  for (;;) {
    const begun = await keys.begin(request)
    if (begun.state === "run") {
      captureAnswer(res, keys, begun.id)
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
        message: `This Idempotency-Key was used for a different request (${begun.method} ${begun.path} with another body); use a new key for a new request`,
      })
      return
    }
    if (Date.now() >= deadline) {
      res.setHeader("Retry-After", "1")
      res.status(409).json({
        type: "idempotency_key_in_use",
        message: "A request with this Idempotency-Key is still running; retry shortly to get its answer",
      })
      return
    }
    await new Promise((r) => setTimeout(r, POLL_MS))
  }
}

/** Keeps the JSON answer of the request that ran, once it is sent. */
function captureAnswer(res: MedusaResponse, keys: IdempotencyModuleService, id: string) {
  let body: unknown = null
  const json = res.json.bind(res)
  res.json = (value: unknown) => {
    body = value
    return json(value)
  }
  let settled = false
  const settle = () => {
    if (settled) {
      return
    }
    settled = true
    const done = res.statusCode >= 500 || !res.writableFinished ? keys.abandon(id) : keys.finish(id, res.statusCode, body)
    done.catch(() => undefined)
  }
  res.once("finish", settle)
  res.once("close", settle)
}

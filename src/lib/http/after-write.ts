import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * Runs `work` (given the answer's body) once Medusa's own route has succeeded (a
 * 2xx answer), before that answer is sent: for the admin writes whose module
 * emits no event, so that what the store shows (cache, search index) follows,
 * and for the shop's own record of a store write. A failure of `work`, thrown
 * or rejected, is logged and the answer still goes out: the write itself is done.
 * With `failClosed`, a failure answers 503 (Retry-After) instead: for a record
 * without which the answer would be unsafe to hand out.
 */
export function afterSuccessfulWrite(
  req: MedusaRequest,
  res: MedusaResponse,
  what: string,
  work: (answer: unknown) => Promise<unknown>,
  { failClosed = false }: { failClosed?: boolean } = {}
) {
  answerAfterSuccessfulWrite(req, res, what, async (body) => {
    await work(body)
    return body
  }, { failClosed })
}

/**
 * As afterSuccessfulWrite, but the answer sent is what `work` resolves to (the
 * resource read again after a follow-up write); on a failure of `work`, the
 * route's own answer (or, with `failClosed`, a 503).
 */
export function answerAfterSuccessfulWrite(
  req: MedusaRequest,
  res: MedusaResponse,
  what: string,
  work: (answer: unknown) => Promise<unknown>,
  { failClosed = false }: { failClosed?: boolean } = {}
) {
  const json = res.json.bind(res)
  res.json = function (body?: unknown) {
    if (res.statusCode < 200 || res.statusCode >= 300) {
      return json(body)
    }
    Promise.resolve(body)
      .then(work)
      .then(
        (answer) => json(answer),
        (e: Error) => {
          req.scope.resolve(ContainerRegistrationKeys.LOGGER).warn(`${what} after ${req.method} ${req.path} failed: ${e.message}`)
          if (!failClosed) {
            return json(body)
          }
          // The answer would hand out something the shop could not protect: refused, to be retried.
          res.status(503).setHeader("Retry-After", "1")
          return json({ type: "unexpected_state", message: `${what} failed; please try again`, retry_after: 1 })
        }
      )
    return res
  }
}

/**
 * Runs `undo` once Medusa's route has answered an error (4xx or 5xx): for a
 * middleware that wrote ahead of the route (the route's own workflow has no
 * hook for it). A failure of `undo` is logged.
 */
export function afterFailedWrite(req: MedusaRequest, res: MedusaResponse, what: string, undo: () => Promise<unknown>) {
  res.on("finish", () => {
    if (res.statusCode >= 400) {
      undo().catch((e: Error) =>
        req.scope.resolve(ContainerRegistrationKeys.LOGGER).warn(`${what} after a refused ${req.method} ${req.path} failed: ${e.message}`)
      )
    }
  })
}

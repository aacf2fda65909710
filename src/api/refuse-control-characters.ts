import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { describeCharacter, findControlCharacter, findControlCharacterInPath } from "../lib/http/control-characters"
import { requestPath } from "../lib/http/request-path"

type RequestWithLocale = MedusaRequest & { locale?: unknown }

/**
 * Refuses a request whose path, query or body carries a control character
 * (NUL and friends) or an unpaired surrogate with a 400 naming the field, before any route, validator
 * or database sees it. Mounted on /store, /auth and /admin; webhooks (raw
 * bodies under /hooks) are not touched.
 */
export function refuseControlCharacters(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const inPath = findControlCharacterInPath(requestPath(req.originalUrl))
  if (inPath) {
    return next(
      new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Invalid request: the URL path segment '${inPath.field}' contains ${describeCharacter(inPath.character)} (${inPath.character}), which is not allowed`
      )
    )
  }
  // Medusa moves `locale` out of the query before route middlewares run.
  const found =
    findControlCharacter(req.query) ??
    findControlCharacter((req as RequestWithLocale).locale, "locale") ??
    findControlCharacter(req.body)
  if (found) {
    return next(
      new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Invalid request: field '${found.field}' contains ${describeCharacter(found.character)} (${found.character}), which is not allowed`
      )
    )
  }
  next()
}

import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/**
 * POST /admin/stock-locations (create) and /admin/stock-locations/:id (update):
 * Medusa's validation trims `name` before checking its type, so a create
 * without one, or a name that is not text (`null`, a number), was its 500 (a
 * TypeError), and a blank name was saved as "". Here a location's name is text
 * with something in it: required on create, checked on update when sent; a 400
 * naming the field otherwise, and nothing is written. Other fields are left to
 * Medusa's validation.
 *
 * Mounted on `/admin/stock-locations` for every method (a global middleware
 * runs before Medusa's validation, which is where the TypeError is): `req.path`
 * is then `/` for the create and `/<id>` for the update.
 */
export function requireLocationName(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const body = req.body
  const creating = req.path === "/"
  const updating = /^\/[^/]+\/?$/.test(req.path)
  if (req.method !== "POST" || (!creating && !updating) || !body || typeof body !== "object" || Array.isArray(body)) {
    return next()
  }
  const name = (body as { name?: unknown }).name
  if (name === undefined && updating) {
    return next()
  }
  if (typeof name !== "string" || !name.trim()) {
    const got = name === undefined ? "nothing" : `'${typeof name === "string" ? name : JSON.stringify(name)}'`
    return next(
      new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: field 'name' must be the location's name, some text (got ${got})`)
    )
  }
  next()
}

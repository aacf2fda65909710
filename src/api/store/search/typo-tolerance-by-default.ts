import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

type SearchQueryBody = { search_options?: { typo_tolerance?: boolean } & Record<string, unknown> } & Record<string, unknown>

function withTypoTolerance(query: unknown) {
  if (!query || typeof query !== "object" || Array.isArray(query)) {
    return
  }
  const q = query as SearchQueryBody
  const options = q.search_options
  if (options === undefined) {
    q.search_options = { typo_tolerance: true }
  } else if (options && typeof options === "object" && options.typo_tolerance === undefined) {
    options.typo_tolerance = true
  }
}

function apply(body: unknown) {
  if (!body || typeof body !== "object") {
    return
  }
  const queries = (body as { queries?: unknown }).queries
  if (Array.isArray(queries)) {
    queries.forEach(withTypoTolerance)
  } else {
    withTypoTolerance(body)
  }
}

/**
 * POST /store/search: typo tolerance on unless a query turns it off. Medusa's
 * Search Module matches misspellings only when a query asks for them, and
 * InstantSearch sends nothing unless a widget sets `typoTolerance`; shoppers
 * typing "ladu" or "choclate" should still find ladoos and chocolates.
 * Applied to the raw body and, if validation already ran, to the validated one.
 */
export function typoToleranceByDefault(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  apply(req.body)
  apply((req as MedusaRequest & { validatedBody?: unknown }).validatedBody)
  next()
}

import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/**
 * Medusa's store product routes only expand fields they allow: let storefronts
 * ask for the linked profiles (`fields=*snack_profile` / `*art_profile`).
 */
export function allowProfileFields(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  req.allowed = [...(req.allowed ?? []), "snack_profile", "art_profile"]
  next()
}

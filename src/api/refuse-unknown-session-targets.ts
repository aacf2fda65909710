import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"

/**
 * `POST /store/payment-collections/:id/payment-sessions`, and Admin's
 * `POST /admin/payment-collections/:id/payment-sessions`: a collection or a
 * provider that does not exist is Medusa's 500 (a TypeError in its workflow, an
 * unresolvable provider in its payment module). They are answered here first,
 * before any session is written: 404 for the collection, 400 naming
 * `provider_id` for a provider that is not one of the shop's enabled ones
 * (`listedBy` says where the asker finds those). A body without a string
 * `provider_id` is left to Medusa's own validation.
 */
export function refuseUnknownSessionTargets(listedBy: string) {
  return async (req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) => {
    try {
      const payment = req.scope.resolve(Modules.PAYMENT)
      const providerId = (req.body as { provider_id?: unknown } | undefined)?.provider_id
      // Both looked up at once: one round trip added to the storefront's payment step.
      const [[collection], providers] = await Promise.all([
        payment.listPaymentCollections({ id: req.params.id }, { select: ["id"], take: 1 }),
        typeof providerId === "string" ? payment.listPaymentProviders({ id: providerId, is_enabled: true }, { take: 1 }) : null,
      ])
      if (!collection) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payment collection with id: ${req.params.id} was not found`)
      }
      if (providers && !providers.length) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `provider_id: ${JSON.stringify(providerId)} is not an enabled payment provider of this shop (${listedBy})`
        )
      }
      next()
    } catch (e) {
      next(e)
    }
  }
}

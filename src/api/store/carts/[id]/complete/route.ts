import { prepareRetrieveQuery, type MedusaResponse, type MedusaStoreRequest } from "@medusajs/framework/http"
import { refetchCart } from "@medusajs/medusa/api/store/carts/helpers"
import { defaultStoreCartFields } from "@medusajs/medusa/api/store/carts/query-config"
import { ContainerRegistrationKeys, MedusaError, TransactionState } from "@medusajs/framework/utils"
import { freshOwnCart } from "../../../../cart-ownership"
import { isMedusaStockRefusal, shortfallAfterMedusaRefusal } from "../../../../../lib/checkout-hold/completion-stock-check"
import { completeCartWithHoldsWorkflow, releaseCheckoutHoldWorkflow } from "../../../../../workflows/checkout-hold"
import { firstWorkflowError } from "../../../../../lib/workflows/first-error"

/** Payment problems answer 200 with the cart, as Medusa's own route does. */
const CART_ERRORS: string[] = [
  MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR,
  MedusaError.Types.PAYMENT_REQUIRES_MORE_ERROR,
]

/**
 * POST /store/carts/:id/complete, same contract as Medusa's route (stock
 * storefronts keep working), completing through completeCartWithHoldsWorkflow.
 */
export const POST = async (req: MedusaStoreRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { result, errors, transaction } = await completeCartWithHoldsWorkflow(req.scope).run({
    input: { cart_id: req.params.id, cart: freshOwnCart(req) },
    throwOnError: false,
  })
  // A run that finished has placed the order: an error it carries is from a step
  // allowed to fail after the order (the cart lock's release), and the order stands.
  const finished = transaction.getState() === TransactionState.DONE
  if (finished && errors.length) {
    req.scope
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`Order ${result.order_id} placed; after it: ${firstWorkflowError(errors)?.message ?? "an error"}`)
  }
  const error = finished ? undefined : firstWorkflowError(errors)
  if (error && isMedusaStockRefusal(error)) {
    // The cart's holds stood for units that are not there: the shop's own 409,
    // and the holds go back (the units that are there are anyone's).
    const shortfall = await shortfallAfterMedusaRefusal(req.scope, req.params.id, freshOwnCart(req))
    if (shortfall) {
      await releaseCheckoutHoldWorkflow(req.scope).run({ input: { cart_id: req.params.id } })
      throw shortfall
    }
  }
  if (error) {
    if (!error.type || !CART_ERRORS.includes(error.type)) {
      // Medusa's error handler answers from the error's type and message.
      throw error instanceof Error ? error : Object.assign(new Error(error.message), error)
    }
    // The cart as Medusa's own route answers it: this route's query config is the
    // order's (its fields are not a cart's).
    // (MedusaStoreRequest's `policies` is typed apart from the one this helper names; it reads none.)
    const asRequest = req as unknown as Parameters<typeof prepareRetrieveQuery>[2]
    const cartQuery = await prepareRetrieveQuery({}, { defaults: defaultStoreCartFields }, asRequest)
    const cart: unknown = await refetchCart(req.params.id, req.scope, cartQuery.remoteQueryConfig.fields)
    res.json({ type: "cart", cart, error: { message: error.message, name: error.name, type: error.type } })
    return
  }
  const { data: orders } = await query.graph({
    entity: "order",
    fields: req.queryConfig.fields,
    filters: { id: result.order_id },
  })
  res.json({ type: "order", order: orders[0] })
}

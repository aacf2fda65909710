import nock from "nock"

/**
 * Stripe's API is out of reach from tests, so this stands in for it at the HTTP
 * boundary (api.stripe.com, intercepted in this process): the payment intents
 * Medusa's Stripe provider creates, reads, captures and cancels. Nothing of the
 * shop or of Medusa is replaced.
 */
export type FakeIntent = {
  id: string
  object: "payment_intent"
  amount: number
  amount_capturable: number
  amount_received: number
  currency: string
  status: string
  capture_method: string
  metadata: Record<string, string>
  client_secret: string
  payment_method: null
  latest_charge: null
}

/** Stripe's client posts form-encoded text; nock hands a parsed object only for JSON. */
function formText(body: string | Record<string, unknown>): string {
  return typeof body === "string" ? body : JSON.stringify(body)
}

function formToObject(body: string): Record<string, any> {
  const out: Record<string, any> = {}
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, "").split("[")
    let cursor = out
    path.slice(0, -1).forEach((k) => (cursor = cursor[k] ??= {}))
    cursor[path[path.length - 1]] = value
  }
  return out
}

export function standInForStripe() {
  const intents = new Map<string, FakeIntent>()
  const calls: string[] = []
  /** Intents whose retrieval fails with Stripe's 500 (an outage as the provider meets it). */
  const unreachable = new Set<string>()
  /** Intents Stripe refused to cancel (already charged). */
  const refusedCancels: string[] = []
  let next = 1

  const scope = nock("https://api.stripe.com")
    .persist()
    .post("/v1/payment_intents")
    .reply(200, (_uri, body) => {
      calls.push("create")
      const form = formToObject(formText(body))
      const intent: FakeIntent = {
        id: `pi_test_${next++}`,
        object: "payment_intent",
        amount: Number(form.amount),
        amount_capturable: 0,
        amount_received: 0,
        currency: form.currency,
        status: "requires_payment_method",
        capture_method: form.capture_method ?? "automatic",
        metadata: form.metadata ?? {},
        client_secret: `secret_${next}`,
        payment_method: null,
        latest_charge: null,
      }
      intents.set(intent.id, intent)
      return intent
    })
    .get(/\/v1\/payment_intents\/pi_test_\d+/)
    .reply((uri) => {
      calls.push("retrieve")
      const id = uri.split("/")[3].split("?")[0]
      return unreachable.has(id)
        ? [500, { error: { type: "api_error", message: "Stripe is having a moment" } }]
        : [200, intents.get(id)]
    })
    .post(/\/v1\/payment_intents\/pi_test_\d+\/capture/)
    .reply(200, (uri) => {
      calls.push("capture")
      const intent = intents.get(uri.split("/")[3])!
      Object.assign(intent, { status: "succeeded", amount_received: intent.amount, amount_capturable: 0 })
      return intent
    })
    .post(/\/v1\/payment_intents\/pi_test_\d+\/cancel/)
    .reply((uri) => {
      calls.push("cancel")
      const intent = intents.get(uri.split("/")[3])!
      if (intent.status === "succeeded") {
        // As Stripe: a charged intent is refunded, never cancelled.
        refusedCancels.push(intent.id)
        const message = "You cannot cancel this PaymentIntent because it has a status of succeeded."
        return [400, { error: { type: "invalid_request_error", code: "payment_intent_unexpected_state", message, payment_intent: intent } }]
      }
      intent.status = "canceled"
      return [200, intent]
    })
    .post(/\/v1\/payment_intents\/pi_test_\d+$/)
    .reply(200, (uri, body) => {
      calls.push("update")
      const intent = intents.get(uri.split("/")[3])!
      const form = formToObject(formText(body))
      if (form.amount) intent.amount = Number(form.amount)
      return intent
    })

  return {
    intents,
    calls,
    unreachable,
    refusedCancels,
    /**
     * The shopper's card is authorized on Stripe's page and the intent waits for
     * its capture (the provider's default, capture_method manual).
     */
    authorize(intentId: string) {
      const intent = intents.get(intentId)!
      Object.assign(intent, { status: "requires_capture", amount_capturable: intent.amount })
      return intent
    },
    /** The shopper pays on Stripe's page: the intent succeeds. */
    pay(intentId: string) {
      const intent = intents.get(intentId)!
      Object.assign(intent, { status: "succeeded", amount_received: intent.amount })
      return intent
    },
    stop() {
      scope.persist(false)
      nock.cleanAll()
    },
  }
}

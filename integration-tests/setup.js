const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

MetadataStorage.clear()

// Tests fire many requests from one address (127.0.0.1): raise the per-client rate
// limits unless the caller set them. Servers the tests spawn inherit these.
// integration-tests/http/security.spec.ts removes them to test the real defaults.
for (const name of [
  "RATE_LIMIT_AUTH_PER_MINUTE",
  "RATE_LIMIT_CHECKOUT_PER_MINUTE",
  "RATE_LIMIT_CART_WRITES_PER_MINUTE",
  "RATE_LIMIT_STORE_PER_MINUTE",
]) {
  if (!process.env[name]) {
    process.env[name] = "1000000"
  }
}

// The payment step's hold (HOLD_AT_PAYMENT_STEP, on in the app by default) is off
// unless the caller set it: the specs take, count and race holds through
// POST /store/carts/:id/hold and completions, and their carts all get payment
// sessions first (helpers/checkout.ts). storefront-contract.spec.ts runs with it
// on, as an unchanged storefront meets the shop.
if (!process.env.HOLD_AT_PAYMENT_STEP) {
  process.env.HOLD_AT_PAYMENT_STEP = "off"
}

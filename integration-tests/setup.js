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

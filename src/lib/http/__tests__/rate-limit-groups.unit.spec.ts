import { rateLimitGroupOf } from "../rate-limit-groups"

describe("rateLimitGroupOf", () => {
  it.each([
    ["POST", "/auth/customer/emailpass", "auth"],
    ["POST", "/auth/user/emailpass", "auth"],
    ["POST", "/auth/session", "auth"],
    ["GET", "/auth/customer/google/callback", "auth"],
    ["POST", "/store/carts/cart_01ABC/complete", "checkout"],
    ["POST", "/store/carts/cart_01ABC/hold", "checkout"],
    ["DELETE", "/store/carts/cart_01ABC/hold", "checkout"],
    ["POST", "/store/carts", "cart_writes"],
    ["POST", "/store/carts/cart_01ABC", "cart_writes"],
    ["POST", "/store/carts/cart_01ABC/line-items", "cart_writes"],
    ["DELETE", "/store/carts/cart_01ABC/line-items/cali_1", "cart_writes"],
    ["POST", "/store/payment-collections/pay_col_1/payment-sessions", "cart_writes"],
    ["GET", "/store/carts/cart_01ABC", "store"],
    ["GET", "/store/products", "store"],
    ["GET", "/store/catalog/products", "store"],
    ["POST", "/store/customers", "store"],
    // Express routes ignore the path's case: so does the limiter.
    ["POST", "/AUTH/user/emailpass", "auth"],
    ["POST", "/Auth/customer/emailpass", "auth"],
    ["POST", "/Store/carts/cart_01ABC/Complete", "checkout"],
    ["POST", "/STORE/CARTS", "cart_writes"],
    ["GET", "/sToRe/products", "store"],
  ])("%s %s counts against %s", (method, path, group) => {
    expect(rateLimitGroupOf(method, path)).toBe(group)
  })

  it.each([
    ["OPTIONS", "/store/carts"],
    ["GET", "/admin/holds"],
    ["GET", "/app/login"],
    ["GET", "/static/ladoo.svg"],
    ["POST", "/hooks/payment/stripe_stripe"],
    ["GET", "/storefront"],
    ["GET", "/authors"],
  ])("%s %s is not limited", (method, path) => {
    expect(rateLimitGroupOf(method, path)).toBeNull()
  })
})

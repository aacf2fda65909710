import { mayUseCart, mustSignInForCart } from "../cart-ownership"

const shop = ["sc_shop"]

describe("mayUseCart", () => {
  it("serves a guest cart through a key of its own sales channel", () => {
    expect(mayUseCart({ sales_channel_id: "sc_shop", owner_customer_id: null }, { customer_id: null, sales_channel_ids: shop })).toBe(true)
    expect(mayUseCart({ sales_channel_id: "sc_shop", owner_customer_id: null }, { customer_id: "cus_a", sales_channel_ids: shop })).toBe(true)
  })

  it("refuses a cart of another sales channel, and an unknown cart", () => {
    expect(mayUseCart({ sales_channel_id: "sc_other", owner_customer_id: null }, { customer_id: null, sales_channel_ids: shop })).toBe(false)
    expect(mayUseCart({ sales_channel_id: null, owner_customer_id: null }, { customer_id: null, sales_channel_ids: shop })).toBe(false)
    expect(mayUseCart(null, { customer_id: "cus_a", sales_channel_ids: shop })).toBe(false)
  })

  it("serves a customer's cart only to that customer", () => {
    const cart = { sales_channel_id: "sc_shop", owner_customer_id: "cus_a" }
    expect(mayUseCart(cart, { customer_id: "cus_a", sales_channel_ids: shop })).toBe(true)
    expect(mayUseCart(cart, { customer_id: "cus_b", sales_channel_ids: shop })).toBe(false)
    expect(mayUseCart(cart, { customer_id: null, sales_channel_ids: shop })).toBe(false)
  })
})

describe("mustSignInForCart", () => {
  const shop = ["sc_shop"]
  it("only for a signed-out request for a customer's cart of the request's own sales channel", () => {
    const owned = { sales_channel_id: "sc_shop", owner_customer_id: "cus_a" }
    expect(mustSignInForCart(owned, { customer_id: null, sales_channel_ids: shop })).toBe(true)
    expect(mustSignInForCart(owned, { customer_id: "cus_b", sales_channel_ids: shop })).toBe(false)
    expect(mustSignInForCart(owned, { customer_id: null, sales_channel_ids: ["sc_other"] })).toBe(false)
    expect(mustSignInForCart({ sales_channel_id: "sc_shop", owner_customer_id: null }, { customer_id: null, sales_channel_ids: shop })).toBe(false)
    expect(mustSignInForCart(null, { customer_id: null, sales_channel_ids: shop })).toBe(false)
  })
})

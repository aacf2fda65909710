import { requestPath } from "../request-path"

describe("requestPath", () => {
  it("is the path of an origin-form request, without its query", () => {
    expect(requestPath("/store/carts/cart_1/complete?fields=id")).toBe("/store/carts/cart_1/complete")
    expect(requestPath("/auth/customer/emailpass")).toBe("/auth/customer/emailpass")
  })

  it("is the pathname of an absolute-form request line, as Express routes it", () => {
    expect(requestPath("http://shop.example:9000/auth/customer/emailpass?x=1")).toBe("/auth/customer/emailpass")
    expect(requestPath("https://shop.example/store/carts/cart_1/hold")).toBe("/store/carts/cart_1/hold")
  })

  it("leaves anything else as it is", () => {
    expect(requestPath("*")).toBe("*")
  })
})

/**
 * The API calls a scenario makes besides clicking: the owner's (through the
 * browser's own session cookie) and a storefront's (with the publishable key).
 */
function shopApi(page, baseUrl) {
  async function admin(path, init = {}) {
    const res = await page.request.fetch(`${baseUrl}${path}`, init)
    const data = await res.json().catch(() => null)
    return { status: res.status(), data }
  }
  async function mustAdmin(path, init = {}) {
    const res = await admin(path, init)
    if (res.status >= 300) throw new Error(`${init.method ?? "GET"} ${path} answered ${res.status}: ${JSON.stringify(res.data)}`)
    return res.data
  }

  let key = null
  async function store(path, body, method = body === undefined ? "GET" : "POST") {
    if (!key) {
      const { api_keys } = await mustAdmin("/admin/api-keys?type=publishable&fields=token,title&limit=50")
      key = api_keys.find((k) => k.title === "Local Shop Storefront").token
    }
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { "x-publishable-api-key": key, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const data = await res.json().catch(() => null)
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(data)}`)
    return data
  }

  /** A variant by SKU, with its product. */
  async function variantBySku(sku) {
    const { variants } = await mustAdmin(`/admin/product-variants?sku=${encodeURIComponent(sku)}&fields=id,title,sku,product_id,*product`)
    if (!variants?.length) throw new Error(`no variant with SKU ${sku}`)
    return variants[0]
  }

  /** Units of a variant a shopper can buy now (Store API, net of holds). */
  async function availability(variantId) {
    const { availability } = await store(`/store/availability?variant_id=${variantId}`)
    return availability[0].available
  }

  /** A storefront cart with `quantity` of a variant, by a shopper with this email. */
  async function cartWith(variantId, quantity, email, address) {
    const { regions } = await store("/store/regions")
    const { cart } = await store("/store/carts", {
      region_id: regions[0].id,
      email,
      ...(address ? { shipping_address: address, billing_address: address } : {}),
    })
    await store(`/store/carts/${cart.id}/line-items`, { variant_id: variantId, quantity })
    return cart.id
  }

  /** Places an order paid cash on delivery (or by `providerId`), sent by `option`. */
  async function placeCodOrder(variantId, quantity, email, address, option = "Local delivery", providerId = "pp_cod_cod") {
    const cartId = await cartWith(variantId, quantity, email, address)
    const { shipping_options } = await store(`/store/shipping-options?cart_id=${cartId}`)
    const chosen = shipping_options.find((o) => o.name === option)
    if (!chosen) throw new Error(`${option} is not offered to this cart`)
    await store(`/store/carts/${cartId}/shipping-methods`, { option_id: chosen.id })
    const { payment_collection } = await store("/store/payment-collections", { cart_id: cartId })
    await store(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: providerId })
    const done = await store(`/store/carts/${cartId}/complete`, {})
    if (done.type !== "order") throw new Error(`completion answered ${JSON.stringify(done)}`)
    return done.order
  }

  return { admin, mustAdmin, store, variantBySku, availability, cartWith, placeCodOrder }
}

module.exports = { shopApi }

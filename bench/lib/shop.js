/**
 * The seeded shop over HTTP, shared by the benchmark and the multi-process
 * tests (integration-tests/helpers/race.ts, typed by shop.d.ts): its facts,
 * products with stock of their own, and carts ready to complete.
 */
const { must } = require("./http")

const OWNER = { email: process.env.SHOP_OWNER_EMAIL || "owner@localshop.test", password: process.env.SHOP_OWNER_PASSWORD || "localshop-owner" }
const ADDRESS = {
  first_name: "Asha",
  last_name: "Rao",
  address_1: "4th Cross, HAL 2nd Stage",
  city: "Bengaluru",
  province: "Karnataka",
  postal_code: "560008",
  country_code: "in",
  phone: "+91 98450 00000",
}

async function shopFacts(base) {
  const { token } = await must(base, "POST", "/auth/user/emailpass", { body: OWNER })
  const keys = await must(base, "GET", "/admin/api-keys?type=publishable&fields=token,title", { token })
  const key = keys.api_keys.find((k) => k.title === "Local Shop Storefront").token
  const regions = await must(base, "GET", "/store/regions", { key })
  const locations = await must(base, "GET", "/admin/stock-locations", { token })
  const channels = await must(base, "GET", "/admin/sales-channels?name=Local%20Shop%20Storefront", { token })
  const profiles = await must(base, "GET", "/admin/shipping-profiles?type=default", { token })
  const options = await must(base, "GET", "/admin/shipping-options?fields=id,name&limit=100", { token })
  return {
    key,
    token,
    region_id: regions.regions.find((r) => r.name === "India")?.id ?? regions.regions[0].id,
    location_id: locations.stock_locations[0].id,
    sales_channel_id: channels.sales_channels[0].id,
    shipping_profile_id: profiles.shipping_profiles[0].id,
    pickup_option_id: options.shipping_options.find((o) => o.name === "Store pickup").id,
  }
}

/** A published product with `count` variants, each with an inventory item of its own stocked with `units`. */
async function stockedVariants(base, shop, pg, title, count, units) {
  const batches = Array.from({ length: count }, (_, i) => `Batch ${i + 1}`)
  const { product } = await must(base, "POST", "/admin/products", {
    token: shop.token,
    body: {
      title,
      status: "published",
      shipping_profile_id: shop.shipping_profile_id,
      sales_channels: [{ id: shop.sales_channel_id }],
      options: [{ title: "Batch", values: batches }],
      variants: batches.map((b) => ({
        title: b,
        options: { Batch: b },
        manage_inventory: true,
        prices: [{ currency_code: "inr", amount: 149 }],
      })),
    },
  })
  const out = []
  for (const b of batches) {
    const variant = product.variants.find((v) => v.title === b)
    const { rows } = await pg.query(
      "select inventory_item_id from product_variant_inventory_item where variant_id = $1 and deleted_at is null",
      [variant.id]
    )
    const itemId = rows[0].inventory_item_id
    await must(base, "POST", `/admin/inventory-items/${itemId}/location-levels`, {
      token: shop.token,
      body: { location_id: shop.location_id, stocked_quantity: units },
    })
    out.push({ product_id: product.id, variant_id: variant.id, inventory_item_id: itemId })
  }
  return out
}

/** A published product with one variant of its own stock (units), for a rush or a latency run. */
async function stockedVariant(base, shop, pg, title, units) {
  const [variant] = await stockedVariants(base, shop, pg, title, 1, units)
  return variant
}

/**
 * A cart with one unit, an address, Store pickup and a system payment session:
 * four requests (the line comes with the cart, the option id with the shop).
 */
/**
 * A cart of one unit of `variantId` up to its payment step: address, Store
 * pickup and a payment collection; with `session` (the default), the payment
 * session too (Medusa's system provider). Returns the cart id, or with
 * `session: false` `{ cartId, paymentCollectionId }`.
 */
async function readyCart(base, shop, variantId, { session = true } = {}) {
  const key = shop.key
  const email = `shopper-${Math.random().toString(36).slice(2, 10)}@example.in`
  const { cart } = await must(base, "POST", "/store/carts", {
    key,
    body: {
      region_id: shop.region_id,
      email,
      shipping_address: ADDRESS,
      billing_address: ADDRESS,
      items: [{ variant_id: variantId, quantity: 1 }],
    },
  })
  await must(base, "POST", `/store/carts/${cart.id}/shipping-methods`, { key, body: { option_id: shop.pickup_option_id } })
  const pc = await must(base, "POST", "/store/payment-collections", { key, body: { cart_id: cart.id } })
  if (!session) {
    return { cartId: cart.id, paymentCollectionId: pc.payment_collection.id }
  }
  await must(base, "POST", `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, {
    key,
    body: { provider_id: "pp_system_default" },
  })
  return cart.id
}

module.exports = { shopFacts, stockedVariants, stockedVariant, readyCart }

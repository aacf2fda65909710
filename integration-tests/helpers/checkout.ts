import { SHOPPER_ADDRESS, storeHeaders, type TestApi } from "./store-client"

export type ShopKeys = { publishable_key: string; region_id: string }

/** The Store pickup option's id per publishable key, read with the first cart (the tests never change it). */
const pickupOptionIds = new Map<string, string>()

/**
 * A cart with the given lines, an address, Store pickup and a system payment
 * session: ready to complete. Four requests (the lines come with the cart, the
 * option id from the first cart's listing), as the storefronts' checkout makes
 * them; the add-to-cart rules run on the lines either way (createCartWorkflow's
 * validate hook).
 */
export async function readyCart(
  api: TestApi,
  shop: ShopKeys,
  lines: { variant_id: string; quantity: number; metadata?: Record<string, unknown> }[],
  email = `shopper-${Math.random().toString(36).slice(2, 10)}@example.in`
): Promise<string> {
  const headers = storeHeaders(shop.publishable_key)
  const { data } = await api
    .post(
      "/store/carts",
      { region_id: shop.region_id, email, shipping_address: SHOPPER_ADDRESS, billing_address: SHOPPER_ADDRESS, items: lines },
      headers
    )
    .catch((e: any) => {
      throw new Error(`creating a cart failed: ${e?.response?.status} ${JSON.stringify(e?.response?.data)}`)
    })
  const cartId: string = data.cart.id
  let pickup = pickupOptionIds.get(shop.publishable_key)
  if (!pickup) {
    const { data: options } = await api.get(`/store/shipping-options?cart_id=${cartId}`, headers)
    pickup = options.shipping_options.find((o: { name: string }) => o.name === "Store pickup").id as string
    pickupOptionIds.set(shop.publishable_key, pickup)
  }
  await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: pickup }, headers)
  const { data: pc } = await api.post("/store/payment-collections", { cart_id: cartId }, headers)
  await api.post(
    `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`,
    { provider_id: "pp_system_default" },
    headers
  )
  return cartId
}

/** Status and body of a request, whether it succeeded or not. */
export async function outcome(request: Promise<{ status: number; data: any }>) {
  try {
    const res = await request
    return { status: res.status, data: res.data }
  } catch (e: any) {
    if (e?.response) {
      return { status: e.response.status as number, data: e.response.data }
    }
    throw e
  }
}

/** Runs `count` async tasks at most `width` at a time (setting carts up is not the race). */
export async function inBatches<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = []
  for (let start = 0; start < count; start += width) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(width, count - start) }, (_, k) => task(start + k))
    )
    results.push(...batch)
  }
  return results
}

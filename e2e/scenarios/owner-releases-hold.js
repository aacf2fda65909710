/**
 * A shopper's cart holds stock (made through the Store API); the owner sees the
 * units held on the product page and in "Checkout holds" (with the limits) with
 * the time left, releases the hold, and sees the available quantity rise on the dashboard.
 */
const { assert, eventually, DESKTOP } = require("../lib/browser")

const SKU = "LAD-BES-250G" // Besan Ladoo 250 g: 3 in stock
const EMAIL = "e2e-holder@example.in"

module.exports = async function ownerReleasesHold({ page, baseUrl, api, check, state }) {
  const lowStockRow = () =>
    page.getByRole("region", { name: "Low in stock" }).getByRole("listitem").filter({ hasText: "Besan Ladoo" })

  await check("a cart's hold shows on the product page and lowers what the dashboard says is available", async () => {
    await page.setViewportSize(DESKTOP)
    const variant = await api.variantBySku(SKU)
    state.held = { variant, before: await api.availability(variant.id) }
    const cartId = await api.cartWith(variant.id, 2, EMAIL)
    await api.store(`/store/carts/${cartId}/hold`, {})
    state.held.cartId = cartId
    assert((await api.availability(variant.id)) === state.held.before - 2, "the Store API does not count the hold")

    await page.goto(`${baseUrl}/app/products/${variant.product_id}`, { waitUntil: "networkidle" })
    await page.getByText("Held at checkout right now: 2 units").first().waitFor()

    await page.goto(`${baseUrl}/app/shop-dashboard`, { waitUntil: "networkidle" })
    await lowStockRow().filter({ hasText: `${state.held.before - 2} available` }).filter({ hasText: "2 held at checkout" }).waitFor()
    await lowStockRow().scrollIntoViewIfNeeded()
  })

  await check('"Checkout holds" shows the limits, lists the hold with its time left, and the owner releases it', async () => {
    await page.goto(`${baseUrl}/app/checkout-holds`, { waitUntil: "networkidle" })
    // The limits as GET /admin/holds/limits answers them (the server's defaults).
    await page.getByText(/Limits: a hold lasts 15 min per refresh and 30 min in all, then 10 min/).first().waitFor()
    const row = page.getByRole("row").filter({ hasText: EMAIL })
    await row.first().waitFor()
    const text = await row.first().innerText()
    assert(text.includes("Besan Ladoo"), `the row does not name the product: ${text}`)
    assert(/\b\d{1,2} min \d{2} s\b/.test(text), `no time left in the row: ${text}`)
    await row.first().getByRole("button", { name: "Release" }).click()
    await page.getByRole("button", { name: "Release" }).last().click()
    await page.getByText("Hold released").first().waitFor({ timeout: 15_000 })
    const { holds } = await api.mustAdmin(`/admin/holds?cart_id=${state.held.cartId}&status=released`)
    assert(holds.length === 1, "the hold is not released")
  })

  await check("after the release the available quantity rises again", async () => {
    await eventually(
      async () => (await api.availability(state.held.variant.id)) === state.held.before,
      "the Store API still counts the hold"
    )
    await page.goto(`${baseUrl}/app/shop-dashboard`, { waitUntil: "networkidle" })
    await lowStockRow().filter({ hasText: `${state.held.before} available` }).waitFor()
    const text = await lowStockRow().innerText()
    assert(!text.includes("held at checkout"), `still held: ${text}`)
    await lowStockRow().scrollIntoViewIfNeeded()
  })
}

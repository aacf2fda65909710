/**
 * A shopper orders today, cash on delivery, by Local delivery. The owner opens
 * the shop dashboard: today's order by delivery method, the cash to collect,
 * the low-stock products, the chart; records the cash, and the block empties.
 * A second order, paid by Medusa's system provider, waits under "Payments to
 * capture", whose link opens the order with Medusa Admin's capture button.
 * Then the same dashboard on a phone.
 */
const { assert, eventually, PHONE, DESKTOP } = require("../lib/browser")

const ADDRESS = {
  first_name: "Meera",
  last_name: "Iyer",
  address_1: "9, 12th Main, Indiranagar",
  city: "Bengaluru",
  province: "Karnataka",
  postal_code: "560038",
  country_code: "in",
  phone: "+91 98450 11111",
}

module.exports = async function ownerReadsDashboard({ page, baseUrl, api, check, state }) {
  const block = (name) => page.getByRole("region", { name })

  await check("the dashboard shows today's order by delivery method, the cash to collect, low stock and the chart", async () => {
    // Tall enough for every block and the chart in one screenshot (the README's picture).
    await page.setViewportSize({ width: 1280, height: 1560 })
    const variant = await api.variantBySku("LAD-ALM-250G")
    state.order = await api.placeCodOrder(variant.id, 1, "e2e-cod@example.in", ADDRESS, "Local delivery")

    await page.goto(`${baseUrl}/app/shop-dashboard`, { waitUntil: "networkidle" })
    const today = block("Today's orders")
    await today.getByText("Local delivery").waitFor()
    await today.getByText(`#${state.order.display_id}`).waitFor()
    const cod = block("Cash on delivery to collect")
    await cod.getByText(`Order #${state.order.display_id}`).waitFor()
    await cod.getByText("Meera Iyer").waitFor()
    // The seed's originals have one unit each.
    await block("Low in stock").getByRole("listitem").filter({ hasText: "Banyan at Dusk" }).filter({ hasText: "1 available" }).waitFor()
    const chart = page.getByRole("img", { name: /Orders and revenue per day\. 14 days: [1-9]\d* orders?/ })
    await chart.waitFor()
    const box = await chart.boundingBox()
    assert(box && box.width > 300 && box.height > 150, `the chart is ${JSON.stringify(box)}`)
  })

  await check("recording the cash captures the payment and the cash block empties", async () => {
    await page.setViewportSize(DESKTOP)
    const cod = block("Cash on delivery to collect")
    const row = cod.getByRole("listitem").filter({ hasText: `Order #${state.order.display_id}` })
    await row.getByRole("button", { name: "Record cash" }).click()
    await page.getByRole("button", { name: "Record cash" }).last().click()
    await page.getByText(`Cash recorded for order #${state.order.display_id}`).first().waitFor({ timeout: 15_000 })
    await cod.getByText("No cash to collect.").waitFor({ timeout: 15_000 })
    const payment = await eventually(async () => {
      const { order } = await api.mustAdmin(`/admin/orders/${state.order.id}?fields=payment_status,*payment_collections.payments`)
      return order.payment_status === "captured" && order.payment_collections[0].payments[0]
    }, "the order's payment is not captured")
    assert(payment.provider_id === "pp_cod_cod" && payment.captured_at, `payment is ${JSON.stringify(payment)}`)
  })

  await check("a payment waiting for capture is listed and its link opens the order, where Medusa Admin captures it", async () => {
    const variant = await api.variantBySku("LAD-ALM-250G")
    const order = await api.placeCodOrder(variant.id, 1, "e2e-manual@example.in", ADDRESS, "Store pickup", "pp_system_default")
    await page.goto(`${baseUrl}/app/shop-dashboard`, { waitUntil: "networkidle" })
    const toCapture = block("Payments to capture")
    await toCapture.getByText(`Order #${order.display_id}`).click()
    await page.waitForURL((url) => url.pathname.endsWith(`/orders/${order.id}`))
    await page.getByRole("button", { name: "Capture payment" }).waitFor()
  })

  await check("on a phone (390x844) the dashboard's blocks stack and fit the screen", async () => {
    await page.setViewportSize(PHONE)
    await page.goto(`${baseUrl}/app/shop-dashboard`, { waitUntil: "networkidle" })
    for (const name of ["Today's orders", "Cash on delivery to collect", "Payments to capture", "Low in stock", "Snacks missing label facts"]) {
      await block(name).waitFor()
      const box = await block(name).boundingBox()
      assert(box && box.width <= PHONE.width, `${name} is ${box?.width}px wide`)
    }
    await block("Today's orders").getByText(`#${state.order.display_id}`).waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert(overflow <= 1, `the page is ${overflow}px wider than the phone`)
  })
}

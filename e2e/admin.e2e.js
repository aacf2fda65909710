#!/usr/bin/env node
/**
 * `npm run test:e2e`: Medusa Admin in headless Chromium against a running shop
 * (`npm run dev`), as the owner uses it. Needs Chromium (Debian: `apt-get install
 * chromium`; CHROMIUM_PATH to override /usr/bin/chromium) and BASE_URL (default
 * http://localhost:9000). Prints one line per check and `N passed, N failed`.
 */
const { chromium } = require("playwright-core")

const BASE = process.env.BASE_URL || "http://localhost:9000"
const OWNER = {
  email: process.env.SHOP_OWNER_EMAIL || "owner@localshop.test",
  password: process.env.SHOP_OWNER_PASSWORD || "localshop-owner",
}

const results = []
async function check(name, fn) {
  try {
    await fn()
    results.push([name, true])
    console.log(`ok   - ${name}`)
  } catch (e) {
    results.push([name, false])
    console.log(`FAIL - ${name}: ${e && e.message ? e.message.split("\n")[0] : e}`)
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message)
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  })
  const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } })
  const api = async (path, init = {}) => {
    const res = await page.request.fetch(`${BASE}${path}`, init)
    return { status: res.status(), data: await res.json().catch(() => null) }
  }

  let productId
  try {
    await check("Medusa Admin carries the security headers and refuses to be framed", async () => {
      const res = await page.request.fetch(`${BASE}/app/login`)
      const headers = res.headers()
      assert(headers["x-frame-options"] === "DENY", `X-Frame-Options is ${headers["x-frame-options"]}`)
      assert(/frame-ancestors 'none'/.test(headers["content-security-policy"] || ""), "no frame-ancestors 'none'")
      assert(headers["x-content-type-options"] === "nosniff", "no nosniff")
      assert(!("x-powered-by" in headers), `X-Powered-By: ${headers["x-powered-by"]}`)
      // Another site framing the admin: Chromium refuses to show it.
      const framer = await browser.newPage()
      const refusals = []
      framer.on("console", (m) => refusals.push(m.text()))
      await framer.setContent(`<iframe id="admin" src="${BASE}/app/login" width="800" height="600"></iframe>`)
      const deadline = Date.now() + 30_000
      while (!refusals.some((t) => /frame-ancestors|X-Frame-Options/i.test(t)) && Date.now() < deadline) {
        await framer.waitForTimeout(200)
      }
      const frame = framer.frames().find((f) => f !== framer.mainFrame())
      const framedText = frame ? await frame.evaluate(() => document.body?.innerText ?? "").catch(() => "") : ""
      await framer.close()
      assert(refusals.some((t) => /frame-ancestors|X-Frame-Options/i.test(t)), "Chromium did not report refusing the frame")
      assert(!/email/i.test(framedText), "the login form showed inside the frame")
    })

    await check("the owner signs in to Medusa Admin", async () => {
      await page.goto(`${BASE}/app/login`, { waitUntil: "networkidle", timeout: 120_000 })
      await page.fill('input[name="email"]', OWNER.email)
      await page.fill('input[name="password"]', OWNER.password)
      await page.click('button[type="submit"]')
      await page.waitForURL((url) => !url.pathname.includes("/login"), { timeout: 60_000 })
      const { data } = await api("/admin/products?handle=almond-ladoo&fields=id")
      productId = data.products[0].id
    })

    await check("the product page shows the snack profile widget", async () => {
      await page.goto(`${BASE}/app/products/${productId}`, { waitUntil: "networkidle", timeout: 120_000 })
      await page.getByText("Snack profile").first().waitFor({ timeout: 30_000 })
      const text = await page.innerText("body")
      assert(text.includes("Tree nuts"), "allergens are not shown")
      assert(/Perishable[\s\S]*per order/.test(text), "the perishable limit is not shown")
    })

    const before = (await api(`/admin/products/${productId}?fields=+snack_profile.*`)).data?.product?.snack_profile

    await check("a bad value is refused with the API's message naming the field, and nothing changes", async () => {
      await page.getByRole("button", { name: "Edit" }).last().click()
      const weight = page.getByLabel(/net weight/i).first()
      await weight.fill("-5")
      await page.getByRole("button", { name: /save/i }).last().click()
      await page.getByText(/net_weight_g/).first().waitFor({ timeout: 15_000 })
      const after = (await api(`/admin/products/${productId}?fields=+snack_profile.*`)).data.product.snack_profile
      assert(after.net_weight_g === before.net_weight_g, `net weight changed to ${after.net_weight_g}`)
    })

    await check("a good value is saved and shown", async () => {
      const weight = page.getByLabel(/net weight/i).first()
      const next = before.net_weight_g + 5
      await weight.fill(String(next))
      await page.getByRole("button", { name: /save/i }).last().click()
      await page.getByText(`${next} g`).first().waitFor({ timeout: 15_000 })
      const after = (await api(`/admin/products/${productId}?fields=+snack_profile.*`)).data.product.snack_profile
      assert(after.net_weight_g === next, `net weight is ${after.net_weight_g}, expected ${next}`)
      // put it back
      await api(`/admin/products/${productId}`, {
        method: "POST",
        data: { additional_data: { snack_profile: { net_weight_g: before.net_weight_g } } },
      })
    })

    await check("the product page shows the units held at checkout, and the holds page releases one", async () => {
      const keys = await api("/admin/api-keys?type=publishable&fields=token,title")
      const key = keys.data.api_keys.find((k) => k.title === "Local Shop Storefront").token
      const store = (path, data) =>
        api(path, { method: "POST", data, headers: { "x-publishable-api-key": key } })
      const regions = await page.request.fetch(`${BASE}/store/regions`, { headers: { "x-publishable-api-key": key } })
      const regionId = (await regions.json()).regions[0].id
      const variants = await api(`/admin/products/${productId}/variants?fields=id,sku`)
      const variant = variants.data.variants.find((v) => v.sku === "LAD-ALM-250G")
      const cart = (await store("/store/carts", { region_id: regionId, email: "e2e@example.in" })).data.cart
      await store(`/store/carts/${cart.id}/line-items`, { variant_id: variant.id, quantity: 2 })
      const held = await store(`/store/carts/${cart.id}/hold`, {})
      assert(held.status === 200, `hold answered ${held.status}`)

      await page.goto(`${BASE}/app/products/${productId}`, { waitUntil: "networkidle", timeout: 120_000 })
      await page.getByText("Held at checkout right now: 2 units").first().waitFor({ timeout: 30_000 })

      await page.goto(`${BASE}/app/checkout-holds`, { waitUntil: "networkidle", timeout: 120_000 })
      await page.getByText("e2e@example.in").first().waitFor({ timeout: 30_000 })
      const row = page.getByRole("row").filter({ hasText: "e2e@example.in" })
      assert((await row.innerText()).includes("Almond Ladoo"), "the row does not name the product")
      await row.getByRole("button", { name: "Release" }).click()
      await page.getByRole("button", { name: "Release" }).last().click()
      await page.getByText("Hold released").first().waitFor({ timeout: 15_000 })
      const after = await api(`/admin/holds?cart_id=${cart.id}`)
      assert(after.data.holds.every((h) => h.status === "released"), "the hold is not released")
    })
  } finally {
    await browser.close()
  }
  const passed = results.filter(([, ok]) => ok).length
  console.log(`${passed} passed, ${results.length - passed} failed`)
  process.exit(results.length === passed ? 0 : 1)
}

main().catch((e) => {
  console.error(e)
  console.log("0 passed, 1 failed")
  process.exit(1)
})

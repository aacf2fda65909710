#!/usr/bin/env node
/**
 * `npm run test:e2e`: the owner's day in Medusa Admin, in Debian's Chromium,
 * against the built shop (`medusa build` + `medusa start`, production mode) on
 * a freshly seeded database, with product files in an S3-compatible bucket
 * (s3rver) started here. Needs Chromium (`apt-get install chromium`;
 * CHROMIUM_PATH to override /usr/bin/chromium). Prints one line per check and
 * `N passed, N failed`; screenshots (failures too) go to .local-shop/e2e/screenshots.
 *
 * Environment: DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD to use that PostgreSQL
 * (else an embedded one on E2E_PG_PORT, default 54331); E2E_PORT for the shop
 * (default: a free port); E2E_SKIP_BUILD=true to reuse a build made for the same port.
 */
const path = require("path")
const { createRunner, launchBrowser, DESKTOP } = require("./lib/browser")
const { shopApi } = require("./lib/shop-api")
const { startShopStack, WORK_DIR } = require("./lib/shop-stack")

const OWNER = {
  email: process.env.SHOP_OWNER_EMAIL || "owner@localshop.test",
  password: process.env.SHOP_OWNER_PASSWORD || "localshop-owner",
}
const SCREENSHOTS = path.join(WORK_DIR, "screenshots")

const scenarios = [
  require("./scenarios/admin-refuses-framing"),
  require("./scenarios/owner-creates-snack"),
  require("./scenarios/owner-uploads-photos"),
  require("./scenarios/owner-releases-hold"),
  require("./scenarios/owner-reads-dashboard"),
]

async function main() {
  const started = Date.now()
  const log = (m) => console.log(`[e2e] ${m}`)
  const stack = await startShopStack({ log })
  let browser
  let runner
  try {
    browser = await launchBrowser(WORK_DIR)
    const page = browser.context.pages()[0] ?? (await browser.context.newPage())
    runner = createRunner({ page: () => page, screenshotDir: SCREENSHOTS })
    const api = shopApi(page, stack.baseUrl)
    const context = { page, baseUrl: stack.baseUrl, api, s3: stack.s3, check: runner.check, state: {} }

    const signedIn = await runner.check("the owner signs in to Medusa Admin", async () => {
      await page.setViewportSize(DESKTOP)
      await page.goto(`${stack.baseUrl}/app/login`, { waitUntil: "networkidle" })
      await page.getByPlaceholder("Email").fill(OWNER.email)
      await page.getByPlaceholder("Password").fill(OWNER.password)
      await page.getByRole("button", { name: "Continue with Email" }).click()
      await page.waitForURL((url) => !url.pathname.includes("/login"), { timeout: 60_000 })
      await api.mustAdmin("/admin/users/me")
    })
    if (signedIn) {
      for (const scenario of scenarios) {
        await scenario(context)
      }
    }
  } finally {
    await browser?.close().catch(() => undefined)
    await stack.stop()
  }
  const results = runner?.results ?? []
  const passed = results.filter((r) => r.ok).length
  log(`screenshots in ${path.relative(process.cwd(), SCREENSHOTS)}; took ${Math.round((Date.now() - started) / 1000)} s`)
  console.log(`${passed} passed, ${results.length - passed} failed`)
  process.exit(results.length && results.length === passed ? 0 : 1)
}

main().catch((e) => {
  console.error(e)
  console.log("0 passed, 1 failed")
  process.exit(1)
})

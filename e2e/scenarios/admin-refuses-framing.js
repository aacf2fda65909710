/**
 * Medusa Admin carries the security headers (helmet) and another site cannot
 * frame it: Chromium refuses to show the admin inside an iframe.
 */
const { assert } = require("../lib/browser")

module.exports = async function adminRefusesFraming({ page, baseUrl, check }) {
  await check("Medusa Admin carries the security headers and refuses to be framed", async () => {
    const res = await page.request.fetch(`${baseUrl}/app/login`)
    const headers = res.headers()
    assert(headers["x-frame-options"] === "DENY", `X-Frame-Options is ${headers["x-frame-options"]}`)
    assert(/frame-ancestors 'none'/.test(headers["content-security-policy"] || ""), "no frame-ancestors 'none'")
    assert(headers["x-content-type-options"] === "nosniff", "no nosniff")
    assert(/max-age=\d+/.test(headers["strict-transport-security"] || ""), "no HSTS in production")
    assert(!("x-powered-by" in headers), `X-Powered-By: ${headers["x-powered-by"]}`)

    // Another site framing the admin: Chromium refuses to show it.
    const framer = await page.context().newPage()
    const refusals = []
    framer.on("console", (m) => refusals.push(m.text()))
    try {
      await framer.setContent(`<iframe id="admin" src="${baseUrl}/app/login" width="800" height="600"></iframe>`)
      const refused = () => refusals.some((t) => /frame-ancestors|X-Frame-Options/i.test(t))
      const deadline = Date.now() + 30_000
      while (!refused() && Date.now() < deadline) {
        await framer.waitForTimeout(200)
      }
      const frame = framer.frames().find((f) => f !== framer.mainFrame())
      const framedText = frame ? await frame.evaluate(() => document.body?.innerText ?? "").catch(() => "") : ""
      assert(refused(), "Chromium did not report refusing the frame")
      assert(!/email/i.test(framedText), "the login form showed inside the frame")
    } finally {
      await framer.close()
    }
  })
}

/**
 * Debian's Chromium driven by playwright-core: headless, no sandbox, no GPU, no
 * background networking, and a fresh profile (user data dir) for every run.
 */
const fs = require("fs")
const path = require("path")
const { chromium } = require("playwright-core")

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const DESKTOP = { width: 1400, height: 1000 }
const PHONE = { width: 390, height: 844 }

async function launchBrowser(workDir) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`)
  }
  fs.mkdirSync(workDir, { recursive: true })
  const userDataDir = fs.mkdtempSync(path.join(workDir, "profile-"))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: DESKTOP,
    locale: "en-IN",
    timezoneId: "Asia/Kolkata",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-component-update"],
  })
  context.setDefaultTimeout(30_000)
  context.setDefaultNavigationTimeout(120_000)
  return {
    context,
    close: async () => {
      await context.close()
      fs.rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

/**
 * Runs scenarios in order and prints one line per check, then `N passed, N
 * failed`. Every check ends with a screenshot under `screenshotDir`, named
 * after it; a failed one with `FAILED-` in front.
 */
function createRunner({ page, screenshotDir, log = console.log }) {
  fs.rmSync(screenshotDir, { recursive: true, force: true })
  fs.mkdirSync(screenshotDir, { recursive: true })
  const results = []
  let n = 0
  const fileName = (name) => `${String(++n).padStart(2, "0")}-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60)}.png`

  async function shoot(name, failed) {
    const file = path.join(screenshotDir, `${failed ? "FAILED-" : ""}${fileName(name)}`)
    await page().screenshot({ path: file, fullPage: true }).catch(() => undefined)
    return file
  }

  return {
    results,
    async check(name, fn) {
      const started = Date.now()
      try {
        await fn()
        const file = await shoot(name, false)
        results.push({ name, ok: true, screenshot: file })
        log(`ok   - ${name} (${Math.round((Date.now() - started) / 1000)} s) [${path.basename(file)}]`)
        return true
      } catch (e) {
        const file = await shoot(name, true)
        results.push({ name, ok: false, screenshot: file })
        log(`FAIL - ${name}: ${e && e.message ? e.message.split("\n")[0] : e} [${path.basename(file)}]`)
        return false
      }
    },
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message)
}

/** Polls `fn` until it returns a truthy value, or fails with `message` after `timeout` ms. */
async function eventually(fn, message, timeout = 20_000) {
  const deadline = Date.now() + timeout
  let last
  for (;;) {
    try {
      last = await fn()
      if (last) return last
    } catch (e) {
      last = e
    }
    if (Date.now() > deadline) throw new Error(`${message} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`)
    await new Promise((r) => setTimeout(r, 400))
  }
}

module.exports = { launchBrowser, createRunner, assert, eventually, DESKTOP, PHONE }

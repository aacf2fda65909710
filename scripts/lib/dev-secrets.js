/**
 * The development server's JWT and cookie secrets: random, made on the first
 * `npm run dev` and kept in .local-shop/dev-secrets.json (git-ignored, readable
 * by its owner only), so that logins survive restarts and nobody else can sign
 * a token this shop accepts.
 */
const crypto = require("crypto")
const fs = require("fs")
const path = require("path")

const FILE = "dev-secrets.json"

const random = () => crypto.randomBytes(32).toString("hex")
const usable = (value) => typeof value === "string" && value.length >= 32

function loadOrCreateDevSecrets(dir) {
  const file = path.join(dir, FILE)
  if (fs.existsSync(file)) {
    try {
      const saved = JSON.parse(fs.readFileSync(file, "utf8"))
      if (usable(saved.JWT_SECRET) && usable(saved.COOKIE_SECRET)) {
        fs.chmodSync(file, 0o600)
        return { JWT_SECRET: saved.JWT_SECRET, COOKIE_SECRET: saved.COOKIE_SECRET, file, created: false }
      }
    } catch {
      // unreadable or half-written: make new ones below
    }
  }
  fs.mkdirSync(dir, { recursive: true })
  const secrets = { JWT_SECRET: random(), COOKIE_SECRET: random() }
  fs.writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 })
  fs.chmodSync(file, 0o600)
  return { ...secrets, file, created: true }
}

module.exports = { loadOrCreateDevSecrets }

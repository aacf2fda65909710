#!/usr/bin/env node
/**
 * `npm run dev`: the shop on any machine with Node, nothing else to set up.
 *
 * 1. DATABASE_URL unset: start an embedded PostgreSQL in .local-shop/postgres
 *    (kept between runs). DATABASE_URL set: use it, start nothing.
 * 2. Create the database if missing and run Medusa's migrations.
 * 3. Seed the demo shop and the owner's Admin login on first start only.
 * 4. Run `medusa develop`, print where everything is once /health answers.
 * Ctrl-C stops Medusa, then the embedded PostgreSQL.
 */
const { spawn } = require("child_process")
const path = require("path")
const exitHook = require("async-exit-hook")
const { Client } = require("pg")
const { startEmbeddedPostgres, ensureDatabase } = require("./lib/embedded-postgres")

const ROOT = path.resolve(__dirname, "..")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const PORT = Number(process.env.PORT || 9000)
const DB_NAME = "medusa_local_shop"
const SEEDED_MARKER = "demo_shop_seeded_at"
const KEY_TITLE = "Local Shop Storefront"

require("@medusajs/framework/utils").loadEnv("development", ROOT)

const log = (msg) => console.log(`[local-shop] ${msg}`)

let embedded = null
let medusa = null
let stopping = false

function run(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(MEDUSA, args, { cwd: ROOT, env, stdio: "inherit" })
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`medusa ${args.join(" ")} exited with ${code}`))
    )
  })
}

async function readShopState(databaseUrl, ownerEmail) {
  const client = new Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const store = await client.query("select metadata from store where deleted_at is null limit 1")
    const owner = await client.query(
      'select 1 from "user" where email = $1 and deleted_at is null',
      [ownerEmail]
    )
    const key = await client.query(
      "select token from api_key where type = 'publishable' and title = $1 and revoked_at is null and deleted_at is null limit 1",
      [KEY_TITLE]
    )
    return {
      seeded: Boolean(store.rows[0]?.metadata?.[SEEDED_MARKER]) && owner.rowCount > 0,
      publishableKey: key.rows[0]?.token,
    }
  } finally {
    await client.end()
  }
}

async function waitForHealth(timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (medusa?.exitCode !== null) {
      return false
    }
    try {
      const res = await fetch(`http://localhost:${PORT}/health`)
      if (res.ok) {
        return true
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  return false
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0)
    return true
  } catch {
    return false
  }
}

/** Stops Medusa's whole process group (develop, its server, the admin bundler). */
async function stopMedusa() {
  if (!medusa || !groupAlive(medusa.pid)) {
    return
  }
  process.kill(-medusa.pid, "SIGINT")
  for (let i = 0; i < 100 && groupAlive(medusa.pid); i++) {
    await new Promise((r) => setTimeout(r, 100))
  }
  if (groupAlive(medusa.pid)) {
    process.kill(-medusa.pid, "SIGKILL")
  }
}

async function shutdown() {
  await stopMedusa()
  if (embedded) {
    log("Stopping the embedded PostgreSQL")
    await embedded.stop()
    embedded = null
  }
}

exitHook.forceExitTimeout(20_000)
exitHook((done) => {
  stopping = true
  shutdown().then(done, (e) => {
    console.error(e)
    done()
  })
})

async function main() {
  const env = { ...process.env }
  if (!env.DATABASE_URL) {
    const port = Number(env.EMBEDDED_PG_PORT || 54329)
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(ROOT, ".local-shop", "postgres"),
      port,
      log,
    })
    env.DATABASE_URL = embedded.url(DB_NAME)
    log(`Embedded PostgreSQL running on port ${port}`)
  } else {
    log("Using the PostgreSQL in DATABASE_URL")
  }

  await ensureDatabase(env.DATABASE_URL)
  log("Running migrations")
  await run(["db:migrate"], env)

  const ownerEmail = env.SHOP_OWNER_EMAIL || "owner@localshop.test"
  const ownerPassword = env.SHOP_OWNER_PASSWORD || "localshop-owner"
  let state = await readShopState(env.DATABASE_URL, ownerEmail)
  if (!state.seeded) {
    log("First start: seeding the demo shop and the owner's login")
    await run(["exec", "./src/scripts/seed.ts"], env)
    state = await readShopState(env.DATABASE_URL, ownerEmail)
  }

  medusa = spawn(MEDUSA, ["develop"], { cwd: ROOT, env, stdio: "inherit", detached: true })
  medusa.on("exit", (code, signal) => {
    if (stopping) {
      return
    }
    log(`Medusa stopped on its own (${signal ?? code})`)
    stopping = true
    shutdown().finally(() => process.exit(code ?? 1))
  })

  if (await waitForHealth(180_000)) {
    console.log(
      [
        "",
        "  Local Shop is running",
        `  Medusa Admin   http://localhost:${PORT}/app`,
        `  Owner login    ${ownerEmail} / ${ownerPassword}`,
        `  Store API      http://localhost:${PORT}/store`,
        `  Publishable key  ${state.publishableKey}`,
        `  Try: curl -H "x-publishable-api-key: ${state.publishableKey}" http://localhost:${PORT}/store/products`,
        "  Ctrl-C stops the shop" + (embedded ? " and its embedded PostgreSQL." : "."),
        "",
      ].join("\n")
    )
  }
}

main().catch((e) => {
  console.error(`[local-shop] ${e?.stack ?? e}`)
  process.exit(1)
})

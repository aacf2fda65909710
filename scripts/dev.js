#!/usr/bin/env node
/**
 * `npm run dev`: the shop on any machine with Node, nothing else to set up.
 *
 * 1. Check DATABASE_URL and REDIS_URL when set (shape, then that they answer):
 *    a problem is one line naming the variable and what to do.
 * 2. Random JWT and cookie secrets, made once into .local-shop/dev-secrets.json
 *    (JWT_SECRET / COOKIE_SECRET from the environment win).
 * 3. DATABASE_URL unset: start an embedded PostgreSQL in .local-shop/postgres
 *    (kept between runs). DATABASE_URL set: use it, start nothing.
 * 4. Create the database if missing and run Medusa's migrations.
 * 5. Seed the demo shop and the owner's Admin login on first start only.
 * 6. Run `medusa develop` on 127.0.0.1 only (HOST to change it), print where
 *    everything is once /health answers.
 * Ctrl-C stops Medusa, then the embedded PostgreSQL.
 */
const { spawn } = require("child_process")
const path = require("path")
const exitHook = require("async-exit-hook")
const { Client } = require("pg")
const { loadOrCreateDevSecrets } = require("./lib/dev-secrets")
const { startEmbeddedPostgres, ensureDatabase } = require("./lib/embedded-postgres")
const { StartupError, checkRedis, checkUrl, describeDatabaseError } = require("./lib/startup-errors")
const { publicUrl, staleDemoImages, storedDemoImages } = require("./lib/demo-images")

const ROOT = path.resolve(__dirname, "..")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const DB_NAME = "medusa_local_shop"
const SEEDED_MARKER = "demo_shop_seeded_at"
const KEY_TITLE = "Local Shop Storefront"
const STATE_DIR = path.join(ROOT, ".local-shop")

// `.env` first (the environment wins), as Medusa reads it: a PORT set there is the port
// the server listens on, so it is the one to wait for and to print.
require("@medusajs/framework/utils").loadEnv("development", ROOT)
const PORT = Number(process.env.PORT || 9000)

/**
 * The interface the dev server listens on: this computer only unless HOST says
 * otherwise (a laptop on café Wi-Fi must not offer the admin to the room).
 */
const HOST = process.env.HOST?.trim() || "127.0.0.1"
const LOOPBACK = ["127.0.0.1", "localhost", "::1"]
const EVERY_INTERFACE = ["0.0.0.0", "::"]
/** Where this machine reaches the server (the banner's URLs, the health probe). */
const LOCAL_HOST = LOOPBACK.includes(HOST) || EVERY_INTERFACE.includes(HOST) ? "localhost" : HOST
const PROBE_HOST = EVERY_INTERFACE.includes(HOST) || HOST === "localhost" ? "127.0.0.1" : HOST.includes(":") ? `[${HOST}]` : HOST

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
      // The marker alone: an owner who deleted the demo login keeps it deleted.
      seeded: Boolean(store.rows[0]?.metadata?.[SEEDED_MARKER]),
      demoImages: await storedDemoImages(client),
      ownerExists: owner.rowCount > 0,
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
      const res = await fetch(`http://${PROBE_HOST}:${PORT}/health`)
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

function listeningLine() {
  if (LOOPBACK.includes(HOST)) {
    return `  Listening on   ${HOST}, this computer only (to open it to your network: HOST=0.0.0.0 npm run dev)`
  }
  if (EVERY_INTERFACE.includes(HOST)) {
    return `  Listening on   every network interface (HOST=${HOST}): anyone on your network can reach it`
  }
  return `  Listening on   ${HOST} (HOST): reachable from that network`
}

async function main() {
  const env = { ...process.env }
  checkUrl("DATABASE_URL", env.DATABASE_URL, ["postgres:", "postgresql:"], "postgres://user:password@host:5432/database")
  checkUrl("REDIS_URL", env.REDIS_URL, ["redis:", "rediss:"], "redis://host:6379")
  if (env.REDIS_URL) {
    await checkRedis(env.REDIS_URL)
    log("Using the Redis in REDIS_URL")
  }

  if (!env.DATABASE_URL) {
    const port = Number(env.EMBEDDED_PG_PORT || 54329)
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(STATE_DIR, "postgres"),
      port,
      log,
    })
    env.DATABASE_URL = embedded.url(DB_NAME)
    log(`Embedded PostgreSQL running on port ${port}`)
  } else {
    log("Using the PostgreSQL in DATABASE_URL")
  }

  try {
    await ensureDatabase(env.DATABASE_URL)
  } catch (e) {
    throw new StartupError(describeDatabaseError(e, env.DATABASE_URL, embedded ? "the embedded PostgreSQL" : "DATABASE_URL"))
  }

  const secrets = loadOrCreateDevSecrets(STATE_DIR)
  const secretSource =
    env.JWT_SECRET && env.COOKIE_SECRET
      ? "JWT_SECRET and COOKIE_SECRET from the environment"
      : `${path.relative(ROOT, secrets.file)} (random, made on first start)`
  env.JWT_SECRET = env.JWT_SECRET || secrets.JWT_SECRET
  env.COOKIE_SECRET = env.COOKIE_SECRET || secrets.COOKIE_SECRET
  env.HOST = HOST

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

  const stale = state.seeded ? staleDemoImages(state.demoImages, env).length : 0
  if (stale) {
    // Seeded on another port or address: the demo's images would show broken. Only
    // they are uploaded again (`npm run seed` would also bring back deleted demo products).
    log(`${stale} demo product images point at another address; uploading them again for ${publicUrl(env)}`)
    await run(["exec", "./src/scripts/repair-demo-images.ts"], env)
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
        `  Medusa Admin   http://${LOCAL_HOST}:${PORT}/app`,
        state.ownerExists
          ? `  Owner login    ${ownerEmail} / ${ownerPassword}`
          : `  Owner login    no Admin user ${ownerEmail} (the first start makes the owner's login; add one in Admin or with npx medusa user)`,
        `  Store API      http://${LOCAL_HOST}:${PORT}/store`,
        `  Publishable key  ${state.publishableKey}`,
        listeningLine(),
        `  Login secrets  ${secretSource}`,
        `  Try: curl -H "x-publishable-api-key: ${state.publishableKey}" http://${LOCAL_HOST}:${PORT}/store/products`,
        "  Ctrl-C stops the shop" + (embedded ? " and its embedded PostgreSQL." : "."),
        "",
      ].join("\n")
    )
  }
}

main().catch(async (e) => {
  // A problem the person can fix gets one line; anything else its stack.
  console.error(e instanceof StartupError ? `[local-shop] ${e.message}` : `[local-shop] ${e?.stack ?? e}`)
  stopping = true
  await shutdown().catch(() => undefined)
  process.exit(1)
})

/**
 * The shop as it runs in production, for the end-to-end suite: PostgreSQL (the
 * machine's, from DB_*, or a throwaway embedded one), an S3-compatible bucket
 * (s3rver) with file-s3 pointed at it, `medusa build`, migrations, the demo
 * seed, then `NODE_ENV=production medusa start` from .medusa/server behind a
 * front proxy that plays the TLS-ending load balancer. Every process it starts
 * is stopped by `stop()`.
 */
const { spawn } = require("child_process")
const fs = require("fs")
const path = require("path")
const { Client } = require("pg")
const { startEmbeddedPostgres } = require("../../scripts/lib/embedded-postgres")
const { freePort } = require("../../scripts/lib/ports")
const { startFrontProxy } = require("./front-proxy")
const { startS3StandIn } = require("./s3-stand-in")

const ROOT = path.resolve(__dirname, "..", "..")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const SERVER_DIR = path.join(ROOT, ".medusa", "server")
const WORK_DIR = path.join(ROOT, ".local-shop", "e2e")
const DB_NAME = "local_shop_e2e"


/** Runs a command to completion with its output in a log file; rejects with the log's tail. */
function run(cmd, args, { cwd, env, logFile }) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, "a")
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", out, out] })
    child.on("exit", (code) => {
      fs.closeSync(out)
      if (code === 0) return resolve()
      const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n")
      reject(new Error(`${path.basename(cmd)} ${args.join(" ")} exited with ${code}; see ${logFile}\n${tail}`))
    })
  })
}

async function recreateDatabase(serverUrl) {
  const client = new Client({ connectionString: `${serverUrl}/postgres` })
  await client.connect()
  try {
    await client.query(`drop database if exists "${DB_NAME}" with (force)`)
    await client.query(`create database "${DB_NAME}"`)
  } finally {
    await client.end()
  }
}

async function startPostgres(log) {
  if (process.env.DB_HOST) {
    const user = encodeURIComponent(process.env.DB_USERNAME || "postgres")
    const password = process.env.DB_PASSWORD ? `:${encodeURIComponent(process.env.DB_PASSWORD)}` : ""
    const server = `postgres://${user}${password}@${process.env.DB_HOST}:${process.env.DB_PORT || 5432}`
    log(`PostgreSQL: ${process.env.DB_HOST}:${process.env.DB_PORT || 5432} (DB_HOST)`)
    return { server, stop: async () => undefined }
  }
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(WORK_DIR, "postgres"),
    port: Number(process.env.E2E_PG_PORT || 54331),
    portVariable: "E2E_PG_PORT",
    ownDatabase: "DB_HOST (with DB_PORT, DB_USERNAME, DB_PASSWORD)",
    // A throwaway cluster: a taken default port is no reason to fail; a port named in E2E_PG_PORT is kept to.
    anyFreePort: !process.env.E2E_PG_PORT,
    persistent: false,
    log: (m) => log(m),
  })
  log(`PostgreSQL: embedded on port ${pg.port}`)
  return { server: `postgres://${pg.user}:${pg.password}@localhost:${pg.port}`, stop: () => pg.stop() }
}

/**
 * Starts everything and returns { baseUrl, databaseUrl, s3, stop }.
 * E2E_PORT picks the shop's port (default: a free one); E2E_SKIP_BUILD=true
 * reuses .medusa/server when it was built for the same URL.
 */
async function startShopStack({ log = console.log } = {}) {
  fs.mkdirSync(WORK_DIR, { recursive: true })
  const stops = []
  const stop = async () => {
    for (const fn of stops.reverse()) {
      await fn().catch((e) => log(`stop: ${e.message}`))
    }
  }
  try {
    const port = Number(process.env.E2E_PORT) || (await freePort())
    const serverPort = await freePort()
    const baseUrl = `http://localhost:${port}`

    const pg = await startPostgres(log)
    stops.push(pg.stop)
    await recreateDatabase(pg.server)
    const databaseUrl = `${pg.server}/${DB_NAME}`

    const s3 = await startS3StandIn({ directory: path.join(WORK_DIR, "s3") })
    stops.push(s3.close)
    log(`bucket: ${s3.fileUrl} (s3rver)`)

    const env = { ...process.env }
    for (const name of ["REDIS_URL", "NODE_OPTIONS", "DB_HOST", "DB_PORT", "DB_USERNAME", "DB_PASSWORD", "NODE_ENV", "HOST"]) {
      delete env[name]
    }
    Object.assign(env, s3.env, {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      MEDUSA_BACKEND_URL: baseUrl,
      JWT_SECRET: "local-shop-e2e-jwt",
      COOKIE_SECRET: "local-shop-e2e-cookie",
      LOG_LEVEL: process.env.LOG_LEVEL || "warn",
    })

    const builtFor = path.join(SERVER_DIR, ".e2e-backend-url")
    const reuse =
      process.env.E2E_SKIP_BUILD === "true" && fs.existsSync(builtFor) && fs.readFileSync(builtFor, "utf8") === baseUrl
    const build = async () => {
      if (reuse) return
      const started = Date.now()
      log("medusa build (backend and Medusa Admin) ...")
      await run(MEDUSA, ["build"], { cwd: ROOT, env, logFile: path.join(WORK_DIR, "build.log") })
      fs.writeFileSync(builtFor, baseUrl)
      log(`built in ${Math.round((Date.now() - started) / 1000)} s`)
    }
    // The database is made from the sources while the build runs: neither needs the other.
    const prepareDatabase = async () => {
      const started = Date.now()
      await run(MEDUSA, ["db:migrate"], { cwd: ROOT, env, logFile: path.join(WORK_DIR, "migrate.log") })
      await run(MEDUSA, ["exec", "./src/scripts/seed.ts"], { cwd: ROOT, env, logFile: path.join(WORK_DIR, "seed.log") })
      log(`database migrated and seeded in ${Math.round((Date.now() - started) / 1000)} s`)
    }
    for (const file of ["build.log", "migrate.log", "seed.log"]) {
      fs.rmSync(path.join(WORK_DIR, file), { force: true })
    }
    const [built, prepared] = await Promise.allSettled([build(), prepareDatabase()])
    for (const outcome of [built, prepared]) {
      if (outcome.status === "rejected") throw outcome.reason
    }
    // The built server resolves its packages from the project's node_modules.
    const modules = path.join(SERVER_DIR, "node_modules")
    if (!fs.existsSync(modules)) {
      fs.symlinkSync(path.join(ROOT, "node_modules"), modules, "dir")
    }

    const started = Date.now()
    const out = fs.openSync(path.join(WORK_DIR, "server.log"), "w")
    const server = spawn(MEDUSA, ["start"], {
      cwd: SERVER_DIR,
      env: { ...env, NODE_ENV: "production", PORT: String(serverPort) },
      stdio: ["ignore", out, out],
      detached: true,
    })
    const exited = new Promise((resolve) => server.once("exit", resolve))
    stops.push(async () => {
      if (server.exitCode === null && server.signalCode === null) {
        process.kill(-server.pid, "SIGTERM")
        const timer = setTimeout(() => server.exitCode === null && process.kill(-server.pid, "SIGKILL"), 15_000)
        await exited
        clearTimeout(timer)
      }
    })
    const deadline = Date.now() + 180_000
    for (;;) {
      if (server.exitCode !== null) {
        throw new Error(`medusa start exited with ${server.exitCode}; see ${path.join(WORK_DIR, "server.log")}`)
      }
      const ok = await fetch(`http://127.0.0.1:${serverPort}/health`).then((r) => r.ok).catch(() => false)
      if (ok) break
      if (Date.now() > deadline) throw new Error("medusa start did not answer /health within 180 s")
      await new Promise((r) => setTimeout(r, 500))
    }
    const proxy = await startFrontProxy({ port, upstreamPort: serverPort })
    stops.push(proxy.close)
    log(`medusa start answered /health in ${Math.round((Date.now() - started) / 1000)} s at ${baseUrl}`)
    return { baseUrl, databaseUrl, s3, stop }
  } catch (e) {
    await stop()
    throw e
  }
}

module.exports = { startShopStack, WORK_DIR }

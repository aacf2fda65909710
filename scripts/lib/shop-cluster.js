/**
 * The production topology on one machine: N servers (MEDUSA_WORKER_MODE=server)
 * and M workers (MEDUSA_WORKER_MODE=worker, no admin, no routes) as separate
 * `medusa start` processes against one PostgreSQL and one Redis.
 *
 * Used by `npm run start:cluster`, `npm run bench` and the topology test, so
 * that the environment every process gets is written in one place
 * (`processEnv`, and LOAD_TEST_ENV for runs that fire many carts from one IP).
 */
const { spawn } = require("child_process")
const fs = require("fs")
const { freePort } = require("./ports")
const path = require("path")

const ROOT = path.resolve(__dirname, "..", "..")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")

/**
 * Limits raised for tests and benchmarks that fire hundreds of carts from one
 * client IP (per-client caps on carts holding stock, rate limits on /hold and
 * /complete), and the payment step's hold off for their races. Real shoppers
 * never share one IP like that; production keeps the defaults. Add the
 * variables of any such limit here.
 */
const LOAD_TEST_ENV = {
  RATE_LIMIT_AUTH_PER_MINUTE: "1000000",
  RATE_LIMIT_CHECKOUT_PER_MINUTE: "1000000",
  RATE_LIMIT_CART_WRITES_PER_MINUTE: "1000000",
  RATE_LIMIT_STORE_PER_MINUTE: "1000000",
  // Checkout-hold cap: carts with active holds per guest IP (src/config/checkout-holds.ts).
  HOLD_MAX_CARTS_PER_GUEST_IP: "1000000",
  // Their races are completions racing for the stock (N carts, K units): a hold taken
  // as each cart got its payment session would settle the race before it starts.
  HOLD_AT_PAYMENT_STEP: "off",
}

/** The environment of one process of the topology. */
function processEnv({ role, port, databaseUrl, redisUrl, extra = {} }) {
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    MEDUSA_WORKER_MODE: role,
    PORT: String(port),
    LOG_LEVEL: process.env.LOG_LEVEL || "info",
    ...extra,
  }
  if (redisUrl) {
    env.REDIS_URL = redisUrl
  } else {
    delete env.REDIS_URL
  }
  // The project's jest/tsc flags must not leak into the servers.
  delete env.NODE_OPTIONS
  return env
}


/**
 * Starts one `medusa start` process and waits for its /health.
 * appDir: the project root (sources) or .medusa/server (built app).
 */
async function startShopProcess({ appDir = ROOT, role, port, databaseUrl, redisUrl, logFile, extra = {}, timeoutMs = 120_000 }) {
  port = port ?? (await freePort())
  fs.mkdirSync(path.dirname(logFile), { recursive: true })
  const log = fs.openSync(logFile, "a")
  const child = spawn(MEDUSA, ["start"], {
    cwd: appDir,
    env: processEnv({ role, port, databaseUrl, redisUrl, extra }),
    stdio: ["ignore", log, log],
    detached: true,
  })
  fs.closeSync(log)
  const url = `http://127.0.0.1:${port}`
  const exited = new Promise((resolve) => child.once("exit", () => resolve()))
  const signal = async (sig) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return
    }
    try {
      process.kill(-child.pid, sig)
    } catch {
      // already gone
    }
    await exited
  }
  const handle = {
    role,
    url,
    port,
    pid: child.pid,
    logFile,
    process: child,
    stop: () => signal("SIGTERM"),
    kill: () => signal("SIGKILL"),
  }
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`medusa start (${role}) exited with ${child.exitCode}; see ${logFile}`)
    }
    try {
      const res = await fetch(`${url}/health`)
      if (res.ok) {
        return handle
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  await handle.kill()
  throw new Error(`medusa start (${role}) did not answer /health within ${timeoutMs / 1000} s; see ${logFile}`)
}

/**
 * Starts `servers` servers and `workers` workers (in parallel) and returns
 * them with a stop() for all. Ports: basePort, basePort+1, ... when given,
 * free ports otherwise.
 */
async function startCluster({ appDir = ROOT, servers = 2, workers = 1, basePort, databaseUrl, redisUrl, logDir, extra = {}, roleExtra = {} }) {
  if (!redisUrl) {
    throw new Error("Several processes need REDIS_URL: events, jobs and the cache are shared through Redis")
  }
  const specs = [
    ...Array.from({ length: servers }, (_, i) => ({ role: "server", name: `server-${i + 1}` })),
    ...Array.from({ length: workers }, (_, i) => ({ role: "worker", name: `worker-${i + 1}` })),
  ]
  const started = await Promise.allSettled(
    specs.map((spec, i) =>
      startShopProcess({
        appDir,
        role: spec.role,
        port: basePort ? basePort + i : undefined,
        databaseUrl,
        redisUrl,
        logFile: path.join(logDir, `${spec.name}.log`),
        extra: { ...extra, ...(roleExtra[spec.role] ?? {}) },
      })
    )
  )
  const ok = started.filter((s) => s.status === "fulfilled").map((s) => s.value)
  const stop = async () => {
    await Promise.all(ok.map((p) => p.stop()))
  }
  const failure = started.find((s) => s.status === "rejected")
  if (failure) {
    await stop()
    throw failure.reason
  }
  return {
    servers: ok.filter((p) => p.role === "server"),
    workers: ok.filter((p) => p.role === "worker"),
    stop,
  }
}

module.exports = { LOAD_TEST_ENV, ROOT, freePort, processEnv, startCluster, startShopProcess }

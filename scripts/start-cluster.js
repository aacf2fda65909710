#!/usr/bin/env node
/**
 * `npm run start:cluster`: the production topology on one machine, from the
 * built app (`npm run build` first): 2 servers (MEDUSA_WORKER_MODE=server) on
 * PORT and PORT+1, and 1 worker (MEDUSA_WORKER_MODE=worker: jobs and event
 * subscribers, no admin, no routes) on PORT+2, all against DATABASE_URL and
 * REDIS_URL. Put a load balancer in front of the two server ports.
 * CLUSTER_SERVERS / CLUSTER_WORKERS change the counts. Ctrl-C stops them all.
 */
const fs = require("fs")
const path = require("path")
const { ROOT, startCluster } = require("./lib/shop-cluster")

require("@medusajs/framework/utils").loadEnv(process.env.NODE_ENV || "production", ROOT)

const log = (msg) => console.log(`[cluster] ${msg}`)

function count(name, fallback) {
  const value = process.env[name] ? Number(process.env[name]) : fallback
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive whole number (got "${process.env[name]}")`)
  }
  return value
}

async function main() {
  const databaseUrl = process.env.DATABASE_URL
  const redisUrl = process.env.REDIS_URL
  if (!databaseUrl || !redisUrl) {
    throw new Error("start:cluster needs DATABASE_URL and REDIS_URL (one PostgreSQL and one Redis shared by every process)")
  }
  const appDir = path.join(ROOT, ".medusa", "server")
  if (!fs.existsSync(path.join(appDir, "medusa-config.js"))) {
    throw new Error("No built app in .medusa/server: run `npm run build` first")
  }
  const basePort = Number(process.env.PORT || 9000)
  const servers = count("CLUSTER_SERVERS", 2)
  const workers = count("CLUSTER_WORKERS", 1)
  const logDir = path.join(ROOT, ".local-shop", "cluster-logs")
  log(`starting ${servers} servers and ${workers} worker(s); logs in ${path.relative(ROOT, logDir)}/`)
  const cluster = await startCluster({ appDir, servers, workers, basePort, databaseUrl, redisUrl, logDir })
  for (const p of [...cluster.servers, ...cluster.workers]) {
    log(`${p.role.padEnd(6)} pid ${p.pid}  ${p.url}${p.role === "worker" ? " (health only)" : ""}`)
  }
  let stopping = false
  const stop = async (code) => {
    if (stopping) return
    stopping = true
    log("stopping")
    await cluster.stop()
    process.exit(code)
  }
  process.on("SIGINT", () => void stop(0))
  process.on("SIGTERM", () => void stop(0))
  // A process that dies takes the cluster down with it: a supervisor (systemd,
  // a container runtime) restarts the whole set.
  for (const p of [...cluster.servers, ...cluster.workers]) {
    p.process.once("exit", (code) => {
      if (!stopping) {
        log(`${p.role} pid ${p.pid} exited (${code}); stopping the others`)
        void stop(1)
      }
    })
  }
}

main().catch((e) => {
  console.error(`[cluster] ${e.message}`)
  process.exit(1)
})

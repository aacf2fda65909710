#!/usr/bin/env node
/**
 * `npm run bench` / `npm run bench:holds`: runs the benchmarks on a fresh,
 * seeded database (DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD, or an embedded
 * PostgreSQL when none is set), in one process, and prints their reports.
 */
const { spawn } = require("child_process")
const path = require("path")
const { Client } = require("pg")
const { startEmbeddedPostgres } = require("./lib/embedded-postgres")

const ROOT = path.resolve(__dirname, "..")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const DB_NAME = "local_shop_bench"
const BENCHES = { holds: "./bench/checkout-holds.ts" }

function run(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(MEDUSA, args, { cwd: ROOT, env, stdio: "inherit" })
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`medusa ${args.join(" ")} exited with ${code}`))))
  })
}

async function main() {
  const which = process.argv[2] ? [process.argv[2]] : Object.keys(BENCHES)
  let embedded = null
  let base
  if (process.env.DB_HOST) {
    const user = encodeURIComponent(process.env.DB_USERNAME || "postgres")
    const pass = process.env.DB_PASSWORD ? `:${encodeURIComponent(process.env.DB_PASSWORD)}` : ""
    base = `postgres://${user}${pass}@${process.env.DB_HOST}:${process.env.DB_PORT || 5432}`
  } else {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(ROOT, ".local-shop", "bench-postgres"),
      port: Number(process.env.EMBEDDED_PG_TEST_PORT || 54331),
      persistent: false,
      log: (m) => console.log(`[bench] ${m}`),
    })
    base = `postgres://${embedded.user}:${embedded.password}@localhost:${embedded.port}`
  }
  try {
    const admin = new Client({ connectionString: `${base}/postgres` })
    await admin.connect()
    await admin.query(`drop database if exists ${DB_NAME} with (force)`)
    await admin.query(`create database ${DB_NAME}`)
    await admin.end()
    const env = {
      ...process.env,
      DATABASE_URL: `${base}/${DB_NAME}`,
      LOG_LEVEL: process.env.LOG_LEVEL || "error",
    }
    delete env.REDIS_URL
    await run(["db:migrate"], env)
    await run(["exec", "./src/scripts/seed.ts"], env)
    for (const name of which) {
      console.log(`[bench] ${name}`)
      await run(["exec", BENCHES[name]], env)
    }
  } finally {
    if (embedded) {
      await embedded.stop()
    }
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})

#!/usr/bin/env node
/**
 * `npm test`: type check, then every jest layer (unit, module, HTTP integration).
 *
 * Database: the one named by DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD in the
 * environment or in .env.test; with neither, a throwaway embedded PostgreSQL is
 * started for the run and removed after it.
 * Prints a closing line `N passed, N failed` (each type check counts as one).
 */
const { spawn } = require("child_process")
const fs = require("fs")
const path = require("path")
const { startEmbeddedPostgres } = require("./lib/embedded-postgres")

const ROOT = path.resolve(__dirname, "..")
const BIN = path.join(ROOT, "node_modules", ".bin")
const RESULTS = path.join(ROOT, ".local-shop", "jest-results.json")

/** Runs a tool from node_modules/.bin (or, with bin=false, a command on PATH). */
function run(cmd, args, env, bin = true) {
  return new Promise((resolve) => {
    const child = spawn(bin ? path.join(BIN, cmd) : cmd, args, { cwd: ROOT, env, stdio: "inherit" })
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

function databaseFromEnvTest() {
  const file = path.join(ROOT, ".env.test")
  return fs.existsSync(file) && /^\s*DB_HOST\s*=/m.test(fs.readFileSync(file, "utf8"))
}

async function main() {
  const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL || "error" }
  let embedded = null
  if (!env.DB_HOST && !databaseFromEnvTest()) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(ROOT, ".local-shop", "test-postgres"),
      port: Number(env.EMBEDDED_PG_TEST_PORT || 54330),
      portVariable: "EMBEDDED_PG_TEST_PORT",
      ownDatabase: "DB_HOST (with DB_PORT, DB_USERNAME, DB_PASSWORD)",
      // A throwaway cluster may live on any port: a taken default (another
      // checkout's run, a cluster left by a killed run) must not fail the tests.
      // A port named in EMBEDDED_PG_TEST_PORT is kept to.
      anyFreePort: !env.EMBEDDED_PG_TEST_PORT,
      persistent: false,
      log: (m) => console.log(`[test] ${m}`),
    })
    Object.assign(env, {
      DB_HOST: "localhost",
      DB_PORT: String(embedded.port),
      DB_USERNAME: embedded.user,
      DB_PASSWORD: embedded.password,
    })
    console.log(`[test] No database configured: using an embedded PostgreSQL on port ${embedded.port}`)
  }

  let passed = 0
  let failed = 0
  try {
    // Medusa's generated types (.medusa/types) first: the type checks and the
    // lint read query.graph results through them. TEST_SKIP_STATIC=1 runs the
    // jest files only (for a second run of the same tree, e.g. on another database).
    const staticChecks = process.env.TEST_SKIP_STATIC === "1" ? [] : null
    if (staticChecks === null) console.log("[test] Generating Medusa's types (npm run types)")
    if (staticChecks === null && (await run(process.execPath, [path.join(ROOT, "scripts", "generate-types.js")], env, false)) !== 0) {
      failed++
    }
    for (const [label, cmd, args] of staticChecks ?? [
      ["type check, backend", "tsc", ["--noEmit"]],
      ["type check, admin", "tsc", ["--noEmit", "-p", "src/admin/tsconfig.json"]],
      ["lint", "eslint", ["--max-warnings=0", "."]],
    ]) {
      console.log(`[test] ${label} (${cmd} ${args.join(" ")})`)
      if ((await run(cmd, args, env)) === 0) {
        passed++
      } else {
        failed++
      }
    }

    fs.mkdirSync(path.dirname(RESULTS), { recursive: true })
    fs.rmSync(RESULTS, { force: true })
    const jestEnv = { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} --experimental-vm-modules`.trim() }
    const code = await run(
      "jest",
      ["--runInBand", "--forceExit", "--json", `--outputFile=${RESULTS}`, ...process.argv.slice(2)],
      jestEnv
    )
    if (fs.existsSync(RESULTS)) {
      const results = JSON.parse(fs.readFileSync(RESULTS, "utf8"))
      passed += results.numPassedTests
      failed += results.numFailedTests
      // A suite that fails to load has no failed tests but must still fail the run.
      failed += results.numRuntimeErrorTestSuites
    } else if (code !== 0) {
      failed++
    }
  } finally {
    if (embedded) {
      await embedded.stop()
    }
  }
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed > 0 ? 1 : 0)
}

main().catch((e) => {
  console.error(e?.name === "StartupError" ? `[test] ${e.message}` : e)
  console.log("0 passed, 1 failed")
  process.exit(1)
})

/**
 * `npm run dev` start-up: random login secrets kept between runs, and problems
 * with DATABASE_URL, REDIS_URL or the embedded PostgreSQL's folder told in one
 * line that names the variable or folder and what to do.
 */
const { spawn } = require("child_process")
const fs = require("fs")
const net = require("net")
const os = require("os")
const path = require("path")
const { loadOrCreateDevSecrets } = require("../lib/dev-secrets")
const { closedFolderMessage, folderClosedTo } = require("../lib/embedded-postgres")
const { describeDatabaseError } = require("../lib/startup-errors")

jest.setTimeout(60_000)

const DEV = path.join(__dirname, "..", "dev.js")

/** A port nothing listens on (taken, then released). */
function closedPort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Runs `npm run dev` (scripts/dev.js) with `vars` and returns its exit code and output. */
function runDev(vars) {
  return new Promise((resolve) => {
    const env = { ...process.env, ...vars }
    for (const [name, value] of Object.entries(vars)) {
      if (value === undefined) delete env[name]
    }
    const child = spawn(process.execPath, [DEV], { env, stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    child.stdout.on("data", (d) => (out += d))
    child.stderr.on("data", (d) => (out += d))
    const timer = setTimeout(() => child.kill("SIGKILL"), 45_000)
    child.on("exit", (code) => {
      clearTimeout(timer)
      resolve({ code, out })
    })
  })
}

/** The lines of a failed start, less the progress lines. */
const problemLines = (out) => out.split("\n").filter((l) => l.trim() && !/^\[local-shop\] (Using|Embedded|Initialising)/.test(l))

describe("development secrets", () => {
  it("are made once, random, readable by their owner only, and reused on the next start", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "local-shop-secrets-"))
    const first = loadOrCreateDevSecrets(dir)
    expect(first.created).toBe(true)
    expect(first.JWT_SECRET).toMatch(/^[0-9a-f]{64}$/)
    expect(first.COOKIE_SECRET).toMatch(/^[0-9a-f]{64}$/)
    expect(first.JWT_SECRET).not.toBe(first.COOKIE_SECRET)
    expect(fs.statSync(first.file).mode & 0o777).toBe(0o600)

    const second = loadOrCreateDevSecrets(dir)
    expect(second).toMatchObject({ created: false, JWT_SECRET: first.JWT_SECRET, COOKIE_SECRET: first.COOKIE_SECRET })
    expect(loadOrCreateDevSecrets(fs.mkdtempSync(path.join(os.tmpdir(), "local-shop-secrets-"))).JWT_SECRET).not.toBe(
      first.JWT_SECRET
    )
  })

  it("are made anew when the file is damaged", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "local-shop-secrets-"))
    fs.writeFileSync(path.join(dir, "dev-secrets.json"), '{"JWT_SECRET": "short"')
    expect(loadOrCreateDevSecrets(dir)).toMatchObject({ created: true, JWT_SECRET: expect.stringMatching(/^[0-9a-f]{64}$/) })
  })
})

describe("npm run dev start-up errors", () => {
  it("an unreachable DATABASE_URL: one line naming it and what to do, no stack, no password", async () => {
    const port = await closedPort()
    const { code, out } = await runDev({ DATABASE_URL: `postgres://shop:hunter2@127.0.0.1:${port}/shop`, REDIS_URL: undefined })
    expect(code).toBe(1)
    expect(problemLines(out)).toEqual([
      `[local-shop] DATABASE_URL: cannot use the PostgreSQL at 127.0.0.1:${port} (connection refused: nothing is listening there). ` +
        "Start that PostgreSQL or correct DATABASE_URL, or unset it to use the embedded PostgreSQL.",
    ])
    expect(out).not.toContain("hunter2")
  })

  it("a DATABASE_URL that is not a PostgreSQL URL", async () => {
    const { code, out } = await runDev({ DATABASE_URL: "mysql://shop:hunter2@db/shop", REDIS_URL: undefined })
    expect(code).toBe(1)
    expect(problemLines(out)).toEqual([
      '[local-shop] DATABASE_URL must be a URL like postgres://user:password@host:5432/database (got "mysql://shop:***@db/shop"). Correct it in .env or the environment.',
    ])
  })

  it("an unreachable REDIS_URL, checked before anything starts", async () => {
    const port = await closedPort()
    const { code, out } = await runDev({ DATABASE_URL: "postgres://shop@127.0.0.1:1/shop", REDIS_URL: `redis://127.0.0.1:${port}` })
    expect(code).toBe(1)
    expect(problemLines(out)).toEqual([
      `[local-shop] REDIS_URL: cannot reach the Redis at 127.0.0.1:${port} (connection refused: nothing is listening there). ` +
        "Start that Redis or correct REDIS_URL, or unset it to run without Redis.",
    ])
  })

  it("names wrong credentials and a missing database", () => {
    const url = "postgres://shop:hunter2@db.example:5432/shop"
    expect(describeDatabaseError({ code: "28P01", message: "password authentication failed" }, url)).toBe(
      'DATABASE_URL: cannot use the PostgreSQL at db.example:5432 (password authentication failed for user "shop"). Correct the user and password in DATABASE_URL.'
    )
    expect(describeDatabaseError({ code: "ENOTFOUND" }, url)).toContain("(that host name does not resolve)")
    expect(describeDatabaseError({ code: "42501", message: "permission denied to create database" }, url)).toContain(
      'user "shop" may not create the database'
    )
  })
})

describe("embedded PostgreSQL folder permissions (as root it runs as the user postgres)", () => {
  it("finds the first folder that user cannot enter, and says what to do", () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "local-shop-perm-"))
    const closed = path.join(base, "home")
    fs.mkdirSync(path.join(closed, "shop"), { recursive: true })
    fs.chmodSync(base, 0o755)
    fs.chmodSync(closed, 0o700)
    const dataDir = path.join(closed, "shop", ".local-shop", "postgres")
    const stranger = { uid: 999_999, gids: [999_999] }

    const found = folderClosedTo(dataDir, stranger)
    expect(found).toEqual({ folder: closed, mode: "700" })
    expect(closedFolderMessage(found, dataDir)).toBe(
      `The embedded PostgreSQL runs as the system user "postgres" when started as root, and that user cannot enter ${closed} (mode 700) ` +
        `on the way to ${dataDir}. Run npm run dev as a normal user, move the project to a folder others may enter ` +
        "(e.g. /srv/local-shop), or set DATABASE_URL to a PostgreSQL of your own."
    )
    // Its owner may enter; once others may too, nothing is in the way.
    expect(folderClosedTo(dataDir, { uid: fs.statSync(closed).uid, gids: [] })).toBeNull()
    fs.chmodSync(closed, 0o711)
    expect(folderClosedTo(dataDir, stranger)).toBeNull()
  })
})

import { spawn, type ChildProcess } from "child_process"
import fs from "fs"
import net from "net"
import path from "path"
import { Client } from "pg"

const ROOT = path.resolve(__dirname, "..", "..")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const LOG_DIR = path.join(ROOT, ".local-shop", "test-logs")

/** The PostgreSQL the test run uses (the same variables as Medusa's test runner). */
export function serverUrl(database: string): string {
  const user = encodeURIComponent(process.env.DB_USERNAME || "postgres")
  const password = process.env.DB_PASSWORD ? `:${encodeURIComponent(process.env.DB_PASSWORD)}` : ""
  return `postgres://${user}${password}@${process.env.DB_HOST || "localhost"}:${process.env.DB_PORT || "5432"}/${database}`
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** Runs `work` on a connection to the server's maintenance database (`postgres`). */
export async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl("postgres") })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

export async function dropDatabase(name: string) {
  await onServer((client) => client.query(`drop database if exists "${name}" with (force)`))
}

function baseEnv(database: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: serverUrl(database),
    JWT_SECRET: "multi-process-test",
    COOKIE_SECRET: "multi-process-test",
    DISABLE_MEDUSA_ADMIN: "true",
    LOG_LEVEL: "error",
    ...extra,
  }
  delete env.REDIS_URL
  delete env.NODE_OPTIONS
  if (extra.REDIS_URL) {
    env.REDIS_URL = extra.REDIS_URL
  }
  return env
}

/** Runs a medusa CLI command to completion (migrations, seed). */
export async function medusa(args: string[], database: string): Promise<void> {
  fs.mkdirSync(LOG_DIR, { recursive: true })
  const log = fs.openSync(path.join(LOG_DIR, `${database}-${args[0].replace(/[^a-z]/gi, "")}.log`), "a")
  await new Promise<void>((resolve, reject) => {
    const child = spawn(MEDUSA, args, { cwd: ROOT, env: baseEnv(database), stdio: ["ignore", log, log] })
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`medusa ${args.join(" ")} exited with ${code}`))))
  })
}

export type ShopServer = {
  url: string
  process: ChildProcess
  /** Graceful stop. */
  stop: () => Promise<void>
  /** SIGKILL, as a crash or an OOM kill would. */
  kill: () => Promise<void>
}

/** Starts `medusa start` from the sources on a free port and waits for /health. */
export async function startServer(database: string, extraEnv: Record<string, string> = {}): Promise<ShopServer> {
  const port = await freePort()
  fs.mkdirSync(LOG_DIR, { recursive: true })
  const log = fs.openSync(path.join(LOG_DIR, `${database}-${port}.log`), "a")
  const child = spawn(MEDUSA, ["start"], {
    cwd: ROOT,
    env: baseEnv(database, { PORT: String(port), ...extraEnv }),
    stdio: ["ignore", log, log],
    detached: true,
  })
  const url = `http://127.0.0.1:${port}`
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return
    }
    try {
      process.kill(-child.pid!, sig)
    } catch {
      // already gone
    }
    await exited
  }
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`medusa start exited with ${child.exitCode}; see ${LOG_DIR}`)
    }
    try {
      const res = await fetch(`${url}/health`)
      if (res.ok) {
        return { url, process: child, stop: () => signal("SIGTERM"), kill: () => signal("SIGKILL") }
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  await signal("SIGKILL")
  throw new Error(`medusa start did not answer /health within 60 s; see ${LOG_DIR}`)
}

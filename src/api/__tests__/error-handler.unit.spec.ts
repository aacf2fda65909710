import type { AddressInfo } from "net"
import express from "express"
import Redis from "ioredis"
import { KnexTimeoutError } from "knex"
import { Client } from "pg"
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { freePort } from "../../../scripts/lib/shop-cluster"
import { shopErrorHandler } from "../error-handler"

/** The error a real client gives when it tries a port nobody listens on. */
async function refusedByPostgres(port: number): Promise<Error> {
  const client = new Client({ host: "127.0.0.1", port, user: "nobody" })
  return client.connect().then(
    () => new Error("a PostgreSQL answered on a free port"),
    (e: Error) => e
  )
}

/** What a command gets from ioredis when Redis is out of reach: it gives up on it (MaxRetriesPerRequestError). */
async function refusedByRedis(port: number): Promise<Error> {
  const redis = new Redis({ host: "127.0.0.1", port, maxRetriesPerRequest: 0, retryStrategy: () => 50 })
  redis.on("error", () => undefined)
  try {
    return await redis.get("anything").then(
      () => new Error("a Redis answered on a free port"),
      (e: Error) => e
    )
  } finally {
    redis.disconnect()
  }
}

/** How a workflow step's error reaches the route: the engine's stored copy (name, message, code), no class. */
const stored = (e: Error & { code?: string }) => ({ name: e.name, message: e.message, code: e.code })

/** Answers GET /:which by passing that error to the shop's error handler, over real HTTP. */
async function answers(errors: Record<string, unknown>) {
  const app = express()
  app.get("/:which", (req, _res, next) => next(errors[req.params.which]))
  app.use((err: Error, req: express.Request, res: express.Response, next: express.NextFunction) =>
    shopErrorHandler(err, req as unknown as MedusaRequest, res as unknown as MedusaResponse, next)
  )
  const server = app.listen(0, "127.0.0.1")
  await new Promise((resolve) => server.once("listening", resolve))
  const { port } = server.address() as AddressInfo
  try {
    const out: Record<string, { status: number; retryAfter: string | null; body: unknown }> = {}
    for (const which of Object.keys(errors)) {
      const res = await fetch(`http://127.0.0.1:${port}/${which}`)
      out[which] = { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.json() }
    }
    return out
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
}

describe("the shop's error handler, for a database or Redis out of reach", () => {
  const quiet = jest.spyOn(console, "error").mockImplementation(() => undefined)
  afterAll(() => quiet.mockRestore())

  it("answers 503 with Retry-After, whether the error arrives as thrown or as a workflow stored it", async () => {
    const port = await freePort()
    const pg = await refusedByPostgres(port)
    const redis = await refusedByRedis(port)
    const pool = new KnexTimeoutError("Knex: Timeout acquiring a connection. The pool is probably full.")
    const shutdown = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })
    const out = await answers({ pg, redis, pool, shutdown, storedPg: stored(pg), storedPool: stored(pool) })
    for (const which of ["pg", "redis", "pool", "shutdown", "storedPg", "storedPool"]) {
      expect({ which, ...out[which] }).toEqual({
        which,
        status: 503,
        retryAfter: "2",
        body: {
          type: "service_unavailable",
          message: "The shop could not reach its database or cache for a moment; please retry",
          retry_after: 2,
        },
      })
    }
  })

  it("leaves every other error to Medusa's handler: a bug stays a 500, a 'connection' in a message changes nothing", async () => {
    const out = await answers({
      bug: new TypeError("Cannot read properties of undefined (reading 'id')"),
      wording: new Error("Connection is closed for deliveries on Sundays (shop rule)"),
    })
    expect(out.bug.status).toBe(500)
    expect(out.wording.status).toBe(500)
    expect(out.bug.retryAfter).toBeNull()
  })
})

import type { AddressInfo } from "net"
import express from "express"
import onFinished from "on-finished"
import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { checkoutGate as gate, checkoutGateSettings } from "../../lib/checkout-hold/checkout-gate"
import { checkoutGate } from "../checkout-gate"

/** Polls `ok` until it holds or the deadline passes; returns its last answer. */
async function until(ok: () => boolean, within = 5000) {
  const deadline = Date.now() + within
  while (!ok() && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10))
  }
  return ok()
}

describe("the checkout gate, when a client leaves", () => {
  const started: string[] = []
  const closed = new Set<string>()
  const answer = new Map<string, () => void>()
  let base = ""
  let server: ReturnType<express.Express["listen"]>

  beforeAll(async () => {
    const app = express()
    app.post(
      "/store/carts/:id/complete",
      (req, res, next) => void checkoutGate(req as unknown as MedusaStoreRequest, res as unknown as MedusaResponse, next),
      (req, res) => {
        const id = req.params.id
        started.push(id)
        // Registered after the gate's own: called once the gate has seen the client leave.
        onFinished(res, () => closed.add(id))
        answer.set(id, () => res.json({ id }))
      }
    )
    server = app.listen(0, "127.0.0.1")
    await new Promise((resolve) => server.once("listening", resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise((resolve) => server.close(resolve)))

  function checkout(id: string) {
    const controller = new AbortController()
    const done = fetch(`${base}/store/carts/${id}/complete`, { method: "POST", signal: controller.signal }).then(
      (r) => r.status,
      () => "left" as const
    )
    return { leave: () => controller.abort(), done }
  }

  const limit = checkoutGateSettings.concurrency

  it("keeps a running request's place until it is answered, though its client left", async () => {
    const running = Array.from({ length: limit }, (_, i) => ({ id: `running-${i}`, ...checkout(`running-${i}`) }))
    expect(await until(() => started.length === limit)).toBe(true)
    const queued = checkout("queued")
    expect(await until(() => gate.load.waiting === 1)).toBe(true)

    // The first shopper gives up (a refresh, a timeout at the load balancer): its checkout runs on.
    running[0].leave()
    expect(await until(() => closed.has("running-0"))).toBe(true)
    expect(gate.load).toEqual({ inside: limit, waiting: 1 })

    // Once it is answered, the queued one goes in.
    answer.get("running-0")!()
    expect(await until(() => started.includes("queued"))).toBe(true)
    expect(gate.load).toEqual({ inside: limit, waiting: 0 })
    for (const id of [...running.slice(1).map((r) => r.id), "queued"]) {
      answer.get(id)!()
    }
    expect(await Promise.all([...running.slice(1).map((r) => r.done), queued.done])).toEqual(Array(limit).fill(200))
    expect(await until(() => gate.load.inside === 0)).toBe(true)
  })

  it("drops a queued request whose client left: it leaves the queue and never runs", async () => {
    const running = Array.from({ length: limit }, (_, i) => ({ id: `again-${i}`, ...checkout(`again-${i}`) }))
    expect(await until(() => running.every((r) => started.includes(r.id)))).toBe(true)
    const queued = checkout("gave-up")
    expect(await until(() => gate.load.waiting === 1)).toBe(true)
    queued.leave()
    expect(await until(() => gate.load.waiting === 0)).toBe(true)
    expect(await queued.done).toBe("left")
    for (const r of running) {
      answer.get(r.id)!()
    }
    expect(await Promise.all(running.map((r) => r.done))).toEqual(Array(limit).fill(200))
    expect(await until(() => gate.load.inside === 0)).toBe(true)
    expect(started).not.toContain("gave-up")
  })
})

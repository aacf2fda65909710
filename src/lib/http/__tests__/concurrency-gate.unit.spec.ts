import { ConcurrencyGate } from "../concurrency-gate"

type Release = () => void

describe("ConcurrencyGate", () => {
  it("lets `limit` through at once and the rest in arrival order", async () => {
    const gate = new ConcurrencyGate(2)
    const order: number[] = []
    const a = (await gate.enter(1000)) as Release
    const b = (await gate.enter(1000)) as Release
    expect(gate.load).toEqual({ inside: 2, waiting: 0 })
    const waiting = [3, 4, 5].map((n) =>
      gate.enter(1000).then((r) => {
        order.push(n)
        return r as Release
      })
    )
    expect(gate.load).toEqual({ inside: 2, waiting: 3 })
    expect(gate.full).toBe(true)
    a()
    a() // a second release of the same slot changes nothing
    const c = await waiting[0]
    expect(gate.load).toEqual({ inside: 2, waiting: 2 })
    b()
    c()
    const [, d, e] = await Promise.all(waiting)
    expect(order).toEqual([3, 4, 5])
    d()
    e()
    expect(gate.load).toEqual({ inside: 0, waiting: 0 })
    expect(gate.full).toBe(false)
  })

  it("a wait that runs out leaves the queue: the next one is not skipped", async () => {
    const gate = new ConcurrencyGate(1)
    const inside = (await gate.enter(1000)) as Release
    const late = gate.enter(20)
    const patient = gate.enter(5000)
    expect(await late).toBe("timeout")
    expect(gate.load).toEqual({ inside: 1, waiting: 1 })
    inside()
    const next = await patient
    expect(typeof next).toBe("function")
    ;(next as Release)()
    expect(gate.load).toEqual({ inside: 0, waiting: 0 })
  })

  it("a cancelled wait leaves the queue at once", async () => {
    const gate = new ConcurrencyGate(1)
    const inside = (await gate.enter(1000)) as Release
    let cancel!: () => void
    const cancelled = new Promise<void>((resolve) => (cancel = resolve))
    const waiting = gate.enter(5000, cancelled)
    expect(gate.load.waiting).toBe(1)
    cancel()
    expect(await waiting).toBe("cancelled")
    expect(gate.load).toEqual({ inside: 1, waiting: 0 })
    inside()
    expect(gate.load).toEqual({ inside: 0, waiting: 0 })
  })

  it("whenNoneWaiting resolves once the queue is empty, or at its bound", async () => {
    const gate = new ConcurrencyGate(1)
    await expect(gate.whenNoneWaiting(60_000)).resolves.toBeUndefined() // nobody waits: at once
    const inside = (await gate.enter(1000)) as Release
    const queued = gate.enter(60_000)
    const cancelled = gate.enter(60_000, Promise.resolve())
    let yielded = false
    const yielding = gate.whenNoneWaiting(60_000).then(() => (yielded = true))
    expect(await cancelled).toBe("cancelled")
    await Promise.resolve()
    expect(yielded).toBe(false) // one still waits
    inside()
    const next = (await queued) as Release
    await yielding
    expect(gate.load).toEqual({ inside: 1, waiting: 0 })
    const behind = gate.enter(60_000)
    const started = Date.now()
    await gate.whenNoneWaiting(30) // bounded: the queue never empties here
    expect(Date.now() - started).toBeGreaterThanOrEqual(25)
    expect(gate.load.waiting).toBe(1)
    next()
    ;((await behind) as Release)()
  })
})

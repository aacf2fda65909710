import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError } from "@medusajs/framework/utils"
import { PostgresAdvisoryLockProvider } from "@medusajs/locking-postgres/dist/services/advisory-lock"
import { ConcurrencyGate } from "../../lib/http/concurrency-gate"

type AcquireArgs = Parameters<PostgresAdvisoryLockProvider["acquire"]>[1]
export type AdmittedExecute = {
  /**
   * The caller bounds how many of its executes run at once itself, and may
   * run other executes while it holds this one (the checkout's stock lock):
   * not counted among the executes let through at once.
   */
  admitted?: boolean
}
type ExecuteArgs = Parameters<PostgresAdvisoryLockProvider["execute"]>[2] & AdmittedExecute

/** Knex's pool size when the project sets none (databaseDriverOptions.pool.max). */
const KNEX_DEFAULT_POOL_MAX = 10

/**
 * Medusa's PostgreSQL locking provider, with two fixes to `acquire` and one
 * bound on `execute`; release and the advisory locks of `execute` (behind the
 * stock lock) stay Medusa's own.
 *
 * - A lock taken without an owner (Medusa's `acquireLockStep` passes none, e.g.
 *   the cart lock of `completeCartWorkflow`) is exclusive. In 2.21.2 two such
 *   acquires of a free key at the same moment both succeed: the one whose insert
 *   collides compares its owner (undefined) with the row's (null) loosely, finds
 *   them equal, and goes on as if it held the lock (three at once: more than one
 *   holder in 40 of 40 trials).
 * - An expired lock can be taken, as with Medusa's Redis provider. In 2.21.2 the
 *   row of a lock whose holder died (a server killed mid-completion) refuses
 *   everyone forever: that cart could never be completed again.
 *
 * One statement per key decides, so racing acquires see each other: the insert
 * that creates the row takes the lock, or the update of a row that has expired
 * (or is the same owner's: a refresh); anything else is refused.
 *
 * - `execute` waits its turn first (at most half the database pool's
 *   connections at once, at least one; the others in arrival order, within its
 *   timeout, holding none), before it opens the transaction that waits for the
 *   advisory lock. In 2.21.2 every execute holds a pool connection while it
 *   waits and while its job runs, and the job needs connections of its own: 12
 *   Admin reservations of one item created at once on one server (or 50 of 50
 *   items) took every connection, and every request of that server, the shop's
 *   scheduled jobs included, failed with "Knex: Timeout acquiring a
 *   connection" after 60 s.
 */
export default class ExclusivePostgresLockProvider extends PostgresAdvisoryLockProvider {
  static identifier = "locking-postgres-exclusive"

  private executes_?: ConcurrencyGate

  async execute<T>(keys: string | string[], job: (signal?: AbortSignal) => Promise<T>, args?: ExecuteArgs): Promise<T> {
    if (args?.admitted) {
      return super.execute(keys, job, args)
    }
    // Medusa's default wait, and its rule of at least a second.
    const timeoutSeconds = Math.max(Number(args?.timeout ?? 5) || 1, 1)
    const deadline = Date.now() + timeoutSeconds * 1000
    const leave = await this.executes().enter(timeoutSeconds * 1000)
    if (typeof leave !== "function") {
      throw new MedusaError(MedusaError.Types.CONFLICT, "Timed-out acquiring lock.")
    }
    try {
      const remaining = Math.max(Math.ceil((deadline - Date.now()) / 1000), 1)
      return await super.execute(keys, job, { ...args, timeout: remaining })
    } finally {
      leave()
    }
  }

  private executes(): ConcurrencyGate {
    if (!this.executes_) {
      const knex = (this.manager as SqlEntityManager).getKnex()
      const poolMax = Number((knex.client as { pool?: { max?: number } }).pool?.max) || KNEX_DEFAULT_POOL_MAX
      this.executes_ = new ConcurrencyGate(Math.max(Math.floor(poolMax / 2), 1))
    }
    return this.executes_
  }

  async acquire(keys: string | string[], args?: AcquireArgs): Promise<void> {
    const owner = args?.ownerId ?? null
    const expire = Number(args?.expire)
    const expiration = expire > 0 ? `NOW() + INTERVAL '${expire} SECONDS'` : "NULL"
    for (const key of Array.isArray(keys) ? keys : [keys]) {
      // The same owner keeps its lease when it asks without one, and a lock
      // without a lease stays so (Medusa's rules for a refresh).
      const taken: unknown[] = await (this.manager as SqlEntityManager).execute(
        `INSERT INTO locking (id, owner_id, expiration) VALUES (?, ?, ${expiration})
         ON CONFLICT (id) DO UPDATE SET
           owner_id = EXCLUDED.owner_id,
           expiration = CASE
             WHEN locking.owner_id = EXCLUDED.owner_id AND (EXCLUDED.expiration IS NULL OR locking.expiration IS NULL)
               THEN locking.expiration
             ELSE EXCLUDED.expiration
           END
         WHERE locking.owner_id = EXCLUDED.owner_id
            OR (locking.expiration IS NOT NULL AND locking.expiration <= NOW())
         RETURNING id`,
        [key, owner]
      )
      if (!taken.length) {
        // A held lock, typed as Redis's provider types it (409, not 500, if it reaches a client).
        throw new MedusaError(MedusaError.Types.CONFLICT, `Failed to acquire lock for key "${key}"`)
      }
    }
  }
}

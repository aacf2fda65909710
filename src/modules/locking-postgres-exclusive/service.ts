import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { PostgresAdvisoryLockProvider } from "@medusajs/locking-postgres/dist/services/advisory-lock"

type AcquireArgs = Parameters<PostgresAdvisoryLockProvider["acquire"]>[1]

/**
 * Medusa's PostgreSQL locking provider, with two fixes to `acquire`; release and
 * `execute` (advisory locks, behind the stock lock) stay Medusa's own.
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
 */
export default class ExclusivePostgresLockProvider extends PostgresAdvisoryLockProvider {
  static identifier = "locking-postgres-exclusive"

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
        throw new Error(`Failed to acquire lock for key "${key}"`)
      }
    }
  }
}

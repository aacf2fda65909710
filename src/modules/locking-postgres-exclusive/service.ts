import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { PostgresAdvisoryLockProvider } from "@medusajs/locking-postgres/dist/services/advisory-lock"

type AcquireArgs = Parameters<PostgresAdvisoryLockProvider["acquire"]>[1]

/**
 * Medusa's PostgreSQL locking provider, with one fix: a lock taken without an
 * owner (Medusa's `acquireLockStep` passes none, e.g. the cart lock of
 * `completeCartWorkflow`) is exclusive. In 2.21.2 two such acquires of a free key
 * at the same moment both succeed: the one whose insert collides compares its
 * owner (undefined) with the row's (null) loosely, finds them equal, and goes on
 * as if it held the lock (three at once: more than one holder in 40 of 40
 * trials). Here an unowned lock is taken only by the insert that creates its row.
 * Owned locks, release and `execute` (advisory locks) are Medusa's own.
 */
export default class ExclusivePostgresLockProvider extends PostgresAdvisoryLockProvider {
  static identifier = "locking-postgres-exclusive"

  async acquire(keys: string | string[], args?: AcquireArgs): Promise<void> {
    if (args?.ownerId !== undefined && args.ownerId !== null) {
      return super.acquire(keys, args)
    }
    const expire = Number(args?.expire)
    const expiration = expire > 0 ? `NOW() + INTERVAL '${expire} SECONDS'` : "NULL"
    for (const key of Array.isArray(keys) ? keys : [keys]) {
      const taken: unknown[] = await (this.manager as SqlEntityManager).execute(
        `INSERT INTO locking (id, owner_id, expiration) VALUES (?, NULL, ${expiration}) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [key]
      )
      if (!taken.length) {
        throw new Error(`Failed to acquire lock for key "${key}"`)
      }
    }
  }
}

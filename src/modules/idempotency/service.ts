import type { Context } from "@medusajs/framework/types"
import { generateEntityId, InjectManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { IdempotencyKey } from "./models/idempotency-key"

export type IdempotencyModuleOptions = {
  /** How long a key is remembered (default 24 hours). */
  ttl_hours?: number
  /** How long a running request keeps its key before another may take it over (default 60 s). */
  lease_seconds?: number
}

export type IdempotentRequest = {
  scope: string
  key: string
  fingerprint: string
  method: string
  path: string
}

export type Begin =
  | { state: "run"; id: string }
  | { state: "replay"; status: number; body: unknown }
  | { state: "mismatch"; method: string; path: string }
  | { state: "in_progress" }

type Row = {
  id: string
  fingerprint: string
  method: string
  path: string
  status: "in_progress" | "completed"
  response_status: number | null
  response_body: unknown
  expired: boolean
  stale: boolean
}

/**
 * The hourly purge. Keys are deleted for good (never soft-deleted), so every row
 * has `deleted_at` null; saying so lets the purge use the partial index on
 * `expires_at` instead of reading the whole table.
 */
export const PURGE_EXPIRED_SQL = "delete from idempotency_key where expires_at <= now() and deleted_at is null returning id"

class IdempotencyModuleService extends MedusaService({ IdempotencyKey }) {
  readonly ttlHours: number
  readonly leaseSeconds: number

  constructor(deps: Record<string, unknown>, options: IdempotencyModuleOptions = {}) {
    // eslint-disable-next-line prefer-rest-params -- Medusa passes the service more than it declares (the module declaration): forward all of it
    super(...arguments)
    this.ttlHours = Number(options.ttl_hours) > 0 ? Number(options.ttl_hours) : 24
    this.leaseSeconds = Number(options.lease_seconds) > 0 ? Number(options.lease_seconds) : 60
  }

  /**
   * Claims a key for a request, atomically: the first request with a key runs;
   * a repeat of the same request gets the stored answer (or waits for it); the
   * same key for a different request is a mismatch. An expired key, or one whose
   * request died without answering (lease over), is claimed anew.
   */
  @InjectManager()
  async begin(req: IdempotentRequest, @MedusaContext() sharedContext: Context = {}): Promise<Begin> {
    const manager = sharedContext.manager as SqlEntityManager
    const id = generateEntityId(undefined, "idem")
    const inserted: { id: string }[] = await manager.execute(
      `insert into idempotency_key (id, scope, key, fingerprint, method, path, status, locked_until, expires_at)
       values (?, ?, ?, ?, ?, ?, 'in_progress', now() + make_interval(secs => ?), now() + make_interval(hours => ?))
       on conflict (scope, key) where deleted_at is null do nothing
       returning id`,
      [id, req.scope, req.key, req.fingerprint, req.method, req.path, this.leaseSeconds, this.ttlHours]
    )
    if (inserted.length) {
      return { state: "run", id: inserted[0].id }
    }
    const [row]: Row[] = await manager.execute(
      `select id, fingerprint, method, path, status, response_status, response_body,
              expires_at <= now() as expired, locked_until <= now() as stale
         from idempotency_key where scope = ? and key = ? and deleted_at is null`,
      [req.scope, req.key]
    )
    if (!row) {
      // Deleted between our insert and select (an expired key being replaced): try again.
      return this.begin(req, sharedContext)
    }
    if (row.expired || (row.status === "in_progress" && row.stale && row.fingerprint === req.fingerprint)) {
      const taken: { id: string }[] = await manager.execute(
        `update idempotency_key
            set fingerprint = ?, method = ?, path = ?, status = 'in_progress', response_status = null,
                response_body = null, locked_until = now() + make_interval(secs => ?),
                expires_at = now() + make_interval(hours => ?), updated_at = now()
          where id = ? and (expires_at <= now() or (status = 'in_progress' and locked_until <= now()))
          returning id`,
        [req.fingerprint, req.method, req.path, this.leaseSeconds, this.ttlHours, row.id]
      )
      return taken.length ? { state: "run", id: row.id } : this.begin(req, sharedContext)
    }
    if (row.fingerprint !== req.fingerprint) {
      return { state: "mismatch", method: row.method, path: row.path }
    }
    if (row.status === "completed") {
      return { state: "replay", status: Number(row.response_status), body: row.response_body }
    }
    return { state: "in_progress" }
  }

  /** Stores the answer of the request that ran. */
  async finish(id: string, status: number, body: unknown) {
    await this.updateIdempotencyKeys({
      id,
      status: "completed",
      response_status: status,
      response_body: (body ?? null) as Record<string, unknown>,
    })
  }

  /** Forgets a key whose request failed on our side (5xx): a retry runs anew. */
  async abandon(id: string) {
    await this.deleteIdempotencyKeys(id)
  }

  /** Removes keys past their lifetime; returns how many. */
  @InjectManager()
  async purgeExpired(@MedusaContext() sharedContext: Context = {}): Promise<number> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: { id: string }[] = await manager.execute(PURGE_EXPIRED_SQL)
    return rows.length
  }
}

export default IdempotencyModuleService

import type { Context } from "@medusajs/framework/types"
import { InjectManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { CheckoutHold } from "./models/checkout-hold"
import type { CheckoutHoldModuleOptions, HeldTotal, HoldLine } from "./types"

const DEFAULT_TTL_SECONDS = 15 * 60
const DEFAULT_COMPLETION_GRACE_SECONDS = 120

type InjectedDependencies = Record<string, unknown>

/** A cart's active holds, as they were before a change (for compensation). */
export type HoldSnapshot = { id: string; expires_at: Date }[]

class CheckoutHoldModuleService extends MedusaService({ CheckoutHold }) {
  readonly ttlSeconds: number
  readonly completionGraceSeconds: number

  constructor(deps: InjectedDependencies, options: CheckoutHoldModuleOptions = {}) {
    // eslint-disable-next-line prefer-rest-params -- Medusa passes the service more than it declares (the module declaration): forward all of it
    super(...arguments)
    this.ttlSeconds = Number(options.ttl_seconds) > 0 ? Number(options.ttl_seconds) : DEFAULT_TTL_SECONDS
    this.completionGraceSeconds =
      Number(options.completion_grace_seconds) > 0
        ? Number(options.completion_grace_seconds)
        : DEFAULT_COMPLETION_GRACE_SECONDS
  }

  /**
   * Units held right now by carts other than `exceptCartId`, per inventory item
   * and location. Expired rows never count, whether or not the job has run.
   */
  @InjectManager()
  async heldByOthers(
    inventoryItemIds: string[],
    exceptCartId: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<HeldTotal[]> {
    if (!inventoryItemIds.length) {
      return []
    }
    const manager = sharedContext.manager as SqlEntityManager
    const rows: { inventory_item_id: string; location_id: string; quantity: string }[] =
      await manager.execute(
        `select inventory_item_id, location_id, sum(quantity) as quantity
           from checkout_hold
          where status = 'active' and expires_at > now() and deleted_at is null
            and inventory_item_id = any(?::text[])
            and (?::text is null or cart_id <> ?::text)
          group by inventory_item_id, location_id`,
        [`{${inventoryItemIds.join(",")}}`, exceptCartId, exceptCartId]
      )
    return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }))
  }

  /** The cart's active, unexpired holds. */
  @InjectManager()
  async activeHoldsOfCart(cartId: string, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: (HoldLine & { id: string; expires_at: Date })[] = await manager.execute(
      `select id, variant_id, inventory_item_id, location_id, quantity, expires_at
         from checkout_hold
        where cart_id = ? and status = 'active' and expires_at > now() and deleted_at is null
        order by variant_id, inventory_item_id`,
      [cartId]
    )
    return rows
  }

  /**
   * Replaces the cart's active holds with `lines`, all expiring at `expiresAt`.
   * Returns the new holds and a snapshot of the replaced ones.
   */
  async replaceCartHolds(cartId: string, lines: HoldLine[], expiresAt: Date) {
    const previous = await this.listCheckoutHolds({ cart_id: cartId, status: "active" })
    if (previous.length) {
      await this.updateCheckoutHolds(previous.map((h) => ({ id: h.id, status: "released" as const })))
    }
    const created = lines.length
      ? await this.createCheckoutHolds(
          lines.map((line) => ({ ...line, cart_id: cartId, status: "active" as const, expires_at: expiresAt }))
        )
      : []
    return {
      holds: created,
      previous: previous.map((h) => ({ id: h.id, expires_at: h.expires_at })) as HoldSnapshot,
    }
  }

  /** Pushes the expiry of the cart's active holds to `expiresAt`; returns them as they were. */
  async extendCartHolds(cartId: string, expiresAt: Date): Promise<HoldSnapshot> {
    const active = await this.listCheckoutHolds({ cart_id: cartId, status: "active" })
    if (active.length) {
      await this.updateCheckoutHolds(active.map((h) => ({ id: h.id, expires_at: expiresAt })))
    }
    return active.map((h) => ({ id: h.id, expires_at: h.expires_at }))
  }

  /** Undoes replaceCartHolds: deletes the new holds, re-activates the replaced ones. */
  async restoreCartHolds(createdIds: string[], previous: HoldSnapshot) {
    if (createdIds.length) {
      await this.deleteCheckoutHolds(createdIds)
    }
    if (previous.length) {
      await this.updateCheckoutHolds(
        previous.map((h) => ({ id: h.id, status: "active" as const, expires_at: h.expires_at }))
      )
    }
  }

  /** Marks the cart's active holds with a final status; returns their ids. */
  async closeCartHolds(cartId: string, status: "converted" | "released"): Promise<string[]> {
    const active = await this.listCheckoutHolds({ cart_id: cartId, status: "active" })
    if (active.length) {
      await this.updateCheckoutHolds(active.map((h) => ({ id: h.id, status })))
    }
    return active.map((h) => h.id)
  }

  /** Marks every active hold past its expiry as expired; returns how many. */
  @InjectManager()
  async expireHolds(@MedusaContext() sharedContext: Context = {}): Promise<number> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: { id: string }[] = await manager.execute(
      `update checkout_hold set status = 'expired', updated_at = now()
        where status = 'active' and expires_at <= now() and deleted_at is null
        returning id`
    )
    return rows.length
  }
}

export default CheckoutHoldModuleService

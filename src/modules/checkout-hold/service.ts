import type { Context } from "@medusajs/framework/types"
import { generateEntityId, InjectManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { readCheckoutHoldCaps, type CheckoutHoldCaps } from "../../config/checkout-holds"
import { CartOwner } from "./models/cart-owner"
import { CheckoutHold, type HoldStatus } from "./models/checkout-hold"
import type { CheckoutHoldModuleOptions, HeldTotal, HoldLine, WantedUnits } from "./types"

const DEFAULT_TTL_SECONDS = 15 * 60
const DEFAULT_COMPLETION_GRACE_SECONDS = 120

type InjectedDependencies = Record<string, unknown>

/** Hold rows as they were before a change (for compensation). */
export type HoldSnapshot = {
  id: string
  status: HoldStatus
  location_id: string
  quantity: number
  expires_at: Date
  held_since: Date | null
  client_key: string | null
  completing_at: Date | null
}[]

/** One of a cart's rows as cartHoldRows reads it. */
export type CartHoldRow = HoldSnapshot[number] & { variant_id: string; inventory_item_id: string }

/**
 * The client's holds of an item in its other carts (not converted), per
 * variant, item and location: the first take among them within the last
 * lifetime and cool-down (null: none), and the units they hold now.
 */
export type ClientItemHolds = {
  variant_id: string
  inventory_item_id: string
  location_id: string
  held_since: Date | null
  quantity: number
}

/** What holdReadForCart reads. */
export type HoldReadForCart = {
  rows: CartHoldRow[]
  held: HeldTotal[]
  client_carts: { cart_id: string; expires_at: Date }[]
  /** The client's holds of these items in its other carts (none without a client). */
  client_items: ClientItemHolds[]
  /** The client those were read for: the one given, else the one that took the cart's holds (null: none). */
  client_key: string | null
  /** The cart has converted holds: its order has been placed. */
  converted: boolean
}

/** A cart's row as json_agg returns it: timestamps as strings. */
type JsonHoldRow = Omit<CartHoldRow, "expires_at" | "held_since" | "completing_at"> & {
  expires_at: string
  held_since: string | null
  completing_at: string | null
}

const dateOrNull = (v: string | null) => (v === null ? null : new Date(v))

/**
 * Ids as one PostgreSQL text array bind (`= any(?::text[])`): given a JS array,
 * the query builder would spread it into a list of binds. Medusa's ids hold no
 * comma, brace or quote.
 */
const textArray = (ids: string[]) => `{${ids.join(",")}}`

/**
 * The cart's rows that are not converted (binds: the cart id), as cartHoldRows
 * and holdReadForCart read them.
 */
const CART_ROWS_SQL = `select id, variant_id, inventory_item_id, location_id, quantity, status, expires_at, held_since,
                              client_key, completing_at, updated_at
                         from checkout_hold
                        where cart_id = ? and status in ('active', 'expired', 'released') and deleted_at is null`

/**
 * Units other carts hold per item and location, and the part claimed by
 * completions (binds: the item ids as a text array, the excepted cart id
 * twice), as heldByOthers and holdReadForCart read them.
 */
const HELD_BY_OTHERS_SQL = `select inventory_item_id, location_id, sum(quantity) as quantity,
                                  coalesce(sum(quantity) filter (where completing_at is not null), 0) as completing
                             from checkout_hold
                            where status = 'active' and expires_at > now() and deleted_at is null
                              and inventory_item_id = any(?::text[])
                              and (?::text is null or cart_id <> ?::text)
                            group by inventory_item_id, location_id`

const cartRowOf = (r: CartHoldRow): CartHoldRow => ({
  ...snapshotOf(r),
  variant_id: r.variant_id,
  inventory_item_id: r.inventory_item_id,
})

const heldTotalOf = (r: { inventory_item_id: string; location_id: string; quantity: unknown; completing: unknown }): HeldTotal => ({
  inventory_item_id: r.inventory_item_id,
  location_id: r.location_id,
  quantity: Number(r.quantity),
  completing: Number(r.completing),
})

/** A hold line to take, with its own expiry and first take when they differ from the cart's. */
export type TakenHoldLine = HoldLine & { expires_at?: Date; held_since?: Date }

function snapshotOf(h: HoldSnapshot[number]): HoldSnapshot[number] {
  return {
    id: h.id,
    status: h.status,
    location_id: h.location_id,
    quantity: Number(h.quantity),
    expires_at: h.expires_at,
    held_since: h.held_since ?? null,
    client_key: h.client_key ?? null,
    completing_at: h.completing_at ?? null,
  }
}

/**
 * SQL: the row (`alias`) is not claimed by a completion still running: never
 * claimed, or claimed longer ago than the completion grace (one bind, the grace
 * in seconds), a completion that died with its server. What liveClaimUntil says in JS.
 */
function notClaimedByALiveCompletion(alias = "") {
  return `(${alias}completing_at is null or ${alias}completing_at < now() - (? * interval '1 second'))`
}

class CheckoutHoldModuleService extends MedusaService({ CheckoutHold, CartOwner }) {
  readonly ttlSeconds: number
  readonly completionGraceSeconds: number
  readonly caps: CheckoutHoldCaps

  constructor(deps: InjectedDependencies, options: CheckoutHoldModuleOptions = {}) {
    // eslint-disable-next-line prefer-rest-params -- Medusa passes the service more than it declares (the module declaration): forward all of it
    super(...arguments)
    this.ttlSeconds = Number(options.ttl_seconds) > 0 ? Number(options.ttl_seconds) : DEFAULT_TTL_SECONDS
    this.completionGraceSeconds =
      Number(options.completion_grace_seconds) > 0
        ? Number(options.completion_grace_seconds)
        : DEFAULT_COMPLETION_GRACE_SECONDS
    this.caps = options.caps ?? readCheckoutHoldCaps()
  }

  /**
   * Until when a claim made at `completingAt` belongs to a completion that may
   * still be running (the completion grace, the cart lock's lease); after it,
   * its completion died with its server and the claim is anyone's to undo.
   */
  liveClaimUntil(completingAt: Date | string): Date {
    return new Date(new Date(completingAt).getTime() + this.completionGraceSeconds * 1000)
  }

  /** Records the signed-in customer a cart was created for or handed to (the latest wins). */
  @InjectManager()
  async bindCartToCustomer(cartId: string, customerId: string, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.manager as SqlEntityManager
    await manager.execute(
      `insert into checkout_cart_owner (cart_id, customer_id) values (?, ?)
       on conflict (cart_id) do update set customer_id = excluded.customer_id, updated_at = now(), deleted_at = null`,
      [cartId, customerId]
    )
  }

  /** The signed-in customer the cart belongs to, or null for a guest's cart. */
  @InjectManager()
  async cartOwner(cartId: string, @MedusaContext() sharedContext: Context = {}): Promise<string | null> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: { customer_id: string }[] = await manager.execute(
      "select customer_id from checkout_cart_owner where cart_id = ? and deleted_at is null",
      [cartId]
    )
    return rows.at(0)?.customer_id ?? null
  }

  /**
   * Units held right now by carts other than `exceptCartId`, per inventory item
   * and location, with the part of them claimed by completions in flight
   * (`completing`). Expired rows never count, whether or not the job has run.
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
    const rows: { inventory_item_id: string; location_id: string; quantity: string; completing: string }[] =
      await manager.execute(HELD_BY_OTHERS_SQL, [textArray(inventoryItemIds), exceptCartId, exceptCartId])
    return rows.map(heldTotalOf)
  }

  /**
   * Other carts' active holds claimed by a completion in flight, one row per
   * cart, item and location: their order's reservations may already exist.
   */
  @InjectManager()
  async completingHoldsOfOthers(
    inventoryItemIds: string[],
    exceptCartId: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<(HeldTotal & { cart_id: string })[]> {
    if (!inventoryItemIds.length) {
      return []
    }
    const manager = sharedContext.manager as SqlEntityManager
    const rows: { cart_id: string; inventory_item_id: string; location_id: string; quantity: string }[] =
      await manager.execute(
        `select cart_id, inventory_item_id, location_id, sum(quantity) as quantity
           from checkout_hold
          where status = 'active' and completing_at is not null and expires_at > now() and deleted_at is null
            and inventory_item_id = any(?::text[])
            and (?::text is null or cart_id <> ?::text)
          group by cart_id, inventory_item_id, location_id`,
        [textArray(inventoryItemIds), exceptCartId, exceptCartId]
      )
    return rows.map((r) => ({ ...r, quantity: Number(r.quantity), completing: Number(r.quantity) }))
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
   * The cart's rows that are not converted (one per variant and item, or per
   * line for a variant in two lines; active,
   * expired or released), newest first: what replaceCartHolds sets in place,
   * and the history behind a hold's lifetime and cool-down. One statement.
   */
  @InjectManager()
  async cartHoldRows(cartId: string, @MedusaContext() sharedContext: Context = {}): Promise<CartHoldRow[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: CartHoldRow[] = await manager.execute(`${CART_ROWS_SQL} order by updated_at desc`, [cartId])
    return rows.map(cartRowOf)
  }

  /**
   * What a hold decides from, in one statement (it runs in every hold, under
   * the stock lock): the cart's rows as cartHoldRows reads them, the units
   * other carts hold of `inventoryItemIds` as heldByOthers sums them, and the
   * client's other carts with active, unexpired holds, each with its latest
   * expiry, soonest first, and the client's holds of these items in those
   * carts (ClientItemHolds), for `clientKey` or, when it is null (the shop's
   * own refresh), the client that took the cart's holds (none of either when
   * there is neither), and whether the cart's holds have been converted (its
   * order placed).
   */
  @InjectManager()
  async holdReadForCart(
    cartId: string,
    inventoryItemIds: string[],
    clientKey: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<HoldReadForCart> {
    const manager = sharedContext.manager as SqlEntityManager
    const items = textArray(inventoryItemIds)
    // One episode of a hold: its lifetime, then its cool-down.
    const episodeMinutes = this.caps.lifetimeMinutes + this.caps.cooldownMinutes
    const [row]: {
      rows: JsonHoldRow[]
      held: HeldTotal[]
      clients: { cart_id: string; expires_at: string }[]
      client_items: (Omit<ClientItemHolds, "held_since" | "quantity"> & { held_since: string | null; quantity: unknown })[]
      client_key: string | null
      converted: boolean
    }[] = await manager.execute(
        `with mine as (${CART_ROWS_SQL}),
              others as (${HELD_BY_OTHERS_SQL}),
              -- The client given, else the one that took the cart's holds (the shop's own
              -- refresh after a line change counts for the same client).
              who as (
                select coalesce(?::text, (select client_key from checkout_hold
                                           where cart_id = ? and client_key is not null and deleted_at is null
                                           order by updated_at desc limit 1)) as key),
              clients as (
                select cart_id, max(expires_at) as expires_at
                  from checkout_hold
                 where client_key = (select key from who) and cart_id <> ? and status = 'active' and expires_at > now() and deleted_at is null
                 group by cart_id),
              client_items as (
                select variant_id, inventory_item_id, location_id, min(held_since) as held_since,
                       coalesce(sum(quantity) filter (where status = 'active' and expires_at > now()), 0) as quantity
                  from checkout_hold
                 where client_key = (select key from who) and cart_id <> ? and inventory_item_id = any(?::text[])
                   and status in ('active', 'expired', 'released') and deleted_at is null
                   and held_since > now() - (?::int * interval '1 minute')
                 group by variant_id, inventory_item_id, location_id)
         select (select coalesce(json_agg(mine order by updated_at desc), '[]') from mine) as rows,
                (select coalesce(json_agg(others), '[]') from others) as held,
                (select coalesce(json_agg(clients order by expires_at), '[]') from clients) as clients,
                (select coalesce(json_agg(client_items), '[]') from client_items) as client_items,
                (select key from who) as client_key,
                exists(select 1 from checkout_hold where cart_id = ? and status = 'converted' and deleted_at is null) as converted`,
        [cartId, items, cartId, cartId, clientKey, cartId, cartId, cartId, items, episodeMinutes, cartId]
      )
    return {
      rows: row.rows.map((r) =>
        cartRowOf({
          ...r,
          expires_at: new Date(r.expires_at),
          held_since: dateOrNull(r.held_since),
          completing_at: dateOrNull(r.completing_at),
        })
      ),
      held: row.held.map(heldTotalOf),
      client_carts: row.clients.map((c) => ({ cart_id: c.cart_id, expires_at: new Date(c.expires_at) })),
      client_items: row.client_items.map((c) => ({ ...c, held_since: dateOrNull(c.held_since), quantity: Number(c.quantity) })),
      client_key: row.client_key,
      converted: row.converted,
    }
  }

  /**
   * Sets the cart's holds to `lines`, in place: a line updates the cart's row
   * for the same variant and item (active, expired or released; a refresh never
   * adds a row), a new line gets a row, and an active row no line asks for is
   * released. `completingAt` marks the rows as claimed by a completion (null:
   * a hold taken or refreshed by the shopper). `rows`: the cart's rows as
   * cartHoldRows just read them, under the same stock lock (read here when
   * omitted). One statement writes them all. Returns the rows it created and a
   * snapshot of every row it changed but the ones it released.
   */
  @InjectManager()
  async replaceCartHolds(
    cartId: string,
    lines: TakenHoldLine[],
    expiresAt: Date,
    clientKey: string | null = null,
    completingAt: Date | null = null,
    rows?: CartHoldRow[],
    @MedusaContext() sharedContext: Context = {}
  ) {
    const unused = [...(rows ?? (await this.cartHoldRows(cartId, sharedContext)))]
    // A refresh without a client (the holds following the cart's lines) keeps the
    // cart's client, on its new rows too: the per-client cap counts carts by it.
    const cartClient = clientKey ?? unused.find((r) => r.client_key)?.client_key ?? null
    const writes: CartHoldRow[] = []
    const touched: CartHoldRow[] = []
    const created: string[] = []
    const now = new Date()
    for (const line of lines) {
      const i = unused.findIndex((r) => r.variant_id === line.variant_id && r.inventory_item_id === line.inventory_item_id)
      const fields = {
        location_id: line.location_id,
        quantity: line.quantity,
        status: "active" as const,
        expires_at: line.expires_at ?? expiresAt,
        held_since: line.held_since ?? now,
        completing_at: completingAt,
      }
      if (i >= 0) {
        const [row] = unused.splice(i, 1)
        touched.push(row)
        writes.push({ ...row, ...fields, client_key: clientKey ?? row.client_key ?? cartClient })
      } else {
        const id = generateEntityId(undefined, "hold")
        created.push(id)
        writes.push({ id, variant_id: line.variant_id, inventory_item_id: line.inventory_item_id, ...fields, client_key: cartClient })
      }
    }
    // Active rows no line asks for are released, and left out of the snapshot: a
    // compensation (run after the stock lock is gone) never makes them active
    // again, when another cart may have taken those units meanwhile.
    for (const row of unused.filter((r) => r.status === "active")) {
      writes.push({ ...row, status: "released" })
    }
    await this.writeCartHoldRows(cartId, writes, sharedContext)
    return {
      /** The ids of the rows this call created (none when it only refreshed). */
      created,
      previous: touched.map(snapshotOf),
    }
  }

  /**
   * Inserts or updates (by id) the cart's rows, in one statement; a row
   * converted meanwhile (its order placed) stays as it is: a conversion is final.
   */
  @InjectManager()
  protected async writeCartHoldRows(cartId: string, rows: CartHoldRow[], @MedusaContext() sharedContext: Context = {}) {
    if (!rows.length) {
      return
    }
    const manager = sharedContext.manager as SqlEntityManager
    await manager.execute(
      `insert into checkout_hold
              (id, cart_id, variant_id, inventory_item_id, location_id, quantity, status, expires_at, held_since, client_key, completing_at)
       select v.id, ?, v.variant_id, v.inventory_item_id, v.location_id, v.quantity, v.status, v.expires_at, v.held_since, v.client_key, v.completing_at
         from jsonb_to_recordset(?::jsonb) as v(id text, variant_id text, inventory_item_id text, location_id text, quantity integer,
              status text, expires_at timestamptz, held_since timestamptz, client_key text, completing_at timestamptz)
       on conflict (id) do update set
              location_id = excluded.location_id, quantity = excluded.quantity, status = excluded.status,
              expires_at = excluded.expires_at, held_since = excluded.held_since, client_key = excluded.client_key,
              completing_at = excluded.completing_at, updated_at = now()
        where checkout_hold.status <> 'converted'`,
      [cartId, JSON.stringify(rows)]
    )
  }

  /**
   * A completion claims the cart's active, unexpired holds: their expiry pushed
   * to `expiresAt`, marked completing. Returns them as lines (what they hold)
   * and as they were before (for putting them back). One statement: it runs in
   * every completion, under the stock lock.
   */
  @InjectManager()
  async claimCartHoldsForCompletion(
    cartId: string,
    expiresAt: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ lines: (HoldLine & { id: string })[]; previous: HoldSnapshot }> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: (HoldSnapshot[number] & { variant_id: string; inventory_item_id: string })[] = await manager.execute(
      `update checkout_hold h set expires_at = greatest(h.expires_at, ?), completing_at = ?, updated_at = now()
         from checkout_hold old
        where h.id = old.id and h.cart_id = ? and h.status = 'active' and h.expires_at > now() and h.deleted_at is null
        returning old.id, old.variant_id, old.inventory_item_id, old.status, old.location_id, old.quantity,
                  old.expires_at, old.held_since, old.client_key, old.completing_at`,
      [expiresAt, new Date(), cartId]
    )
    const sorted = [...rows].sort((a, b) => a.variant_id.localeCompare(b.variant_id) || a.inventory_item_id.localeCompare(b.inventory_item_id))
    return {
      lines: sorted.map((r) => ({
        id: r.id,
        variant_id: r.variant_id,
        inventory_item_id: r.inventory_item_id,
        location_id: r.location_id,
        quantity: Number(r.quantity),
      })),
      previous: sorted.map(snapshotOf),
    }
  }

  /**
   * Puts rows back as they were (a snapshot from claimCartHoldsForCompletion or
   * replaceCartHolds), in one statement, except rows converted meanwhile: a
   * conversion is final (the cart's order exists, e.g. placed by a payment
   * webhook while this request's completion was being undone), and making such
   * a hold active again would count its units twice, as hold and reservation.
   */
  @InjectManager()
  async restoreHoldSnapshot(previous: HoldSnapshot, @MedusaContext() sharedContext: Context = {}) {
    if (!previous.length) {
      return
    }
    const manager = sharedContext.manager as SqlEntityManager
    await manager.execute(
      `update checkout_hold h set
              status = v.status, location_id = v.location_id, quantity = v.quantity, expires_at = v.expires_at,
              held_since = v.held_since, client_key = v.client_key, completing_at = v.completing_at, updated_at = now()
         from jsonb_to_recordset(?::jsonb) as v(id text, status text, location_id text, quantity integer,
              expires_at timestamptz, held_since timestamptz, client_key text, completing_at timestamptz)
        where h.id = v.id and h.status <> 'converted'`,
      [JSON.stringify(previous)]
    )
  }

  /** Undoes replaceCartHolds: deletes the rows it created, puts the others back as they were. */
  async restoreCartHolds(createdIds: string[], previous: HoldSnapshot) {
    const kept = new Set(previous.map((h) => h.id))
    const created = createdIds.filter((id) => !kept.has(id))
    if (created.length) {
      await this.deleteCheckoutHolds(created)
    }
    await this.restoreHoldSnapshot(previous)
  }

  /**
   * Marks the cart's active holds with a final status; returns their ids (one
   * statement). A release leaves the holds a completion has claimed (in
   * progress): until its order's reservations replace them, they are what keeps
   * its units from other carts; the completion converts them, or puts them back.
   * A claim older than the completion grace (the cart lock's lease) is one whose
   * completion died with its server: released like any other.
   * A conversion also takes the claimed holds that expired meanwhile (marked so by
   * the expiry job): they are the order's units, whenever it is converted.
   */
  @InjectManager()
  async closeCartHolds(
    cartId: string,
    status: "converted" | "released",
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: { id: string }[] = await manager.execute(
      `update checkout_hold set status = ?, updated_at = now()
        where cart_id = ? and deleted_at is null
          and ((status = 'active' and (? = 'converted' or ${notClaimedByALiveCompletion()}))
               or (? = 'converted' and status = 'expired' and completing_at is not null))
        returning id`,
      [status, cartId, status, this.completionGraceSeconds, status]
    )
    return rows.map((r) => r.id)
  }

  /**
   * Lowers the cart's active holds to what it still wants, in one statement:
   * the rows of a variant and item (one, or one per line when the variant is
   * in two lines) keep at most `wanted`'s units of them between them, the
   * oldest first, and a row the cart no longer wants at all (or at a
   * location not in `locationIds`, which can no longer serve it) is released.
   * Units only go back, so it needs no stock lock and no cap; rows claimed by a
   * completion in progress are left to it (a claim older than the completion
   * grace is one whose completion died: let go). Returns the rows as they were
   * before (for putting them back).
   */
  @InjectManager()
  async shrinkCartHolds(
    cartId: string,
    wanted: WantedUnits[],
    locationIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<HoldSnapshot> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: HoldSnapshot = await manager.execute(
      `with wanted as (
         select variant_id, inventory_item_id, sum(quantity)::int as quantity
           from jsonb_to_recordset(?::jsonb) as w(variant_id text, inventory_item_id text, quantity integer)
          group by variant_id, inventory_item_id
       ), locked as (
         select h.id, h.variant_id, h.inventory_item_id, h.status, h.location_id, h.quantity, h.expires_at, h.held_since,
                h.client_key, h.completing_at, h.location_id = any(?::text[]) as serves
           from checkout_hold h
          where h.cart_id = ? and h.status = 'active' and h.expires_at > now()
            and ${notClaimedByALiveCompletion("h.")}
            and h.deleted_at is null
            for update
       ), planned as (
         -- A variant in two lines has two rows: what is wanted is kept from the oldest row on.
         select l.*,
                case when l.serves then greatest(least(l.quantity, coalesce(w.quantity, 0) - coalesce(
                       sum(l.quantity) filter (where l.serves) over (partition by l.variant_id, l.inventory_item_id
                         order by l.id rows between unbounded preceding and 1 preceding), 0)), 0)
                     else 0 end as keep
           from locked l
           left join wanted w on w.variant_id = l.variant_id and w.inventory_item_id = l.inventory_item_id
       )
       update checkout_hold h set
              quantity = case when p.keep > 0 then p.keep else h.quantity end,
              status = case when p.keep > 0 then h.status else 'released' end,
              -- a claim its completion left behind (older than the grace) is let go
              completing_at = null,
              updated_at = now()
         from planned p
        where h.id = p.id and p.keep < p.quantity and h.status = 'active'
          and h.completing_at is not distinct from p.completing_at
       returning p.id, p.status, p.location_id, p.quantity, p.expires_at, p.held_since, p.client_key, p.completing_at`,
      [JSON.stringify(wanted), textArray(locationIds), cartId, this.completionGraceSeconds]
    )
    return rows
  }

  /**
   * The owner's release of one hold: active and not claimed by a completion in
   * progress, checked and written in one statement (no read-then-write window a
   * completion's claim could slip into). A claim older than the completion
   * grace (the cart lock's lease: a completion still running by then has lost
   * its lock anyway) is one whose completion died with its server: the owner
   * may release it rather than wait for its expiry. Returns whether it was released.
   */
  @InjectManager()
  async releaseOneHold(holdId: string, @MedusaContext() sharedContext: Context = {}): Promise<boolean> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: { id: string }[] = await manager.execute(
      `update checkout_hold set status = 'released', updated_at = now()
        where id = ? and status = 'active' and deleted_at is null and ${notClaimedByALiveCompletion()}
        returning id`,
      [holdId, this.completionGraceSeconds]
    )
    return rows.length > 0
  }

  /**
   * Undoes releaseOneHold: active again, unless something else changed it since
   * (one statement).
   */
  @InjectManager()
  async reactivateReleasedHolds(holdIds: string[], @MedusaContext() sharedContext: Context = {}) {
    if (!holdIds.length) {
      return
    }
    const manager = sharedContext.manager as SqlEntityManager
    await manager.execute(
      `update checkout_hold set status = 'active', updated_at = now()
        where id = any(?::text[]) and status = 'released' and deleted_at is null`,
      [textArray(holdIds)]
    )
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

  /**
   * Deletes holds that ended (expired, released, converted) more than `days`
   * days ago; returns how many. Active holds, and recent history (the owner's
   * list, a cart's lifetime and cool-down), stay.
   */
  @InjectManager()
  async purgeEndedHolds(days: number, @MedusaContext() sharedContext: Context = {}): Promise<number> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: { id: string }[] = await manager.execute(
      `delete from checkout_hold
        where (status <> 'active' or deleted_at is not null) and updated_at < now() - make_interval(days => ?)
        returning id`,
      [days]
    )
    return rows.length
  }
}

export default CheckoutHoldModuleService

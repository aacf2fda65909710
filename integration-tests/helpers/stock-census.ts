import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

type Raw = { raw: (sql: string, bindings?: unknown[]) => Promise<{ rows: any[] }> }

/**
 * Counts, straight from the tables, what an oversell check needs: orders holding
 * the variant, reservation rows and units for the inventory item, the level's
 * cached reserved_quantity, and active holds.
 */
export async function stockCensus(pg: Raw, variantId: string, inventoryItemId: string) {
  const one = async (sql: string, bindings: unknown[]) => Number((await pg.raw(sql, bindings)).rows[0].n)
  return {
    orders: await one(
      `select count(distinct o.id)::int as n from "order" o
         join order_item oi on oi.order_id = o.id and oi.deleted_at is null
         join order_line_item li on li.id = oi.item_id
        where li.variant_id = ? and o.deleted_at is null`,
      [variantId]
    ),
    reservation_rows: await one(
      `select count(*)::int as n from reservation_item where inventory_item_id = ? and deleted_at is null`,
      [inventoryItemId]
    ),
    reserved_units: await one(
      `select coalesce(sum(quantity), 0)::int as n from reservation_item where inventory_item_id = ? and deleted_at is null`,
      [inventoryItemId]
    ),
    reserved_quantity: await one(
      `select coalesce(sum(reserved_quantity), 0)::int as n from inventory_level where inventory_item_id = ? and deleted_at is null`,
      [inventoryItemId]
    ),
    active_holds: await one(
      `select coalesce(sum(quantity), 0)::int as n from checkout_hold where inventory_item_id = ? and status = 'active' and expires_at > now() and deleted_at is null`,
      [inventoryItemId]
    ),
  }
}

export function pgOf(container: { resolve: (key: string) => unknown }): Raw {
  return container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as Raw
}

/** The inventory item a variant takes its stock from (its first, for a variant with several). */
export async function inventoryItemOf(container: MedusaContainer, variantId: string): Promise<string> {
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "product_variant",
    fields: ["inventory_items.inventory_item_id"],
    filters: { id: variantId },
  })
  const itemId = data[0]?.inventory_items?.[0]?.inventory_item_id
  if (!itemId) {
    throw new Error(`variant ${variantId} has no inventory item`)
  }
  return itemId
}

/**
 * Makes PostgreSQL itself refuse to mark any checkout hold "converted" (a write
 * after the order failing); returns the undo.
 */
export async function refuseHoldConversion(pg: Raw): Promise<() => Promise<void>> {
  await pg.raw(`create or replace function refuse_hold_conversion() returns trigger language plpgsql as $$
    begin raise exception 'conversion refused by the test'; end $$`)
  await pg.raw(`create trigger refuse_hold_conversion before update on checkout_hold
    for each row when (new.status = 'converted') execute function refuse_hold_conversion()`)
  return async () => {
    await pg.raw("drop trigger if exists refuse_hold_conversion on checkout_hold")
    await pg.raw("drop function if exists refuse_hold_conversion()")
  }
}

/** What a race for `units` units must leave: that many orders, reservation rows and units reserved, no active hold. */
export function soldExactly(units: number) {
  return { orders: units, reservation_rows: units, reserved_units: units, reserved_quantity: units, active_holds: 0 }
}

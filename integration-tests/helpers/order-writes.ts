import diagnosticsChannel from "diagnostics_channel"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { HOLD_CHECK_CHANNEL, type HoldCheckRun } from "../../src/lib/checkout-hold/hold-check-trace"

const pgOf = (container: MedusaContainer) => container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)

/**
 * The first order written from now on stalls `seconds` inside PostgreSQL (a
 * sequence is not transactional, so only the first insert sleeps). Returns the
 * clean-up.
 */
export async function stallFirstOrderWrite(container: MedusaContainer, seconds: number): Promise<() => Promise<void>> {
  const pg = pgOf(container)
  await pg.raw("create sequence if not exists stall_first_order")
  await pg.raw(`create or replace function stall_first_order() returns trigger language plpgsql as $$
    begin if nextval('stall_first_order') = 1 then perform pg_sleep(${Number(seconds)}); end if; return new; end $$`)
  await pg.raw(`create trigger stall_first_order before insert on "order" for each row execute function stall_first_order()`)
  return async () => {
    await pg.raw(`drop trigger if exists stall_first_order on "order"`)
    await pg.raw("drop function if exists stall_first_order()")
    await pg.raw("drop sequence if exists stall_first_order")
  }
}

/**
 * Every order write waits until `release()`: a trigger waits for an advisory
 * lock held by a transaction of the test. `drop()` releases them (if not done)
 * and removes the trigger.
 */
export async function holdOrderWrites(container: MedusaContainer) {
  const pg = pgOf(container)
  const lockId = 73310
  await pg.raw(`create or replace function wait_for_test() returns trigger language plpgsql as $$
    begin perform pg_advisory_xact_lock(${lockId}); return new; end $$`)
  await pg.raw(`create trigger wait_for_test before insert on "order" for each row execute function wait_for_test()`)
  const holder = await pg.transaction()
  await holder.raw(`select pg_advisory_xact_lock(${lockId})`)
  return {
    release: async () => {
      if (!holder.isCompleted()) {
        await holder.commit()
      }
    },
    drop: async () => {
      if (!holder.isCompleted()) {
        await holder.rollback()
      }
      await pg.raw(`drop trigger if exists wait_for_test on "order"`)
      await pg.raw("drop function if exists wait_for_test()")
    },
  }
}

/** The carts whose stock claims (hold checks) run from now on, until `stop()`. */
export function watchClaims() {
  const claimed: string[] = []
  const onCheck = (message: unknown) => claimed.push((message as HoldCheckRun).cart_id)
  diagnosticsChannel.subscribe(HOLD_CHECK_CHANNEL, onCheck)
  return { claimed, stop: () => diagnosticsChannel.unsubscribe(HOLD_CHECK_CHANNEL, onCheck) }
}

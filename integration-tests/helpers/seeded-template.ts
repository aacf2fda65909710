import type { Client } from "pg"
import { dropDatabase, medusa, onServer } from "./server-pool"

/**
 * One migrated, seeded demo shop per test run, kept as a PostgreSQL template
 * database: the first spec file that seeds publishes its database right after
 * the seed (search index filled), and every later spec file starts from a copy
 * (`CREATE DATABASE ... TEMPLATE`) instead of migrating and seeding again,
 * which is most of a spec file's start-up. The run id comes from
 * integration-tests/global-setup.ts; without it (jest started some other way)
 * every spec migrates and seeds as before. The copy only skips work: the
 * runner still migrates it (nothing left to do) and the spec still runs the
 * seed, which finds everything there and returns the shop's ids.
 */
const RUN = process.env.LOCAL_SHOP_TEST_RUN
export const SEEDED_TEMPLATE = RUN ? `local_shop_seeded_${RUN}` : null

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`

async function exists(client: Client, name: string): Promise<boolean> {
  const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name])
  return (rowCount ?? 0) > 0
}

/**
 * Creates `database` as a copy of the run's seeded shop; false (nothing done)
 * when there is none yet. `database` must not exist.
 */
export async function cloneSeededTemplate(database: string): Promise<boolean> {
  const template = SEEDED_TEMPLATE
  if (!template) {
    return false
  }
  return onServer(async (client) => {
    if (!(await exists(client, template))) {
      return false
    }
    await client.query(`create database ${quote(database)} template ${quote(template)}`)
    return true
  })
}

/** True when the run's seeded shop has been published. */
export async function seededTemplateExists(): Promise<boolean> {
  const template = SEEDED_TEMPLATE
  return template ? onServer((client) => exists(client, template)) : false
}

/**
 * A database holding the migrated, seeded demo shop, for specs that start
 * `medusa start` processes of their own: a copy of the run's seeded shop when
 * an HTTP spec file has published one, else made with `medusa db:migrate` and
 * the seed script.
 */
export async function seededDatabase(name: string): Promise<void> {
  await dropDatabase(name)
  if (await cloneSeededTemplate(name)) {
    return
  }
  await onServer((client) => client.query(`create database ${quote(name)}`))
  await medusa(["db:migrate"], name)
  await medusa(["exec", "./src/scripts/seed.ts"], name)
}

/**
 * Publishes `database` (just migrated and seeded, nothing else done to it) as
 * the run's seeded shop, unless one is there already. Its connections are
 * closed for the copy, as Medusa's test runner does before each test; the
 * app's pool reconnects.
 */
export async function publishSeededTemplate(database: string): Promise<void> {
  const template = SEEDED_TEMPLATE
  if (!template) {
    return
  }
  await onServer(async (client) => {
    if (await exists(client, template)) {
      return
    }
    // Built under a name of its own, then renamed: a spec never copies half a template.
    const building = `${template}_${process.pid}_${process.env.JEST_WORKER_ID ?? "1"}`
    await client.query(`drop database if exists ${quote(building)}`)
    await client.query(`alter database ${quote(database)} with allow_connections false`)
    try {
      await client.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
        [database]
      )
      await client.query(`create database ${quote(building)} template ${quote(database)}`)
    } finally {
      await client.query(`alter database ${quote(database)} with allow_connections true`)
    }
    try {
      await client.query(`alter database ${quote(building)} rename to ${quote(template)}`)
    } catch (e) {
      // Another worker published first: theirs is the same shop.
      await client.query(`drop database if exists ${quote(building)}`)
      if (!(await exists(client, template))) {
        throw e
      }
    }
  })
}

function processAlive(pid: number): boolean {
  try {
    return pid > 0 && process.kill(pid, 0)
  } catch {
    return false
  }
}

/** Drops the run's seeded shop (global teardown), and those of runs whose process is gone. */
export async function dropSeededTemplates(): Promise<void> {
  await onServer(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where datname like 'local\\_shop\\_seeded\\_%'"
    )
    for (const { datname } of rows) {
      const pid = Number(/^local_shop_seeded_(\d+)/.exec(datname)?.[1])
      if (datname === SEEDED_TEMPLATE || !processAlive(pid)) {
        await client.query(`drop database if exists ${quote(datname)} with (force)`)
      }
    }
  })
}

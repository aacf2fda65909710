import fs from "fs"
import path from "path"
import { DmlEntity } from "@medusajs/framework/utils"

/**
 * Each module's migration snapshot (migrations/.snapshot-*.json) is what
 * `medusa db:generate <module>` diffs the models against. A migration written
 * by hand without regenerating it leaves the snapshot behind, and the next
 * generated migration repeats the hand-written one (its `down()` dropping what
 * the earlier one created). The snapshot must describe the models: the same
 * tables, columns, nullability and indexes.
 */
const MODULES_DIR = path.resolve(__dirname, "..")

type Snapshot = {
  tables: {
    name: string
    columns: Record<string, { name: string; nullable: boolean }>
    indexes: { keyName: string; primary: boolean }[]
  }[]
}
type Parsed = {
  tableName: string
  schema: Record<string, { parse: (field: string) => { nullable: boolean } }>
  indexes: { name?: string; on: string[]; unique?: boolean }[]
}

/** The modules with models and migrations of their own (a provider's model may map another module's table). */
function modulesWithMigrations(): string[] {
  const migrations = (dir: string) => {
    const folder = path.join(MODULES_DIR, dir, "migrations")
    return fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => /^Migration\d+\.ts$/.test(f)) : []
  }
  return fs
    .readdirSync(MODULES_DIR)
    .filter((dir) => fs.existsSync(path.join(MODULES_DIR, dir, "models")) && migrations(dir).length > 0)
}

async function modelsOf(dir: string): Promise<Parsed[]> {
  const folder = path.join(MODULES_DIR, dir, "models")
  const files = fs.readdirSync(folder).filter((f) => /\.ts$/.test(f) && f !== "index.ts")
  const exported = await Promise.all(files.map(async (f) => Object.values((await import(path.join(folder, f))) as Record<string, unknown>)))
  return exported
    .flat()
    .filter((x): x is DmlEntity<never, never> => DmlEntity.isDmlEntity(x))
    .map((entity) => entity.parse() as unknown as Parsed)
}

function snapshotOf(dir: string): Snapshot {
  const folder = path.join(MODULES_DIR, dir, "migrations")
  const file = fs.readdirSync(folder).find((f) => f.startsWith(".snapshot-") && f.endsWith(".json"))
  if (!file) {
    throw new Error(`${dir} has models but no migration snapshot`)
  }
  return JSON.parse(fs.readFileSync(path.join(folder, file), "utf8")) as Snapshot
}

describe("migration snapshots describe the models", () => {
  const modules = modulesWithMigrations()

  it("finds the modules with models", () => {
    expect(modules).toEqual(expect.arrayContaining(["art-profile", "checkout-hold", "idempotency", "snack-profile"]))
  })

  it.each(modules)("%s: tables, columns, nullability and indexes", async (dir) => {
    const snapshot = snapshotOf(dir)
    const models = await modelsOf(dir)
    expect(snapshot.tables.map((t) => t.name).sort()).toEqual(models.map((m) => m.tableName).sort())
    for (const model of models) {
      const table = snapshot.tables.find((t) => t.name === model.tableName)!
      const columns = Object.fromEntries(
        Object.entries(model.schema).map(([field, property]) => [field, property.parse(field).nullable])
      )
      const snapshotColumns = Object.fromEntries(Object.values(table.columns).map((c) => [c.name, c.nullable]))
      expect({ table: model.tableName, columns: snapshotColumns }).toEqual({ table: model.tableName, columns })
      const indexes = [
        `IDX_${model.tableName}_deleted_at`,
        ...model.indexes.map((i) => i.name ?? `IDX_${model.tableName}_${i.on.join("_")}${i.unique ? "_unique" : ""}`),
      ].sort()
      const snapshotIndexes = table.indexes.filter((i) => !i.primary).map((i) => i.keyName).sort()
      expect({ table: model.tableName, indexes: snapshotIndexes }).toEqual({ table: model.tableName, indexes })
    }
  })
})

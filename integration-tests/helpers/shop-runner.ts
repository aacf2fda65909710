import { randomBytes } from "crypto"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { cloneSeededTemplate } from "./seeded-template"

type RunnerOptions = Parameters<typeof medusaIntegrationTestRunner>[0]

/** This spec file's database. */
let runnerDb: string | null = null

export const runnerDatabase = () => runnerDb

/**
 * Medusa's medusaIntegrationTestRunner, on a database that starts as a copy of
 * the run's seeded demo shop when there is one (integration-tests/helpers/seeded-template.ts).
 * Everything else is the runner's own: migrations, the app, a restore before each test.
 */
export function shopTestRunner(options: RunnerOptions) {
  const database = `medusa-local-shop-${randomBytes(6).toString("hex")}-integration-${process.env.JEST_WORKER_ID ?? "1"}`
  runnerDb = database
  return medusaIntegrationTestRunner({
    ...options,
    dbName: database,
    hooks: {
      ...options.hooks,
      beforeServerStart: async (container) => {
        await cloneSeededTemplate(database)
        await options.hooks?.beforeServerStart?.(container)
      },
    },
  })
}

import { dropSeededTemplates } from "./helpers/seeded-template"

/** Jest global teardown: drops the run's seeded shop (and any left by a run that died). */
export default async function globalTeardown() {
  if (process.env.TEST_TYPE === "unit") {
    return
  }
  try {
    await dropSeededTemplates()
  } catch (e) {
    // No database reachable (a unit-only run elsewhere): nothing was made.
    console.warn(`[test] seeded shop templates not dropped: ${(e as Error).message}`)
  }
}

/**
 * Jest global setup: names this run, so the HTTP spec files can share one
 * migrated, seeded demo shop (integration-tests/helpers/seeded-template.ts).
 */
export default function globalSetup() {
  process.env.LOCAL_SHOP_TEST_RUN = String(process.pid)
}

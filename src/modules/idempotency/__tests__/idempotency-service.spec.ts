import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { IDEMPOTENCY_MODULE } from ".."
import { IdempotencyKey } from "../models/idempotency-key"
import IdempotencyModuleService, { PURGE_EXPIRED_SQL } from "../service"

jest.setTimeout(60_000)

const request = (key: string) => ({ scope: "scope-1", key, fingerprint: `fp-${key}`, method: "POST", path: "/store/carts" })

moduleIntegrationTestRunner<IdempotencyModuleService>({
  moduleName: IDEMPOTENCY_MODULE,
  moduleModels: [IdempotencyKey],
  resolve: "./src/modules/idempotency",
  testSuite: ({ service, MikroOrmWrapper }) => {
    describe("idempotency key purge", () => {
      it("removes the keys past their lifetime and keeps the others", async () => {
        const old = await service.begin(request("key-expired-000001"))
        const fresh = await service.begin(request("key-fresh-0000001"))
        expect([old.state, fresh.state]).toEqual(["run", "run"])
        const manager = MikroOrmWrapper.forkManager()
        await manager.execute("update idempotency_key set expires_at = now() - interval '1 minute' where key = 'key-expired-000001'")

        expect(await service.purgeExpired()).toBe(1)
        const left = await service.listIdempotencyKeys({}, { select: ["key"] })
        expect(left.map((k) => k.key)).toEqual(["key-fresh-0000001"])
      })

      it("finds them through the index on expires_at, not by reading the whole table", async () => {
        const manager = MikroOrmWrapper.forkManager()
        // A day's keys, a few of them expired, and the statistics the planner goes by.
        await manager.execute(
          `insert into idempotency_key (id, scope, key, fingerprint, method, path, locked_until, expires_at)
           select 'idem_' || n, 'scope-1', 'key-' || lpad(n::text, 12, '0'), 'fp', 'POST', '/store/carts', now(),
                  now() + (case when n <= 10 then -1 else 1 end) * interval '1 hour'
             from generate_series(1, 5000) n`
        )
        await manager.execute("analyze idempotency_key")
        const rows: { "QUERY PLAN": string }[] = await manager.execute(`explain ${PURGE_EXPIRED_SQL}`)
        const plan = rows.map((r) => r["QUERY PLAN"]).join("\n")
        expect(plan).toContain("IDX_idempotency_key_expires_at")
        expect(plan).not.toContain("Seq Scan")
        expect(await service.purgeExpired()).toBe(10)
      })
    })
  },
})

import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

/**
 * Run once by `medusa db:migrate` (so by `npm run dev` too): a shop seeded
 * before the seed made its region tax-inclusive charged GST on top of a price
 * entered in the region's column of Admin's price grid, because Medusa asks the
 * region's price preference before the currency's. Every INR region whose
 * currency's prices include GST (the shop's rule: Indian shelf prices) gets the
 * same preference for its own prices. Nothing else changes; a fresh database
 * has no region yet and the seed sets it.
 */
export default async function inrRegionPricesIncludeGst({ container }: Pick<ExecArgs, "container">) {
  const pricing = container.resolve(Modules.PRICING)
  const [currency] = await pricing.listPricePreferences({ attribute: "currency_code", value: ["inr"] })
  if (!currency?.is_tax_inclusive) {
    return
  }
  const regions = await container.resolve(Modules.REGION).listRegions({ currency_code: "inr" })
  if (!regions.length) {
    return
  }
  const preferences = await pricing.listPricePreferences({ attribute: "region_id", value: regions.map((r) => r.id) })
  const existing = new Map(preferences.map((p) => [p.value, p]))
  const repair = regions.filter((r) => !existing.get(r.id)?.is_tax_inclusive)
  if (repair.length) {
    // Medusa's upsert updates by id: the region's own preference when it has one.
    await pricing.upsertPricePreferences(
      repair.map((r) => {
        const id = existing.get(r.id)?.id
        return { ...(id ? { id } : {}), attribute: "region_id", value: r.id, is_tax_inclusive: true }
      })
    )
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .info(`Prices entered for ${repair.map((r) => r.name).join(", ")} now include GST, as the INR prices do`)
  }
}

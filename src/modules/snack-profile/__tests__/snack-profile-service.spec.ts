import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { SNACK_PROFILE_MODULE } from ".."
import { SnackProfile } from "../models/snack-profile"
import SnackProfileModuleService from "../service"

jest.setTimeout(60_000)

const complete = {
  ingredients: ["almonds", "dates", "ghee"],
  allergens: ["tree_nuts", "milk"],
  allergens_declared: true,
  dietary_tags: ["vegetarian", "gluten_free"],
  net_weight_g: 250,
  shelf_life_days: 20,
  perishable: true,
}

moduleIntegrationTestRunner<SnackProfileModuleService>({
  moduleName: SNACK_PROFILE_MODULE,
  moduleModels: [SnackProfile],
  resolve: "./src/modules/snack-profile",
  testSuite: ({ service }) => {
    describe("snack profile validation", () => {
      it("creates a profile and patches it field by field", async () => {
        const created = await service.upsertForProduct("prod_1", complete)
        expect(created.previous).toBeNull()
        expect(created.profile).toMatchObject({ product_id: "prod_1", net_weight_g: 250 })

        const patched = await service.upsertForProduct("prod_1", { shelf_life_days: 30 })
        expect(patched.previous?.shelf_life_days).toBe(20)
        const stored = await service.retrieveForProduct("prod_1")
        expect(stored).toMatchObject({ shelf_life_days: 30, ingredients: complete.ingredients })
        expect(await service.listSnackProfiles({})).toHaveLength(1)
      })

      it.each([
        [{ allergens: ["shellfish"] }, /snack_profile\.allergens\.0/],
        [{ allergens: ["none"] }, /snack_profile\.allergens\.0/],
        [{ dietary_tags: ["paleo"] }, /snack_profile\.dietary_tags\.0/],
        [{ net_weight_g: -5 }, /snack_profile\.net_weight_g/],
        [{ net_weight_g: "250" }, /snack_profile\.net_weight_g/],
        [{ shelf_life_days: 2.5 }, /snack_profile\.shelf_life_days/],
        [{ ingredients: "almonds" }, /snack_profile\.ingredients/],
        [{ ingredients: ["x".repeat(10 * 1024 * 1024)] }, /snack_profile\.ingredients\.0/],
        [{ nutrition: { energy_kcal: 400 } }, /snack_profile\.nutrition\.protein_g/],
        [{ colour: "brown" }, /snack_profile/],
        [{ allergens: ["milk", "milk"], allergens_declared: true }, /must not repeat/],
      ])("refuses %j and writes nothing", async (patch, message) => {
        await expect(service.upsertForProduct("prod_bad", patch)).rejects.toThrow(message)
        expect(await service.listSnackProfiles({ product_id: "prod_bad" })).toHaveLength(0)
      })

      it("refuses allergens listed without declaring them", async () => {
        await expect(
          service.upsertForProduct("prod_2", { allergens: ["milk"], allergens_declared: false })
        ).rejects.toThrow("allergens_declared must be true when allergens are listed")
      })

      it("refuses contradictions between dietary tags and allergens", async () => {
        await expect(
          service.upsertForProduct("prod_3", { ...complete, dietary_tags: ["vegan"] })
        ).rejects.toThrow("a vegan snack cannot declare milk")
      })

      it("keeps a bad patch from changing a stored profile", async () => {
        await service.upsertForProduct("prod_4", complete)
        await expect(service.upsertForProduct("prod_4", { net_weight_g: 0 })).rejects.toThrow()
        expect((await service.retrieveForProduct("prod_4"))?.net_weight_g).toBe(250)
      })

    })
  },
})

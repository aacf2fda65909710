import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { ART_PROFILE_MODULE } from ".."
import { ArtProfile } from "../models/art-profile"
import ArtProfileModuleService from "../service"

jest.setTimeout(60_000)

const original = {
  medium: "watercolour",
  width_cm: 30,
  height_cm: 40,
  framed: false,
  artist_name: "Meera Iyer",
  year: 2025,
  one_of_a_kind: true,
}

moduleIntegrationTestRunner<ArtProfileModuleService>({
  moduleName: ART_PROFILE_MODULE,
  moduleModels: [ArtProfile],
  resolve: "./src/modules/art-profile",
  testSuite: ({ service }) => {
    describe("art profile validation", () => {
      it("creates an artwork profile and patches it", async () => {
        await service.upsertForProduct("prod_1", original)
        await service.upsertForProduct("prod_1", { framed: true })
        expect(await service.retrieveForProduct("prod_1")).toMatchObject({
          medium: "watercolour",
          framed: true,
          width_cm: 30,
          one_of_a_kind: true,
        })
      })

      it.each([
        [{ ...original, medium: "crayon" }, /art_profile\.medium/],
        [{ ...original, width_cm: -1 }, /art_profile\.width_cm/],
        [{ ...original, year: "2025" }, /art_profile\.year/],
        [{ ...original, edition_size: 50 }, /one_of_a_kind artwork cannot have an edition_size/],
        [{ ...original, medium: "screen_print" }, /cannot be one_of_a_kind/],
        [{ medium: "oil" }, /width_cm and height_cm are required/],
        [{ ...original, artist_name: "y".repeat(10 * 1024 * 1024) }, /art_profile\.artist_name/],
      ])("refuses %#: writes nothing", async (patch, message) => {
        await expect(service.upsertForProduct("prod_bad", patch)).rejects.toThrow(message)
        expect(await service.listArtProfiles({ product_id: "prod_bad" })).toHaveLength(0)
      })

    })
  },
})

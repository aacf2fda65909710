import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { useState } from "react"
import { ArtProfileDetails } from "../components/art-profile-details"
import { ArtProfileForm } from "../components/art-profile-form"
import { ProfileDrawer } from "../components/profile-drawer"
import { ProfileSection, SectionNote } from "../components/profile-section"
import { useProfileSection } from "../lib/profile-api"

const TITLE = "Art profile"

/** Facts of an artwork or art product (products in the Art category tree). */
const ProductArtProfileWidget = ({ data }: DetailWidgetProps<AdminProduct>) => {
  const [open, setOpen] = useState(false)
  const section = useProfileSection(data, "art")
  if (section.mode === "hidden") {
    return null
  }
  if (section.mode === "error") {
    return (
      <ProfileSection title={TITLE}>
        <SectionNote error>{section.message}</SectionNote>
      </ProfileSection>
    )
  }
  const profile = section.product.art_profile ?? null

  return (
    <>
      <ProfileSection title={TITLE} action={profile ? "edit" : "add"} onAction={() => setOpen(true)}>
        {profile ? (
          <ArtProfileDetails profile={profile} />
        ) : (
          <SectionNote>
            No art profile yet. Add its medium, size, artist and edition.
          </SectionNote>
        )}
      </ProfileSection>
      <ProfileDrawer
        open={open}
        onOpenChange={setOpen}
        title={profile ? "Edit art profile" : "Add art profile"}
        description="Details shown to customers. Only the fields you change are saved."
      >
        <ArtProfileForm productId={data.id} profile={profile} onDone={() => setOpen(false)} />
      </ProfileDrawer>
    </>
  )
}

export const config = defineWidgetConfig({
  zone: "product.details.after",
})

export default ProductArtProfileWidget

import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { useState } from "react"
import { ProfileDrawer } from "../components/profile-drawer"
import { ProfileSection, SectionNote } from "../components/profile-section"
import { SnackProfileDetails } from "../components/snack-profile-details"
import { SnackProfileForm } from "../components/snack-profile-form"
import { useProfileSection } from "../lib/profile-api"

const TITLE = "Snack profile"

/** Label facts of a snack (products in the Snacks category tree). */
const ProductSnackProfileWidget = ({ data }: DetailWidgetProps<AdminProduct>) => {
  const [open, setOpen] = useState(false)
  const section = useProfileSection(data, "snack")
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
  const profile = section.product.snack_profile ?? null

  return (
    <>
      <ProfileSection title={TITLE} action={profile ? "edit" : "add"} onAction={() => setOpen(true)}>
        {profile ? (
          <SnackProfileDetails profile={profile} />
        ) : (
          <SectionNote>
            No snack profile yet. Add its ingredients, allergens, nutrition and pack details.
          </SectionNote>
        )}
      </ProfileSection>
      <ProfileDrawer
        open={open}
        onOpenChange={setOpen}
        title={profile ? "Edit snack profile" : "Add snack profile"}
        description="Label facts shown to customers. Only the fields you change are saved."
      >
        <SnackProfileForm productId={data.id} profile={profile} onDone={() => setOpen(false)} />
      </ProfileDrawer>
    </>
  )
}

export const config = defineWidgetConfig({
  zone: "product.details.after",
})

export default ProductSnackProfileWidget

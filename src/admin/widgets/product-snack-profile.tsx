import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { useState } from "react"
import { ProfileDrawer } from "../components/profile-drawer"
import { ProfileSection, SectionNote } from "../components/profile-section"
import { SnackProfileDetails } from "../components/snack-profile-details"
import { SnackProfileForm } from "../components/snack-profile-form"
import { errorMessage, useProductProfiles } from "../lib/profile-api"
import { hasCategoryOfKind, widgetMode } from "../lib/product-profiles"

const TITLE = "Snack profile"

/** Label facts of a snack (products in the Snacks category tree). */
const ProductSnackProfileWidget = ({ data }: DetailWidgetProps<AdminProduct>) => {
  const [open, setOpen] = useState(false)
  const { data: product, isPending, isError, error } = useProductProfiles(data.id)

  if (isPending) {
    return null
  }
  if (isError) {
    return hasCategoryOfKind(data.categories, "snack") ? (
      <ProfileSection title={TITLE}>
        <SectionNote error>{errorMessage(error)}</SectionNote>
      </ProfileSection>
    ) : null
  }

  const mode = widgetMode({ ...product, categories: product.categories ?? data.categories }, "snack")
  if (mode === "hidden") {
    return null
  }
  const profile = product.snack_profile ?? null

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

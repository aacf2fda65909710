import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { useState } from "react"
import { ProfileDrawer } from "../components/profile-drawer"
import { ProfileSection, SectionNote } from "../components/profile-section"
import { SnackProfileDetails } from "../components/snack-profile-details"
import { SnackProfileForm } from "../components/snack-profile-form"
import { errorMessage, useCategoryTree, useProductProfiles } from "../lib/profile-api"
import { hasCategoryOfKind, widgetMode } from "../lib/product-profiles"

const TITLE = "Snack profile"

/** Label facts of a snack (products in the Snacks category tree). */
const ProductSnackProfileWidget = ({ data }: DetailWidgetProps<AdminProduct>) => {
  const [open, setOpen] = useState(false)
  const { data: product, isPending, isError, error } = useProductProfiles(data.id)
  const tree = useCategoryTree()

  if (isPending || tree.isPending) {
    return null
  }
  if (isError || tree.isError) {
    // Shown where the section would be: a product of the department (known from the tree, else
    // from the product's profile or its type, which follows the department), with what failed.
    const ours = tree.data
      ? hasCategoryOfKind(data.categories, "snack", tree.data)
      : Boolean(product?.snack_profile) || data.type?.value === "Snack"
    return ours ? (
      <ProfileSection title={TITLE}>
        <SectionNote error>{errorMessage(error ?? tree.error)}</SectionNote>
      </ProfileSection>
    ) : null
  }

  const mode = widgetMode(product, data.categories, "snack", tree.data)
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

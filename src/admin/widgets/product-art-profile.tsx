import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { useState } from "react"
import { ArtProfileDetails } from "../components/art-profile-details"
import { ArtProfileForm } from "../components/art-profile-form"
import { ProfileDrawer } from "../components/profile-drawer"
import { ProfileSection, SectionNote } from "../components/profile-section"
import { errorMessage, useCategoryTree, useProductProfiles } from "../lib/profile-api"
import { hasCategoryOfKind, widgetMode } from "../lib/product-profiles"

const TITLE = "Art profile"

/** Facts of an artwork or art product (products in the Art category tree). */
const ProductArtProfileWidget = ({ data }: DetailWidgetProps<AdminProduct>) => {
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
      ? hasCategoryOfKind(data.categories, "art", tree.data)
      : Boolean(product?.art_profile) || data.type?.value === "Art"
    return ours ? (
      <ProfileSection title={TITLE}>
        <SectionNote error>{errorMessage(error ?? tree.error)}</SectionNote>
      </ProfileSection>
    ) : null
  }

  const mode = widgetMode(product, data.categories, "art", tree.data)
  if (mode === "hidden") {
    return null
  }
  const profile = product.art_profile ?? null

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

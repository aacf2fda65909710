import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import SnackProfileModule from "../modules/snack-profile"

// Medusa types a core module's `linkable` as Record<string, any>: name the side's type.
type LinkSide = Parameters<typeof defineLink>[0]

/** A product in Snacks has at most one snack profile: `fields=*snack_profile`. */
export default defineLink(ProductModule.linkable.product as LinkSide, {
  linkable: SnackProfileModule.linkable.snackProfile,
  deleteCascade: true,
})

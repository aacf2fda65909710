import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import SnackProfileModule from "../modules/snack-profile"

/** A product in Snacks has at most one snack profile: `fields=*snack_profile`. */
export default defineLink(ProductModule.linkable.product, {
  linkable: SnackProfileModule.linkable.snackProfile,
  deleteCascade: true,
})

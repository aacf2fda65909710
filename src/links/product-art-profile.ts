import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import ArtProfileModule from "../modules/art-profile"

/** A product in Art has at most one art profile: `fields=*art_profile`. */
export default defineLink(ProductModule.linkable.product, {
  linkable: ArtProfileModule.linkable.artProfile,
  deleteCascade: true,
})

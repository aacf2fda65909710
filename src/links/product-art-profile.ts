import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import ArtProfileModule from "../modules/art-profile"

// Medusa types a core module's `linkable` as Record<string, any>: name the side's type.
type LinkSide = Parameters<typeof defineLink>[0]

/** A product in Art has at most one art profile: `fields=*art_profile`. */
export default defineLink(ProductModule.linkable.product as LinkSide, {
  linkable: ArtProfileModule.linkable.artProfile,
  deleteCascade: true,
})

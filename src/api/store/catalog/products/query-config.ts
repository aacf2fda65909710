export const catalogProductFields = [
  "id",
  "title",
  "handle",
  "subtitle",
  "description",
  "thumbnail",
  "created_at",
  "categories.id",
  "categories.name",
  "categories.handle",
  "variants.id",
  "variants.title",
  "variants.sku",
  "snack_profile.*",
  "art_profile.*",
]

export const catalogProductsQueryConfig = {
  defaults: catalogProductFields,
  isList: true,
  defaultLimit: 20,
}

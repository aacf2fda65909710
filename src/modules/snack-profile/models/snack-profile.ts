import { model } from "@medusajs/framework/utils"

/**
 * A snack's label facts, one per product (linked to Medusa's product, see
 * src/links/product-snack-profile.ts). product_id is kept here too so that the
 * catalogue filters (dietary, allergen_free) run as one indexed SQL query.
 */
export const SnackProfile = model
  .define("snack_profile", {
    id: model.id({ prefix: "snkp" }).primaryKey(),
    product_id: model.text(),
    ingredients: model.array(),
    allergens: model.array(),
    allergens_declared: model.boolean().default(false),
    dietary_tags: model.array(),
    nutrition: model.json().nullable(),
    net_weight_g: model.number().nullable(),
    pieces_per_pack: model.number().nullable(),
    shelf_life_days: model.number().nullable(),
    storage_instructions: model.text().nullable(),
    perishable: model.boolean().default(false),
    max_per_order: model.number().nullable(),
  })
  .indexes([
    { on: ["product_id"], unique: true, where: "deleted_at IS NULL" },
  ])

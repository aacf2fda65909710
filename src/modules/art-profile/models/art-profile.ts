import { model } from "@medusajs/framework/utils"

/**
 * An artwork's facts, one per product (linked to Medusa's product, see
 * src/links/product-art-profile.ts). product_id is kept here too so that the
 * catalogue filters (medium, one_of_a_kind) run as one indexed SQL query.
 */
export const ArtProfile = model
  .define("art_profile", {
    id: model.id({ prefix: "artp" }).primaryKey(),
    product_id: model.text(),
    medium: model.enum(["watercolour", "acrylic", "oil", "ink", "pencil", "digital_print", "screen_print", "mixed"]),
    style: model.text().nullable(),
    subject: model.text().nullable(),
    width_cm: model.float(),
    height_cm: model.float(),
    depth_cm: model.float().nullable(),
    framed: model.boolean().default(false),
    surface: model.text().nullable(),
    artist_name: model.text().nullable(),
    year: model.number().nullable(),
    one_of_a_kind: model.boolean().default(false),
    edition_size: model.number().nullable(),
  })
  .indexes([
    { on: ["product_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["medium"] },
  ])

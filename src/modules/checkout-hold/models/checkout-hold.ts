import { model } from "@medusajs/framework/utils"

export const HOLD_STATUSES = ["active", "converted", "released", "expired"] as const
export type HoldStatus = (typeof HOLD_STATUSES)[number]

/**
 * A timed claim on stock for a cart's checkout: `quantity` units of one inventory
 * item at one stock location until `expires_at`. Only active rows whose
 * expires_at is still ahead count against other carts; the expiry job merely
 * tidies the status.
 */
export const CheckoutHold = model
  .define("checkout_hold", {
    id: model.id({ prefix: "hold" }).primaryKey(),
    cart_id: model.text(),
    variant_id: model.text(),
    inventory_item_id: model.text(),
    location_id: model.text(),
    quantity: model.number(),
    status: model.enum([...HOLD_STATUSES]).default("active"),
    expires_at: model.dateTime(),
    /** Who took it (`customer:cus_...` or `ip:203.0.113.7`), for the per-client cart cap. */
    client_key: model.text().nullable(),
    /** First take of this cart's hold on the item: its total lifetime counts from here. */
    held_since: model.dateTime().nullable(),
    /**
     * Set when a completion claimed this hold: from then until the hold is
     * converted, the order's reservation may already exist, so the same units
     * may be counted twice (reserved and held). Readers treat such units as
     * "settling": never available, but not proof of a sell-out either.
     */
    completing_at: model.dateTime().nullable(),
  })
  .indexes([
    // "Sum of active unexpired holds per inventory item and location".
    {
      on: ["inventory_item_id", "location_id", "expires_at"],
      where: "status = 'active' AND deleted_at IS NULL",
    },
    { on: ["cart_id", "status"], where: "deleted_at IS NULL" },
    { on: ["status", "expires_at"], where: "deleted_at IS NULL" },
    // "Carts with active holds of this client".
    { on: ["client_key", "expires_at"], where: "status = 'active' AND deleted_at IS NULL" },
    // "This client's holds of these items in its other carts, first take within an episode".
    { on: ["client_key", "inventory_item_id", "held_since"], where: "deleted_at IS NULL" },
  ])

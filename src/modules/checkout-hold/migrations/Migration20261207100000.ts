import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261207100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_checkout_hold_client_key_inventory_item_id_held_since" ON "checkout_hold" ("client_key", "inventory_item_id", "held_since") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_checkout_hold_client_key_inventory_item_id_held_since";`);
  }

}

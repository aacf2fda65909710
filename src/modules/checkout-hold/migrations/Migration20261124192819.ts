import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261124192819 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "checkout_hold" ("id" text not null, "cart_id" text not null, "variant_id" text not null, "inventory_item_id" text not null, "location_id" text not null, "quantity" integer not null, "status" text check ("status" in ('active', 'converted', 'released', 'expired')) not null default 'active', "expires_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "checkout_hold_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_checkout_hold_deleted_at" ON "checkout_hold" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_checkout_hold_inventory_item_id_location_id_expires_at" ON "checkout_hold" ("inventory_item_id", "location_id", "expires_at") WHERE status = 'active' AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_checkout_hold_cart_id_status" ON "checkout_hold" ("cart_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_checkout_hold_status_expires_at" ON "checkout_hold" ("status", "expires_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "checkout_hold" cascade;`);
  }

}

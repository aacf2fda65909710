import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261125143105 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "checkout_hold" add column if not exists "client_key" text null, add column if not exists "held_since" timestamptz null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_checkout_hold_client_key_expires_at" ON "checkout_hold" ("client_key", "expires_at") WHERE status = 'active' AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_checkout_hold_client_key_expires_at";`);
    this.addSql(`alter table if exists "checkout_hold" drop column if exists "client_key", drop column if exists "held_since";`);
  }

}

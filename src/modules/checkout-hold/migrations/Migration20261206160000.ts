import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206160000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "checkout_cart_owner" ("cart_id" text not null, "customer_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "checkout_cart_owner_pkey" primary key ("cart_id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_checkout_cart_owner_deleted_at" ON "checkout_cart_owner" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "checkout_cart_owner" cascade;`);
  }

}

import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261124190906 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "snack_profile" drop constraint if exists "snack_profile_product_id_unique";`);
    this.addSql(`create table if not exists "snack_profile" ("id" text not null, "product_id" text not null, "ingredients" text[] not null, "allergens" text[] not null, "allergens_declared" boolean not null default false, "dietary_tags" text[] not null, "nutrition" jsonb null, "net_weight_g" integer null, "pieces_per_pack" integer null, "shelf_life_days" integer null, "storage_instructions" text null, "perishable" boolean not null default false, "max_per_order" integer null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "snack_profile_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_snack_profile_deleted_at" ON "snack_profile" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_snack_profile_product_id_unique" ON "snack_profile" ("product_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "snack_profile" cascade;`);
  }

}

import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261124190907 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "art_profile" drop constraint if exists "art_profile_product_id_unique";`);
    this.addSql(`create table if not exists "art_profile" ("id" text not null, "product_id" text not null, "medium" text check ("medium" in ('watercolour', 'acrylic', 'oil', 'ink', 'pencil', 'digital_print', 'screen_print', 'mixed')) not null, "style" text null, "subject" text null, "width_cm" real not null, "height_cm" real not null, "depth_cm" real null, "framed" boolean not null default false, "surface" text null, "artist_name" text null, "year" integer null, "one_of_a_kind" boolean not null default false, "edition_size" integer null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "art_profile_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_art_profile_deleted_at" ON "art_profile" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_art_profile_product_id_unique" ON "art_profile" ("product_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_art_profile_medium" ON "art_profile" ("medium") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "art_profile" cascade;`);
  }

}

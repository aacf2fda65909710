import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206160000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "checkout_cart_owner" ("cart_id" text not null, "customer_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "checkout_cart_owner_pkey" primary key ("cart_id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_checkout_cart_owner_deleted_at" ON "checkout_cart_owner" ("deleted_at") WHERE deleted_at IS NULL;`);
    // Open carts of account customers from before this table existed keep the
    // protection they had (the check then read the customer's account flag).
    this.addSql(`DO $$ BEGIN
      IF to_regclass('cart') IS NOT NULL AND to_regclass('customer') IS NOT NULL THEN
        INSERT INTO "checkout_cart_owner" ("cart_id", "customer_id")
        SELECT c.id, c.customer_id FROM cart c JOIN customer cu ON cu.id = c.customer_id
         WHERE cu.has_account AND c.completed_at IS NULL AND c.deleted_at IS NULL
        ON CONFLICT ("cart_id") DO NOTHING;
      END IF;
    END $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "checkout_cart_owner" cascade;`);
  }

}

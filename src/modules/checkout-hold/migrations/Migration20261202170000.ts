import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202170000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "checkout_hold" add column if not exists "completing_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "checkout_hold" drop column if exists "completing_at";`);
  }

}

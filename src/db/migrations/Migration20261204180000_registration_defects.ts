import { Migration } from '@mikro-orm/migrations';

/**
 * Imported history that another system registered is kept even when it would fail today's registration rules of
 * APPK art. 63 (an essence too short, e.g. "Автохлам"): the appeal is written with the rules it fails, one
 * "field: message" per entry. Null for every appeal registered through the API (which must pass them).
 */
export class Migration20261204180000_registration_defects extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "appeal" add column "registration_defects" text[] null`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "appeal" drop column if exists "registration_defects"`);
  }
}

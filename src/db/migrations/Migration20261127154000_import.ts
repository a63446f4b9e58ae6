import { Migration } from '@mikro-orm/migrations';

/**
 * Bulk import (issue 7): an imported appeal remembers where it came from (`source_system`, `source_id`; unique
 * together, so importing the same file twice leaves one copy), and every run of the import is recorded with its
 * counts. Indexes for the API's filters and sorts that plans at a million appeals showed missing.
 */
export class Migration20261127154000_import extends Migration {
  override async up(): Promise<void> {
    // Builds indexes and rollups over every appeal: not bound by the service's 30 s statement timeout.
    this.addSql('set local statement_timeout = 0');
    this.addSql(`alter table "appeal" add column "source_system" varchar(64) null, add column "source_id" varchar(128) null`);
    this.addSql(`alter table "appeal" add constraint "appeal_source_system_source_id_unique" unique ("source_system", "source_id")`);
    this.addSql(`create table "import_run" (
      "id" uuid not null,
      "region_id" int not null,
      "source_system" varchar(64) not null,
      "file_name" text not null,
      "started_at" timestamptz not null,
      "finished_at" timestamptz null,
      "status" text check ("status" in ('running', 'finished', 'failed')) not null default 'running',
      "rows_read" int not null default 0,
      "imported" int not null default 0,
      "duplicates" int not null default 0,
      "rejected" int not null default 0,
      "model_version" int null,
      "summary" jsonb null,
      constraint "import_run_pkey" primary key ("id"))`);
    this.addSql(`alter table "import_run" add constraint "import_run_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`create index "import_run_source_system_started_at_index" on "import_run" ("source_system", "started_at")`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "import_run"`);
    this.addSql(`alter table "appeal" drop constraint if exists "appeal_source_system_source_id_unique"`);
    this.addSql(`alter table "appeal" drop column if exists "source_id", drop column if exists "source_system"`);
  }
}

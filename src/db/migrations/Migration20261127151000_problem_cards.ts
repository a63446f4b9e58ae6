import { Migration } from '@mikro-orm/migrations';

/**
 * Problem cards (issue 4, regulation 7.2): the card, its admin units, its appeals (representative ones marked),
 * analysts' notes and linked instructions. Generated from src/problem-cards/problem-card.entity.ts, then reviewed.
 * Extra: the listing's order (severity, id) and a partial index for a card's history in history_event.
 */
export class Migration20261127151000_problem_cards extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "problem_card" ("id" uuid not null, "region_id" int not null, "title" text not null, "topic_id" int null, "status" text check ("status" in ('new', 'under_review', 'working_group_formed', 'proposal_submitted', 'resolved', 'dismissed')) not null default 'new', "severity" double precision not null, "severity_parts" jsonb not null, "appeals_count" int not null, "applicants_count" int not null, "first_seen" date not null, "last_seen" date not null, "observed" int not null, "expected" double precision not null, "source" text check ("source" in ('spike', 'cluster', 'spike_and_cluster')) not null, "weekly_trend" jsonb not null, "key_terms" text[] not null, "evidence" jsonb not null, "detected_from" date not null, "detected_to" date not null, "status_changed_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "problem_card_pkey" primary key ("id"))`);
    this.addSql(`create index "problem_card_topic_id_index" on "problem_card" ("topic_id")`);
    this.addSql(`create index "problem_card_region_id_status_index" on "problem_card" ("region_id", "status")`);
    this.addSql(`create table "problem_card_unit" ("id" uuid not null, "region_id" int not null, "card_id" uuid not null, "admin_unit_id" int not null, "appeals_count" int not null, constraint "problem_card_unit_pkey" primary key ("id"))`);
    this.addSql(`create index "problem_card_unit_admin_unit_id_index" on "problem_card_unit" ("admin_unit_id")`);
    this.addSql(`alter table "problem_card_unit" add constraint "problem_card_unit_card_id_admin_unit_id_unique" unique ("card_id", "admin_unit_id")`);
    this.addSql(`create table "problem_card_note" ("id" uuid not null, "region_id" int not null, "card_id" uuid not null, "author_id" uuid not null, "text" text not null, "created_at" timestamptz not null, constraint "problem_card_note_pkey" primary key ("id"))`);
    this.addSql(`create index "problem_card_note_card_id_index" on "problem_card_note" ("card_id")`);
    this.addSql(`create table "problem_card_instruction" ("id" uuid not null, "region_id" int not null, "card_id" uuid not null, "instruction_id" uuid not null, "linked_by_id" uuid null, "linked_at" timestamptz not null, constraint "problem_card_instruction_pkey" primary key ("id"))`);
    this.addSql(`create index "problem_card_instruction_instruction_id_index" on "problem_card_instruction" ("instruction_id")`);
    this.addSql(`alter table "problem_card_instruction" add constraint "problem_card_instruction_card_id_instruction_id_unique" unique ("card_id", "instruction_id")`);
    this.addSql(`create table "problem_card_appeal" ("id" uuid not null, "region_id" int not null, "card_id" uuid not null, "appeal_id" uuid not null, "representative" boolean not null default false, constraint "problem_card_appeal_pkey" primary key ("id"))`);
    this.addSql(`create index "problem_card_appeal_appeal_id_index" on "problem_card_appeal" ("appeal_id")`);
    this.addSql(`alter table "problem_card_appeal" add constraint "problem_card_appeal_card_id_appeal_id_unique" unique ("card_id", "appeal_id")`);
    this.addSql(`alter table "problem_card" add constraint "problem_card_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "problem_card" add constraint "problem_card_topic_id_foreign" foreign key ("topic_id") references "topic" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "problem_card_unit" add constraint "problem_card_unit_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "problem_card_unit" add constraint "problem_card_unit_card_id_foreign" foreign key ("card_id") references "problem_card" ("id") on update cascade`);
    this.addSql(`alter table "problem_card_unit" add constraint "problem_card_unit_admin_unit_id_foreign" foreign key ("admin_unit_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "problem_card_note" add constraint "problem_card_note_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "problem_card_note" add constraint "problem_card_note_card_id_foreign" foreign key ("card_id") references "problem_card" ("id") on update cascade`);
    this.addSql(`alter table "problem_card_note" add constraint "problem_card_note_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade`);
    this.addSql(`alter table "problem_card_instruction" add constraint "problem_card_instruction_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "problem_card_instruction" add constraint "problem_card_instruction_card_id_foreign" foreign key ("card_id") references "problem_card" ("id") on update cascade`);
    this.addSql(`alter table "problem_card_instruction" add constraint "problem_card_instruction_instruction_id_foreign" foreign key ("instruction_id") references "instruction" ("id") on update cascade`);
    this.addSql(`alter table "problem_card_instruction" add constraint "problem_card_instruction_linked_by_id_foreign" foreign key ("linked_by_id") references "app_user" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "problem_card_appeal" add constraint "problem_card_appeal_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "problem_card_appeal" add constraint "problem_card_appeal_card_id_foreign" foreign key ("card_id") references "problem_card" ("id") on update cascade`);
    this.addSql(`alter table "problem_card_appeal" add constraint "problem_card_appeal_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade`);
    this.addSql(`create index problem_card_severity_id_index on problem_card (severity desc, id)`);
    this.addSql(`create index problem_card_last_seen_index on problem_card (last_seen)`);
    this.addSql(`create index history_event_problem_card_index on history_event (entity_id, at) where entity_type = 'problem_card'`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists history_event_problem_card_index`);
    this.addSql(`drop table if exists "problem_card_instruction" cascade`);
    this.addSql(`drop table if exists "problem_card_note" cascade`);
    this.addSql(`drop table if exists "problem_card_appeal" cascade`);
    this.addSql(`drop table if exists "problem_card_unit" cascade`);
    this.addSql(`drop table if exists "problem_card" cascade`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Content classification (regulation 7.1) and routing suggestions (5.2): versioned models in the database, and on
 * each appeal the machine's suggestion kept apart from a person's choice (appeal.topic_id + topic_source).
 */
export class Migration20261127149000_classifier extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "classifier_model" (
      "id" serial primary key,
      "kind" text check ("kind" in ('topic', 'executor')) not null,
      "version" int not null,
      "trained_at" timestamptz not null,
      "trained_by_id" uuid null,
      "labels" jsonb not null,
      "metrics" jsonb null,
      "training_set" jsonb null,
      "model" bytea not null,
      "active" boolean not null default false)`);
    this.addSql(`alter table "classifier_model" add constraint "classifier_model_kind_version_unique" unique ("kind", "version")`);
    this.addSql(`create unique index "classifier_model_one_active_per_kind" on "classifier_model" ("kind") where "active"`);
    this.addSql(`alter table "appeal" add column "machine_topic_id" int null references "topic" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "appeal" add column "machine_topic_confidence" double precision null`);
    this.addSql(`alter table "appeal" add column "machine_model_version" int null`);
    this.addSql(`alter table "appeal" add column "topic_review_required" boolean not null default false`);
    this.addSql(`create index "appeal_topic_review_required_index" on "appeal" ("received_at") where "topic_review_required"`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "appeal_topic_review_required_index"`);
    this.addSql(`alter table "appeal" drop column "topic_review_required", drop column "machine_model_version", drop column "machine_topic_confidence", drop column "machine_topic_id"`);
    this.addSql(`drop table "classifier_model"`);
  }
}

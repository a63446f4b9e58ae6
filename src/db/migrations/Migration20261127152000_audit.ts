import { Migration } from '@mikro-orm/migrations';

/**
 * The audit trail of API calls (issue 5): one append-only row per mutation call with its outcome. The database
 * refuses UPDATE, DELETE and TRUNCATE on it, like on history_event; history_event gets an index on request_id so
 * an audit record finds the changes its request made.
 */
export class Migration20261127152000_audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audit_event" (
      "id" bigserial primary key,
      "at" timestamptz not null,
      "request_id" varchar(64) not null,
      "actor_id" uuid null,
      "actor_role" varchar(32) null,
      "actor_organization_id" uuid null,
      "region_id" int null,
      "action" varchar(100) not null,
      "operation_name" varchar(100) null,
      "target_type" varchar(100) null,
      "target_id" varchar(128) null,
      "target_ids" jsonb null,
      "outcome" varchar(32) not null,
      "error_field" varchar(200) null,
      "duration_ms" int not null)`);
    this.addSql(`create index "audit_event_region_id_at_index" on "audit_event" ("region_id", "at")`);
    this.addSql(`create index "audit_event_actor_id_at_index" on "audit_event" ("actor_id", "at")`);
    this.addSql(`create index "audit_event_target_id_index" on "audit_event" ("target_id")`);
    this.addSql(`create index "audit_event_request_id_index" on "audit_event" ("request_id")`);
    this.addSql(`create index "audit_event_at_id_index" on "audit_event" ("at" desc, "id" desc)`);
    this.addSql(`create index history_event_request_id_index on history_event (request_id) where request_id is not null`);
    this.addSql(`create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end $$`);
    this.addSql(`create trigger audit_event_no_update before update or delete on audit_event for each row execute function audit_event_is_append_only()`);
    this.addSql(`create trigger audit_event_no_truncate before truncate on audit_event for each statement execute function audit_event_is_append_only()`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists history_event_request_id_index`);
    this.addSql(`drop table "audit_event"`);
    this.addSql(`drop function audit_event_is_append_only()`);
  }
}

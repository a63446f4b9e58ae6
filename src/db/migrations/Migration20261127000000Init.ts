import { Migration } from '@mikro-orm/migrations';

/**
 * The base schema: reference data (KATO units, topics, organizations, officials), appeals with their applicants,
 * assignments, responses and reviews, deadline extensions, instructions, and the append-only history.
 * Generated from the entities, then reviewed; indexes back every filter and sort the API offers.
 */
export class Migration20261127000000Init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "admin_unit" ("id" serial primary key, "kato" varchar(9) not null, "level" varchar(16) not null, "parent_id" int null, "iso_code" varchar(8) null, "name_kk" text not null, "name_ru" text not null, "name_en" text not null, "population" int null)`);
    this.addSql(`alter table "admin_unit" add constraint "admin_unit_kato_unique" unique ("kato")`);
    this.addSql(`create table "applicant" ("id" uuid not null, "region_id" int not null, "kind" text check ("kind" in ('individual', 'legal')) not null, "full_name" text null, "iin" varchar(12) null, "organization_name" text null, "bin" varchar(12) null, "phone" varchar(32) null, "email" text null, "address" text null, "admin_unit_id" int null, "created_at" timestamptz not null, constraint "applicant_pkey" primary key ("id"))`);
    this.addSql(`create index "applicant_bin_index" on "applicant" ("bin")`);
    this.addSql(`create index "applicant_iin_index" on "applicant" ("iin")`);
    this.addSql(`create table "history_event" ("id" bigserial primary key, "region_id" int not null, "entity_type" varchar(32) not null, "entity_id" uuid not null, "appeal_id" uuid null, "instruction_id" uuid null, "action" varchar(64) not null, "actor_id" uuid null, "actor_role" varchar(32) null, "actor_organization_id" uuid null, "at" timestamptz not null, "before" jsonb null, "after" jsonb null, "request_id" varchar(64) null)`);
    this.addSql(`create index "history_event_instruction_id_at_index" on "history_event" ("instruction_id", "at")`);
    this.addSql(`create index "history_event_appeal_id_at_index" on "history_event" ("appeal_id", "at")`);
    this.addSql(`create table "organization" ("id" uuid not null, "region_id" int not null, "name_ru" text not null, "name_kk" text not null, "name_en" text not null, "kind" text check ("kind" in ('akim_apparatus', 'monitoring_department', 'apparatus_subdivision', 'regional_department', 'city_akimat', 'district_akimat', 'rural_akimat', 'state_body')) not null, "level" text check ("level" in ('republic', 'region', 'district', 'rural')) not null, "admin_unit_id" int not null, "parent_id" uuid null, constraint "organization_pkey" primary key ("id"))`);
    this.addSql(`create table "registration_counter" ("region_id" int not null, "year" int not null, "last_value" int not null, constraint "registration_counter_pkey" primary key ("region_id", "year"))`);
    this.addSql(`create table "topic" ("id" serial primary key, "code" varchar(64) not null, "parent_id" int null, "name_kk" text not null, "name_ru" text not null, "name_en" text not null)`);
    this.addSql(`alter table "topic" add constraint "topic_code_unique" unique ("code")`);
    this.addSql(`create table "app_user" ("id" uuid not null, "full_name" text not null, "position" text not null, "organization_id" uuid not null, "roles" text[] not null, "email" text not null, "active" boolean not null default true, constraint "app_user_pkey" primary key ("id"))`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email")`);
    this.addSql(`create table "instruction" ("id" uuid not null, "region_id" int not null, "number" varchar(64) not null, "source" text check ("source" in ('president', 'state_adviser', 'pa_leadership', 'pa_appeals_department', 'akim', 'deputy_akim', 'personal_reception')) not null, "issuer" text null, "text" text not null, "issued_at" timestamptz not null, "registered_by_id" uuid null, "due_date" date not null, "status" text check ("status" in ('on_control', 'report_submitted', 'executed', 'removed_from_control')) not null default 'on_control', "executed_at" timestamptz null, "removed_at" timestamptz null, "removal_reason" text null, "version" int not null default 1, "created_at" timestamptz not null, constraint "instruction_pkey" primary key ("id"))`);
    this.addSql(`create table "instruction_report" ("id" uuid not null, "region_id" int not null, "instruction_id" uuid not null, "organization_id" uuid not null, "kind" text check ("kind" in ('interim', 'final')) not null, "text" text not null, "submitted_by_id" uuid not null, "submitted_at" timestamptz not null, "verdict" text check ("verdict" in ('accepted', 'returned')) null, "review_comment" text null, "reviewed_by_id" uuid null, "reviewed_at" timestamptz null, constraint "instruction_report_pkey" primary key ("id"))`);
    this.addSql(`create index "instruction_report_instruction_id_index" on "instruction_report" ("instruction_id")`);
    this.addSql(`create table "instruction_extension" ("id" uuid not null, "region_id" int not null, "instruction_id" uuid not null, "previous_due_date" date not null, "new_due_date" date not null, "reason" text not null, "extended_by_id" uuid not null, "extended_at" timestamptz not null, constraint "instruction_extension_pkey" primary key ("id"))`);
    this.addSql(`create index "instruction_extension_instruction_id_index" on "instruction_extension" ("instruction_id")`);
    this.addSql(`create table "instruction_assignee" ("id" uuid not null, "region_id" int not null, "instruction_id" uuid not null, "organization_id" uuid not null, constraint "instruction_assignee_pkey" primary key ("id"))`);
    this.addSql(`create index "instruction_assignee_organization_id_index" on "instruction_assignee" ("organization_id")`);
    this.addSql(`alter table "instruction_assignee" add constraint "instruction_assignee_instruction_id_organization_id_unique" unique ("instruction_id", "organization_id")`);
    this.addSql(`create table "appeal" ("id" uuid not null, "region_id" int not null, "registration_number" varchar(32) not null, "form" text check ("form" in ('application', 'complaint', 'proposal', 'feedback', 'request', 'report')) not null, "channel" text check ("channel" in ('paper', 'mail', 'personal_reception', 'electronic', 'eotinish')) not null, "received_at" timestamptz not null, "registered_at" timestamptz not null, "registration_date" date not null, "text" text not null, "summary" text null, "language" text check ("language" in ('ru', 'kk', 'en')) not null, "admin_unit_id" int not null, "addressee_id" uuid not null, "registered_by_id" uuid null, "signatories_count" int null, "anonymous" boolean not null default false, "repeat_of_id" uuid null, "out_of_scope" text check ("out_of_scope" in ('administrative_offence', 'criminal', 'civil')) null, "on_control" boolean not null default false, "control_taken_by_id" uuid null, "control_taken_at" timestamptz null, "topic_id" int null, "topic_source" text check ("topic_source" in ('machine', 'person')) null, "topic_confidence" double precision null, "status" text check ("status" in ('registered', 'assigned', 'in_progress', 'answered', 'returned_for_rework', 'closed', 'forwarded', 'left_without_consideration')) not null default 'registered', "leave_reason" varchar(48) null, "status_comment" text null, "due_date" date not null, "forward_due_date" date not null, "forwarded_to" text null, "forwarded_at" timestamptz null, "answered_at" timestamptz null, "closed_at" timestamptz null, "finished_at" timestamptz null, "idempotency_key" text null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "appeal_pkey" primary key ("id"))`);
    this.addSql(`alter table "appeal" add constraint "appeal_registration_number_unique" unique ("registration_number")`);
    this.addSql(`alter table "appeal" add constraint "appeal_idempotency_key_unique" unique ("idempotency_key")`);
    this.addSql(`create index "appeal_status_due_date_index" on "appeal" ("status", "due_date")`);
    this.addSql(`create index "appeal_admin_unit_id_received_at_index" on "appeal" ("admin_unit_id", "received_at")`);
    this.addSql(`create index "appeal_region_id_received_at_index" on "appeal" ("region_id", "received_at")`);
    this.addSql(`create table "instruction_appeal" ("id" uuid not null, "region_id" int not null, "instruction_id" uuid not null, "appeal_id" uuid not null, constraint "instruction_appeal_pkey" primary key ("id"))`);
    this.addSql(`create index "instruction_appeal_appeal_id_index" on "instruction_appeal" ("appeal_id")`);
    this.addSql(`alter table "instruction_appeal" add constraint "instruction_appeal_instruction_id_appeal_id_unique" unique ("instruction_id", "appeal_id")`);
    this.addSql(`create table "deadline_extension" ("id" uuid not null, "region_id" int not null, "appeal_id" uuid not null, "previous_due_date" date not null, "new_due_date" date not null, "reason" text not null, "extended_by_id" uuid not null, "extended_at" timestamptz not null, "notice_due_date" date not null, constraint "deadline_extension_pkey" primary key ("id"))`);
    this.addSql(`create index "deadline_extension_appeal_id_index" on "deadline_extension" ("appeal_id")`);
    this.addSql(`create table "assignment" ("id" uuid not null, "region_id" int not null, "appeal_id" uuid not null, "organization_id" uuid not null, "role" text check ("role" in ('lead', 'co_executor')) not null, "assigned_by_id" uuid null, "assigned_at" timestamptz not null, "due_date" date not null, "note" text null, constraint "assignment_pkey" primary key ("id"))`);
    this.addSql(`create index "assignment_appeal_id_index" on "assignment" ("appeal_id")`);
    this.addSql(`create index "assignment_organization_id_assigned_at_index" on "assignment" ("organization_id", "assigned_at")`);
    this.addSql(`create table "response" ("id" uuid not null, "region_id" int not null, "appeal_id" uuid not null, "assignment_id" uuid null, "organization_id" uuid not null, "author_id" uuid not null, "text" text not null, "decision" text check ("decision" in ('satisfied', 'partly_satisfied', 'refused', 'explained')) not null, "submitted_at" timestamptz not null, "round" smallint not null, "review_state" text check ("review_state" in ('pending', 'accepted', 'returned')) not null default 'pending', constraint "response_pkey" primary key ("id"))`);
    this.addSql(`create index "response_appeal_id_index" on "response" ("appeal_id")`);
    this.addSql(`create table "response_review" ("id" uuid not null, "region_id" int not null, "response_id" uuid not null, "appeal_id" uuid not null, "reviewer_id" uuid not null, "verdict" text check ("verdict" in ('accepted', 'returned')) not null, "reasons" text[] not null, "comment" text null, "reviewed_at" timestamptz not null, constraint "response_review_pkey" primary key ("id"))`);
    this.addSql(`create index "response_review_response_id_index" on "response_review" ("response_id")`);
    this.addSql(`create index "response_review_appeal_id_index" on "response_review" ("appeal_id")`);
    this.addSql(`create table "appeal_applicant" ("id" uuid not null, "region_id" int not null, "appeal_id" uuid not null, "applicant_id" uuid not null, "position" smallint not null default 0, constraint "appeal_applicant_pkey" primary key ("id"))`);
    this.addSql(`create index "appeal_applicant_applicant_id_index" on "appeal_applicant" ("applicant_id")`);
    this.addSql(`alter table "appeal_applicant" add constraint "appeal_applicant_appeal_id_applicant_id_unique" unique ("appeal_id", "applicant_id")`);
    this.addSql(`alter table "admin_unit" add constraint "admin_unit_parent_id_foreign" foreign key ("parent_id") references "admin_unit" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "applicant" add constraint "applicant_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "applicant" add constraint "applicant_admin_unit_id_foreign" foreign key ("admin_unit_id") references "admin_unit" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "organization" add constraint "organization_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "organization" add constraint "organization_admin_unit_id_foreign" foreign key ("admin_unit_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "organization" add constraint "organization_parent_id_foreign" foreign key ("parent_id") references "organization" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "topic" add constraint "topic_parent_id_foreign" foreign key ("parent_id") references "topic" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "app_user" add constraint "app_user_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade`);
    this.addSql(`alter table "instruction" add constraint "instruction_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "instruction" add constraint "instruction_registered_by_id_foreign" foreign key ("registered_by_id") references "app_user" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "instruction_report" add constraint "instruction_report_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "instruction_report" add constraint "instruction_report_instruction_id_foreign" foreign key ("instruction_id") references "instruction" ("id") on update cascade`);
    this.addSql(`alter table "instruction_report" add constraint "instruction_report_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade`);
    this.addSql(`alter table "instruction_report" add constraint "instruction_report_submitted_by_id_foreign" foreign key ("submitted_by_id") references "app_user" ("id") on update cascade`);
    this.addSql(`alter table "instruction_report" add constraint "instruction_report_reviewed_by_id_foreign" foreign key ("reviewed_by_id") references "app_user" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "instruction_extension" add constraint "instruction_extension_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "instruction_extension" add constraint "instruction_extension_instruction_id_foreign" foreign key ("instruction_id") references "instruction" ("id") on update cascade`);
    this.addSql(`alter table "instruction_extension" add constraint "instruction_extension_extended_by_id_foreign" foreign key ("extended_by_id") references "app_user" ("id") on update cascade`);
    this.addSql(`alter table "instruction_assignee" add constraint "instruction_assignee_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "instruction_assignee" add constraint "instruction_assignee_instruction_id_foreign" foreign key ("instruction_id") references "instruction" ("id") on update cascade`);
    this.addSql(`alter table "instruction_assignee" add constraint "instruction_assignee_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade`);
    this.addSql(`alter table "appeal" add constraint "appeal_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "appeal" add constraint "appeal_admin_unit_id_foreign" foreign key ("admin_unit_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "appeal" add constraint "appeal_addressee_id_foreign" foreign key ("addressee_id") references "organization" ("id") on update cascade`);
    this.addSql(`alter table "appeal" add constraint "appeal_registered_by_id_foreign" foreign key ("registered_by_id") references "app_user" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "appeal" add constraint "appeal_repeat_of_id_foreign" foreign key ("repeat_of_id") references "appeal" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "appeal" add constraint "appeal_control_taken_by_id_foreign" foreign key ("control_taken_by_id") references "app_user" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "appeal" add constraint "appeal_topic_id_foreign" foreign key ("topic_id") references "topic" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "instruction_appeal" add constraint "instruction_appeal_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "instruction_appeal" add constraint "instruction_appeal_instruction_id_foreign" foreign key ("instruction_id") references "instruction" ("id") on update cascade`);
    this.addSql(`alter table "instruction_appeal" add constraint "instruction_appeal_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade`);
    this.addSql(`alter table "deadline_extension" add constraint "deadline_extension_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "deadline_extension" add constraint "deadline_extension_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade`);
    this.addSql(`alter table "deadline_extension" add constraint "deadline_extension_extended_by_id_foreign" foreign key ("extended_by_id") references "app_user" ("id") on update cascade`);
    this.addSql(`alter table "assignment" add constraint "assignment_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "assignment" add constraint "assignment_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade`);
    this.addSql(`alter table "assignment" add constraint "assignment_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade`);
    this.addSql(`alter table "assignment" add constraint "assignment_assigned_by_id_foreign" foreign key ("assigned_by_id") references "app_user" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "response" add constraint "response_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "response" add constraint "response_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade`);
    this.addSql(`alter table "response" add constraint "response_assignment_id_foreign" foreign key ("assignment_id") references "assignment" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "response" add constraint "response_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade`);
    this.addSql(`alter table "response" add constraint "response_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade`);
    this.addSql(`alter table "response_review" add constraint "response_review_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "response_review" add constraint "response_review_response_id_foreign" foreign key ("response_id") references "response" ("id") on update cascade`);
    this.addSql(`alter table "response_review" add constraint "response_review_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade`);
    this.addSql(`alter table "response_review" add constraint "response_review_reviewer_id_foreign" foreign key ("reviewer_id") references "app_user" ("id") on update cascade`);
    this.addSql(`alter table "appeal_applicant" add constraint "appeal_applicant_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "appeal_applicant" add constraint "appeal_applicant_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade on delete cascade`);
    this.addSql(`alter table "appeal_applicant" add constraint "appeal_applicant_applicant_id_foreign" foreign key ("applicant_id") references "applicant" ("id") on update cascade`);
    this.addSql(`create extension if not exists pg_trgm`);
    // Text search over appeals in Russian and Kazakh alike: trigram substring matching
    this.addSql(`create index appeal_text_trgm_index on appeal using gin (text gin_trgm_ops)`);
    this.addSql(`create index appeal_received_at_id_index on appeal (received_at desc, id desc)`);
    this.addSql(`create index appeal_topic_id_received_at_index on appeal (topic_id, received_at)`);
    this.addSql(`create index appeal_addressee_id_index on appeal (addressee_id)`);
    this.addSql(`create index appeal_repeat_of_id_index on appeal (repeat_of_id) where repeat_of_id is not null`);
    this.addSql(`create index appeal_on_control_index on appeal (on_control) where on_control`);
    this.addSql(`create index appeal_open_due_date_index on appeal (due_date) where finished_at is null`);
    this.addSql(`create index instruction_issued_at_id_index on instruction (issued_at desc, id desc)`);
    this.addSql(`create unique index instruction_region_id_number_unique on instruction (region_id, number)`);
    this.addSql(`create index organization_parent_id_index on organization (parent_id)`);
    this.addSql(`create index admin_unit_parent_id_index on admin_unit (parent_id)`);
    this.addSql(`create index topic_parent_id_index on topic (parent_id)`);
    // The record of paragraph 5.7 is append-only: the database itself refuses to change or delete it
    this.addSql(`create function history_event_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'history_event is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end $$`);
    this.addSql(`create trigger history_event_no_update before update or delete on history_event for each row execute function history_event_is_append_only()`);
    this.addSql(`create trigger history_event_no_truncate before truncate on history_event for each statement execute function history_event_is_append_only()`);
  }

  override async down(): Promise<void> {
    throw new Error('The initial migration is not reversible; drop the database instead.');
  }
}

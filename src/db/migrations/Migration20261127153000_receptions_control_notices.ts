import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 6: personal receptions (sessions, bookings, the instructions given there), control of instructions
 * (on-site verifications and who went, violations, disciplinary proposals, conclusions on execution), office-work
 * checks, working groups (members, meetings, decisions, the problem cards they address), consultations, and the
 * outbox of notices to applicants. Generated from the entities, then reviewed.
 *
 * working_group_problem_card.problem_card_id references problem_card(id), a table another feature creates in an
 * earlier migration (20261127151000). The foreign key is added only when that table exists, so this migration also
 * runs on a database where it does not (the link is then kept by the use case, which checks the card exists).
 */
export class Migration20261127153000_receptions_control_notices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "reception_session" ("id" uuid not null, "region_id" int not null, "organization_id" uuid not null, "official_kind" text check ("official_kind" in ('akim', 'deputy_akim', 'head_of_apparatus', 'deputy_head_of_apparatus', 'head_of_subdivision', 'district_akim', 'deputy_district_akim', 'rural_akim', 'authorized_employee')) not null, "official_name" text not null, "kind" text check ("kind" in ('office', 'visiting', 'videoconference')) not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "place" text null, "link" text null, "settlement_unit_id" int null, "capacity" int not null, "supervising_deputy" text null, "with_pa_appeals_head" boolean not null default false, "status" text check ("status" in ('scheduled', 'cancelled')) not null default 'scheduled', "cancel_reason" text null, "created_by_id" uuid null, "created_at" timestamptz not null, "version" int not null default 1, constraint "reception_session_pkey" primary key ("id"))`);
    this.addSql(`create index "reception_session_region_id_starts_at_index" on "reception_session" ("region_id", "starts_at")`);
    this.addSql(`create index "reception_session_organization_id_starts_at_index" on "reception_session" ("organization_id", "starts_at")`);
    this.addSql(`create table "office_check" ("id" uuid not null, "region_id" int not null, "organization_id" uuid not null, "period_from" date not null, "period_to" date not null, "planned_on" date not null, "inspector_id" uuid not null, "status" text check ("status" in ('planned', 'in_progress', 'completed')) not null default 'planned', "computed_findings" jsonb null, "inspector_findings" text null, "recommendations" text null, "follow_up_date" date null, "follow_up_result" text null, "follow_up_recorded_at" timestamptz null, "started_at" timestamptz null, "completed_at" timestamptz null, "created_by_id" uuid null, "created_at" timestamptz not null, "version" int not null default 1, constraint "office_check_pkey" primary key ("id"))`);
    this.addSql(`create index "office_check_organization_id_planned_on_index" on "office_check" ("organization_id", "planned_on")`);
    this.addSql(`create table "reception_booking" ("id" uuid not null, "region_id" int not null, "session_id" uuid not null, "full_name" text not null, "iin" varchar(12) null, "phone" varchar(32) null, "email" text null, "address" text null, "organization_name" text null, "bin" varchar(12) null, "person_key" varchar(40) not null, "subject" text not null, "topic_id" int null, "status" text check ("status" in ('booked', 'attended', 'no_show', 'cancelled')) not null default 'booked', "booked_at" timestamptz not null, "booked_by_id" uuid null, "attendance_at" timestamptz null, "cancel_reason" text null, "outcome_note" text null, "appeal_id" uuid null, "version" int not null default 1, constraint "reception_booking_pkey" primary key ("id"))`);
    this.addSql(`create index "reception_booking_person_key_index" on "reception_booking" ("person_key")`);
    this.addSql(`create index "reception_booking_session_id_status_index" on "reception_booking" ("session_id", "status")`);
    this.addSql(`create table "reception_instruction" ("id" uuid not null, "region_id" int not null, "booking_id" uuid not null, "instruction_id" uuid not null, constraint "reception_instruction_pkey" primary key ("id"))`);
    this.addSql(`create index "reception_instruction_instruction_id_index" on "reception_instruction" ("instruction_id")`);
    this.addSql(`alter table "reception_instruction" add constraint "reception_instruction_booking_id_instruction_id_unique" unique ("booking_id", "instruction_id")`);
    this.addSql(`create table "onsite_verification" ("id" uuid not null, "region_id" int not null, "organization_id" uuid not null, "admin_unit_id" int null, "place" text not null, "instruction_id" uuid null, "appeal_id" uuid null, "issue" text null, "visited_on" date not null, "status" text check ("status" in ('planned', 'completed')) not null default 'planned', "findings" text null, "completed_at" timestamptz null, "created_by_id" uuid null, "created_at" timestamptz not null, "version" int not null default 1, constraint "onsite_verification_pkey" primary key ("id"))`);
    this.addSql(`create index "onsite_verification_instruction_id_index" on "onsite_verification" ("instruction_id")`);
    this.addSql(`create index "onsite_verification_organization_id_visited_on_index" on "onsite_verification" ("organization_id", "visited_on")`);
    this.addSql(`create table "onsite_verification_participant" ("id" uuid not null, "verification_id" uuid not null, "user_id" uuid not null, constraint "onsite_verification_participant_pkey" primary key ("id"))`);
    this.addSql(`alter table "onsite_verification_participant" add constraint "onsite_verification_participant_verification_id_user_id_unique" unique ("verification_id", "user_id")`);
    this.addSql(`create table "notification" ("id" uuid not null, "region_id" int not null, "appeal_id" uuid not null, "applicant_id" uuid not null, "kind" text check ("kind" in ('registration', 'forwarding', 'extension', 'answer')) not null, "due_date" date not null, "payload" jsonb not null, "status" text check ("status" in ('pending', 'sent', 'failed')) not null default 'pending', "channel" text check ("channel" in ('email', 'sms', 'post')) null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "claimed_by" varchar(64) null, "claimed_until" timestamptz null, "last_error" text null, "sender" varchar(32) null, "sent_at" timestamptz null, "created_at" timestamptz not null, constraint "notification_pkey" primary key ("id"))`);
    this.addSql(`create index "notification_appeal_id_index" on "notification" ("appeal_id")`);
    this.addSql(`create index "notification_due_index" on "notification" ("status", "next_attempt_at")`);
    this.addSql(`create table "execution_conclusion" ("id" uuid not null, "region_id" int not null, "instruction_id" uuid not null, "appeal_id" uuid not null, "verdict" text check ("verdict" in ('executed', 'partly_executed', 'not_executed')) not null, "text" text not null, "status" text check ("status" in ('draft', 'approved')) not null default 'draft', "prepared_by_id" uuid not null, "prepared_at" timestamptz not null, "approved_by_id" uuid null, "approved_at" timestamptz null, "version" int not null default 1, constraint "execution_conclusion_pkey" primary key ("id"))`);
    this.addSql(`create index "execution_conclusion_appeal_id_index" on "execution_conclusion" ("appeal_id")`);
    this.addSql(`alter table "execution_conclusion" add constraint "execution_conclusion_instruction_id_appeal_id_unique" unique ("instruction_id", "appeal_id")`);
    this.addSql(`create table "consultation" ("id" uuid not null, "region_id" int not null, "channel" text check ("channel" in ('in_person', 'phone', 'online')) not null, "given_at" timestamptz not null, "duration_minutes" int null, "official_id" uuid not null, "organization_id" uuid not null, "full_name" text null, "iin" varchar(12) null, "phone" varchar(32) null, "email" text null, "admin_unit_id" int null, "topic_id" int null, "question" text not null, "advice" text not null, "appeal_id" uuid null, "created_at" timestamptz not null, constraint "consultation_pkey" primary key ("id"))`);
    this.addSql(`create index "consultation_organization_id_given_at_index" on "consultation" ("organization_id", "given_at")`);
    this.addSql(`create index "consultation_region_id_given_at_index" on "consultation" ("region_id", "given_at")`);
    this.addSql(`create table "control_violation" ("id" uuid not null, "region_id" int not null, "organization_id" uuid not null, "official_name" text null, "official_id" uuid null, "kind" text check ("kind" in ('missed_deadline', 'incomplete_execution', 'formal_reply', 'unreliable_report', 'late_registration', 'late_notice', 'office_work', 'other')) not null, "description" text not null, "found_on" date not null, "verification_id" uuid null, "office_check_id" uuid null, "instruction_id" uuid null, "appeal_id" uuid null, "recorded_by_id" uuid null, "created_at" timestamptz not null, constraint "control_violation_pkey" primary key ("id"))`);
    this.addSql(`create index "control_violation_verification_id_index" on "control_violation" ("verification_id")`);
    this.addSql(`create index "control_violation_office_check_id_index" on "control_violation" ("office_check_id")`);
    this.addSql(`create index "control_violation_organization_id_found_on_index" on "control_violation" ("organization_id", "found_on")`);
    this.addSql(`create table "disciplinary_proposal" ("id" uuid not null, "region_id" int not null, "organization_id" uuid not null, "official_name" text not null, "official_position" text null, "official_id" uuid null, "violation_id" uuid null, "grounds" text not null, "proposed_measure" text check ("proposed_measure" in ('remark', 'reprimand', 'severe_reprimand', 'incomplete_compliance_warning', 'demotion', 'dismissal')) not null, "status" text check ("status" in ('proposed', 'applied', 'rejected')) not null default 'proposed', "applied_measure" text check ("applied_measure" in ('remark', 'reprimand', 'severe_reprimand', 'incomplete_compliance_warning', 'demotion', 'dismissal')) null, "decision" text null, "decided_on" date null, "proposed_by_id" uuid null, "proposed_at" timestamptz not null, "version" int not null default 1, constraint "disciplinary_proposal_pkey" primary key ("id"))`);
    this.addSql(`create index "disciplinary_proposal_organization_id_index" on "disciplinary_proposal" ("organization_id")`);
    this.addSql(`create index "disciplinary_proposal_violation_id_index" on "disciplinary_proposal" ("violation_id")`);
    this.addSql(`create table "working_group" ("id" uuid not null, "region_id" int not null, "kind" text check ("kind" in ('working_group', 'hearing')) not null, "name" text not null, "issue" text not null, "status" text check ("status" in ('active', 'closed')) not null default 'active', "closing_note" text null, "closed_at" timestamptz null, "created_by_id" uuid null, "created_at" timestamptz not null, "version" int not null default 1, constraint "working_group_pkey" primary key ("id"))`);
    this.addSql(`create index "working_group_region_id_index" on "working_group" ("region_id")`);
    this.addSql(`create table "working_group_meeting" ("id" uuid not null, "group_id" uuid not null, "held_at" timestamptz not null, "place" text not null, "agenda" text null, "minutes_number" varchar(64) null, "minutes" text not null, "attendee_ids" jsonb not null, "recorded_by_id" uuid null, "recorded_at" timestamptz not null, constraint "working_group_meeting_pkey" primary key ("id"))`);
    this.addSql(`create index "working_group_meeting_group_id_index" on "working_group_meeting" ("group_id")`);
    this.addSql(`create table "working_group_decision" ("id" uuid not null, "group_id" uuid not null, "meeting_id" uuid not null, "text" text not null, "responsible_organization_id" uuid null, "due_date" date null, "status" text check ("status" in ('open', 'done', 'cancelled')) not null default 'open', "follow_up" text null, "followed_up_at" timestamptz null, "version" int not null default 1, constraint "working_group_decision_pkey" primary key ("id"))`);
    this.addSql(`create index "working_group_decision_group_id_index" on "working_group_decision" ("group_id")`);
    this.addSql(`create index "working_group_decision_responsible_organization_id_index" on "working_group_decision" ("responsible_organization_id")`);
    this.addSql(`create table "working_group_member" ("id" uuid not null, "group_id" uuid not null, "kind" text check ("kind" in ('official', 'state_body', 'civil_society', 'expert', 'media', 'public_figure')) not null, "role" text check ("role" in ('chair', 'secretary', 'member')) not null, "full_name" text not null, "affiliation" text null, "user_id" uuid null, "organization_id" uuid null, "added_at" timestamptz not null, constraint "working_group_member_pkey" primary key ("id"))`);
    this.addSql(`create index "working_group_member_group_id_index" on "working_group_member" ("group_id")`);
    this.addSql(`create table "working_group_problem_card" ("id" uuid not null, "group_id" uuid not null, "problem_card_id" uuid not null, constraint "working_group_problem_card_pkey" primary key ("id"))`);
    this.addSql(`create index "working_group_problem_card_problem_card_id_index" on "working_group_problem_card" ("problem_card_id")`);
    this.addSql(`alter table "working_group_problem_card" add constraint "working_group_problem_card_group_id_problem_card_id_unique" unique ("group_id", "problem_card_id")`);
    this.addSql(`alter table "reception_session" add constraint "reception_session_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "reception_session" add constraint "reception_session_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade`);
    this.addSql(`alter table "reception_session" add constraint "reception_session_settlement_unit_id_foreign" foreign key ("settlement_unit_id") references "admin_unit" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "reception_session" add constraint "reception_session_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "office_check" add constraint "office_check_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "office_check" add constraint "office_check_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade`);
    this.addSql(`alter table "office_check" add constraint "office_check_inspector_id_foreign" foreign key ("inspector_id") references "app_user" ("id") on update cascade`);
    this.addSql(`alter table "office_check" add constraint "office_check_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "reception_booking" add constraint "reception_booking_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "reception_booking" add constraint "reception_booking_session_id_foreign" foreign key ("session_id") references "reception_session" ("id") on update cascade`);
    this.addSql(`alter table "reception_booking" add constraint "reception_booking_topic_id_foreign" foreign key ("topic_id") references "topic" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "reception_booking" add constraint "reception_booking_booked_by_id_foreign" foreign key ("booked_by_id") references "app_user" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "reception_booking" add constraint "reception_booking_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "reception_instruction" add constraint "reception_instruction_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "reception_instruction" add constraint "reception_instruction_booking_id_foreign" foreign key ("booking_id") references "reception_booking" ("id") on update cascade`);
    this.addSql(`alter table "reception_instruction" add constraint "reception_instruction_instruction_id_foreign" foreign key ("instruction_id") references "instruction" ("id") on update cascade`);
    this.addSql(`alter table "onsite_verification" add constraint "onsite_verification_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "onsite_verification" add constraint "onsite_verification_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade`);
    this.addSql(`alter table "onsite_verification" add constraint "onsite_verification_admin_unit_id_foreign" foreign key ("admin_unit_id") references "admin_unit" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "onsite_verification" add constraint "onsite_verification_instruction_id_foreign" foreign key ("instruction_id") references "instruction" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "onsite_verification" add constraint "onsite_verification_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "onsite_verification" add constraint "onsite_verification_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "onsite_verification_participant" add constraint "onsite_verification_participant_verification_id_foreign" foreign key ("verification_id") references "onsite_verification" ("id") on update cascade`);
    this.addSql(`alter table "onsite_verification_participant" add constraint "onsite_verification_participant_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade`);
    this.addSql(`alter table "notification" add constraint "notification_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "notification" add constraint "notification_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade`);
    this.addSql(`alter table "notification" add constraint "notification_applicant_id_foreign" foreign key ("applicant_id") references "applicant" ("id") on update cascade`);
    this.addSql(`alter table "execution_conclusion" add constraint "execution_conclusion_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "execution_conclusion" add constraint "execution_conclusion_instruction_id_foreign" foreign key ("instruction_id") references "instruction" ("id") on update cascade`);
    this.addSql(`alter table "execution_conclusion" add constraint "execution_conclusion_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade`);
    this.addSql(`alter table "execution_conclusion" add constraint "execution_conclusion_prepared_by_id_foreign" foreign key ("prepared_by_id") references "app_user" ("id") on update cascade`);
    this.addSql(`alter table "execution_conclusion" add constraint "execution_conclusion_approved_by_id_foreign" foreign key ("approved_by_id") references "app_user" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "consultation" add constraint "consultation_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "consultation" add constraint "consultation_official_id_foreign" foreign key ("official_id") references "app_user" ("id") on update cascade`);
    this.addSql(`alter table "consultation" add constraint "consultation_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade`);
    this.addSql(`alter table "consultation" add constraint "consultation_admin_unit_id_foreign" foreign key ("admin_unit_id") references "admin_unit" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "consultation" add constraint "consultation_topic_id_foreign" foreign key ("topic_id") references "topic" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "consultation" add constraint "consultation_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "control_violation" add constraint "control_violation_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "control_violation" add constraint "control_violation_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade`);
    this.addSql(`alter table "control_violation" add constraint "control_violation_official_id_foreign" foreign key ("official_id") references "app_user" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "control_violation" add constraint "control_violation_verification_id_foreign" foreign key ("verification_id") references "onsite_verification" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "control_violation" add constraint "control_violation_instruction_id_foreign" foreign key ("instruction_id") references "instruction" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "control_violation" add constraint "control_violation_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "control_violation" add constraint "control_violation_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "disciplinary_proposal" add constraint "disciplinary_proposal_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "disciplinary_proposal" add constraint "disciplinary_proposal_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade`);
    this.addSql(`alter table "disciplinary_proposal" add constraint "disciplinary_proposal_official_id_foreign" foreign key ("official_id") references "app_user" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "disciplinary_proposal" add constraint "disciplinary_proposal_violation_id_foreign" foreign key ("violation_id") references "control_violation" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "disciplinary_proposal" add constraint "disciplinary_proposal_proposed_by_id_foreign" foreign key ("proposed_by_id") references "app_user" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "working_group" add constraint "working_group_region_id_foreign" foreign key ("region_id") references "admin_unit" ("id") on update cascade`);
    this.addSql(`alter table "working_group" add constraint "working_group_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "working_group_meeting" add constraint "working_group_meeting_group_id_foreign" foreign key ("group_id") references "working_group" ("id") on update cascade`);
    this.addSql(`alter table "working_group_meeting" add constraint "working_group_meeting_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "working_group_decision" add constraint "working_group_decision_group_id_foreign" foreign key ("group_id") references "working_group" ("id") on update cascade`);
    this.addSql(`alter table "working_group_decision" add constraint "working_group_decision_meeting_id_foreign" foreign key ("meeting_id") references "working_group_meeting" ("id") on update cascade`);
    this.addSql(`alter table "working_group_decision" add constraint "working_group_decision_responsible_organization_id_foreign" foreign key ("responsible_organization_id") references "organization" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "working_group_member" add constraint "working_group_member_group_id_foreign" foreign key ("group_id") references "working_group" ("id") on update cascade`);
    this.addSql(`alter table "working_group_member" add constraint "working_group_member_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "working_group_member" add constraint "working_group_member_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null`);
    this.addSql(`alter table "working_group_problem_card" add constraint "working_group_problem_card_group_id_foreign" foreign key ("group_id") references "working_group" ("id") on update cascade`);
    this.addSql(`do $$ begin
      if to_regclass('problem_card') is not null then
        alter table "working_group_problem_card" add constraint "working_group_problem_card_problem_card_id_foreign"
          foreign key ("problem_card_id") references "problem_card" ("id") on update cascade;
      end if;
    end $$`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "working_group_problem_card" cascade`);
    this.addSql(`drop table if exists "working_group_decision" cascade`);
    this.addSql(`drop table if exists "working_group_meeting" cascade`);
    this.addSql(`drop table if exists "working_group_member" cascade`);
    this.addSql(`drop table if exists "working_group" cascade`);
    this.addSql(`drop table if exists "disciplinary_proposal" cascade`);
    this.addSql(`drop table if exists "control_violation" cascade`);
    this.addSql(`drop table if exists "onsite_verification_participant" cascade`);
    this.addSql(`drop table if exists "execution_conclusion" cascade`);
    this.addSql(`drop table if exists "reception_instruction" cascade`);
    this.addSql(`drop table if exists "reception_booking" cascade`);
    this.addSql(`drop table if exists "reception_session" cascade`);
    this.addSql(`drop table if exists "office_check" cascade`);
    this.addSql(`drop table if exists "consultation" cascade`);
    this.addSql(`drop table if exists "notification" cascade`);
    this.addSql(`drop table if exists "onsite_verification" cascade`);
  }
}

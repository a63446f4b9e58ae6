import { Migration } from '@mikro-orm/migrations';
import { calendarSyncSql, REBUILD_FACTS_SQL } from '../../analytics/rollup';
import { WorkingCalendar } from '../../calendar/working-calendar';

/**
 * The analytics rollup (issue 4): `appeal_fact`, one row per appeal, kept current by statement-level triggers in
 * the same transaction as every change; `calendar_day`, the production calendar as a table (working days to
 * answer are computed at write time); the view `appeal_fact_source` that says what a fact row must contain (the
 * triggers, the rebuild command and the benchmark's "naive" path all read it). Existing appeals are rolled up here.
 */
export class Migration20261127150000_analytics_rollups extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "calendar_day" ("day" date not null, "working" boolean not null, "working_days_through" int not null, constraint "calendar_day_pkey" primary key ("day"))`);
    this.addSql(`create table "appeal_fact" ("appeal_id" uuid not null, "region_id" int not null, "admin_unit_id" int not null, "district_id" int null, "topic_id" int null, "parent_topic_id" int null, "form" text not null, "channel" text not null, "status" text not null, "received_date" date not null, "due_date" date not null, "finished_date" date null, "answered_date" date null, "working_days_to_answer" int null, "repeated" boolean not null, "reworked" boolean not null, "lead_org_id" uuid null, "lead_due_date" date null, "primary_applicant_id" uuid null, constraint "appeal_fact_pkey" primary key ("appeal_id"))`);
    this.addSql(`create index "appeal_fact_received_date_index" on "appeal_fact" ("received_date")`);
    this.addSql(`create index "appeal_fact_region_id_received_date_index" on "appeal_fact" ("region_id", "received_date")`);
    this.addSql(`create index "appeal_fact_lead_org_id_received_date_index" on "appeal_fact" ("lead_org_id", "received_date")`);
    // Open appeals (few at any time): the "overdue as of today" part of a count reads only these.
    this.addSql(`create index appeal_fact_open_due_date_index on appeal_fact (due_date) where finished_date is null`);

    // What a fact row contains, computed from the source tables. Local dates are UTC+5, as everywhere in the code.
    this.addSql(`create view appeal_fact_source as
select a.id as appeal_id,
       a.region_id,
       a.admin_unit_id,
       case when u.level = 'district' then u.id end as district_id,
       a.topic_id,
       coalesce(t.parent_id, t.id) as parent_topic_id,
       a.form,
       a.channel,
       a.status,
       (a.received_at at time zone 'UTC' + interval '5 hours')::date as received_date,
       a.due_date,
       (a.finished_at at time zone 'UTC' + interval '5 hours')::date as finished_date,
       (a.answered_at at time zone 'UTC' + interval '5 hours')::date as answered_date,
       (select ca.working_days_through - cr.working_days_through
          from calendar_day cr, calendar_day ca
         where cr.day = (a.received_at at time zone 'UTC' + interval '5 hours')::date
           and ca.day = (a.answered_at at time zone 'UTC' + interval '5 hours')::date) as working_days_to_answer,
       a.repeat_of_id is not null as repeated,
       exists (select 1 from response_review v where v.appeal_id = a.id and v.verdict = 'returned') as reworked,
       lead.organization_id as lead_org_id,
       lead.due_date as lead_due_date,
       (select aa.applicant_id from appeal_applicant aa where aa.appeal_id = a.id order by aa.position, aa.id limit 1) as primary_applicant_id
  from appeal a
  join admin_unit u on u.id = a.admin_unit_id
  left join topic t on t.id = a.topic_id
  left join lateral (
    select s.organization_id, s.due_date from assignment s
     where s.appeal_id = a.id and s.role = 'lead'
     order by s.assigned_at desc, s.id limit 1
  ) lead on true`);

    // Upserts the fact rows of the given appeals from the view; drops rows of appeals that no longer exist.
    this.addSql(`create function appeal_fact_refresh(ids uuid[]) returns void language plpgsql as $$
begin
  if ids is null or cardinality(ids) = 0 then return; end if;
  insert into appeal_fact (appeal_id, region_id, admin_unit_id, district_id, topic_id, parent_topic_id, form, channel, status,
                           received_date, due_date, finished_date, answered_date, working_days_to_answer, repeated, reworked,
                           lead_org_id, lead_due_date, primary_applicant_id)
  select s.appeal_id, s.region_id, s.admin_unit_id, s.district_id, s.topic_id, s.parent_topic_id, s.form, s.channel, s.status,
         s.received_date, s.due_date, s.finished_date, s.answered_date, s.working_days_to_answer, s.repeated, s.reworked,
         s.lead_org_id, s.lead_due_date, s.primary_applicant_id
    from appeal_fact_source s
   where s.appeal_id in (select unnest(ids))
  on conflict (appeal_id) do update set
    region_id = excluded.region_id, admin_unit_id = excluded.admin_unit_id, district_id = excluded.district_id,
    topic_id = excluded.topic_id, parent_topic_id = excluded.parent_topic_id, form = excluded.form,
    channel = excluded.channel, status = excluded.status, received_date = excluded.received_date,
    due_date = excluded.due_date, finished_date = excluded.finished_date, answered_date = excluded.answered_date,
    working_days_to_answer = excluded.working_days_to_answer, repeated = excluded.repeated, reworked = excluded.reworked,
    lead_org_id = excluded.lead_org_id, lead_due_date = excluded.lead_due_date,
    primary_applicant_id = excluded.primary_applicant_id;
  delete from appeal_fact f
   where f.appeal_id in (select unnest(ids)) and not exists (select 1 from appeal a where a.id = f.appeal_id);
end $$`);

    // Statement-level triggers: one refresh per SQL statement (a COPY of a million rows is one refresh, not a million).
    this.addSql(`create function appeal_fact_on_appeal() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    perform appeal_fact_refresh(array(select id from old_rows));
  else
    perform appeal_fact_refresh(array(select id from new_rows));
  end if;
  return null;
end $$`);
    this.addSql(`create function appeal_fact_on_child() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    perform appeal_fact_refresh(array(select distinct appeal_id from old_rows));
  elsif tg_op = 'UPDATE' then
    perform appeal_fact_refresh(array(select appeal_id from new_rows union select appeal_id from old_rows));
  else
    perform appeal_fact_refresh(array(select distinct appeal_id from new_rows));
  end if;
  return null;
end $$`);
    this.addSql(`create trigger appeal_fact_appeal_insert after insert on appeal referencing new table as new_rows for each statement execute function appeal_fact_on_appeal()`);
    this.addSql(`create trigger appeal_fact_appeal_update after update on appeal referencing new table as new_rows for each statement execute function appeal_fact_on_appeal()`);
    this.addSql(`create trigger appeal_fact_appeal_delete after delete on appeal referencing old table as old_rows for each statement execute function appeal_fact_on_appeal()`);
    for (const table of ['assignment', 'response_review', 'appeal_applicant']) {
      this.addSql(`create trigger appeal_fact_${table}_insert after insert on ${table} referencing new table as new_rows for each statement execute function appeal_fact_on_child()`);
      this.addSql(`create trigger appeal_fact_${table}_update after update on ${table} referencing old table as old_rows new table as new_rows for each statement execute function appeal_fact_on_child()`);
      this.addSql(`create trigger appeal_fact_${table}_delete after delete on ${table} referencing old table as old_rows for each statement execute function appeal_fact_on_child()`);
    }

    // Reference data: the reference loader upserts topics and units at every start; only a real change of a
    // topic's parent or a unit's level touches the facts.
    this.addSql(`create function appeal_fact_on_topic() returns trigger language plpgsql as $$
begin
  update appeal_fact f set parent_topic_id = coalesce(n.parent_id, n.id)
    from new_rows n join old_rows o on o.id = n.id
   where n.parent_id is distinct from o.parent_id and f.topic_id = n.id;
  return null;
end $$`);
    this.addSql(`create trigger appeal_fact_topic_update after update on topic referencing old table as old_rows new table as new_rows for each statement execute function appeal_fact_on_topic()`);
    this.addSql(`create function appeal_fact_on_admin_unit() returns trigger language plpgsql as $$
begin
  update appeal_fact f set district_id = case when n.level = 'district' then n.id end
    from new_rows n join old_rows o on o.id = n.id
   where n.level is distinct from o.level and f.admin_unit_id = n.id;
  return null;
end $$`);
    this.addSql(`create trigger appeal_fact_admin_unit_update after update on admin_unit referencing old table as old_rows new table as new_rows for each statement execute function appeal_fact_on_admin_unit()`);

    // The calendar as of this migration, then every existing appeal rolled up.
    this.addSql(`set local statement_timeout = 0`);
    this.addSql(calendarSyncSql(WorkingCalendar.default()));
    for (const sql of REBUILD_FACTS_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const t of ['appeal', 'assignment', 'response_review', 'appeal_applicant']) {
      for (const op of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists appeal_fact_${t}_${op} on ${t}`);
    }
    this.addSql('drop trigger if exists appeal_fact_topic_update on topic');
    this.addSql('drop trigger if exists appeal_fact_admin_unit_update on admin_unit');
    this.addSql('drop function if exists appeal_fact_on_appeal(), appeal_fact_on_child(), appeal_fact_on_topic(), appeal_fact_on_admin_unit()');
    this.addSql('drop function if exists appeal_fact_refresh(uuid[])');
    this.addSql('drop view if exists appeal_fact_source');
    this.addSql('drop table if exists appeal_fact');
    this.addSql('drop table if exists calendar_day');
  }
}

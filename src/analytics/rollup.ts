/**
 * Keeping the analytics rollup (`appeal_fact`) and the calendar table (`calendar_day`) current.
 *
 * Normal operation needs nothing from here: triggers refresh an appeal's fact row in the same transaction as every
 * change (see the migration). This module is for (re)building: after a bulk load with triggers disabled, after
 * the calendar file changes (working days to answer are computed at write time), or to check the rollup against
 * the source tables.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, type WorkingCalendar } from '../calendar/working-calendar';
import { query } from '../db/sql';

/**
 * One statement that makes `calendar_day` equal to the calendar: every day of its coverage, working or not, with
 * the running count of working days. The day flags travel as a string of 0/1 (one per day), so the statement is
 * self-contained (the migration runs it as text).
 */
export function calendarSyncSql(calendar: WorkingCalendar): string {
  const { fromYear, toYear } = calendar.coverage;
  const first = `${String(fromYear).padStart(4, '0')}-01-01`;
  const last = `${String(toYear).padStart(4, '0')}-12-31`;
  let bits = '';
  for (let d = first; d <= last; d = addDays(d, 1)) bits += calendar.isWorkingDay(d) ? '1' : '0';
  return `with flags(bits) as (select '${bits}'::text),
  days as (
    select date '${first}' + (g.i - 1) as day, substr(f.bits, g.i, 1) = '1' as working
      from flags f, generate_series(1, length(f.bits)) as g(i)
  ),
  removed as (delete from calendar_day where day < date '${first}' or day > date '${last}')
  insert into calendar_day (day, working, working_days_through)
  select day, working, (sum(case when working then 1 else 0 end) over (order by day))::int from days
  on conflict (day) do update set working = excluded.working, working_days_through = excluded.working_days_through
  where (calendar_day.working, calendar_day.working_days_through) is distinct from (excluded.working, excluded.working_days_through)`;
}

/**
 * The statements that rebuild every fact row from the source tables (through the view `appeal_fact_source`), in
 * order of receipt: a period's rows then sit together on disk, as they do when the triggers add appeals as they come.
 */
export const REBUILD_FACTS_SQL = [
  'delete from appeal_fact',
  `insert into appeal_fact (${'appeal_id, region_id, admin_unit_id, district_id, topic_id, parent_topic_id, form, channel, status, received_date, due_date, finished_date, answered_date, working_days_to_answer, repeated, reworked, lead_org_id, lead_due_date, primary_applicant_id'})
   select appeal_id, region_id, admin_unit_id, district_id, topic_id, parent_topic_id, form, channel, status, received_date, due_date,
          finished_date, answered_date, working_days_to_answer, repeated, reworked, lead_org_id, lead_due_date, primary_applicant_id
     from appeal_fact_source
    order by received_date, appeal_id`,
];

/** Recomputes the daily counts from the fact rows (the triggers keep them current otherwise). */
export const REBUILD_DAILY_SQL = [
  'delete from appeal_daily_count',
  `insert into appeal_daily_count (day, region_id, district_id, appeals)
   select received_date, region_id, coalesce(district_id, 0), count(*)::int from appeal_fact group by 1, 2, 3`,
];

export interface RebuildResult {
  calendarDays: number;
  facts: number;
  seconds: number;
}

/**
 * Reloads the calendar table and rebuilds every fact row, in one transaction (readers keep seeing the old rows
 * until it commits). Then VACUUM ANALYZE: dead rows reclaimed, the planner told the new sizes.
 */
export async function rebuildRollups(em: EntityManager, calendar: WorkingCalendar, opts: { compact?: boolean } = {}): Promise<RebuildResult> {
  const started = performance.now();
  await em.transactional(async (tx) => {
    const t = tx as EntityManager;
    await query(t, 'set local statement_timeout = 0');
    await query(t, calendarSyncSql(calendar));
    const [clear, fill] = REBUILD_FACTS_SQL;
    // compact: TRUNCATE writes the table afresh (no dead rows) but locks it, and so every change to an appeal,
    // until the rebuild commits: for bulk loads and maintenance windows. Otherwise readers and writers go on.
    await query(t, opts.compact ? 'truncate appeal_fact' : clear);
    await query(t, fill);
    for (const sql of REBUILD_DAILY_SQL) await query(t, sql);
  });
  await query(em, 'vacuum (analyze) appeal_fact');
  await query(em, 'vacuum (analyze) appeal_daily_count');
  await query(em, 'analyze calendar_day');
  const [{ days }] = await query<{ days: string }>(em, 'select count(*) as days from calendar_day');
  const [{ facts }] = await query<{ facts: string }>(em, 'select count(*) as facts from appeal_fact');
  return { calendarDays: Number(days), facts: Number(facts), seconds: (performance.now() - started) / 1000 };
}

/**
 * Fact rows that differ from what the source tables say now (missing, stale or orphaned), as appeal ids.
 * Empty when the triggers did their job; the tests and `analytics:rebuild --check` use it.
 */
export async function staleFacts(em: EntityManager, limit = 100): Promise<string[]> {
  const rows = await query<{ appeal_id: string }>(
    em,
    `select coalesce(s.appeal_id, f.appeal_id) as appeal_id
       from appeal_fact_source s
       full join appeal_fact f on f.appeal_id = s.appeal_id
      where s.appeal_id is null or f.appeal_id is null
         or (s.region_id, s.admin_unit_id, s.district_id, s.topic_id, s.parent_topic_id, s.form, s.channel, s.status,
             s.received_date, s.due_date, s.finished_date, s.answered_date, s.working_days_to_answer, s.repeated,
             s.reworked, s.lead_org_id, s.lead_due_date, s.primary_applicant_id)
            is distinct from
            (f.region_id, f.admin_unit_id, f.district_id, f.topic_id, f.parent_topic_id, f.form, f.channel, f.status,
             f.received_date, f.due_date, f.finished_date, f.answered_date, f.working_days_to_answer, f.repeated,
             f.reworked, f.lead_org_id, f.lead_due_date, f.primary_applicant_id)
      limit ?`,
    [limit],
  );
  return rows.map((r) => r.appeal_id);
}

/** Days and units whose daily count differs from the fact rows (empty when the triggers did their job). */
export async function staleDailyCounts(em: EntityManager): Promise<{ day: string; regionId: number; districtId: number }[]> {
  const rows = await query<any>(
    em,
    `select coalesce(d.day, f.day)::text as day, coalesce(d.region_id, f.region_id) as region_id, coalesce(d.district_id, f.district_id) as district_id
       from (select day, region_id, district_id, appeals from appeal_daily_count where appeals <> 0) d
       full join (select received_date as day, region_id, coalesce(district_id, 0) as district_id, count(*)::int as appeals
                    from appeal_fact group by 1, 2, 3) f
         on f.day = d.day and f.region_id = d.region_id and f.district_id = d.district_id
      where d.appeals is distinct from f.appeals
      limit 100`,
  );
  return rows.map((r) => ({ day: r.day, regionId: r.region_id, districtId: r.district_id }));
}

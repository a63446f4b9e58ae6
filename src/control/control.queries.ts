import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../access/actor';
import { isRestrictedToOwnOrganization } from '../access/policy';
import { endOfLocalDay, startOfLocalDay, toLocalDate, type WorkingCalendar } from '../calendar/working-calendar';
import { pgArray, query } from '../db/sql';
import { toInstructionView, type InstructionView } from '../instructions/instruction.types';
import { badInput } from '../shared/errors';
import { toConclusionView, toProposalView, toVerificationView, toViolationView, type ExecutiveDisciplineView } from './control.types';
import { isUuid, requireDate } from './domain/input';
import { onTimeRate, OPEN_INSTRUCTION_STATUSES, reminderHorizon } from './domain/control-rules';

const NONE = '00000000-0000-0000-0000-000000000000';

/** `where` parts limiting an executor to its own organization and those below it. */
function ownOrg(actor: Actor, column: string, where: string[], params: unknown[]) {
  if (!isRestrictedToOwnOrganization(actor)) return;
  where.push(`${column} in (select o.id from organization o where o.id = ? or o.parent_id = ?)`);
  params.push(actor.organizationId ?? NONE, actor.organizationId ?? NONE);
}

function idFilter(field: string, v: string | null | undefined, column: string, where: string[], params: unknown[]) {
  if (v == null) return;
  if (!isUuid(v)) throw badInput(field, `${field} must be an ID`);
  where.push(`${column} = ?`);
  params.push(v);
}

const clause = (where: string[]) => (where.length ? `where ${where.join(' and ')}` : '');

export async function listVerifications(em: EntityManager, actor: Actor, f: { organizationId?: string | null; instructionId?: string | null; id?: string | null }) {
  const where: string[] = [];
  const params: unknown[] = [];
  idFilter('filter.organizationId', f.organizationId, 'v.organization_id', where, params);
  idFilter('filter.instructionId', f.instructionId, 'v.instruction_id', where, params);
  idFilter('id', f.id, 'v.id', where, params);
  ownOrg(actor, 'v.organization_id', where, params);
  return (await query(em, `select v.* from onsite_verification v ${clause(where)} order by v.visited_on desc, v.id limit 500`, params)).map(toVerificationView);
}

/**
 * Every violation as one relation: those recorded by a person, and those control of execution raises from the
 * record itself (9.1, 9.2) — a missed deadline of an instruction, for each organization it was assigned to, when the
 * instruction is still on control past its deadline in force or was executed after it. A raised one stands until a
 * person confirms or annotates it by recording a MISSED_DEADLINE violation on the same instruction and organization,
 * which then replaces it. Raised rows have a stable id `missed-deadline:<instruction>:<organization>`, are found on
 * the first day past the deadline, and name no official (the person confirming does).
 * Parameter: today (local date).
 */
export const VIOLATIONS_SQL = `(
  select x.id::text as id, x.kind, x.description, x.found_on, x.official_name, x.official_id, x.verification_id, x.office_check_id,
         x.instruction_id, x.appeal_id, x.created_at, x.organization_id, false as computed
    from control_violation x
  union all
  select 'missed-deadline:' || i.id || ':' || a.organization_id, 'missed_deadline',
         'Instruction ' || i.number || ' was due ' || to_char(i.due_date, 'YYYY-MM-DD') ||
           case when i.status = 'executed'
                then ' and was executed on ' || to_char((i.executed_at at time zone 'UTC' + interval '5 hours')::date, 'YYYY-MM-DD')
                else ' and is not executed' end,
         i.due_date + 1, null, null::uuid, null::uuid, null::uuid, i.id, null::uuid,
         ((i.due_date + 1)::timestamp - interval '5 hours') at time zone 'UTC', a.organization_id, true
    from instruction i join instruction_assignee a on a.instruction_id = i.id
   where ((i.status in ('on_control', 'report_submitted') and i.due_date < ?::date)
          or (i.status = 'executed' and (i.executed_at at time zone 'UTC' + interval '5 hours')::date > i.due_date))
     and not exists (select 1 from control_violation c
                      where c.instruction_id = i.id and c.organization_id = a.organization_id and c.kind = 'missed_deadline')
)`;

export async function listViolations(
  em: EntityManager,
  actor: Actor,
  today: string,
  f: { id?: string | null; organizationId?: string | null; verificationId?: string | null; officeCheckId?: string | null; from?: string | null; to?: string | null },
) {
  const where: string[] = [];
  const params: unknown[] = [];
  idFilter('id', f.id, 'x.id', where, params);
  idFilter('filter.organizationId', f.organizationId, 'x.organization_id', where, params);
  idFilter('filter.verificationId', f.verificationId, 'x.verification_id', where, params);
  idFilter('filter.officeCheckId', f.officeCheckId, 'x.office_check_id', where, params);
  if (f.from) {
    where.push('x.found_on >= ?::date');
    params.push(requireDate('filter.from', f.from));
  }
  if (f.to) {
    where.push('x.found_on <= ?::date');
    params.push(requireDate('filter.to', f.to));
  }
  ownOrg(actor, 'x.organization_id', where, params);
  return (
    await query(em, `select x.* from ${VIOLATIONS_SQL} x ${clause(where)} order by x.found_on desc, x.created_at desc, x.id limit 500`, [today, ...params])
  ).map(toViolationView);
}

export async function listProposals(em: EntityManager, actor: Actor, f: { organizationId?: string | null; id?: string | null }) {
  const where: string[] = [];
  const params: unknown[] = [];
  idFilter('filter.organizationId', f.organizationId, 'p.organization_id', where, params);
  idFilter('id', f.id, 'p.id', where, params);
  ownOrg(actor, 'p.organization_id', where, params);
  return (await query(em, `select p.* from disciplinary_proposal p ${clause(where)} order by p.proposed_at desc, p.id limit 500`, params)).map(toProposalView);
}

export async function listConclusions(em: EntityManager, actor: Actor, f: { instructionId?: string | null; appealId?: string | null }) {
  const where: string[] = [];
  const params: unknown[] = [];
  idFilter('instructionId', f.instructionId, 'c.instruction_id', where, params);
  idFilter('appealId', f.appealId, 'c.appeal_id', where, params);
  if (isRestrictedToOwnOrganization(actor)) {
    where.push(`exists (select 1 from instruction_assignee a join organization o on o.id = a.organization_id
                 where a.instruction_id = c.instruction_id and (a.organization_id = ? or o.parent_id = ?))`);
    params.push(actor.organizationId ?? NONE, actor.organizationId ?? NONE);
  }
  return (await query(em, `select c.* from execution_conclusion c ${clause(where)} order by c.prepared_at desc, c.id limit 500`, params)).map(toConclusionView);
}

/**
 * Open instructions falling due within `days` working days from today (and, when asked, those already overdue),
 * soonest first: the reminders of approaching deadlines (9.1).
 */
export async function instructionsDue(
  em: EntityManager,
  actor: Actor,
  cal: WorkingCalendar,
  now: Date,
  args: { days: number; includeOverdue?: boolean | null },
): Promise<InstructionView[]> {
  const today = toLocalDate(now);
  const horizon = reminderHorizon(cal, today, args.days);
  const where = ['i.status = any(?::text[])', 'i.due_date <= ?::date'];
  const params: unknown[] = [pgArray(OPEN_INSTRUCTION_STATUSES), horizon];
  if (!args.includeOverdue) {
    where.push('i.due_date >= ?::date');
    params.push(today);
  }
  if (isRestrictedToOwnOrganization(actor)) {
    where.push(`exists (select 1 from instruction_assignee a join organization o on o.id = a.organization_id
                 where a.instruction_id = i.id and (a.organization_id = ? or o.parent_id = ?))`);
    params.push(actor.organizationId ?? NONE, actor.organizationId ?? NONE);
  }
  const rows = await query(em, `select i.* from instruction i where ${where.join(' and ')} order by i.due_date, i.number, i.id limit 1000`, params);
  return rows.map(toInstructionView);
}

/**
 * Executive discipline on instructions over a period (9.2, 9.6): per assigned organization and per official who
 * reported. The counting rules (README, "Control of instructions"):
 *  - an instruction counts in the period its deadline in force falls in, once it is settled or has come due: its
 *    deadline is today or earlier, or it is already executed (executed early counts as on time at once);
 *  - on time: executed on or before the deadline; late: executed after it; overdue: still on control past it;
 *  - a returned report counts on the day it was returned (reviewed), a submitted one on the day it was submitted;
 *  - violations: those recorded and those control raises from the record (see VIOLATIONS_SQL), by the day found.
 */
export async function executiveDiscipline(em: EntityManager, actor: Actor, now: Date, from: string, to: string): Promise<ExecutiveDisciplineView> {
  requireDate('from', from);
  requireDate('to', to);
  if (from > to) throw badInput('to', 'The period ends before it starts');
  const today = toLocalDate(now);
  const until = to < today ? to : today;
  const region = actor.regionId;
  const orgRows = await query<any>(
    em,
    `with due as (
       select a.organization_id, i.id, i.status, i.due_date,
              (i.executed_at at time zone 'UTC' + interval '5 hours')::date as executed_on
         from instruction i join instruction_assignee a on a.instruction_id = i.id
        where i.due_date >= ?::date and i.due_date <= ?::date
          -- settled or come due: its deadline has come, or it was executed already (early execution counts at once)
          and (i.due_date <= ?::date or (i.status = 'executed' and (i.executed_at at time zone 'UTC' + interval '5 hours')::date <= ?::date))
     ), per_org as (
       select organization_id,
              count(*)::int as came_due,
              count(*) filter (where status = 'executed' and executed_on <= due_date)::int as on_time,
              count(*) filter (where status = 'executed' and executed_on > due_date)::int as late,
              count(*) filter (where status in ('on_control', 'report_submitted') and due_date < ?::date)::int as overdue_open,
              count(*) filter (where status = 'removed_from_control')::int as removed,
              coalesce(sum((select count(*) from instruction_extension e where e.instruction_id = due.id)), 0)::int as extensions
         from due group by organization_id
     ), returned as (
       select organization_id, count(*)::int as n from instruction_report
        where verdict = 'returned' and reviewed_at >= ? and reviewed_at <= ? group by organization_id -- by the day it was returned
     ), viol as (
       select organization_id, count(*)::int as n from ${VIOLATIONS_SQL} x where found_on >= ?::date and found_on <= ?::date group by organization_id
     ), prop as (
       select organization_id, count(*)::int as n, count(*) filter (where status = 'applied')::int as applied
         from disciplinary_proposal where proposed_at >= ? and proposed_at <= ? group by organization_id
     )
     select o.id, o.name_ru, coalesce(p.came_due, 0) as came_due, coalesce(p.on_time, 0) as on_time, coalesce(p.late, 0) as late,
            coalesce(p.overdue_open, 0) as overdue_open, coalesce(p.removed, 0) as removed, coalesce(p.extensions, 0) as extensions,
            coalesce(r.n, 0) as returned, coalesce(v.n, 0) as violations, coalesce(d.n, 0) as proposals, coalesce(d.applied, 0) as applied
       from organization o
       left join per_org p on p.organization_id = o.id
       left join returned r on r.organization_id = o.id
       left join viol v on v.organization_id = o.id
       left join prop d on d.organization_id = o.id
      where (p.organization_id is not null or r.organization_id is not null or v.organization_id is not null or d.organization_id is not null)
        ${region != null ? 'and o.region_id = ?' : ''}
      order by o.name_ru, o.id`,
    [from, to, until, until, today, startOfLocalDay(from), endOfLocalDay(to), today, from, to, startOfLocalDay(from), endOfLocalDay(to), ...(region != null ? [region] : [])],
  );
  const officialRows = await query<any>(
    em,
    `with reps as (
       select r.submitted_by_id as official_id, count(*)::int as submitted,
              count(*) filter (where r.kind = 'final' and (r.submitted_at at time zone 'UTC' + interval '5 hours')::date > i.due_date)::int as late
         from instruction_report r join instruction i on i.id = r.instruction_id
        where r.submitted_at >= ? and r.submitted_at <= ? group by r.submitted_by_id
     ), ret as (
       -- a returned report counts by the day it was returned
       select r.submitted_by_id as official_id, count(*)::int as n from instruction_report r
        where r.verdict = 'returned' and r.reviewed_at >= ? and r.reviewed_at <= ? group by r.submitted_by_id
     ), viol as (
       select official_id, count(*)::int as n from control_violation
        where official_id is not null and found_on >= ?::date and found_on <= ?::date group by official_id
     ), prop as (
       select official_id, count(*)::int as n from disciplinary_proposal
        where official_id is not null and proposed_at >= ? and proposed_at <= ? group by official_id
     ), people as (select official_id from reps union select official_id from ret union select official_id from viol union select official_id from prop)
     select u.id, u.full_name, u.organization_id, coalesce(r.submitted, 0) as submitted, coalesce(rt.n, 0) as returned,
            coalesce(r.late, 0) as late, coalesce(v.n, 0) as violations, coalesce(d.n, 0) as proposals
       from people x join app_user u on u.id = x.official_id
       left join reps r on r.official_id = x.official_id
       left join ret rt on rt.official_id = x.official_id
       left join viol v on v.official_id = x.official_id
       left join prop d on d.official_id = x.official_id
      order by u.full_name, u.id`,
    [startOfLocalDay(from), endOfLocalDay(to), startOfLocalDay(from), endOfLocalDay(to), from, to, startOfLocalDay(from), endOfLocalDay(to)],
  );
  return {
    from,
    to,
    organizations: orgRows.map((r) => ({
      organizationId: r.id,
      organizationName: r.name_ru,
      cameDue: r.came_due,
      executedOnTime: r.on_time,
      executedLate: r.late,
      overdueOpen: r.overdue_open,
      removedFromControl: r.removed,
      onTimeRate: onTimeRate(r.on_time, r.on_time + r.late + r.overdue_open),
      extensions: r.extensions,
      reportsReturned: r.returned,
      violations: r.violations,
      disciplinaryProposals: r.proposals,
      disciplinaryMeasuresApplied: r.applied,
    })),
    officials: officialRows.map((r) => ({
      officialId: r.id,
      officialName: r.full_name,
      organizationId: r.organization_id,
      reportsSubmitted: r.submitted,
      reportsReturned: r.returned,
      finalReportsLate: r.late,
      violations: r.violations,
      disciplinaryProposals: r.proposals,
    })),
  };
}

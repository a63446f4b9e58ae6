/**
 * Executive discipline per organization (regulation 9.1–9.7): how the lead executors (ответственный
 * исполнитель) handle the appeals received in a period, and the instructions issued to them in it.
 *
 *  - assigned: appeals received in the period whose lead executor is the organization;
 *  - answered on time: a response stands, submitted on or before the executor's due date;
 *  - overdue (as of today): answered after the executor's due date, or still open past it;
 *  - returned for rework: at least one response on the appeal was sent back;
 *  - instructions: issued in the period with the organization among the assignees; overdue as the instruction
 *    list says (open past the due date, or executed after it);
 *  - rank: see domain/discipline.ts (minimum sample, Wilson lower bound).
 * Two statements, whatever the number of organizations.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Language } from '../appeals/domain/vocabulary';
import { query } from '../db/sql';
import { dateLiteral, factTable, share, type FactSource } from './analytics.filter';
import { rankByDiscipline } from './domain/discipline';
import { nameColumn } from './domain/labels';
import type { Period } from './domain/periods';

export interface DisciplineRowData {
  organizationId: string;
  name: string;
  assigned: number;
  answered: number;
  answeredOnTime: number;
  overdue: number;
  onTimeRate: number | null;
  returnedForRework: number;
  instructionsAssigned: number;
  instructionsOverdue: number;
  rank: number | null;
  score: number | null;
}

export async function executiveDiscipline(
  em: EntityManager,
  period: Period,
  opts: { today: string; language: Language; minSample: number; regionId: number | null; source?: FactSource },
): Promise<DisciplineRowData[]> {
  const today = dateLiteral(opts.today);
  const name = nameColumn(opts.language);
  const regionCond = opts.regionId != null ? 'and f.region_id = ?' : '';
  const appealRows = await query<any>(
    em,
    `select f.lead_org_id as organization_id, o.${name} as name,
            count(*)::int as assigned,
            count(*) filter (where f.answered_date is not null)::int as answered,
            count(*) filter (where f.answered_date <= f.lead_due_date)::int as answered_on_time,
            count(*) filter (where f.answered_date > f.lead_due_date
                               or (f.finished_date is null and f.lead_due_date < ${today}))::int as overdue,
            count(*) filter (where f.reworked)::int as returned
       from ${factTable(opts.source ?? 'rollup')} f
       join organization o on o.id = f.lead_org_id
      where f.lead_org_id is not null and f.received_date between ?::date and ?::date ${regionCond}
      group by f.lead_org_id, o.${name}`,
    [period.from, period.to, ...(opts.regionId != null ? [opts.regionId] : [])],
  );
  const instructionRows = await query<any>(
    em,
    `select x.organization_id, o.${name} as name, count(*)::int as assigned,
            count(*) filter (where (i.status in ('on_control', 'report_submitted') and i.due_date < ${today})
                               or (i.status = 'executed' and (i.executed_at at time zone 'UTC' + interval '5 hours')::date > i.due_date))::int as overdue
       from instruction i
       join instruction_assignee x on x.instruction_id = i.id
       join organization o on o.id = x.organization_id
      where (i.issued_at at time zone 'UTC' + interval '5 hours')::date between ?::date and ?::date
        ${opts.regionId != null ? 'and i.region_id = ?' : ''}
      group by x.organization_id, o.${name}`,
    [period.from, period.to, ...(opts.regionId != null ? [opts.regionId] : [])],
  );
  const byOrg = new Map<string, DisciplineRowData>();
  const row = (id: string, orgName: string) => {
    let r = byOrg.get(id);
    if (!r) {
      r = {
        organizationId: id,
        name: orgName,
        assigned: 0,
        answered: 0,
        answeredOnTime: 0,
        overdue: 0,
        onTimeRate: null,
        returnedForRework: 0,
        instructionsAssigned: 0,
        instructionsOverdue: 0,
        rank: null,
        score: null,
      };
      byOrg.set(id, r);
    }
    return r;
  };
  for (const a of appealRows) {
    const r = row(a.organization_id, a.name);
    r.assigned = a.assigned;
    r.answered = a.answered;
    r.answeredOnTime = a.answered_on_time;
    r.overdue = a.overdue;
    r.returnedForRework = a.returned;
    r.onTimeRate = share(a.answered_on_time, a.answered_on_time + a.overdue);
  }
  for (const i of instructionRows) {
    const r = row(i.organization_id, i.name);
    r.instructionsAssigned = i.assigned;
    r.instructionsOverdue = i.overdue;
  }
  return rankByDiscipline([...byOrg.values()], opts.minSample).map(({ row: r, rank, score }) => ({ ...r, rank, score }));
}

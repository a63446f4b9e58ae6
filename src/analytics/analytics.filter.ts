/**
 * The filter every analytics query takes, and the SQL it turns into over the rollup (`appeal_fact`) or, for the
 * benchmark's comparison, over the same rows computed on the fly from the source tables (`appeal_fact_source`).
 */
import { APPEAL_STATUSES, type AppealStatus } from '../appeals/domain/appeal-status';
import { APPEAL_FORMS, type AppealForm } from '../appeals/domain/deadline-rules';
import { APPEAL_CHANNELS, type AppealChannel } from '../appeals/domain/vocabulary';
import { isLocalDate, type LocalDate } from '../calendar/working-calendar';
import { pgArray } from '../db/sql';
import { badInput } from '../shared/errors';
import { parsePeriod, type Period } from './domain/periods';

export interface AnalyticsFilterInput {
  from: string;
  to: string;
  regionId?: string | null;
  districtId?: string | null;
  /** A topic and its subtopics. */
  topicId?: string | null;
  form?: AppealForm[] | null;
  channel?: AppealChannel[] | null;
  status?: AppealStatus[] | null;
  /** The lead executor's organization. */
  executorId?: string | null;
}

/** Where the rows come from: the rollup table, or the view that computes them from the source tables. */
export type FactSource = 'rollup' | 'naive';

export function factTable(source: FactSource): string {
  return source === 'rollup' ? 'appeal_fact' : 'appeal_fact_source';
}

export interface ParsedFilter {
  period: Period;
  regionId: number | null;
  districtId: number | null;
  topicId: number | null;
  form: AppealForm[] | null;
  channel: AppealChannel[] | null;
  status: AppealStatus[] | null;
  executorId: string | null;
}

export function intId(field: string, v: string | null | undefined): number | null {
  if (v == null) return null;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0 || n > 2_147_483_647) throw badInput(field, `${field} must be an ID`);
  return n;
}

function members<T extends string>(field: string, values: T[] | null | undefined, allowed: readonly T[]): T[] | null {
  if (!values?.length) return null;
  for (const v of values) if (!allowed.includes(v)) throw badInput(field, `unknown value ${String(v)}`);
  return [...new Set(values)];
}

export function parseFilter(f: AnalyticsFilterInput, field = 'filter'): ParsedFilter {
  if (!f) throw badInput(field, 'a filter with from and to is required');
  const executorId = f.executorId ?? null;
  if (executorId != null && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(executorId)) {
    throw badInput(`${field}.executorId`, 'executorId must be an organization ID');
  }
  return {
    period: parsePeriod(f.from, f.to, field),
    regionId: intId(`${field}.regionId`, f.regionId),
    districtId: intId(`${field}.districtId`, f.districtId),
    topicId: intId(`${field}.topicId`, f.topicId),
    form: members(`${field}.form`, f.form, APPEAL_FORMS),
    channel: members(`${field}.channel`, f.channel, APPEAL_CHANNELS),
    status: members(`${field}.status`, f.status, APPEAL_STATUSES),
    executorId,
  };
}

/** A date literal for SQL; only for dates the code itself produced or validated. */
export function dateLiteral(d: LocalDate): string {
  if (!isLocalDate(d)) throw new RangeError(`not a date: ${d}`);
  return `date '${d}'`;
}

/**
 * Overdue as of `today`, derived, never stored (the same rule as the appeal list): not forwarded, and either still
 * open after the due date or finished after it.
 */
export function overdueSql(alias: string, today: LocalDate): string {
  return `(${alias}.status <> 'forwarded' and ((${alias}.finished_date is null and ${alias}.due_date < ${dateLiteral(today)}) or ${alias}.finished_date > ${alias}.due_date))`;
}

/**
 * The WHERE conditions of a filter over fact rows aliased `alias`. `period` overrides the filter's own period
 * (the problem map reads the earlier periods too).
 */
export function factConditions(f: ParsedFilter, alias: string, period: Period = f.period): { conditions: string[]; params: unknown[] } {
  const conditions = [`${alias}.received_date between ?::date and ?::date`];
  const params: unknown[] = [period.from, period.to];
  if (f.regionId != null) {
    conditions.push(`${alias}.region_id = ?`);
    params.push(f.regionId);
  }
  if (f.districtId != null) {
    conditions.push(`${alias}.district_id = ?`);
    params.push(f.districtId);
  }
  if (f.topicId != null) {
    conditions.push(`(${alias}.topic_id = ? or ${alias}.parent_topic_id = ?)`);
    params.push(f.topicId, f.topicId);
  }
  if (f.form) {
    conditions.push(`${alias}.form = any(?::text[])`);
    params.push(pgArray(f.form));
  }
  if (f.channel) {
    conditions.push(`${alias}.channel = any(?::text[])`);
    params.push(pgArray(f.channel));
  }
  if (f.status) {
    conditions.push(`${alias}.status = any(?::text[])`);
    params.push(pgArray(f.status));
  }
  if (f.executorId) {
    conditions.push(`${alias}.lead_org_id = ?`);
    params.push(f.executorId);
  }
  return { conditions, params };
}

/** Rounds a share or a mean for output (4 decimals); null stays null. */
export function round(v: number | null | undefined, digits = 4): number | null {
  if (v == null || !Number.isFinite(v)) return null;
  const k = 10 ** digits;
  return Math.round(v * k) / k;
}

export const share = (part: number, whole: number): number | null => (whole > 0 ? round(part / whole) : null);

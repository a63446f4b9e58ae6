/**
 * Aggregates for dashboards: counts of appeals grouped by any of nine dimensions, with overdue, on-time rate,
 * working days to answer and rework — one statement over the rollup, labels joined in.
 *
 * Definitions (the same everywhere in analytics):
 *  - appeals: received (local date) within the period and matching the filter;
 *  - overdue: as of today — not forwarded, and still open after the deadline in force or finished after it;
 *  - answered: a response stands (status answered or closed); answered on time: on or before the deadline in force;
 *    on-time rate = answered on time / answered;
 *  - working days to answer: from the day of receipt to the day of the standing response, on the production
 *    calendar (weekends, holidays and transfers excluded); mean and median over answered appeals;
 *  - reworked: at least one response was returned for rework; rework rate = reworked / appeals that got a response;
 *  - repeated: linked to an earlier appeal it repeats.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppealStatus } from '../appeals/domain/appeal-status';
import type { AppealForm } from '../appeals/domain/deadline-rules';
import type { AppealChannel, Language } from '../appeals/domain/vocabulary';
import { query } from '../db/sql';
import { badInput } from '../shared/errors';
import { factConditions, factTable, overdueSql, round, share, type FactSource, type ParsedFilter } from './analytics.filter';
import {
  CHANNEL_LABELS,
  FORM_LABELS,
  monthLabel,
  nameColumn,
  NO_DISTRICT_LABEL,
  NO_EXECUTOR_LABEL,
  NO_TOPIC_LABEL,
  STATUS_LABELS,
  weekLabel,
} from './domain/labels';
import { STATS_DIMENSIONS, type StatsDimension } from './domain/vocabulary';

export { STATS_DIMENSIONS, type StatsDimension };

/** At most this many rows; a finer grouping is refused (BAD_USER_INPUT) rather than cut silently. */
export const MAX_STATS_ROWS = 5000;

export interface GroupKeyData {
  dimension: StatsDimension;
  /** The grouped value: an id, an enum value in lower case, a Monday 'YYYY-MM-DD' or a month 'YYYY-MM'; null = none. */
  value: string | null;
  label: string;
}

export interface StatsMeasures {
  appeals: number;
  overdue: number;
  overdueShare: number | null;
  answered: number;
  answeredOnTime: number;
  onTimeRate: number | null;
  meanWorkingDaysToAnswer: number | null;
  medianWorkingDaysToAnswer: number | null;
  reworked: number;
  reworkRate: number | null;
  repeated: number;
  repeatedShare: number | null;
}

export interface AppealStatsRowData extends StatsMeasures {
  keys: GroupKeyData[];
  regionId: string | null;
  districtId: string | null;
  topicId: string | null;
  form: AppealForm | null;
  channel: AppealChannel | null;
  status: AppealStatus | null;
  executorId: string | null;
  week: string | null;
  month: string | null;
}

interface DimensionSql {
  /** Expression over fact rows `f`. */
  expr: string;
  /** Label join for id dimensions: table and name column. */
  labelTable?: 'admin_unit' | 'topic' | 'organization';
}

const DIMENSIONS: Record<StatsDimension, DimensionSql> = {
  region: { expr: 'f.region_id', labelTable: 'admin_unit' },
  district: { expr: 'f.district_id', labelTable: 'admin_unit' },
  topic: { expr: 'f.topic_id', labelTable: 'topic' },
  form: { expr: 'f.form' },
  channel: { expr: 'f.channel' },
  status: { expr: 'f.status' },
  executor: { expr: 'f.lead_org_id', labelTable: 'organization' },
  week: { expr: "date_trunc('week', f.received_date)::date" },
  month: { expr: "date_trunc('month', f.received_date)::date" },
};

/** The measure columns over fact rows `f` (shared with the summary). */
export function measureColumns(today: string): string {
  return `count(*)::int as appeals,
          count(*) filter (where ${overdueSql('f', today)})::int as overdue,
          count(*) filter (where f.answered_date is not null)::int as answered,
          count(*) filter (where f.answered_date <= f.due_date)::int as answered_on_time,
          avg(f.working_days_to_answer)::float8 as mean_wd,
          percentile_cont(0.5) within group (order by f.working_days_to_answer)::float8 as median_wd,
          count(*) filter (where f.reworked)::int as reworked,
          count(*) filter (where f.reworked or f.answered_date is not null)::int as responded,
          count(*) filter (where f.repeated)::int as repeated`;
}

export function toMeasures(r: any): StatsMeasures {
  const appeals = Number(r.appeals ?? 0);
  const answered = Number(r.answered ?? 0);
  const overdue = Number(r.overdue ?? 0);
  const reworked = Number(r.reworked ?? 0);
  const repeated = Number(r.repeated ?? 0);
  const answeredOnTime = Number(r.answered_on_time ?? 0);
  return {
    appeals,
    overdue,
    overdueShare: share(overdue, appeals),
    answered,
    answeredOnTime,
    onTimeRate: share(answeredOnTime, answered),
    meanWorkingDaysToAnswer: round(r.mean_wd == null ? null : Number(r.mean_wd), 2),
    medianWorkingDaysToAnswer: round(r.median_wd == null ? null : Number(r.median_wd), 2),
    reworked,
    reworkRate: share(reworked, Number(r.responded ?? 0)),
    repeated,
    repeatedShare: share(repeated, appeals),
  };
}

export function parseGroupBy(groupBy: StatsDimension[] | null | undefined): StatsDimension[] {
  const dims = groupBy ?? [];
  for (const d of dims) if (!STATS_DIMENSIONS.includes(d)) throw badInput('groupBy', `unknown dimension ${String(d)}`);
  if (new Set(dims).size !== dims.length) throw badInput('groupBy', 'a dimension appears twice');
  return dims;
}

/**
 * Counts per group and per value of working days to answer (a small integer), then per group: the sums, the mean and
 * the exact median (what percentile_cont(0.5) gives) read off the cumulative counts. Two hash aggregates and a
 * window over a few thousand rows: no sort of the appeals themselves, whatever their number.
 */
export async function appealStats(
  em: EntityManager,
  f: ParsedFilter,
  dims: StatsDimension[],
  opts: { today: string; language: Language; source?: FactSource },
): Promise<AppealStatsRowData[]> {
  const { conditions, params } = factConditions(f, 'f');
  const name = nameColumn(opts.language);
  const keys = dims.map((_, i) => `d${i}`);
  const groupCols = dims.map((d, i) => `${DIMENSIONS[d].expr} as d${i}`);
  const partition = keys.length ? `partition by ${keys.join(', ')}` : '';
  const histogram = `select ${[...groupCols, 'f.working_days_to_answer as wd'].join(', ')},
            count(*)::int as appeals,
            count(*) filter (where ${overdueSql('f', opts.today)})::int as overdue,
            count(*) filter (where f.answered_date is not null)::int as answered,
            count(*) filter (where f.answered_date <= f.due_date)::int as answered_on_time,
            count(f.working_days_to_answer)::int as with_wd,
            count(*) filter (where f.reworked)::int as reworked,
            count(*) filter (where f.reworked or f.answered_date is not null)::int as responded,
            count(*) filter (where f.repeated)::int as repeated
       from ${factTable(opts.source ?? 'rollup')} f
      where ${conditions.join(' and ')}
      group by ${[...keys, 'wd'].join(', ')}`;
  const grouped = `select ${[...keys,
    'sum(appeals)::int as appeals',
    'sum(overdue)::int as overdue',
    'sum(answered)::int as answered',
    'sum(answered_on_time)::int as answered_on_time',
    '(sum(wd * with_wd)::float8 / nullif(sum(with_wd), 0)) as mean_wd',
    `((min(wd) filter (where cum > floor((total_wd - 1) / 2.0))) + (min(wd) filter (where cum > ceil((total_wd - 1) / 2.0))))::float8 / 2 as median_wd`,
    'sum(reworked)::int as reworked',
    'sum(responded)::int as responded',
    'sum(repeated)::int as repeated',
  ].join(',\n            ')}
       from (select h.*, sum(with_wd) over (${partition} order by wd rows unbounded preceding) as cum,
                    sum(with_wd) over (${partition}) as total_wd
               from (${histogram}) h) c
      ${keys.length ? `group by ${keys.join(', ')}` : ''}`;
  const labelCols: string[] = [];
  const joins: string[] = [];
  dims.forEach((d, i) => {
    const t = DIMENSIONS[d].labelTable;
    if (!t) return;
    joins.push(`left join ${t} l${i} on l${i}.id = g.d${i}`);
    labelCols.push(`l${i}.${name} as d${i}_label`);
  });
  const rows = await query<any>(
    em,
    `select g.*${labelCols.length ? ', ' + labelCols.join(', ') : ''}
       from (${grouped}) g ${joins.join(' ')}
      ${dims.length ? `order by ${dims.map((_, i) => `g.d${i} nulls last`).join(', ')}` : ''}
      limit ${MAX_STATS_ROWS + 1}`,
    params,
  );
  if (rows.length > MAX_STATS_ROWS) {
    throw badInput('groupBy', `more than ${MAX_STATS_ROWS} groups: narrow the filter or group by fewer dimensions`);
  }
  const lang = opts.language;
  return rows.map((r) => {
    const row: AppealStatsRowData = {
      ...toMeasures(r),
      keys: [],
      regionId: null,
      districtId: null,
      topicId: null,
      form: null,
      channel: null,
      status: null,
      executorId: null,
      week: null,
      month: null,
    };
    dims.forEach((d, i) => {
      const raw = r[`d${i}`];
      const value = raw == null ? null : String(raw);
      let label: string;
      switch (d) {
        case 'region':
          label = r[`d${i}_label`] ?? '';
          row.regionId = value;
          break;
        case 'district':
          label = value == null ? NO_DISTRICT_LABEL[lang] : r[`d${i}_label`];
          row.districtId = value;
          break;
        case 'topic':
          label = value == null ? NO_TOPIC_LABEL[lang] : r[`d${i}_label`];
          row.topicId = value;
          break;
        case 'executor':
          label = value == null ? NO_EXECUTOR_LABEL[lang] : r[`d${i}_label`];
          row.executorId = value;
          break;
        case 'form':
          label = FORM_LABELS[value as AppealForm]?.[lang] ?? String(value);
          row.form = value as AppealForm;
          break;
        case 'channel':
          label = CHANNEL_LABELS[value as AppealChannel]?.[lang] ?? String(value);
          row.channel = value as AppealChannel;
          break;
        case 'status':
          label = STATUS_LABELS[value as AppealStatus]?.[lang] ?? String(value);
          row.status = value as AppealStatus;
          break;
        case 'week':
          row.week = value == null ? null : toDateText(raw);
          label = row.week ? weekLabel(row.week) : '';
          break;
        case 'month':
          row.month = raw == null ? null : toDateText(raw).slice(0, 7);
          label = row.month ? monthLabel(row.month, lang) : '';
          break;
      }
      row.keys.push({ dimension: d, value: d === 'week' ? row.week : d === 'month' ? row.month : value, label });
    });
    return row;
  });
}

/** A `date` column as 'YYYY-MM-DD' whatever the driver made of it. */
export function toDateText(v: unknown): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}

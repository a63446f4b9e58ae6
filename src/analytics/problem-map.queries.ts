/**
 * District (or region) problem maps (regulation 7.2): one cell per admin unit with the period's counts, the
 * previous period of equal length, the unit's own history and how unusual the period is against it.
 *
 * Two statements, whatever the number of units: the units in scope (with the first day on record), and one pass
 * over the fact rows of the period and the 6 earlier periods of equal length.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Language } from '../appeals/domain/vocabulary';
import type { AdminLevel } from '../geo/admin-unit.entity';
import { addDays } from '../calendar/working-calendar';
import { query } from '../db/sql';
import {
  factConditions,
  factTable,
  overdueSql,
  round,
  share,
  type FactSource,
  type ParsedFilter,
} from './analytics.filter';
import { nameColumn } from './domain/labels';
import {
  BASELINE_PERIODS,
  completeBaselinePeriods,
  earlierPeriod,
  periodLength,
  type Period,
} from './domain/periods';
import { unusualness, unusualThreshold } from './domain/unusualness';

export interface TopicCountData {
  topicId: string;
  name: string;
  appeals: number;
}

export interface ProblemMapCellData {
  unitId: string;
  kato: string;
  name: string;
  nameRu: string;
  nameKk: string;
  nameEn: string;
  level: AdminLevel;
  parentId: string | null;
  population: number | null;
  appeals: number;
  uniqueApplicants: number;
  ratePer10k: number | null;
  previousAppeals: number | null;
  change: number | null;
  changePercent: number | null;
  /** Counts of the earlier periods used as the baseline, most recent first. */
  history: number[];
  expected: number | null;
  unusualness: number | null;
  pValue: number | null;
  unusual: boolean;
  topTopics: TopicCountData[];
  overdue: number;
  overdueShare: number | null;
  repeated: number;
  repeatedShare: number | null;
}

export interface ProblemMapData {
  from: string;
  to: string;
  level: AdminLevel;
  previousFrom: string;
  previousTo: string;
  /** Earlier periods in the baseline (0–6): only periods wholly after the first appeal on record. */
  baselinePeriods: number;
  historyStart: string | null;
  totalAppeals: number;
  /** Appeals in scope whose unit is a region as a whole (no district); they appear on no district cell. */
  appealsWithoutDistrict: number;
  unusualThreshold: number;
  cells: ProblemMapCellData[];
}

export interface ProblemMapOptions {
  level: AdminLevel;
  language: Language;
  today: string;
  source?: FactSource;
}

const TOP_TOPICS = 3;

export async function problemMap(em: EntityManager, f: ParsedFilter, opts: ProblemMapOptions): Promise<ProblemMapData> {
  const source = factTable(opts.source ?? 'rollup');
  const name = nameColumn(opts.language);
  const period = f.period;
  const len = periodLength(period);
  const oldest = earlierPeriod(period, BASELINE_PERIODS);

  // 1. The units of the map: a region's districts (or the region), else those of every region with appeals on
  //    record; with the first day on record in that scope.
  const unitParams: unknown[] = [opts.level];
  let scope: string;
  if (f.regionId != null) {
    scope = opts.level === 'district' ? 'u.parent_id = ?' : 'u.id = ?';
    unitParams.push(f.regionId);
  } else {
    const regionOf = opts.level === 'district' ? 'u.parent_id' : 'u.id';
    scope = `${regionOf} in (select r.id from admin_unit r where r.level = 'region' and exists (select 1 from ${source} x where x.region_id = r.id))`;
  }
  const historyStart =
    f.regionId != null
      ? `(select min(h.received_date) from ${source} h where h.region_id = ${Number(f.regionId)})`
      : `(select min(h.received_date) from ${source} h)`;
  const units = await query<any>(
    em,
    `select u.id, u.kato, u.level, u.parent_id, u.population, u.name_ru, u.name_kk, u.name_en, u.${name} as name,
            ${historyStart}::text as history_start
       from admin_unit u
      where u.level = ? and ${scope}
      order by u.kato`,
    unitParams,
  );

  // 2. The period's appeals (per unit: count, distinct applicants, overdue, repeated, top topics) and the counts of
  //    the 6 earlier periods of equal length (k = 1 … 6; only counts, so a streaming aggregate, nothing kept).
  const unitExpr = opts.level === 'district' ? 'coalesce(f.district_id, 0)' : 'f.region_id';
  const current = factConditions(f, 'f', period);
  const before = { from: oldest.from, to: addDays(period.from, -1) };
  const earlier = factConditions(f, 'f', before);
  // The history only needs counts per unit and day: from the daily counts when nothing but the region narrows
  // the map (the usual dashboard), else from the fact rows.
  const daily = (opts.source ?? 'rollup') === 'rollup' && f.topicId == null && !f.form && !f.channel && !f.status && !f.executorId && f.districtId == null;
  const earlierSql = daily
    ? `select ${opts.level === 'district' ? 'd.district_id' : 'd.region_id'} as unit_id, (?::date - d.day) / ? as k, sum(d.appeals)::int as n
         from appeal_daily_count d
        where d.day between ?::date and ?::date ${f.regionId != null ? 'and d.region_id = ?' : ''}
        group by 1, 2
       having sum(d.appeals) <> 0`
    : `select ${unitExpr} as unit_id, (?::date - f.received_date) / ? as k, count(*)::int as n
         from ${source} f
        where ${earlier.conditions.join(' and ')}
        group by 1, 2`;
  const earlierParams = daily ? [before.from, before.to, ...(f.regionId != null ? [f.regionId] : [])] : earlier.params;
  const rows = await query<any>(
    em,
    `with cur as materialized (
       select ${unitExpr} as unit_id, f.topic_id, f.primary_applicant_id, f.repeated, ${overdueSql('f', opts.today)} as overdue
         from ${source} f
        where ${current.conditions.join(' and ')}
     ),
     earlier as (${earlierSql}),
     periods as (select unit_id, json_object_agg(k, n) as counts from earlier group by unit_id),
     totals as (
       select unit_id, count(*)::int as appeals, count(*) filter (where overdue)::int as overdue,
              count(*) filter (where repeated)::int as repeated
         from cur group by unit_id
     ),
     applicants as (
       select unit_id, count(*)::int as applicants
         from (select distinct unit_id, primary_applicant_id from cur where primary_applicant_id is not null) d
        group by unit_id
     ),
     topics as (
       select unit_id, topic_id, n, row_number() over (partition by unit_id order by n desc, topic_id) as rn
         from (select unit_id, topic_id, count(*)::int as n from cur where topic_id is not null group by unit_id, topic_id) t
     ),
     top as (
       select t.unit_id, json_agg(json_build_array(t.topic_id, t.n, tp.${name}) order by t.rn) as topics
         from topics t join topic tp on tp.id = t.topic_id
        where t.rn <= ${TOP_TOPICS}
        group by t.unit_id
     )
     select u.unit_id, p.counts, c.appeals, a.applicants, c.overdue, c.repeated, top.topics
       from (select unit_id from totals union select unit_id from periods) u
       left join periods p on p.unit_id = u.unit_id
       left join totals c on c.unit_id = u.unit_id
       left join applicants a on a.unit_id = u.unit_id
       left join top on top.unit_id = u.unit_id`,
    [...current.params, period.to, len, ...earlierParams],
  );

  const byUnit = new Map<number, any>(rows.map((r) => [Number(r.unit_id), r]));
  const start: string | null = units[0]?.history_start ?? (await firstDayOnRecord(em, source, f.regionId));
  const complete = completeBaselinePeriods(period, start);
  const previous = earlierPeriod(period, 1);
  const counts = (r: any): number[] => {
    const c = typeof r?.counts === 'string' ? JSON.parse(r.counts) : r?.counts ?? {};
    return Array.from({ length: BASELINE_PERIODS + 1 }, (_, k) => (k === 0 ? Number(r?.appeals ?? 0) : Number(c[k] ?? 0)));
  };

  const cells: ProblemMapCellData[] = units.map((u) => {
    const r = byUnit.get(Number(u.id));
    const perPeriod = counts(r);
    const appeals = r?.appeals ?? 0;
    const history = perPeriod.slice(1, 1 + complete);
    const score = unusualness({ observed: appeals, baseline: history });
    const previousAppeals = complete >= 1 ? perPeriod[1] : null;
    const topics = (typeof r?.topics === 'string' ? JSON.parse(r.topics) : r?.topics ?? []) as [number, number, string][];
    const overdue = r?.overdue ?? 0;
    const repeated = r?.repeated ?? 0;
    return {
      unitId: String(u.id),
      kato: u.kato,
      name: u.name,
      nameRu: u.name_ru,
      nameKk: u.name_kk,
      nameEn: u.name_en,
      level: u.level,
      parentId: u.parent_id == null ? null : String(u.parent_id),
      population: u.population ?? null,
      appeals,
      uniqueApplicants: r?.applicants ?? 0,
      ratePer10k: u.population ? round((appeals / u.population) * 10_000, 2) : null,
      previousAppeals,
      change: previousAppeals == null ? null : appeals - previousAppeals,
      changePercent: previousAppeals ? round(((appeals - previousAppeals) / previousAppeals) * 100, 1) : null,
      history,
      expected: score ? round(score.expected, 2) : null,
      unusualness: score ? score.score : null,
      pValue: score ? score.pValue : null,
      unusual: false,
      topTopics: topics.map(([topicId, n, topicName]) => ({ topicId: String(topicId), name: topicName, appeals: n })),
      overdue,
      overdueShare: share(overdue, appeals),
      repeated,
      repeatedShare: share(repeated, appeals),
    };
  });
  const tested = cells.filter((c) => c.pValue != null).length;
  const threshold = unusualThreshold(tested);
  for (const c of cells) c.unusual = c.pValue != null && c.pValue < threshold;

  const withoutDistrict = opts.level === 'district' ? byUnit.get(0)?.appeals ?? 0 : 0;
  return {
    from: period.from,
    to: period.to,
    level: opts.level,
    previousFrom: previous.from,
    previousTo: previous.to,
    baselinePeriods: complete,
    historyStart: start,
    totalAppeals: cells.reduce((s, c) => s + c.appeals, 0) + withoutDistrict,
    appealsWithoutDistrict: withoutDistrict,
    unusualThreshold: threshold,
    cells,
  };
}

/** Only when the scope has no units (nothing to attach the date to). */
async function firstDayOnRecord(em: EntityManager, source: string, regionId: number | null): Promise<string | null> {
  const rows = await query<{ d: string | null }>(
    em,
    `select min(received_date)::text as d from ${source} ${regionId != null ? 'where region_id = ?' : ''}`,
    regionId != null ? [regionId] : [],
  );
  return rows[0]?.d ?? null;
}

/** The period the map compares with (exported for the resolver's description and the report). */
export function previousPeriod(p: Period): Period {
  return earlierPeriod(p, 1);
}

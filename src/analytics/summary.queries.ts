/**
 * The period summary for the Presidential Administration (regulation 7.6): totals, breakdowns, the district map,
 * the top problem cards and the execution of instructions. Aggregates only: it carries no applicant, no official
 * and no text of an appeal; problem card titles pass through the personal-data mask.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { maskPersonalDataInText } from '../access/personal-data';
import type { AppealChannel, Language } from '../appeals/domain/vocabulary';
import type { AppealForm } from '../appeals/domain/deadline-rules';
import { query } from '../db/sql';
import { dateLiteral, factConditions, round, share, type ParsedFilter } from './analytics.filter';
import { measureColumns, toMeasures, type StatsMeasures } from './appeal-stats.queries';
import { CHANNEL_LABELS, FORM_LABELS, monthLabel, nameColumn, NO_TOPIC_LABEL } from './domain/labels';
import { earlierPeriod } from './domain/periods';
import { problemMap, type ProblemMapData } from './problem-map.queries';

export interface SummaryItemData {
  key: string | null;
  label: string;
  appeals: number;
  share: number | null;
}

export interface SummaryTotalsData extends StatsMeasures {
  uniqueApplicants: number;
  forwarded: number;
  leftWithoutConsideration: number;
  /** Null when the records do not cover the whole previous period. */
  previousPeriodAppeals: number | null;
  changePercent: number | null;
}

export interface TrendPointData {
  month: string;
  label: string;
  appeals: number;
  answeredOnTime: number;
  overdue: number;
}

export interface SummaryProblemCardData {
  title: string;
  region: string | null;
  topic: string | null;
  status: string;
  severity: number | null;
  appeals: number;
  applicants: number;
  firstSeen: string;
  lastSeen: string;
}

export interface InstructionExecutionData {
  issued: number;
  executed: number;
  executedOnTime: number;
  executedLate: number;
  onControl: number;
  overdue: number;
  removed: number;
}

export interface PeriodSummaryData {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  scope: string;
  totals: SummaryTotalsData;
  byForm: SummaryItemData[];
  byChannel: SummaryItemData[];
  byTopic: SummaryItemData[];
  bySubtopic: SummaryItemData[];
  byRegion: ProblemMapData;
  byDistrict: ProblemMapData;
  monthly: TrendPointData[];
  topProblemCards: SummaryProblemCardData[];
  /** False when the problem cards are not installed in this database (the table does not exist). */
  problemCardsAvailable: boolean;
  instructions: InstructionExecutionData;
}

const TOP_SUBTOPICS = 10;
const TOP_CARDS = 10;

export async function periodSummary(
  em: EntityManager,
  f: ParsedFilter,
  opts: { today: string; language: Language },
): Promise<PeriodSummaryData> {
  const lang = opts.language;
  const name = nameColumn(lang);
  const { conditions, params } = factConditions(f, 'f');
  const previous = earlierPeriod(f.period, 1);

  // Totals and every breakdown in one pass (grouping sets); the previous period's total in the same statement.
  const prev = factConditions(f, 'p', previous);
  const grouped = await query<any>(
    em,
    `select grouping(f.form) as g_form, grouping(f.channel) as g_channel, grouping(f.parent_topic_id) as g_topic,
            grouping(f.topic_id) as g_subtopic, grouping(to_char(f.received_date, 'YYYY-MM')) as g_month,
            f.form, f.channel, f.parent_topic_id, f.topic_id, to_char(f.received_date, 'YYYY-MM') as month,
            ${measureColumns(opts.today)},
            count(distinct f.primary_applicant_id)::int as applicants,
            count(*) filter (where f.status = 'forwarded')::int as forwarded,
            count(*) filter (where f.status = 'left_without_consideration')::int as left_without
       from appeal_fact f
      where ${conditions.join(' and ')}
      group by grouping sets ((), (f.form), (f.channel), (f.parent_topic_id), (f.topic_id), (to_char(f.received_date, 'YYYY-MM')))`,
    params,
  );
  const [{ n: previousAppeals }] = await query<{ n: number }>(
    em,
    `select count(*)::int as n from appeal_fact p where ${prev.conditions.join(' and ')}`,
    prev.params,
  );
  const topicIds = [...new Set(grouped.flatMap((r) => [r.parent_topic_id, r.topic_id]).filter((x) => x != null))];
  const topicNames = new Map<string, string>(
    topicIds.length
      ? (await query<any>(em, `select id, ${name} as name from topic where id = any(?::int[])`, [`{${topicIds.join(',')}}`])).map((t) => [
          String(t.id),
          t.name,
        ])
      : [],
  );

  const totalRow = grouped.find((r) => r.g_form && r.g_channel && r.g_topic && r.g_subtopic && r.g_month) ?? {};
  const total = Number(totalRow.appeals ?? 0);
  const items = (rows: any[], key: (r: any) => string | null, label: (k: string | null) => string) =>
    rows
      .map((r) => ({ key: key(r), label: label(key(r)), appeals: Number(r.appeals), share: share(Number(r.appeals), total) }))
      .sort((a, b) => b.appeals - a.appeals || a.label.localeCompare(b.label));
  const only = (flag: string) => grouped.filter((r) => !r[flag] && ['g_form', 'g_channel', 'g_topic', 'g_subtopic', 'g_month'].filter((g) => g !== flag).every((g) => r[g]));
  const topicLabel = (k: string | null) => (k == null ? NO_TOPIC_LABEL[lang] : topicNames.get(k) ?? k);

  const [byDistrict, byRegion] = [
    await problemMap(em, f, { level: 'district', language: lang, today: opts.today }),
    await problemMap(em, f, { level: 'region', language: lang, today: opts.today }),
  ];
  // The previous period is compared only when the records cover all of it (as on the map).
  const previousKnown = byDistrict.baselinePeriods >= 1;
  const totals: SummaryTotalsData = {
    ...toMeasures(totalRow),
    uniqueApplicants: Number(totalRow.applicants ?? 0),
    forwarded: Number(totalRow.forwarded ?? 0),
    leftWithoutConsideration: Number(totalRow.left_without ?? 0),
    previousPeriodAppeals: previousKnown ? previousAppeals : null,
    changePercent: previousKnown && previousAppeals ? round(((total - previousAppeals) / previousAppeals) * 100, 1) : null,
  };
  const monthly = only('g_month')
    .map((r) => {
      const m = toMeasures(r);
      return { month: r.month as string, label: monthLabel(r.month, lang), appeals: m.appeals, answeredOnTime: m.answeredOnTime, overdue: m.overdue };
    })
    .sort((a, b) => a.month.localeCompare(b.month));

  const scopeRow = f.regionId != null ? await query<any>(em, `select ${name} as name from admin_unit where id = ?`, [f.regionId]) : [];
  return {
    from: f.period.from,
    to: f.period.to,
    previousFrom: previous.from,
    previousTo: previous.to,
    scope: scopeRow[0]?.name ?? (lang === 'kk' ? 'Барлық өңірлер' : lang === 'en' ? 'All regions' : 'Все регионы'),
    totals,
    byForm: items(only('g_form'), (r) => r.form, (k) => FORM_LABELS[k as AppealForm]?.[lang] ?? String(k)),
    byChannel: items(only('g_channel'), (r) => r.channel, (k) => CHANNEL_LABELS[k as AppealChannel]?.[lang] ?? String(k)),
    byTopic: items(only('g_topic'), (r) => (r.parent_topic_id == null ? null : String(r.parent_topic_id)), topicLabel),
    bySubtopic: items(only('g_subtopic'), (r) => (r.topic_id == null ? null : String(r.topic_id)), topicLabel)
      .filter((x) => x.key != null)
      .slice(0, TOP_SUBTOPICS),
    byRegion,
    byDistrict,
    monthly,
    ...(await topProblemCards(em, f, lang)),
    instructions: await instructionExecution(em, f, opts.today),
  };
}

/**
 * The most severe problem cards seen in the period. The cards belong to the detection module; when its table is
 * not there (an older database) the summary says so instead of failing.
 */
async function topProblemCards(
  em: EntityManager,
  f: ParsedFilter,
  lang: Language,
): Promise<{ topProblemCards: SummaryProblemCardData[]; problemCardsAvailable: boolean }> {
  const [{ present }] = await query<{ present: boolean }>(em, `select to_regclass('problem_card') is not null as present`);
  if (!present) return { topProblemCards: [], problemCardsAvailable: false };
  const name = nameColumn(lang);
  const rows = await query<any>(
    em,
    `select c.title, r.${name} as region, t.${name} as topic, c.status, c.severity, c.appeals_count, c.applicants_count,
            c.first_seen::text as first_seen, c.last_seen::text as last_seen
       from problem_card c
       left join admin_unit r on r.id = c.region_id
       left join topic t on t.id = c.topic_id
      where c.last_seen >= ?::date and c.first_seen <= ?::date and c.status <> 'dismissed'
        ${f.regionId != null ? 'and c.region_id = ?' : ''}
        ${f.topicId != null ? 'and (c.topic_id = ? or c.topic_id in (select id from topic where parent_id = ?))' : ''}
      order by c.severity desc nulls last, c.appeals_count desc, c.id
      limit ${TOP_CARDS}`,
    [f.period.from, f.period.to, ...(f.regionId != null ? [f.regionId] : []), ...(f.topicId != null ? [f.topicId, f.topicId] : [])],
  );
  return {
    problemCardsAvailable: true,
    topProblemCards: rows.map((r) => ({
      title: maskPersonalDataInText(String(r.title ?? '')),
      region: r.region ?? null,
      topic: r.topic ?? null,
      status: String(r.status),
      severity: r.severity == null ? null : round(Number(r.severity), 2),
      appeals: Number(r.appeals_count ?? 0),
      applicants: Number(r.applicants_count ?? 0),
      firstSeen: String(r.first_seen),
      lastSeen: String(r.last_seen),
    })),
  };
}

/** Instructions issued in the period: how many were executed, on time or late, are overdue now, or were removed. */
async function instructionExecution(em: EntityManager, f: ParsedFilter, todayDate: string): Promise<InstructionExecutionData> {
  const today = dateLiteral(todayDate);
  const executedLocal = `(i.executed_at at time zone 'UTC' + interval '5 hours')::date`;
  const [r] = await query<any>(
    em,
    `select count(*)::int as issued,
            count(*) filter (where i.status = 'executed')::int as executed,
            count(*) filter (where i.status = 'executed' and ${executedLocal} <= i.due_date)::int as executed_on_time,
            count(*) filter (where i.status = 'executed' and ${executedLocal} > i.due_date)::int as executed_late,
            count(*) filter (where i.status in ('on_control', 'report_submitted'))::int as on_control,
            count(*) filter (where i.status in ('on_control', 'report_submitted') and i.due_date < ${today})::int as overdue,
            count(*) filter (where i.status = 'removed_from_control')::int as removed
       from instruction i
      where (i.issued_at at time zone 'UTC' + interval '5 hours')::date between ?::date and ?::date
        ${f.regionId != null ? 'and i.region_id = ?' : ''}`,
    [f.period.from, f.period.to, ...(f.regionId != null ? [f.regionId] : [])],
  );
  return {
    issued: r.issued,
    executed: r.executed,
    executedOnTime: r.executed_on_time,
    executedLate: r.executed_late,
    onControl: r.on_control,
    overdue: r.overdue,
    removed: r.removed,
  };
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize } from '../access/policy';
import { detectSystemicIssues, cardTitle, severityOf, DEFAULT_ALARMS_PER_WEEK, DEFAULT_DETECTION_OPTIONS, type CardCandidate, type DetectionOptions } from '../analytics/detection/detect';
import { matchOpenCard, type OpenCardRef } from '../analytics/detection/matching';
import { DEFAULT_SPIKE_OPTIONS } from '../analytics/detection/spikes';
import { dayOfDate, dateOfDay, weekOfDay } from '../analytics/detection/weeks';
import { addDays, isLocalDate, startOfLocalDay, toLocalDate } from '../calendar/working-calendar';
import { pgArray, query } from '../db/sql';
import { AdminUnit } from '../geo/admin-unit.entity';
import { recordHistory } from '../history/record';
import type { CommandContext } from '../shared/command-context';
import { badInput } from '../shared/errors';
import { Topic } from '../topics/topic.entity';
import { OPEN_PROBLEM_CARD_STATUSES } from './domain/card-status';
import { ProblemCard } from './problem-card.entity';

export interface DetectionSummary {
  from: string;
  to: string;
  regions: number;
  appealsScanned: number;
  testsRun: number;
  spikeAlarms: number;
  cusumAlarms: number;
  clustersFound: number;
  clusterAlarms: number;
  cardsCreated: number;
  cardsUpdated: number;
  cardsUnchanged: number;
  cardIds: string[];
  falseDiscoveryRate: number;
  /** The alarm budget the weekly tests were held to (alarms a week per region, calibrated on its history). */
  alarmsPerWeek: number;
  durationMs: number;
}

/** The largest alarm budget one may ask for (alarms a week per region). */
export const MAX_ALARMS_PER_WEEK = 100;

/** The longest period one run may cover. */
export const MAX_DETECTION_DAYS = 732;

const LINK_CHUNK = 1000;
/** The reads of one region (weekly counts, the period's texts) may take this long. */
const READ_TIMEOUT_MS = 10 * 60_000;

/**
 * Systemic-issue detection as a use case: loads a region's weekly counts and the period's appeals, runs the
 * detector (src/analytics/detection), and writes problem cards — new ones for new problems, updates for the open
 * cards they continue (see matching.ts) — each with its history record, in one transaction per region.
 * The GraphQL mutation, the command line and the schedule all call `run`.
 */
export class DetectionCommands {
  constructor(
    private readonly ctx: CommandContext,
    private readonly options: Partial<DetectionOptions> = {},
  ) {}

  async run(from: string, to: string, alarmsPerWeek?: number | null): Promise<DetectionSummary> {
    authorize(this.ctx.actor, 'detectSystemicIssues');
    const started = performance.now();
    if (!isLocalDate(from)) throw badInput('from', 'from must be a date YYYY-MM-DD');
    if (!isLocalDate(to)) throw badInput('to', 'to must be a date YYYY-MM-DD');
    if (from > to) throw badInput('to', 'to must not be before from');
    if (alarmsPerWeek != null && !(Number.isFinite(alarmsPerWeek) && alarmsPerWeek > 0 && alarmsPerWeek <= MAX_ALARMS_PER_WEEK)) {
      throw badInput('alarmsPerWeek', `alarmsPerWeek must be more than 0 and at most ${MAX_ALARMS_PER_WEEK}`);
    }
    const budget = alarmsPerWeek ?? this.options.alarmsPerWeek ?? DEFAULT_ALARMS_PER_WEEK;
    if (dayOfDate(to) - dayOfDate(from) > MAX_DETECTION_DAYS) throw badInput('from', `at most ${MAX_DETECTION_DAYS} days per run`);
    const today = toLocalDate(this.ctx.now());
    if (from > today) throw badInput('from', 'from is in the future');
    const effectiveTo = to > today ? today : to;
    const em = this.ctx.em;
    const regionIds = await this.regions(em, from, effectiveTo);
    const summary: DetectionSummary = {
      from,
      to: effectiveTo,
      regions: regionIds.length,
      appealsScanned: 0,
      testsRun: 0,
      spikeAlarms: 0,
      cusumAlarms: 0,
      clustersFound: 0,
      clusterAlarms: 0,
      cardsCreated: 0,
      cardsUpdated: 0,
      cardsUnchanged: 0,
      cardIds: [],
      falseDiscoveryRate: this.options.spikes?.fdr ?? DEFAULT_SPIKE_OPTIONS.fdr,
      alarmsPerWeek: budget,
      durationMs: 0,
    };
    for (const regionId of regionIds) await this.runRegion(regionId, from, effectiveTo, budget, summary);
    summary.durationMs = Math.round(performance.now() - started);
    return summary;
  }

  private async regions(em: EntityManager, from: string, to: string): Promise<number[]> {
    if (!this.ctx.actor.system && this.ctx.actor.regionId != null) return [this.ctx.actor.regionId];
    const rows = await query<{ region_id: number }>(
      em,
      'select distinct region_id from appeal where received_at >= ? and received_at < ? order by region_id',
      [startOfLocalDay(from), startOfLocalDay(addDays(to, 1))],
    );
    return rows.map((r) => Number(r.region_id));
  }

  private async runRegion(regionId: number, from: string, to: string, alarmsPerWeek: number, summary: DetectionSummary): Promise<void> {
    const spikeOptions = { ...DEFAULT_SPIKE_OPTIONS, ...this.options.spikes };
    const clusterWindow = this.options.clusters?.windowDays ?? 21;
    const em = this.ctx.em;
    const [first] = await query<{ first: string | null }>(em, 'select min(received_at) as first from appeal where region_id = ?', [regionId]);
    if (!first?.first) return;
    const historyStart = toLocalDate(new Date(String(first.first).replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')));
    const testFrom = weekOfDay(dayOfDate(from));
    const countsFromWeek = testFrom - spikeOptions.baselineWeeks - spikeOptions.gapWeeks - spikeOptions.cusumWarmupWeeks;
    const countsFrom = dateOfDay(countsFromWeek * 7 - 3);
    const end = startOfLocalDay(addDays(to, 1));
    // the reads of a large region take longer than an API statement may: one read-only transaction with its own limit
    const { counts, docRows } = await em.transactional(async (t) => {
      const tx = t as EntityManager;
      await query(tx, `set local statement_timeout = ${READ_TIMEOUT_MS}`);
      // weekly counts per district × parent topic (weeks: Monday-based, Kazakhstan time; see weeks.ts)
      const counts = await query<{ unit: number; topic: number; week: number; n: string }>(
        tx,
        `select a.admin_unit_id as unit, coalesce(t.parent_id, t.id) as topic,
                floor((floor((extract(epoch from a.received_at) + 18000) / 86400) + 3) / 7)::int as week, count(*) as n
           from appeal a join topic t on t.id = a.topic_id
          where a.region_id = ? and a.received_at >= ? and a.received_at < ? and a.out_of_scope is null
          group by 1, 2, 3`,
        [regionId, startOfLocalDay(countsFrom), end],
      );
      const docRows = await query<{ id: string; text: string; unit: number; topic: number | null; day: number; repeat_of_id: string | null; applicants: string[] | null }>(
        tx,
        `select a.id, a.text, a.admin_unit_id as unit, coalesce(t.parent_id, t.id) as topic,
                floor((extract(epoch from a.received_at) + 18000) / 86400)::int as day, a.repeat_of_id,
                (select array_agg(aa.applicant_id::text order by aa.position) from appeal_applicant aa where aa.appeal_id = a.id) as applicants
           from appeal a left join topic t on t.id = a.topic_id
          where a.region_id = ? and a.received_at >= ? and a.received_at < ? and a.out_of_scope is null
          order by a.received_at, a.id`,
        [regionId, startOfLocalDay(addDays(from, -clusterWindow)), end],
      );
      return { counts, docRows };
    });
    summary.appealsScanned += docRows.length;
    const units = [...new Set(counts.map((c) => String(c.unit)))].sort();
    const topics = [...new Set(counts.map((c) => String(c.topic)))].sort();
    const result = detectSystemicIssues(
      {
        from,
        to,
        historyStart,
        units,
        topics,
        weeklyCounts: counts.map((c) => ({ unit: String(c.unit), topic: String(c.topic), week: Number(c.week), count: Number(c.n) })),
        docs: docRows.map((r) => ({
          id: r.id,
          text: r.text,
          unit: String(r.unit),
          topic: r.topic == null ? null : String(r.topic),
          day: Number(r.day),
          repeatOf: r.repeat_of_id,
          applicants: (r.applicants ?? []).map(String),
        })),
      },
      { ...DEFAULT_DETECTION_OPTIONS, ...this.options, alarmsPerWeek },
    );
    summary.testsRun += result.testsRun;
    summary.spikeAlarms += result.spikeAlarms;
    summary.cusumAlarms += result.cusumAlarms;
    summary.clustersFound += result.clustersFound;
    summary.clusterAlarms += result.clusterAlarms;
    await em.transactional(async (tem) => {
      const tx = tem as EntityManager;
      // one detection at a time per region: two concurrent runs would both create the same card
      await query(tx, 'select pg_advisory_xact_lock(4710, ?)', [regionId]);
      const open = await this.openCards(tx, regionId);
      const names = await this.names(tx, result.candidates);
      for (const candidate of result.candidates) {
        const matched = matchOpenCard(candidate, open);
        if (matched) {
          const changed = await this.update(tx, regionId, matched, candidate, names, from, to);
          const ref = open.find((c) => c.id === matched)!;
          for (const a of candidate.appealIds) (ref.appealIds as Set<string>).add(a);
          if (changed) summary.cardsUpdated++;
          else summary.cardsUnchanged++;
          if (!summary.cardIds.includes(matched)) summary.cardIds.push(matched);
        } else {
          const id = await this.create(tx, regionId, candidate, names, from, to);
          open.push({ id, topic: candidate.topic, units: candidate.units, firstSeen: candidate.firstSeen, lastSeen: candidate.lastSeen, appealIds: new Set(candidate.appealIds) });
          summary.cardsCreated++;
          summary.cardIds.push(id);
        }
      }
    });
  }

  private async openCards(em: EntityManager, regionId: number): Promise<OpenCardRef[]> {
    const rows = await query<{ id: string; topic_id: number | null; first_seen: string; last_seen: string; units: number[] | null; appeals: string[] | null }>(
      em,
      `select c.id, c.topic_id, c.first_seen::text as first_seen, c.last_seen::text as last_seen,
              (select array_agg(u.admin_unit_id) from problem_card_unit u where u.card_id = c.id) as units,
              (select array_agg(p.appeal_id::text) from problem_card_appeal p where p.card_id = c.id) as appeals
         from problem_card c
        where c.region_id = ? and c.status = any(?::text[])
        order by c.created_at, c.id
        for update`,
      [regionId, pgArray(OPEN_PROBLEM_CARD_STATUSES)],
    );
    return rows.map((r) => ({
      id: r.id,
      topic: r.topic_id == null ? null : String(r.topic_id),
      units: (r.units ?? []).map(String),
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
      appealIds: new Set(r.appeals ?? []),
    }));
  }

  private async names(em: EntityManager, candidates: CardCandidate[]) {
    const unitIds = [...new Set(candidates.flatMap((c) => c.units))].map(Number);
    const topicIds = [...new Set(candidates.map((c) => c.topic).filter((t): t is string => t != null))].map(Number);
    const units = unitIds.length ? await em.find(AdminUnit, { id: { $in: unitIds } }) : [];
    const topics = topicIds.length ? await em.find(Topic, { id: { $in: topicIds } }) : [];
    return {
      unit: new Map(units.map((u) => [String(u.id), u.nameRu])),
      topic: new Map(topics.map((t) => [String(t.id), t.nameRu])),
    };
  }

  private titleOf(c: CardCandidate, names: { unit: Map<string, string>; topic: Map<string, string> }, units: string[]) {
    return cardTitle(c.topic ? names.topic.get(c.topic) ?? null : null, c.keyTerms, units.map((u) => names.unit.get(u) ?? u));
  }

  private async create(
    em: EntityManager,
    regionId: number,
    c: CardCandidate,
    names: { unit: Map<string, string>; topic: Map<string, string> },
    from: string,
    to: string,
  ): Promise<string> {
    const now = this.ctx.now();
    const card = new ProblemCard();
    card.region = em.getReference(AdminUnit, regionId) as any;
    card.title = this.titleOf(c, names, c.units);
    card.topic = c.topic ? (em.getReference(Topic, Number(c.topic)) as any) : null;
    card.status = 'new';
    card.severity = c.severity;
    card.severityParts = roundParts(c.severityParts);
    card.appealsCount = c.appealsCount;
    card.applicantsCount = c.applicantsCount;
    card.firstSeen = c.firstSeen;
    card.lastSeen = c.lastSeen;
    card.observed = c.observed;
    card.expected = c.expected;
    card.source = c.source;
    card.weeklyTrend = c.trend;
    card.keyTerms = c.keyTerms;
    card.evidence = c.evidence as unknown as Record<string, unknown>[];
    card.detectedFrom = from;
    card.detectedTo = to;
    card.createdAt = now;
    card.updatedAt = now;
    em.persist(card);
    await em.flush();
    await this.writeLinks(em, regionId, card.id, c.appealIds, c.representativeIds);
    recordHistory(
      em,
      this.ctx,
      {
        regionId,
        entityType: 'problem_card',
        entityId: card.id,
        action: 'detect',
        before: null,
        after: { title: card.title, status: card.status, severity: card.severity, appealsCount: card.appealsCount, applicantsCount: card.applicantsCount, firstSeen: card.firstSeen, lastSeen: card.lastSeen, units: c.units.map(Number), source: c.source, period: { from, to } },
      },
      now,
    );
    await em.flush();
    return card.id;
  }

  /** Merges a candidate into an open card: its appeals are added, everything else recomputed. */
  private async update(
    em: EntityManager,
    regionId: number,
    id: string,
    c: CardCandidate,
    names: { unit: Map<string, string>; topic: Map<string, string> },
    from: string,
    to: string,
  ): Promise<boolean> {
    const card = await em.findOneOrFail(ProblemCard, { id });
    const existing = new Set(
      (await query<{ appeal_id: string }>(em, 'select appeal_id from problem_card_appeal where card_id = ?', [id])).map((r) => r.appeal_id),
    );
    const added = c.appealIds.filter((a) => !existing.has(a));
    const representatives = new Set(
      (await query<{ appeal_id: string }>(em, 'select appeal_id from problem_card_appeal where card_id = ? and representative', [id])).map((r) => r.appeal_id),
    );
    const newRepresentatives = c.representativeIds.filter((a) => !representatives.has(a));
    await this.writeLinks(em, regionId, id, added, c.representativeIds, existing);
    if (added.length === 0 && newRepresentatives.length === 0 && sameEvidence(card.evidence, c.evidence as any) && card.lastSeen >= c.lastSeen && card.firstSeen <= c.firstSeen) {
      return false;
    }
    // the card's numbers come from all its appeals, old and new
    const [agg] = await query<{ appeals: string; applicants: string; anonymous: string; first_day: string; last_day: string }>(
      em,
      `select count(*) as appeals,
              (select count(distinct aa.applicant_id) from appeal_applicant aa join problem_card_appeal p2 on p2.appeal_id = aa.appeal_id where p2.card_id = ?) as applicants,
              count(*) filter (where not exists (select 1 from appeal_applicant aa where aa.appeal_id = a.id)) as anonymous,
              min(a.received_at at time zone 'UTC' + interval '5 hours')::date::text as first_day,
              max(a.received_at at time zone 'UTC' + interval '5 hours')::date::text as last_day
         from problem_card_appeal p join appeal a on a.id = p.appeal_id where p.card_id = ?`,
      [id, id],
    );
    const unitRows = await query<{ unit: number; n: string }>(
      em,
      `select a.admin_unit_id as unit, count(*) as n from problem_card_appeal p join appeal a on a.id = p.appeal_id
        where p.card_id = ? group by 1 order by 2 desc, 1`,
      [id],
    );
    await query(em, 'delete from problem_card_unit where card_id = ?', [id]);
    for (const u of unitRows) {
      await query(em, 'insert into problem_card_unit (id, region_id, card_id, admin_unit_id, appeals_count) values (gen_random_uuid(), ?, ?, ?, ?)', [regionId, id, u.unit, Number(u.n)]);
    }
    const before = { severity: card.severity, appealsCount: card.appealsCount, applicantsCount: card.applicantsCount, firstSeen: card.firstSeen, lastSeen: card.lastSeen, title: card.title };
    const appeals = Number(agg.appeals);
    const applicants = Number(agg.applicants) + Number(agg.anonymous);
    const units = unitRows.map((u) => String(u.unit));
    const observed = Math.max(c.observed, card.observed);
    const expected = c.observed >= card.observed ? c.expected : card.expected;
    const { severity, parts } = severityOf({ appeals, applicants, units: units.length, observed, expected, daysSinceLast: dayOfDate(to) - dayOfDate(agg.last_day) });
    card.title = this.titleOf(c, { ...names, unit: new Map([...names.unit, ...(await this.unitNames(em, units))]) }, units);
    card.severity = severity;
    card.severityParts = roundParts(parts);
    card.appealsCount = appeals;
    card.applicantsCount = applicants;
    card.firstSeen = agg.first_day;
    card.lastSeen = agg.last_day;
    card.observed = observed;
    card.expected = expected;
    card.source = card.source === c.source ? c.source : 'spike_and_cluster';
    card.weeklyTrend = mergeTrend(card.weeklyTrend, c.trend);
    card.keyTerms = c.keyTerms.length ? c.keyTerms : card.keyTerms;
    card.evidence = mergeEvidence(card.evidence, c.evidence as any);
    card.detectedFrom = from < card.detectedFrom ? from : card.detectedFrom;
    card.detectedTo = to > card.detectedTo ? to : card.detectedTo;
    card.updatedAt = this.ctx.now();
    recordHistory(
      em,
      this.ctx,
      {
        regionId,
        entityType: 'problem_card',
        entityId: id,
        action: 'redetect',
        before,
        after: { severity, appealsCount: appeals, applicantsCount: applicants, firstSeen: card.firstSeen, lastSeen: card.lastSeen, title: card.title, appealsAdded: added.length, period: { from, to } },
      },
      this.ctx.now(),
    );
    await em.flush();
    return true;
  }

  private async unitNames(em: EntityManager, ids: string[]): Promise<[string, string][]> {
    if (!ids.length) return [];
    const units = await em.find(AdminUnit, { id: { $in: ids.map(Number) } });
    return units.map((u) => [String(u.id), u.nameRu]);
  }

  private async writeLinks(em: EntityManager, regionId: number, cardId: string, appealIds: string[], representativeIds: string[], existing?: Set<string>) {
    const reps = new Set(representativeIds);
    for (let i = 0; i < appealIds.length; i += LINK_CHUNK) {
      const chunk = appealIds.slice(i, i + LINK_CHUNK);
      await query(
        em,
        `insert into problem_card_appeal (id, region_id, card_id, appeal_id, representative)
         select gen_random_uuid(), ?, ?, x.appeal_id, x.appeal_id = any(?::uuid[]) from unnest(?::uuid[]) as x(appeal_id)`,
        [regionId, cardId, pgArray([...reps]), pgArray(chunk)],
      );
    }
    if (existing) {
      // representatives: the latest run's choice among all the card's appeals
      await query(em, 'update problem_card_appeal set representative = (appeal_id = any(?::uuid[])) where card_id = ?', [pgArray([...reps]), cardId]);
      return;
    }
    const counts = new Map<string, number>();
    const rows = await query<{ unit: number; n: string }>(
      em,
      'select a.admin_unit_id as unit, count(*) as n from problem_card_appeal p join appeal a on a.id = p.appeal_id where p.card_id = ? group by 1',
      [cardId],
    );
    for (const r of rows) counts.set(String(r.unit), Number(r.n));
    for (const [unit, n] of counts) {
      await query(em, 'insert into problem_card_unit (id, region_id, card_id, admin_unit_id, appeals_count) values (gen_random_uuid(), ?, ?, ?, ?)', [regionId, cardId, Number(unit), n]);
    }
  }
}

function roundParts(p: Record<string, number> | object): Record<string, number> {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Math.round(Number(v) * 1000) / 1000]));
}

const evidenceKey = (e: any) => `${e.test}|${e.week}|${e.unit}|${e.topic}|${e.clusterSize ?? ''}`;

function sameEvidence(a: any[], b: any[]): boolean {
  const keys = new Set(a.map(evidenceKey));
  return b.every((e) => keys.has(evidenceKey(e)));
}

function mergeEvidence(a: any[], b: any[]): Record<string, unknown>[] {
  const out = new Map<string, any>();
  for (const e of a) out.set(evidenceKey(e), e);
  for (const e of b) out.set(evidenceKey(e), e);
  return [...out.values()].sort((x, y) => (x.week < y.week ? -1 : x.week > y.week ? 1 : 0));
}

function mergeTrend(a: { week: string; count: number; expected: number | null }[], b: { week: string; count: number; expected: number | null }[]) {
  const out = new Map(a.map((p) => [p.week, p]));
  for (const p of b) out.set(p.week, p);
  return [...out.values()].sort((x, y) => (x.week < y.week ? -1 : 1));
}

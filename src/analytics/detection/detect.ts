/**
 * Systemic-issue detection for one region, as plain code: weekly counts and appeal texts in, card candidates out.
 * The weekly test held to the alarm budget (windowed.ts) and the clusters (clusters.ts, tested against the
 * baseline of spikes.ts) each propose candidates, from the appeals received inside the period only; candidates that
 * share appeals become one; each gets its counts, trend, key terms, representative appeals, evidence and severity.
 * The database side (src/problem-cards/detection.commands.ts) loads the inputs and turns candidates into cards.
 */
import { benjaminiHochberg } from './multiple-testing';
import { nbUpperTail } from './negative-binomial';
import { clusterAppeals, type Cluster, type ClusterDoc, type ClusterOptions, type PreparedCorpus } from './clusters';
import { normalUpperTail } from './comparators';
import { SpikeModel, WeeklyCounts, type SpikeOptions } from './spikes';
import { baselineOf, calibrateThreshold, runWindowed, type WindowedOptions, type WindowedTest } from './windowed';
import { cosine, keyTerms } from './text-vectors';
import { UnionFind } from './union-find';
import { dateOfDay, dayOfDate, weekOfDay, weekStart } from './weeks';

export interface DetectionOptions {
  spikes: Partial<SpikeOptions>;
  clusters: Partial<ClusterOptions>;
  /** A cluster is tested only from this many appeals and distinct applicants. */
  minClusterAppeals: number;
  minClusterApplicants: number;
  /**
   * A campaign: near-copies from at least this many distinct applicants within `campaignDays`. It becomes a card
   * whatever the baseline (one letter signed by many is news even in a busy district).
   */
  campaignApplicants: number;
  campaignDays: number;
  representatives: number;
  keyTerms: number;
  /** A spike episode extends over adjacent weeks whose own p-value is below this. */
  extendP: number;
  /**
   * The alarm budget: weekly alarms a week the region's history would have raised (the threshold is calibrated on
   * the `calibrationWeeks` weeks before the period). The budget is a ceiling: a week is an alarm only where chance
   * alone would raise about one alarm a year among the region's weekly tests (p ≤ 1 / (52 × tests a week), and
   * never above EARS's z ≥ 3), so a quiet region raises fewer.
   */
  alarmsPerWeek: number;
  calibrationWeeks: number;
  weekly: Partial<WindowedOptions>;
}

/** The default alarm budget, from the evaluation on the St Petersburg history (README). */
export const DEFAULT_ALARMS_PER_WEEK = 1;
/** The least evidence a weekly alarm needs whatever the budget: EARS's z ≥ 3 … */
export const MAX_ALARM_P = normalUpperTail(3);
/** … and no more than about this many alarms a year from chance alone among a region's weekly tests. */
export const CHANCE_ALARMS_PER_YEAR = 1;

export const DEFAULT_DETECTION_OPTIONS: DetectionOptions = {
  spikes: {},
  clusters: {},
  minClusterAppeals: 3,
  minClusterApplicants: 3,
  campaignApplicants: 10,
  campaignDays: 14,
  representatives: 5,
  keyTerms: 5,
  extendP: 0.05,
  alarmsPerWeek: DEFAULT_ALARMS_PER_WEEK,
  calibrationWeeks: 26,
  weekly: {},
};

export interface DetectionInput {
  from: string;
  to: string;
  /** The first day of the region's history (weeks before it are unknown, not empty). */
  historyStart: string;
  units: readonly string[];
  topics: readonly string[];
  /** Appeals per unit × (parent) topic × week, for the baseline and the test weeks. */
  weeklyCounts: readonly { unit: string; topic: string; week: number; count: number }[];
  /** The appeals of the test period (and the cluster window before it), with their texts. */
  docs: readonly ClusterDoc[];
  /** For each unit, the others nearest first (neighbourhood evidence, when the weekly options ask for it). */
  neighbours?: Record<string, string[]>;
}

export type EvidenceTest = 'weekly_count' | 'negative_binomial' | 'cusum' | 'cluster';
/** A cluster's kind, or 'campaign' for near-copies from many people within `campaignDays`. */
export type EvidenceClusterKind = Cluster['kind'] | 'campaign';

export interface Evidence {
  test: EvidenceTest;
  /** For spike tests: the week (its Monday) and unit; for clusters: the first day. */
  week: string | null;
  unit: string | null;
  topic: string | null;
  observed: number;
  expected: number;
  pValue: number;
  qValue: number;
  /** CUSUM statistic (for cusum), mean similarity (for clusters), or distinct applicants in a fortnight (campaigns). */
  statistic: number | null;
  threshold: number | null;
  clusterKind: EvidenceClusterKind | null;
  clusterSize: number | null;
  uniqueApplicants: number | null;
}

export interface TrendPoint {
  week: string;
  count: number;
  expected: number | null;
}

export interface SeverityParts {
  size: number;
  applicants: number;
  spread: number;
  excess: number;
  recency: number;
}

export interface CardCandidate {
  source: 'spike' | 'cluster' | 'spike_and_cluster';
  topic: string | null;
  units: string[];
  /** Appeals per unit. */
  unitCounts: Record<string, number>;
  appealIds: string[];
  representativeIds: string[];
  appealsCount: number;
  applicantsCount: number;
  firstSeen: string;
  lastSeen: string;
  observed: number;
  expected: number;
  trend: TrendPoint[];
  keyTerms: string[];
  evidence: Evidence[];
  severity: number;
  severityParts: SeverityParts;
}

export interface DetectionResult {
  testsRun: number;
  /** The p-value at or below which a week was an alarm (from the budget and the region's history). */
  alarmThreshold: number;
  spikeAlarms: number;
  cusumAlarms: number;
  clustersFound: number;
  clusterTests: number;
  clusterAlarms: number;
  candidates: CardCandidate[];
  pairsCompared: number;
}

/**
 * Severity in 0–100, a weighted sum of five scores in 0–1:
 *   size      = 1 − e^(−appeals / 10)
 *   applicants= 1 − e^(−distinct applicants / 10)
 *   spread    = 1 − e^(−(admin units − 1) / 2)
 *   excess    = max(0, 1 − expected / observed)   (the share of the appeals above the baseline)
 *   recency   = e^(−days from the last appeal to the end of the period / 60)
 *   severity  = 100 × (0.20 size + 0.25 applicants + 0.10 spread + 0.30 excess + 0.15 recency)
 */
export function severityOf(p: { appeals: number; applicants: number; units: number; observed: number; expected: number; daysSinceLast: number }): {
  severity: number;
  parts: SeverityParts;
} {
  const parts: SeverityParts = {
    size: 1 - Math.exp(-p.appeals / 10),
    applicants: 1 - Math.exp(-p.applicants / 10),
    spread: 1 - Math.exp(-Math.max(0, p.units - 1) / 2),
    excess: p.observed > 0 && Number.isFinite(p.expected) ? Math.max(0, 1 - p.expected / p.observed) : 0,
    recency: Math.exp(-Math.max(0, p.daysSinceLast) / 60),
  };
  const s = 0.2 * parts.size + 0.25 * parts.applicants + 0.1 * parts.spread + 0.3 * parts.excess + 0.15 * parts.recency;
  return { severity: Math.round(1000 * s) / 10, parts };
}

/** "Водоснабжение: Каракемер, вода, насос — Енбекшиказахский район" */
export function cardTitle(topicName: string | null, terms: readonly string[], unitNames: readonly string[]): string {
  const head = terms.length ? terms.slice(0, 3).map((t, i) => (i === 0 ? t[0].toUpperCase() + t.slice(1) : t)).join(', ') : 'Рост числа обращений';
  const topic = topicName ? `${topicName}: ` : '';
  const where = unitNames.length === 0 ? '' : unitNames.length <= 2 ? ` — ${unitNames.join(', ')}` : ` — ${unitNames[0]} и ещё ${unitNames.length - 1}`;
  return `${topic}${head}${where}`.slice(0, 300);
}

interface Seed {
  kind: 'spike' | 'cluster';
  members: Set<number>;
  evidence: Evidence[];
  topic: string | null;
  units: Set<string>;
}

export function detectSystemicIssues(input: DetectionInput, options: Partial<DetectionOptions> = {}): DetectionResult {
  const o: DetectionOptions = { ...DEFAULT_DETECTION_OPTIONS, ...options };
  const fromDay = dayOfDate(input.from);
  const toDay = dayOfDate(input.to);
  const testFrom = weekOfDay(fromDay);
  const testTo = weekOfDay(toDay);
  const firstWeek = Math.min(weekOfDay(dayOfDate(input.historyStart)), testFrom);
  const counts = new WeeklyCounts(input.units, input.topics, firstWeek, testTo);
  for (const c of input.weeklyCounts) counts.add(c.unit, c.topic, c.week, c.count);
  // the baseline model serves the clusters' tests and the cards' trends
  const model = new SpikeModel(counts, o.spikes);
  // weekly alarms: the threshold that gives the budget on the region's own history before the period
  const neighbours = new Map<string, string[]>(Object.entries(input.neighbours ?? {}));
  const calFrom = Math.max(firstWeek, testFrom - o.calibrationWeeks);
  const weekly = runWindowed(counts, testFrom, testTo, neighbours, o.weekly, null, Math.max(o.extendP, MAX_ALARM_P));
  const testsPerWeek = Math.max(1, weekly.testsRun / Math.max(1, testTo - testFrom + 1));
  let alarmThreshold = Math.min(MAX_ALARM_P, CHANCE_ALARMS_PER_YEAR / (52 * testsPerWeek));
  if (testFrom - calFrom >= 4) {
    const history = runWindowed(counts, calFrom, testFrom - 1, neighbours, o.weekly, null, alarmThreshold);
    if (history.notable.length >= Math.round(o.alarmsPerWeek * (testFrom - calFrom))) {
      alarmThreshold = Math.min(alarmThreshold, calibrateThreshold(history.notable.map((t) => t.p), o.alarmsPerWeek, testFrom - calFrom));
    }
  }
  const weeklyAlarms = weekly.notable.filter((t) => t.p <= alarmThreshold);

  // only appeals received inside the period make cards (the cluster window before it only links texts)
  const docs = input.docs;
  const inPeriod = (i: number) => docs[i].day >= fromDay && docs[i].day <= toDay;
  const clustering = clusterAppeals(docs, o.clusters);
  const corpus = clustering.corpus;
  const docWeek = docs.map((d) => weekOfDay(d.day));
  const cellDocs = new Map<string, number[]>();
  docs.forEach((d, i) => {
    if (d.topic == null || !inPeriod(i)) return;
    const key = `${d.unit}|${d.topic}|${docWeek[i]}`;
    let l = cellDocs.get(key);
    if (!l) cellDocs.set(key, (l = []));
    l.push(i);
  });

  const seeds: Seed[] = [];
  // spikes: consecutive alarm weeks (a one-week gap allowed) of one unit × topic are one episode
  const elevated = new Set(weekly.notable.filter((t) => t.p < o.extendP).map((t) => `${t.unit}|${t.topic}|${t.week}`));
  const byCell = new Map<string, WindowedTest[]>();
  for (const a of weeklyAlarms) {
    const key = `${a.unit}|${a.topic}`;
    let l = byCell.get(key);
    if (!l) byCell.set(key, (l = []));
    l.push(a);
  }
  for (const alarms of byCell.values()) {
    alarms.sort((a, b) => a.week - b.week);
    let episode: WindowedTest[] = [];
    const flush = () => {
      if (!episode.length) return;
      const members = new Set<number>();
      const { unit, topic } = episode[0];
      // the episode takes in the neighbouring weeks that are high on their own (p < extendP), or high against the
      // baseline of its first week (an outbreak's first week is in its second week's baseline)
      let first = episode[0].week;
      let last = episode[episode.length - 1].week;
      const before = baselineOf(counts, unit, topic, first, o.weekly);
      const high = (w: number) =>
        elevated.has(`${unit}|${topic}|${w}`) ||
        (before !== null && w >= testFrom && w <= testTo && counts.get(unit, topic, w) >= 3 && normalUpperTail((counts.get(unit, topic, w) - before.mean) / before.sd) < o.extendP);
      while (high(first - 1)) first--;
      while (high(last + 1)) last++;
      for (let w = first; w <= last; w++) for (const i of cellDocs.get(`${unit}|${topic}|${w}`) ?? []) members.add(i);
      seeds.push({
        kind: 'spike',
        members,
        topic: episode[0].topic,
        units: new Set([episode[0].unit]),
        evidence: episode.map((a) => weeklyEvidence(a, alarmThreshold)),
      });
      episode = [];
    };
    for (const a of alarms) {
      if (episode.length && a.week - episode[episode.length - 1].week > 2) flush();
      episode.push(a);
    }
    flush();
  }
  // clusters: tested against the baseline of the cells they sit in
  const tested: { cluster: Cluster; observed: number; expected: number; p: number }[] = [];
  for (const whole of clustering.clusters) {
    const c = withinPeriod(whole, docs, inPeriod);
    if (c.members.length < o.minClusterAppeals || c.uniqueApplicants < o.minClusterApplicants) continue;
    const w0 = weekOfDay(c.firstDay);
    const w1 = weekOfDay(c.lastDay);
    const cells = new Set(c.members.filter((i) => docs[i].topic != null).map((i) => `${docs[i].unit}|${docs[i].topic}`));
    let expected = 0;
    let size = 0;
    for (const cell of cells) {
      const [unit, topic] = cell.split('|');
      for (let w = w0; w <= w1; w++) {
        const mu = model.expectedAt(unit, topic, w);
        if (!Number.isFinite(mu)) continue;
        expected += mu;
        const b = model.baseline(w);
        const idx = counts.index(unit, topic);
        size += b && idx >= 0 ? b.size[idx] : Infinity;
      }
    }
    const observed = c.members.length;
    const p = expected > 0 ? nbUpperTail(observed, expected, Number.isFinite(size) ? size : Infinity) : 1;
    tested.push({ cluster: c, observed, expected, p });
  }
  const q = benjaminiHochberg(tested.map((t) => t.p));
  const fdr = model.options.fdr;
  let clusterAlarms = 0;
  tested.forEach((t, k) => {
    if (q[k] > fdr) return;
    clusterAlarms++;
    const c = t.cluster;
    seeds.push({
      kind: 'cluster',
      members: new Set(c.members),
      topic: c.topics.length === 1 ? c.topics[0] : null,
      units: new Set(c.units),
      evidence: [
        {
          test: 'cluster',
          week: dateOfDay(c.firstDay),
          unit: c.units.length === 1 ? c.units[0] : null,
          topic: c.topics.length === 1 ? c.topics[0] : null,
          observed: t.observed,
          expected: round(t.expected, 4),
          pValue: t.p,
          qValue: q[k],
          statistic: round(c.meanSimilarity, 3),
          threshold: null,
          clusterKind: c.kind,
          clusterSize: c.members.length,
          uniqueApplicants: c.uniqueApplicants,
        },
      ],
    });
  });

  // campaigns: one letter from many people within a fortnight, whatever the baseline
  let campaigns = 0;
  for (const whole of clustering.nearCopyGroups) {
    const group = whole.filter(inPeriod);
    if (!group.length) continue;
    const dense = densestApplicants(group, docs, o.campaignDays);
    if (dense < o.campaignApplicants) continue;
    campaigns++;
    const topics = [...new Set(group.map((i) => docs[i].topic).filter((t): t is string => t != null))];
    const units = [...new Set(group.map((i) => docs[i].unit))];
    const people = new Set(group.flatMap((i) => (docs[i].applicants.length ? docs[i].applicants : [`anonymous:${docs[i].id}`])));
    seeds.push({
      kind: 'cluster',
      members: new Set(group),
      topic: topics.length === 1 ? topics[0] : null,
      units: new Set(units),
      evidence: [
        {
          test: 'cluster',
          week: dateOfDay(docs[group[0]].day),
          unit: units.length === 1 ? units[0] : null,
          topic: topics.length === 1 ? topics[0] : null,
          observed: group.length,
          expected: 0,
          pValue: 0,
          qValue: 0,
          statistic: dense,
          threshold: o.campaignApplicants,
          clusterKind: 'campaign',
          clusterSize: group.length,
          uniqueApplicants: people.size,
        },
      ],
    });
  }

  // seeds sharing appeals become one candidate
  const uf = new UnionFind(seeds.length);
  const owner = new Map<number, number>();
  seeds.forEach((s, k) => {
    for (const i of s.members) {
      const prev = owner.get(i);
      if (prev === undefined) owner.set(i, k);
      else uf.union(prev, k);
    }
  });
  const groups = new Map<number, Seed[]>();
  seeds.forEach((s, k) => {
    const r = uf.find(k);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(s);
  });
  const candidates: CardCandidate[] = [];
  for (const group of groups.values()) {
    const c = buildCandidate(group, docs, corpus, model, counts, toDay, o);
    if (c) candidates.push(c);
  }
  candidates.sort((a, b) => b.severity - a.severity || b.appealsCount - a.appealsCount || (a.firstSeen < b.firstSeen ? -1 : 1));
  return {
    testsRun: weekly.testsRun + tested.length,
    alarmThreshold,
    spikeAlarms: weeklyAlarms.length,
    cusumAlarms: 0,
    clustersFound: clustering.clusters.length,
    clusterTests: tested.length,
    clusterAlarms: clusterAlarms + campaigns,
    candidates,
    pairsCompared: clustering.pairsCompared,
  };
}

/** The most distinct applicants among a group's appeals (in order of receipt) within any `days` consecutive days. */
function densestApplicants(members: readonly number[], docs: readonly ClusterDoc[], days: number): number {
  let best = 0;
  let lo = 0;
  const window = new Map<string, number>();
  const add = (i: number, d: number) => {
    const people = docs[i].applicants.length ? docs[i].applicants : [`anonymous:${docs[i].id}`];
    for (const a of people) {
      const n = (window.get(a) ?? 0) + d;
      if (n === 0) window.delete(a);
      else window.set(a, n);
    }
  };
  for (let hi = 0; hi < members.length; hi++) {
    add(members[hi], 1);
    while (docs[members[hi]].day - docs[members[lo]].day >= days) add(members[lo++], -1);
    best = Math.max(best, window.size);
  }
  return best;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function weeklyEvidence(a: WindowedTest, threshold: number): Evidence {
  return {
    test: 'weekly_count',
    week: weekStart(a.week),
    unit: a.unit,
    topic: a.topic,
    observed: a.windowObserved,
    expected: round(a.windowExpected, 4),
    pValue: a.p,
    qValue: a.score,
    statistic: null,
    threshold,
    clusterKind: null,
    clusterSize: null,
    uniqueApplicants: null,
  };
}

/** A cluster restricted to the appeals of the period: its members, days, districts, topics and applicants. */
function withinPeriod(c: Cluster, docs: readonly ClusterDoc[], inPeriod: (i: number) => boolean): Cluster {
  const members = c.members.filter(inPeriod);
  if (members.length === c.members.length) return c;
  const people = new Set(members.flatMap((i) => (docs[i].applicants.length ? docs[i].applicants : [`anonymous:${docs[i].id}`])));
  return {
    ...c,
    members,
    firstDay: members.length ? Math.min(...members.map((i) => docs[i].day)) : c.firstDay,
    lastDay: members.length ? Math.max(...members.map((i) => docs[i].day)) : c.lastDay,
    units: [...new Set(members.map((i) => docs[i].unit))],
    topics: [...new Set(members.map((i) => docs[i].topic).filter((t): t is string => t != null))],
    uniqueApplicants: people.size,
  };
}

function mostCommon(values: (string | null)[]): string | null {
  const n = new Map<string, number>();
  for (const v of values) if (v != null) n.set(v, (n.get(v) ?? 0) + 1);
  let best: string | null = null;
  let bestN = 0;
  for (const [v, k] of n) if (k > bestN || (k === bestN && best !== null && v < best)) [best, bestN] = [v, k];
  return best;
}

function buildCandidate(
  group: Seed[],
  docs: readonly ClusterDoc[],
  corpus: PreparedCorpus,
  model: SpikeModel,
  counts: WeeklyCounts,
  toDay: number,
  o: DetectionOptions,
): CardCandidate | null {
  const members = new Set<number>();
  for (const s of group) for (const i of s.members) members.add(i);
  if (members.size === 0) return null;
  const list = [...members].sort((a, b) => docs[a].day - docs[b].day || a - b);
  const topic = mostCommon(group.map((s) => s.topic).filter((t) => t != null).length ? group.map((s) => s.topic) : list.map((i) => docs[i].topic));
  const unitCounts: Record<string, number> = {};
  for (const i of list) unitCounts[docs[i].unit] = (unitCounts[docs[i].unit] ?? 0) + 1;
  const units = Object.keys(unitCounts).sort((a, b) => unitCounts[b] - unitCounts[a] || (a < b ? -1 : 1));
  const applicants = new Set<string>();
  let anonymous = 0;
  for (const i of list) {
    if (docs[i].applicants.length === 0) anonymous++;
    for (const a of docs[i].applicants) applicants.add(a);
  }
  const firstDay = docs[list[0]].day;
  const lastDay = docs[list[list.length - 1]].day;
  // observed and expected over the candidate's cells and weeks
  const w0 = weekOfDay(firstDay);
  const w1 = weekOfDay(lastDay);
  const cells = new Set(list.filter((i) => docs[i].topic != null).map((i) => `${docs[i].unit}|${docs[i].topic}`));
  const trend: TrendPoint[] = [];
  let expected = 0;
  let observedInCells = 0;
  for (let w = Math.max(counts.firstWeek, w0 - 4); w <= Math.min(counts.lastWeek, w1 + 1); w++) {
    let count = 0;
    let exp = 0;
    let known = true;
    for (const cell of cells) {
      const [unit, topic] = cell.split('|');
      count += counts.get(unit, topic, w);
      const mu = model.expectedAt(unit, topic, w);
      if (Number.isFinite(mu)) exp += mu;
      else known = false;
    }
    trend.push({ week: weekStart(w), count, expected: known ? round(exp, 3) : null });
    if (w >= w0 && w <= w1) {
      if (known) expected += exp;
      observedInCells += count;
    }
  }
  const observed = Math.max(list.length, observedInCells);
  const { severity, parts } = severityOf({
    appeals: list.length,
    applicants: applicants.size + anonymous,
    units: units.length,
    observed,
    expected,
    daysSinceLast: toDay - lastDay,
  });
  // representatives: the most central texts (cosine to the centroid)
  const centroid = new Map<number, number>();
  for (const i of list) {
    const ids = corpus.bags[i].ids;
    const w = corpus.weights[i];
    for (let t = 0; t < ids.length; t++) centroid.set(ids[t], (centroid.get(ids[t]) ?? 0) + w[t]);
  }
  const centrality = (i: number) => {
    const ids = corpus.bags[i].ids;
    const w = corpus.weights[i];
    let s = 0;
    for (let t = 0; t < ids.length; t++) s += w[t] * (centroid.get(ids[t]) ?? 0);
    return s;
  };
  const ranked = [...list].sort((a, b) => centrality(b) - centrality(a) || docs[a].day - docs[b].day);
  // representatives: the most central texts, but one of each group of near-identical ones (five copies of one
  // letter say less than a copy and four people's own words); copies fill in only when nothing else is left
  const chosen: number[] = [];
  const similar = (i: number, j: number) => cosine(corpus.bags[i].ids, corpus.weights[i], corpus.bags[j].ids, corpus.weights[j]) >= 0.8;
  for (const i of ranked) {
    if (chosen.length >= o.representatives) break;
    if (!chosen.some((j) => similar(i, j))) chosen.push(i);
  }
  for (const i of ranked) {
    if (chosen.length >= o.representatives) break;
    if (!chosen.includes(i)) chosen.push(i);
  }
  const representatives = chosen.map((i) => docs[i].id);
  const sample = ranked.slice(0, 200).map((i) => docs[i].text);
  const idf = (term: string) => {
    const id = corpus.vocab.lookup(term);
    return id === undefined ? 1 : corpus.vocab.idf(id);
  };
  const kinds = new Set(group.map((s) => s.kind));
  return {
    source: kinds.size === 2 ? 'spike_and_cluster' : kinds.has('spike') ? 'spike' : 'cluster',
    topic,
    units,
    unitCounts,
    appealIds: list.map((i) => docs[i].id),
    representativeIds: representatives,
    appealsCount: list.length,
    applicantsCount: applicants.size + anonymous,
    firstSeen: dateOfDay(firstDay),
    lastSeen: dateOfDay(lastDay),
    observed,
    expected: round(expected, 3),
    trend,
    keyTerms: keyTerms(sample, idf, o.keyTerms),
    evidence: group.flatMap((s) => s.evidence),
    severity,
    severityParts: parts,
  };
}

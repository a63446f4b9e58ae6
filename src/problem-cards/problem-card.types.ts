import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { toDate } from '../db/sql';
import { ProblemCardSourceEnum, ProblemCardStatusEnum } from '../graphql/enums';
import type { ProblemCardStatus } from './domain/card-status';
import type { ProblemCardSource } from './domain/card-status';

@ObjectType('ProblemCardWeek', { description: 'Appeals in the card’s districts and topic in one week, and what the baseline expected' })
export class ProblemCardWeekView {
  @Field(() => LocalDateResolver, { description: 'The Monday of the week' }) week!: string;
  @Field(() => Int) count!: number;
  @Field(() => Float, { nullable: true, description: 'Null before the history is long enough for a baseline' }) expected!: number | null;
}

@ObjectType('ProblemCardEvidence', { description: 'A test that fired: the negative binomial test, the CUSUM or a cluster' })
export class ProblemCardEvidenceView {
  @Field(() => String, { description: 'weekly_count (the weekly test held to the alarm budget) | cluster; negative_binomial | cusum on cards found before the alarm budget' }) test!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: 'The week (its Monday) of a spike test, the first day of a cluster' }) week!: string | null;
  @Field(() => ID, { nullable: true }) adminUnitId!: string | null;
  @Field(() => ID, { nullable: true }) topicId!: string | null;
  @Field(() => Int) observed!: number;
  @Field(() => Float) expected!: number;
  @Field(() => Float) pValue!: number;
  @Field(() => Float, { description: 'Clusters: the Benjamini–Hochberg q-value among the run’s cluster tests; weekly_count: the share of the region’s history tests with a p-value this small' }) qValue!: number;
  @Field(() => Float, { nullable: true, description: 'CUSUM statistic, the mean similarity of a cluster, or a campaign’s distinct applicants within a fortnight' }) statistic!: number | null;
  @Field(() => Float, { nullable: true, description: 'The level the statistic had to reach (weekly_count: the p-value threshold of the alarm budget; p for the NB test, h for the CUSUM on older cards)' }) threshold!: number | null;
  @Field(() => String, { nullable: true, description: 'near_copy | same_issue | repeated | campaign (near-copies from many people within a fortnight)' }) clusterKind!: string | null;
  @Field(() => Int, { nullable: true }) clusterSize!: number | null;
  @Field(() => Int, { nullable: true }) uniqueApplicants!: number | null;
}

@ObjectType('ProblemCardSeverity', { description: 'The parts of the severity score, each 0–1 (see the detection README)' })
export class ProblemCardSeverityView {
  @Field(() => Float) size!: number;
  @Field(() => Float) applicants!: number;
  @Field(() => Float) spread!: number;
  @Field(() => Float) excess!: number;
  @Field(() => Float) recency!: number;
}

@ObjectType('ProblemCard', { description: 'A problem card (карта проблемных вопросов, regulation 7.2): a systemic issue and the work on it' })
export class ProblemCardView {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => ProblemCardStatusEnum) status!: ProblemCardStatus;
  @Field(() => Float, { description: '0–100: size, applicants, spread over districts, excess over the baseline, recency' }) severity!: number;
  @Field(() => ProblemCardSeverityView) severityParts!: ProblemCardSeverityView;
  @Field(() => Int) appealsCount!: number;
  @Field(() => Int, { description: 'Distinct applicants (an anonymous appeal counts as one)' }) applicantsCount!: number;
  @Field(() => LocalDateResolver) firstSeen!: string;
  @Field(() => LocalDateResolver) lastSeen!: string;
  @Field(() => Int, { description: 'Appeals in the card’s districts × topic over its weeks' }) observed!: number;
  @Field(() => Float, { description: 'What the baseline expected there' }) expected!: number;
  @Field(() => ProblemCardSourceEnum) source!: ProblemCardSource;
  @Field(() => [String]) keyTerms!: string[];
  @Field(() => [ProblemCardWeekView]) weeklyTrend!: ProblemCardWeekView[];
  @Field(() => [ProblemCardEvidenceView]) evidence!: ProblemCardEvidenceView[];
  @Field(() => LocalDateResolver) detectedFrom!: string;
  @Field(() => LocalDateResolver) detectedTo!: string;
  @Field(() => DateTimeResolver, { nullable: true }) statusChangedAt!: Date | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver) updatedAt!: Date;
  @Field(() => Int, { description: 'Optimistic-lock version; pass it back as expectedVersion' }) version!: number;
  regionId!: string;
  topicId!: string | null;
}

export const PROBLEM_CARD_COLUMNS = `c.id, c.region_id, c.title, c.topic_id, c.status, c.severity, c.severity_parts, c.appeals_count,
  c.applicants_count, c.first_seen::text as first_seen, c.last_seen::text as last_seen, c.observed, c.expected, c.source,
  c.weekly_trend, c.key_terms, c.evidence, c.detected_from::text as detected_from, c.detected_to::text as detected_to,
  c.status_changed_at, c.created_at, c.updated_at, c.version`;

const num = (v: unknown) => (v == null ? 0 : Number(v));

export function toProblemCardView(r: any): ProblemCardView {
  const parts = r.severity_parts ?? {};
  return {
    id: r.id,
    regionId: String(r.region_id),
    title: r.title,
    topicId: r.topic_id == null ? null : String(r.topic_id),
    status: r.status,
    severity: num(r.severity),
    severityParts: { size: num(parts.size), applicants: num(parts.applicants), spread: num(parts.spread), excess: num(parts.excess), recency: num(parts.recency) },
    appealsCount: num(r.appeals_count),
    applicantsCount: num(r.applicants_count),
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    observed: num(r.observed),
    expected: num(r.expected),
    source: r.source,
    keyTerms: r.key_terms ?? [],
    weeklyTrend: (r.weekly_trend ?? []).map((p: any) => ({ week: p.week, count: num(p.count), expected: p.expected == null ? null : Number(p.expected) })),
    evidence: (r.evidence ?? []).map((e: any) => ({
      test: e.test,
      week: e.week ?? null,
      adminUnitId: e.unit == null ? null : String(e.unit),
      topicId: e.topic == null ? null : String(e.topic),
      observed: num(e.observed),
      expected: num(e.expected),
      pValue: num(e.pValue),
      qValue: num(e.qValue),
      statistic: e.statistic == null ? null : Number(e.statistic),
      threshold: e.threshold == null ? null : Number(e.threshold),
      clusterKind: e.clusterKind ?? null,
      clusterSize: e.clusterSize ?? null,
      uniqueApplicants: e.uniqueApplicants ?? null,
    })),
    detectedFrom: r.detected_from,
    detectedTo: r.detected_to,
    statusChangedAt: toDate(r.status_changed_at),
    createdAt: toDate(r.created_at)!,
    updatedAt: toDate(r.updated_at)!,
    version: num(r.version),
  };
}

@ObjectType('ProblemCardAdminUnit', { description: 'A district (or city) the card covers, with its appeals there' })
export class ProblemCardUnitView {
  @Field(() => Int) appealsCount!: number;
  adminUnitId!: string;
  cardId!: string;
}

@ObjectType('ProblemCardAppeal', {
  description: 'A representative appeal of a card. Its text is masked for roles without access to personal data; `appeal` is for roles that read appeals.',
})
export class ProblemCardAppealView {
  @Field(() => ID) appealId!: string;
  @Field(() => String) registrationNumber!: string;
  @Field(() => DateTimeResolver) receivedAt!: Date;
  // `text` and `summary` are exposed by the resolver so they can be masked per role
  text!: string;
  summary!: string | null;
  adminUnitId!: string;
  cardId!: string;
}

@ObjectType('ProblemCardNote', { description: 'An analyst’s note on a card' })
export class ProblemCardNoteView {
  @Field(() => ID) id!: string;
  @Field(() => DateTimeResolver) createdAt!: Date;
  text!: string;
  authorId!: string;
  cardId!: string;
}

@ObjectType('DetectionSummary', { description: 'What one detection run did' })
export class DetectionSummaryView {
  @Field(() => LocalDateResolver) from!: string;
  @Field(() => LocalDateResolver, { description: 'The end of the period (today when a later date was asked for)' }) to!: string;
  @Field(() => Int) regions!: number;
  @Field(() => Int) appealsScanned!: number;
  @Field(() => Int, { description: 'District × topic × week tests, plus one test per cluster' }) testsRun!: number;
  @Field(() => Int, { description: 'District × topic × weeks flagged by the weekly test at the alarm budget' }) spikeAlarms!: number;
  @Field(() => Int, { description: 'Always 0: the CUSUM is no longer run (it lost to the weekly test at equal alarm budgets); kept for old clients' }) cusumAlarms!: number;
  @Field(() => Int) clustersFound!: number;
  @Field(() => Int, { description: 'Clusters above the baseline of the districts and topics they sit in' }) clusterAlarms!: number;
  @Field(() => Int) cardsCreated!: number;
  @Field(() => Int) cardsUpdated!: number;
  @Field(() => Int) cardsUnchanged!: number;
  @Field(() => [ID]) cardIds!: string[];
  @Field(() => Float, { description: 'The Benjamini–Hochberg false discovery rate the cluster tests were held to' }) falseDiscoveryRate!: number;
  @Field(() => Float, { description: 'The alarm budget the weekly tests were held to: alarms a week per region, calibrated on its history' }) alarmsPerWeek!: number;
  @Field(() => Int) durationMs!: number;
}

@ObjectType('SimilarAppeal', { description: 'An appeal like the one asked about, with how alike they are' })
export class SimilarAppealView {
  @Field(() => Float, { description: '0–1: the larger of the trigram similarity and the MinHash estimate of shingle overlap' }) score!: number;
  @Field(() => Float, { description: 'pg_trgm similarity of the texts' }) trigramSimilarity!: number;
  @Field(() => Float, { description: 'MinHash estimate of the Jaccard similarity of 5-character shingles' }) shingleSimilarity!: number;
  @Field(() => Boolean, { description: 'A near-copy (shingle similarity ≥ 0.6)' }) nearCopy!: boolean;
  @Field(() => Boolean, { description: 'The same applicant' }) sameApplicant!: boolean;
  appealId!: string;
}

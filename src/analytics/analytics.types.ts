import { LocalDateResolver } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { AppealStatus } from '../appeals/domain/appeal-status';
import type { AppealForm } from '../appeals/domain/deadline-rules';
import type { AppealChannel } from '../appeals/domain/vocabulary';
import type { AdminLevel } from '../geo/admin-unit.entity';
import {
  AdminLevelEnum,
  AppealChannelEnum,
  AppealFormEnum,
  AppealStatusEnum,
  StatsDimensionEnum,
} from '../graphql/enums';
import type { StatsDimension } from './domain/vocabulary';

// ───────────────────────────── inputs ─────────────────────────────

@InputType('AnalyticsFilter', { description: 'Appeals received (local date, UTC+5) from `from` to `to` inclusive, narrowed by the rest' })
export class AnalyticsFilter {
  @Field(() => LocalDateResolver) from!: string;
  @Field(() => LocalDateResolver) to!: string;
  @Field(() => ID, { nullable: true }) regionId?: string | null;
  @Field(() => ID, { nullable: true }) districtId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A topic and its subtopics' }) topicId?: string | null;
  @Field(() => [AppealFormEnum], { nullable: true }) form?: AppealForm[] | null;
  @Field(() => [AppealChannelEnum], { nullable: true }) channel?: AppealChannel[] | null;
  @Field(() => [AppealStatusEnum], { nullable: true }) status?: AppealStatus[] | null;
  @Field(() => ID, { nullable: true, description: 'The lead executor organization' }) executorId?: string | null;
}

@InputType('ProblemMapFilter', { description: 'A problem map: the period (at most 1100 days), the level of its cells, and what to count' })
export class ProblemMapFilter {
  @Field(() => LocalDateResolver) from!: string;
  @Field(() => LocalDateResolver) to!: string;
  @Field(() => AdminLevelEnum, { defaultValue: 'district', description: 'One cell per region or per district' }) level!: AdminLevel;
  @Field(() => ID, { nullable: true, description: 'Only this region (its districts, or itself); default: every region with appeals on record' })
  regionId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A topic and its subtopics' }) topicId?: string | null;
  @Field(() => [AppealFormEnum], { nullable: true }) form?: AppealForm[] | null;
  @Field(() => [AppealChannelEnum], { nullable: true }) channel?: AppealChannel[] | null;
}

// ───────────────────────────── problem map ─────────────────────────────

@ObjectType('TopicCount')
export class TopicCountView {
  @Field(() => ID) topicId!: string;
  @Field(() => String, { description: 'Name in the requested language' }) name!: string;
  @Field(() => Int) appeals!: number;
}

@ObjectType('ProblemMapCell', { description: 'One admin unit of a problem map' })
export class ProblemMapCellView {
  @Field(() => ID) unitId!: string;
  @Field(() => String, { description: 'KATO code (9 digits), the key of the boundary in the GeoJSON' }) kato!: string;
  @Field(() => String, { description: 'Name in the requested language' }) name!: string;
  @Field(() => Int, { description: 'Appeals received in the period' }) appeals!: number;
  @Field(() => Int, { description: 'Distinct first-named applicants of those appeals (anonymous appeals count none)' })
  uniqueApplicants!: number;
  @Field(() => Float, {
    nullable: true,
    description:
      'Appeals per 10,000 residents. Null while the unit has no population figure (admin_unit.population is not loaded yet): none is invented',
  })
  ratePer10k!: number | null;
  @Field(() => Int, { nullable: true, description: 'Appeals in the previous period of equal length (null before the records begin)' })
  previousAppeals!: number | null;
  @Field(() => Int, { nullable: true, description: 'appeals − previousAppeals' }) change!: number | null;
  @Field(() => Float, { nullable: true, description: 'Change in percent of the previous period (null when it had none)' })
  changePercent!: number | null;
  @Field(() => [Int], { description: 'Counts of the earlier periods in the baseline, most recent first' }) history!: number[];
  @Field(() => Float, { nullable: true, description: 'Expected count from the unit’s history: (Σ history + ½) / periods' })
  expected!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'How unusual the count is against the unit’s own history: −log10 of the upper-tail p-value of a negative binomial ' +
      '(Gamma–Poisson) fitted to the earlier periods of equal length (up to 6, only after the first appeal on record; at ' +
      'least 3 needed, else null). 0 = ordinary, 2 = a 1-in-100 event, 3 = 1-in-1000. See src/analytics/README.md',
  })
  unusualness!: number | null;
  @Field(() => Float, { nullable: true, description: 'P(a count at least this high | the unit’s history)' }) pValue!: number | null;
  @Field(() => Boolean, { description: 'pValue below 0.05 / (units scored on this map): Bonferroni, 5% family-wise' }) unusual!: boolean;
  @Field(() => [TopicCountView], { description: 'The 3 most frequent topics of the period' }) topTopics!: TopicCountView[];
  @Field(() => Int, { description: 'Overdue as of today' }) overdue!: number;
  @Field(() => Float, { nullable: true }) overdueShare!: number | null;
  @Field(() => Int, { description: 'Repeated appeals' }) repeated!: number;
  @Field(() => Float, { nullable: true }) repeatedShare!: number | null;
}

@ObjectType('ProblemMap', { description: 'Problem map of a period (regulation 7.2)' })
export class ProblemMapView {
  @Field(() => LocalDateResolver) from!: string;
  @Field(() => LocalDateResolver) to!: string;
  @Field(() => AdminLevelEnum) level!: AdminLevel;
  @Field(() => LocalDateResolver) previousFrom!: string;
  @Field(() => LocalDateResolver) previousTo!: string;
  @Field(() => Int, { description: 'Earlier periods of equal length in the baseline (0–6)' }) baselinePeriods!: number;
  @Field(() => LocalDateResolver, { nullable: true, description: 'First day with an appeal on record in the scope' })
  historyStart!: string | null;
  @Field(() => Int) totalAppeals!: number;
  @Field(() => Int, { description: 'Appeals about a region as a whole (no district): on no district cell' }) appealsWithoutDistrict!: number;
  @Field(() => Float, { description: 'The p-value below which a cell is flagged unusual' }) unusualThreshold!: number;
  @Field(() => [ProblemMapCellView]) cells!: ProblemMapCellView[];
}

// ───────────────────────────── stats ─────────────────────────────

@ObjectType('GroupKey')
export class GroupKeyView {
  @Field(() => StatsDimensionEnum) dimension!: StatsDimension;
  @Field(() => String, { nullable: true, description: 'The id, enum value, week (its Monday) or month (YYYY-MM); null = none' })
  value!: string | null;
  @Field(() => String, { description: 'Readable, in the requested language' }) label!: string;
}

@ObjectType('AppealStatsRow')
export class AppealStatsRowView {
  @Field(() => [GroupKeyView], { description: 'The group, in the order of groupBy' }) keys!: GroupKeyView[];
  @Field(() => ID, { nullable: true }) regionId!: string | null;
  @Field(() => ID, { nullable: true }) districtId!: string | null;
  @Field(() => ID, { nullable: true }) topicId!: string | null;
  @Field(() => AppealFormEnum, { nullable: true }) form!: AppealForm | null;
  @Field(() => AppealChannelEnum, { nullable: true }) channel!: AppealChannel | null;
  @Field(() => AppealStatusEnum, { nullable: true }) status!: AppealStatus | null;
  @Field(() => ID, { nullable: true, description: 'Lead executor organization' }) executorId!: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Monday of the ISO week' }) week!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM' }) month!: string | null;
  @Field(() => Int) appeals!: number;
  @Field(() => Int, { description: 'Overdue as of today: open past the deadline in force, or finished after it (forwarded never)' })
  overdue!: number;
  @Field(() => Float, { nullable: true }) overdueShare!: number | null;
  @Field(() => Int, { description: 'A response stands (answered or closed)' }) answered!: number;
  @Field(() => Int, { description: 'Answered on or before the deadline in force' }) answeredOnTime!: number;
  @Field(() => Float, { nullable: true, description: 'answeredOnTime / answered' }) onTimeRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Working days from receipt to the standing response (production calendar)' })
  meanWorkingDaysToAnswer!: number | null;
  @Field(() => Float, { nullable: true }) medianWorkingDaysToAnswer!: number | null;
  @Field(() => Int, { description: 'At least one response returned for rework' }) reworked!: number;
  @Field(() => Float, { nullable: true, description: 'reworked / appeals that got a response' }) reworkRate!: number | null;
  @Field(() => Int) repeated!: number;
  @Field(() => Float, { nullable: true }) repeatedShare!: number | null;
}

// ───────────────────────────── discipline ─────────────────────────────

@ObjectType('ExecutiveDisciplineRow', { description: 'One organization as lead executor (regulation 9.x)' })
export class DisciplineRowView {
  @Field(() => ID) organizationId!: string;
  @Field(() => String) name!: string;
  @Field(() => Int, { description: 'Appeals received in the period with this organization as lead executor' }) assigned!: number;
  @Field(() => Int) answered!: number;
  @Field(() => Int, { description: 'Answered on or before the executor’s due date' }) answeredOnTime!: number;
  @Field(() => Int, { description: 'Answered after the executor’s due date, or still open past it (as of today)' }) overdue!: number;
  @Field(() => Float, { nullable: true, description: 'answeredOnTime / (answeredOnTime + overdue)' }) onTimeRate!: number | null;
  @Field(() => Int, { description: 'Appeals with a response returned for rework' }) returnedForRework!: number;
  @Field(() => Int, { description: 'Instructions issued in the period with this organization among the assignees' }) instructionsAssigned!: number;
  @Field(() => Int, { description: 'Of those, overdue (open past the due date, or executed after it)' }) instructionsOverdue!: number;
  @Field(() => Int, {
    nullable: true,
    description: 'Rank (1 = best) among organizations with at least minSample decided appeals (on time + overdue); null below it',
  })
  rank!: number | null;
  @Field(() => Float, { nullable: true, description: 'Lower bound of the 95% Wilson interval of onTimeRate, the ranking key' })
  score!: number | null;
}

// ───────────────────────────── summary ─────────────────────────────

@ObjectType('SummaryItem')
export class SummaryItemView {
  @Field(() => String, { nullable: true }) key!: string | null;
  @Field(() => String) label!: string;
  @Field(() => Int) appeals!: number;
  @Field(() => Float, { nullable: true, description: 'Share of all appeals of the period' }) share!: number | null;
}

@ObjectType('SummaryTotals')
export class SummaryTotalsView {
  @Field(() => Int) appeals!: number;
  @Field(() => Int) uniqueApplicants!: number;
  @Field(() => Int) overdue!: number;
  @Field(() => Float, { nullable: true }) overdueShare!: number | null;
  @Field(() => Int) answered!: number;
  @Field(() => Int) answeredOnTime!: number;
  @Field(() => Float, { nullable: true }) onTimeRate!: number | null;
  @Field(() => Float, { nullable: true }) meanWorkingDaysToAnswer!: number | null;
  @Field(() => Float, { nullable: true }) medianWorkingDaysToAnswer!: number | null;
  @Field(() => Int) reworked!: number;
  @Field(() => Float, { nullable: true }) reworkRate!: number | null;
  @Field(() => Int) repeated!: number;
  @Field(() => Float, { nullable: true }) repeatedShare!: number | null;
  @Field(() => Int) forwarded!: number;
  @Field(() => Int) leftWithoutConsideration!: number;
  @Field(() => Int, { nullable: true, description: 'Null when the records do not cover the whole previous period' })
  previousPeriodAppeals!: number | null;
  @Field(() => Float, { nullable: true }) changePercent!: number | null;
}

@ObjectType('TrendPoint')
export class TrendPointView {
  @Field(() => String, { description: 'YYYY-MM' }) month!: string;
  @Field(() => String) label!: string;
  @Field(() => Int) appeals!: number;
  @Field(() => Int) answeredOnTime!: number;
  @Field(() => Int) overdue!: number;
}

@ObjectType('SummaryProblemCard', { description: 'A problem card as the summary shows it: no appeals, no applicants' })
export class SummaryProblemCardView {
  @Field(() => String, { description: 'Title, with IIN/phone/e-mail-like strings masked' }) title!: string;
  @Field(() => String, { nullable: true }) region!: string | null;
  @Field(() => String, { nullable: true }) topic!: string | null;
  @Field(() => String) status!: string;
  @Field(() => Float, { nullable: true }) severity!: number | null;
  @Field(() => Int) appeals!: number;
  @Field(() => Int) applicants!: number;
  @Field(() => LocalDateResolver) firstSeen!: string;
  @Field(() => LocalDateResolver) lastSeen!: string;
}

@ObjectType('InstructionExecution', { description: 'Instructions issued in the period and what became of them (regulation 9.x)' })
export class InstructionExecutionView {
  @Field(() => Int) issued!: number;
  @Field(() => Int) executed!: number;
  @Field(() => Int) executedOnTime!: number;
  @Field(() => Int) executedLate!: number;
  @Field(() => Int, { description: 'Still on control (with or without a report awaiting review)' }) onControl!: number;
  @Field(() => Int, { description: 'Still on control past the due date' }) overdue!: number;
  @Field(() => Int, { description: 'Removed from control' }) removed!: number;
}

@ObjectType('PeriodSummary', {
  description: 'The half-year summary for the Presidential Administration (regulation 7.6). Aggregates only: no personal data',
})
export class PeriodSummaryView {
  @Field(() => LocalDateResolver) from!: string;
  @Field(() => LocalDateResolver) to!: string;
  @Field(() => LocalDateResolver) previousFrom!: string;
  @Field(() => LocalDateResolver) previousTo!: string;
  @Field(() => String, { description: 'The region, or all regions' }) scope!: string;
  @Field(() => SummaryTotalsView) totals!: SummaryTotalsView;
  @Field(() => [SummaryItemView]) byForm!: SummaryItemView[];
  @Field(() => [SummaryItemView]) byChannel!: SummaryItemView[];
  @Field(() => [SummaryItemView], { description: 'Top-level topics' }) byTopic!: SummaryItemView[];
  @Field(() => [SummaryItemView], { description: 'The 10 most frequent subtopics' }) bySubtopic!: SummaryItemView[];
  @Field(() => ProblemMapView) byRegion!: ProblemMapView;
  @Field(() => ProblemMapView) byDistrict!: ProblemMapView;
  @Field(() => [TrendPointView]) monthly!: TrendPointView[];
  @Field(() => [SummaryProblemCardView], { description: 'The most severe problem cards seen in the period (up to 10)' })
  topProblemCards!: SummaryProblemCardView[];
  @Field(() => Boolean, { description: 'False when this database has no problem cards yet' }) problemCardsAvailable!: boolean;
  @Field(() => InstructionExecutionView) instructions!: InstructionExecutionView;
}

@ObjectType('PeriodReport', { description: 'The period summary rendered as a document' })
export class PeriodReportView {
  @Field(() => String) filename!: string;
  @Field(() => String, { description: 'MIME type, e.g. text/html; charset=utf-8' }) contentType!: string;
  @Field(() => String) content!: string;
}

import { JSONObjectResolver, LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { authorize } from '../access/policy';
import type { Language } from '../appeals/domain/vocabulary';
import { toLocalDate } from '../calendar/working-calendar';
import { AdminUnitView } from '../geo/admin-unit.types';
import type { RequestContext } from '../graphql/context';
import { LanguageEnum, ReportFormatEnum, StatsDimensionEnum } from '../graphql/enums';
import { OrganizationView } from '../organizations/organization.types';
import { badInput } from '../shared/errors';
import { TopicView } from '../topics/topic.types';
import { intId, parseFilter } from './analytics.filter';
import {
  AnalyticsFilter,
  AppealStatsRowView,
  DisciplineRowView,
  PeriodReportView,
  PeriodSummaryView,
  ProblemMapCellView,
  ProblemMapFilter,
  ProblemMapView,
  TopicCountView,
} from './analytics.types';
import { appealStats, parseGroupBy, type AppealStatsRowData } from './appeal-stats.queries';
import { executiveDiscipline, type DisciplineRowData } from './discipline.queries';
import { DEFAULT_MIN_SAMPLE } from './domain/discipline';
import { parsePeriod } from './domain/periods';
import type { ReportFormat, StatsDimension } from './domain/vocabulary';
import { problemMapGeoJSON } from './geo';
import { problemMap, type ProblemMapCellData, type ProblemMapData } from './problem-map.queries';
import { renderReport } from './report/render';
import { periodSummary, type PeriodSummaryData } from './summary.queries';

const today = (ctx: RequestContext) => toLocalDate(ctx.now());

function mapFilter(filter: ProblemMapFilter) {
  const parsed = parseFilter({ ...filter }, 'filter');
  if (filter.level !== 'region' && filter.level !== 'district') throw badInput('filter.level', 'level must be REGION or DISTRICT');
  return parsed;
}

async function loadMap(ctx: RequestContext, filter: ProblemMapFilter, language: Language): Promise<ProblemMapData> {
  const map = await problemMap(ctx.em, mapFilter(filter), { level: filter.level ?? 'district', language, today: today(ctx) });
  return map;
}

async function loadSummary(ctx: RequestContext, from: string, to: string, regionId: string | null | undefined, language: Language) {
  const f = parseFilter({ from, to, regionId }, 'period');
  return periodSummary(ctx.em, f, { today: today(ctx), language });
}

/**
 * Analytics for the analytical unit, dashboards and the Presidential Administration's liaison (regulation 7.1–7.6,
 * 9.x): aggregates only, from the rollup table `appeal_fact`. Every query is `readAnalytics` (not executors).
 */
@Resolver()
export class AnalyticsResolver {
  @Query(() => ProblemMapView, { description: 'District (or region) problem map of a period: one cell per admin unit' })
  async problemMap(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ProblemMapFilter) filter: ProblemMapFilter,
    @Arg('language', () => LanguageEnum, { defaultValue: 'ru', description: 'Language of names and labels' }) language: Language,
  ): Promise<ProblemMapData> {
    authorize(ctx.actor, 'readAnalytics');
    return loadMap(ctx, filter, language);
  }

  @Query(() => JSONObjectResolver, {
    description:
      'The problem map as a GeoJSON FeatureCollection (RFC 7946, WGS84): one Feature per unit with its simplified boundary ' +
      '(KATO in properties and as the feature id) and the cell figures as properties; the period in the foreign member "metadata"',
  })
  async problemMapGeoJSON(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ProblemMapFilter) filter: ProblemMapFilter,
    @Arg('language', () => LanguageEnum, { defaultValue: 'ru' }) language: Language,
  ): Promise<Record<string, unknown>> {
    authorize(ctx.actor, 'readAnalytics');
    return problemMapGeoJSON(await loadMap(ctx, filter, language));
  }

  @Query(() => [AppealStatsRowView], {
    description: 'Appeal counts grouped by the given dimensions (none: one total row), with overdue, on-time rate, working days to answer and rework',
  })
  async appealStats(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AnalyticsFilter) filter: AnalyticsFilter,
    @Arg('groupBy', () => [StatsDimensionEnum], { defaultValue: [] }) groupBy: StatsDimension[],
    @Arg('language', () => LanguageEnum, { defaultValue: 'ru' }) language: Language,
  ): Promise<AppealStatsRowData[]> {
    authorize(ctx.actor, 'readAnalytics');
    return appealStats(ctx.em, parseFilter(filter), parseGroupBy(groupBy), { today: today(ctx), language });
  }

  @Query(() => [DisciplineRowView], {
    description:
      'Executive discipline of the lead executors for appeals received in the period, and instructions issued in it; ranked only over ' +
      'organizations with at least minSample decided appeals, by the lower 95% Wilson bound of the on-time share',
  })
  async executiveDiscipline(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => LocalDateResolver) from: string,
    @Arg('to', () => LocalDateResolver) to: string,
    @Arg('minSample', () => Int, { defaultValue: DEFAULT_MIN_SAMPLE }) minSample: number,
    @Arg('regionId', () => ID, { nullable: true }) regionId: string | null,
    @Arg('language', () => LanguageEnum, { defaultValue: 'ru' }) language: Language,
  ): Promise<DisciplineRowData[]> {
    authorize(ctx.actor, 'readAnalytics');
    if (!Number.isInteger(minSample) || minSample < 1 || minSample > 10_000) throw badInput('minSample', 'minSample must be 1–10000');
    const period = parsePeriod(from, to, 'period');
    return executiveDiscipline(ctx.em, period, {
      today: today(ctx),
      language,
      minSample,
      regionId: intId('regionId', regionId),
    });
  }

  @Query(() => PeriodSummaryView, {
    description: 'The (half-year) summary for the Presidential Administration (regulation 7.6): aggregates only, no personal data',
  })
  async periodSummary(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => LocalDateResolver) from: string,
    @Arg('to', () => LocalDateResolver) to: string,
    @Arg('regionId', () => ID, { nullable: true }) regionId: string | null,
    @Arg('language', () => LanguageEnum, { defaultValue: 'ru' }) language: Language,
  ): Promise<PeriodSummaryData> {
    authorize(ctx.actor, 'readAnalytics');
    return loadSummary(ctx, from, to, regionId, language);
  }

  @Query(() => PeriodReportView, {
    description: 'The period summary as a document to send: MARKDOWN, CSV (one figure per line) or HTML (map and charts as SVG, prints to A4)',
  })
  async periodReport(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => LocalDateResolver) from: string,
    @Arg('to', () => LocalDateResolver) to: string,
    @Arg('format', () => ReportFormatEnum) format: ReportFormat,
    @Arg('regionId', () => ID, { nullable: true }) regionId: string | null,
    @Arg('language', () => LanguageEnum, { defaultValue: 'ru' }) language: Language,
  ): Promise<PeriodReportView> {
    authorize(ctx.actor, 'readAnalytics');
    const summary = await loadSummary(ctx, from, to, regionId, language);
    return renderReport(summary, format, language, today(ctx));
  }
}

@Resolver(() => ProblemMapCellView)
export class ProblemMapCellResolver {
  @FieldResolver(() => AdminUnitView)
  unit(@Root() c: ProblemMapCellData, @Ctx() ctx: RequestContext) {
    return ctx.loaders.adminUnit.load(c.unitId);
  }
}

@Resolver(() => TopicCountView)
export class TopicCountResolver {
  @FieldResolver(() => TopicView)
  topic(@Root() t: { topicId: string }, @Ctx() ctx: RequestContext) {
    return ctx.loaders.topic.load(t.topicId);
  }
}

@Resolver(() => AppealStatsRowView)
export class AppealStatsRowResolver {
  @FieldResolver(() => AdminUnitView, { nullable: true })
  region(@Root() r: AppealStatsRowData, @Ctx() ctx: RequestContext) {
    return r.regionId ? ctx.loaders.adminUnit.load(r.regionId) : null;
  }

  @FieldResolver(() => AdminUnitView, { nullable: true })
  district(@Root() r: AppealStatsRowData, @Ctx() ctx: RequestContext) {
    return r.districtId ? ctx.loaders.adminUnit.load(r.districtId) : null;
  }

  @FieldResolver(() => TopicView, { nullable: true })
  topic(@Root() r: AppealStatsRowData, @Ctx() ctx: RequestContext) {
    return r.topicId ? ctx.loaders.topic.load(r.topicId) : null;
  }

  @FieldResolver(() => OrganizationView, { nullable: true, description: 'Lead executor organization' })
  executor(@Root() r: AppealStatsRowData, @Ctx() ctx: RequestContext) {
    return r.executorId ? ctx.loaders.organization.load(r.executorId) : null;
  }
}

@Resolver(() => DisciplineRowView)
export class DisciplineRowResolver {
  @FieldResolver(() => OrganizationView)
  organization(@Root() r: DisciplineRowData, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organization.load(r.organizationId);
  }
}

export const ANALYTICS_RESOLVERS = [
  AnalyticsResolver,
  ProblemMapCellResolver,
  TopicCountResolver,
  AppealStatsRowResolver,
  DisciplineRowResolver,
] as const;

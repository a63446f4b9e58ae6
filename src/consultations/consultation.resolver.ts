import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { presentPerson } from '../access/personal-data';
import { authorize } from '../access/policy';
import { commandsFor } from '../appeals/appeal.resolver';
import { AdminUnitView } from '../geo/admin-unit.types';
import type { RequestContext } from '../graphql/context';
import { ConsultationChannelEnum, StatisticsPeriodEnum } from '../graphql/enums';
import { OrganizationView } from '../organizations/organization.types';
import { TopicView } from '../topics/topic.types';
import { OfficialView } from '../users/user.types';
import { ConsultationCommands } from './consultation.commands';
import { consultationStatistics, listConsultations } from './consultation.queries';
import { ConsultationPersonView, ConsultationStatisticsView, ConsultationView } from './consultation.types';
import type { ConsultationChannel, StatisticsPeriod } from './domain/consultation-rules';

@InputType('ConsultationFilter')
class ConsultationFilter {
  @Field(() => LocalDateResolver, { nullable: true }) from?: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) to?: string | null;
  @Field(() => [ConsultationChannelEnum], { nullable: true }) channel?: ConsultationChannel[] | null;
  @Field(() => ID, { nullable: true }) organizationId?: string | null;
}

@InputType('ConsultationPersonInput')
class ConsultationPersonInput {
  @Field(() => String, { nullable: true }) fullName?: string | null;
  @Field(() => String, { nullable: true }) iin?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
}

@InputType('RecordConsultationInput')
class RecordConsultationInput {
  @Field(() => ConsultationChannelEnum) channel!: ConsultationChannel;
  @Field(() => DateTimeResolver) givenAt!: Date;
  @Field(() => Int, { nullable: true }) durationMinutes?: number | null;
  @Field(() => ConsultationPersonInput, { nullable: true, description: 'Who asked (may stay anonymous)' }) person?: ConsultationPersonInput | null;
  @Field(() => ID, { nullable: true, description: 'Where the person lives' }) adminUnitId?: string | null;
  @Field(() => ID, { nullable: true }) topicId?: string | null;
  @Field(() => String) question!: string;
  @Field(() => String) advice!: string;
  @Field(() => ID, { nullable: true, description: 'The appeal the person then filed' }) appealId?: string | null;
}

@Resolver(() => ConsultationView)
export class ConsultationResolver {
  @Query(() => [ConsultationView], { description: 'Consultations given, latest first' })
  async consultations(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ConsultationFilter, { nullable: true }) filter?: ConsultationFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number | null,
  ) {
    authorize(ctx.actor, 'readConsultations');
    return listConsultations(ctx.em, ctx.actor, filter ?? {}, first ?? 50);
  }

  @Query(() => ConsultationStatisticsView, { description: 'Consultations beside appeals: counts by period, topic and channel' })
  async consultationStatistics(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => LocalDateResolver) from: string,
    @Arg('to', () => LocalDateResolver) to: string,
    @Arg('period', () => StatisticsPeriodEnum, { nullable: true, defaultValue: 'month' }) period?: StatisticsPeriod | null,
  ) {
    authorize(ctx.actor, 'readConsultationStatistics');
    return consultationStatistics(ctx.em, ctx.actor, { from, to, period: period ?? 'month' });
  }

  @FieldResolver(() => ConsultationPersonView, { nullable: true, description: 'Who asked (personal data: masked or withheld by role)' })
  person(@Root() c: ConsultationView, @Ctx() ctx: RequestContext) {
    return presentPerson(ctx.actor, c.person);
  }

  @FieldResolver(() => OfficialView, { description: 'Who gave the advice' })
  official(@Root() c: ConsultationView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.official.load(c.officialId);
  }

  @FieldResolver(() => OrganizationView)
  organization(@Root() c: ConsultationView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organization.load(c.organizationId);
  }

  @FieldResolver(() => TopicView, { nullable: true })
  topic(@Root() c: ConsultationView, @Ctx() ctx: RequestContext) {
    return c.topicId ? ctx.loaders.topic.load(c.topicId) : null;
  }

  @FieldResolver(() => AdminUnitView, { nullable: true })
  adminUnit(@Root() c: ConsultationView, @Ctx() ctx: RequestContext) {
    return c.adminUnitId ? ctx.loaders.adminUnit.load(c.adminUnitId) : null;
  }

  @Mutation(() => ConsultationView, { description: 'Record advice given (by the official who gave it)' })
  async recordConsultation(@Ctx() ctx: RequestContext, @Arg('input', () => RecordConsultationInput) input: RecordConsultationInput) {
    const c = await new ConsultationCommands(commandsFor(ctx)).record(input);
    return (await listConsultations(ctx.em, { ...ctx.actor, system: true }, { id: c.id }, 1))[0];
  }
}

export const CONSULTATION_RESOLVERS = [ConsultationResolver] as const;

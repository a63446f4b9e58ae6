import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { authorize, can } from '../access/policy';
import { AppealCommands } from '../appeals/appeal.commands';
import { commandsFor } from '../appeals/appeal.resolver';
import { AppealView } from '../appeals/appeal.types';
import type { RequestContext } from '../graphql/context';
import { OrganizationView } from '../organizations/organization.types';
import { badInput } from '../shared/errors';
import { TopicView } from '../topics/topic.types';
import type { ModelKind } from './classifier-model.entity';
import { trainAndActivate } from './training';

const ModelKindEnum = { TOPIC: 'topic', EXECUTOR: 'executor' } as const;
registerEnumType(ModelKindEnum, { name: 'ClassifierKind', description: 'TOPIC: content classification; EXECUTOR: routing' });

@ObjectType('TopicScore', { description: 'A topic the classifier suggests, with its probability' })
class TopicScore {
  @Field(() => TopicView) topic!: TopicView;
  @Field(() => Float) probability!: number;
}

@ObjectType('ExecutorScore', { description: 'An organization the router suggests, learned from past assignments' })
class ExecutorScore {
  @Field(() => OrganizationView) organization!: OrganizationView;
  @Field(() => Float) probability!: number;
}

@ObjectType('ClassifierModelInfo')
class ClassifierModelInfo {
  @Field(() => ModelKindEnum) kind!: ModelKind;
  @Field(() => Int) version!: number;
  @Field(() => DateTimeResolver) trainedAt!: Date;
  @Field(() => [String], { description: 'Topic codes, or organization ids for the router' }) labels!: string[];
  @Field(() => JSONObjectResolver, { nullable: true, description: 'Measured on the most recent 10% of the training appeals, held out' })
  metrics!: Record<string, unknown> | null;
  @Field(() => Int, { nullable: true, description: 'How many appeals it learned from' }) trainingAppeals!: number | null;
}

const MAX_TEXT = 20_000;

/** The current model's topics for a text, with their tree nodes (through the per-request loader). */
async function topicScores(ctx: RequestContext, text: string, top: number): Promise<TopicScore[]> {
  const suggestions = ctx.classifiers.suggestTopics(text, top);
  const topics = await Promise.all(suggestions.map((s) => ctx.loaders.topic.load(s.topicId)));
  return suggestions.flatMap((s, i) => (topics[i] ? [{ topic: topics[i]!, probability: s.probability }] : []));
}

@Resolver()
export class ClassifierResolver {
  @Query(() => [TopicScore], { description: 'Topics for a text, most probable first (empty until a model is trained)' })
  async classifyText(
    @Ctx() ctx: RequestContext,
    @Arg('text', () => String) text: string,
    @Arg('top', () => Int, { defaultValue: 3 }) top: number,
  ): Promise<TopicScore[]> {
    authorize(ctx.actor, 'classifyText');
    if (text.length > MAX_TEXT) throw badInput('text', `at most ${MAX_TEXT} characters`);
    if (!Number.isInteger(top) || top < 1 || top > 20) throw badInput('top', 'top must be 1–20');
    return topicScores(ctx, text, top);
  }

  @Query(() => ClassifierModelInfo, { nullable: true, description: 'The model in use, or null before the first training' })
  classifierModel(@Ctx() ctx: RequestContext, @Arg('kind', () => ModelKindEnum, { defaultValue: 'topic' }) kind: ModelKind) {
    authorize(ctx.actor, 'readClassifierModel');
    const m = ctx.classifiers.get(kind);
    return m ? { kind, version: m.version, trainedAt: m.trainedAt, labels: m.labels, metrics: m.metrics, trainingAppeals: m.trainingDocs } : null;
  }

  @Mutation(() => ClassifierModelInfo, { description: "Train a new version from people's topic choices (or past assignments) and switch to it" })
  async trainClassifier(@Ctx() ctx: RequestContext, @Arg('kind', () => ModelKindEnum, { defaultValue: 'topic' }) kind: ModelKind) {
    authorize(ctx.actor, 'trainClassifier');
    const r = await trainAndActivate(ctx.em, ctx.classifiers, kind, { actorId: ctx.actor.userId, now: ctx.now() });
    return { kind, version: r.version, trainedAt: r.model.trainedAt, labels: r.model.labels, metrics: r.model.metrics, trainingAppeals: r.docs };
  }

  @Mutation(() => AppealView, { description: "A person decides the appeal's topic (kept apart from the machine's suggestion; used by the next training)" })
  async confirmAppealTopic(
    @Ctx() ctx: RequestContext,
    @Arg('appealId', () => ID) appealId: string,
    @Arg('topicId', () => ID) topicId: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ) {
    await new AppealCommands(commandsFor(ctx)).confirmTopic(appealId, topicId, expectedVersion);
    ctx.loaders.appeal.clear(appealId);
    return ctx.loaders.appeal.load(appealId);
  }
}

@Resolver(() => AppealView)
export class AppealClassificationResolver {
  @FieldResolver(() => TopicView, { nullable: true, description: "The classifier's suggestion at registration" })
  machineTopic(@Root() a: AppealView, @Ctx() ctx: RequestContext) {
    return a.machineTopicId ? ctx.loaders.topic.load(a.machineTopicId) : null;
  }

  @FieldResolver(() => [TopicScore], { description: 'What the current model suggests for this appeal now' })
  async suggestedTopics(@Root() a: AppealView, @Ctx() ctx: RequestContext, @Arg('top', () => Int, { defaultValue: 3 }) top: number) {
    if (!can(ctx.actor, 'classifyText')) return [];
    if (!Number.isInteger(top) || top < 1 || top > 20) throw badInput('top', 'top must be 1–20');
    return topicScores(ctx, a.text, top);
  }

  @FieldResolver(() => [ExecutorScore], { description: 'Organizations that usually answer such appeals in this place' })
  async suggestedExecutors(@Root() a: AppealView, @Ctx() ctx: RequestContext, @Arg('top', () => Int, { defaultValue: 3 }) top: number) {
    if (!can(ctx.actor, 'classifyText')) return [];
    if (!Number.isInteger(top) || top < 1 || top > 20) throw badInput('top', 'top must be 1–20');
    const suggestions = ctx.classifiers.suggestExecutors(a.text, a.adminUnitId, top);
    const orgs = await Promise.all(suggestions.map((s) => ctx.loaders.organization.load(s.organizationId)));
    return suggestions.flatMap((s, i) => (orgs[i] ? [{ organization: orgs[i]!, probability: s.probability }] : []));
  }
}

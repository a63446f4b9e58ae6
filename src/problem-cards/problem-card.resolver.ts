import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { maskPersonalDataInText, personalDataAccess } from '../access/personal-data';
import { authorize } from '../access/policy';
import { commandsFor } from '../appeals/appeal.resolver';
import { AppealView } from '../appeals/appeal.types';
import { WorkingGroupView } from '../working-groups/working-group.types';
import { AdminUnitView } from '../geo/admin-unit.types';
import type { RequestContext } from '../graphql/context';
import { ProblemCardSourceEnum, ProblemCardStatusEnum } from '../graphql/enums';
import { PageInfo, pageInfo } from '../graphql/pagination';
import { HistoryEventView } from '../history/history.types';
import { InstructionView } from '../instructions/instruction.types';
import { notFound } from '../shared/errors';
import { TopicView } from '../topics/topic.types';
import { OfficialView } from '../users/user.types';
import { DetectionCommands } from './detection.commands';
import type { ProblemCardSource, ProblemCardStatus } from './domain/card-status';
import { ProblemCardCommands } from './problem-card.commands';
import { countProblemCards, findProblemCard, listProblemCards, type ProblemCardFilterInput } from './problem-card.queries';
import {
  DetectionSummaryView,
  ProblemCardAppealView,
  ProblemCardNoteView,
  ProblemCardUnitView,
  ProblemCardView,
  SimilarAppealView,
} from './problem-card.types';
import { findSimilarAppeals } from './similar-appeals.queries';

@InputType('ProblemCardFilter')
class ProblemCardFilter {
  @Field(() => [ProblemCardStatusEnum], { nullable: true }) status?: ProblemCardStatus[] | null;
  @Field(() => [ProblemCardSourceEnum], { nullable: true }) source?: ProblemCardSource[] | null;
  @Field(() => ID, { nullable: true, description: 'A topic (or its parent)' }) topicId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A district the card covers, or a region' }) adminUnitId?: string | null;
  @Field(() => Float, { nullable: true }) minSeverity?: number | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Seen on or after this day' }) seenFrom?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Seen on or before this day' }) seenTo?: string | null;
}

@ObjectType('ProblemCardEdge')
class ProblemCardEdge {
  @Field(() => String) cursor!: string;
  @Field(() => ProblemCardView) node!: ProblemCardView;
}

@ObjectType('ProblemCardConnection')
class ProblemCardConnection {
  @Field(() => [ProblemCardEdge]) edges!: ProblemCardEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  filter!: ProblemCardFilterInput | null;
}

@InputType('ChangeProblemCardStatusInput')
class ChangeProblemCardStatusInput {
  @Field(() => ID) cardId!: string;
  @Field(() => ProblemCardStatusEnum) status!: ProblemCardStatus;
  @Field(() => String, { nullable: true, description: 'Required (10+ characters) to dismiss or resolve' }) comment?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('AddProblemCardNoteInput')
class AddProblemCardNoteInput {
  @Field(() => ID) cardId!: string;
  @Field(() => String) text!: string;
}

@InputType('LinkProblemCardInstructionInput')
class LinkProblemCardInstructionInput {
  @Field(() => ID) cardId!: string;
  @Field(() => ID) instructionId!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@Resolver(() => ProblemCardConnection)
export class ProblemCardConnectionResolver {
  @FieldResolver(() => Int, { description: 'All cards matching the filter (one extra query, only when asked)' })
  totalCount(@Root() c: ProblemCardConnection, @Ctx() ctx: RequestContext): Promise<number> {
    return countProblemCards(ctx.em, ctx.actor, c.filter);
  }
}

@Resolver(() => ProblemCardView)
export class ProblemCardResolver {
  @Query(() => ProblemCardConnection, { description: 'Problem cards, most severe first; a Relay connection' })
  async problemCards(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ProblemCardFilter, { nullable: true }) filter?: ProblemCardFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ProblemCardConnection> {
    authorize(ctx.actor, 'readProblemCards');
    const page = await listProblemCards(ctx.em, ctx.actor, { filter, first, after });
    return {
      edges: page.nodes.map((node, i) => ({ node, cursor: page.cursors[i] })),
      pageInfo: pageInfo(page.cursors, page.hasNextPage, page.hasPreviousPage),
      filter: filter ?? null,
    };
  }

  @Query(() => ProblemCardView, { nullable: true })
  async problemCard(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<ProblemCardView> {
    authorize(ctx.actor, 'readProblemCards');
    const card = await findProblemCard(ctx.em, ctx.actor, id);
    if (!card) throw notFound('ProblemCard', id);
    return card;
  }

  @FieldResolver(() => TopicView, { nullable: true })
  topic(@Root() c: ProblemCardView, @Ctx() ctx: RequestContext) {
    return c.topicId ? ctx.loaders.topic.load(c.topicId) : null;
  }

  @FieldResolver(() => AdminUnitView)
  region(@Root() c: ProblemCardView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.adminUnit.load(c.regionId);
  }

  @FieldResolver(() => [ProblemCardUnitView], { description: 'The districts it covers, most appeals first' })
  adminUnits(@Root() c: ProblemCardView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.problemCards.units.load(c.id);
  }

  @FieldResolver(() => [ProblemCardAppealView], { description: 'A few typical appeals (texts masked for roles without access to personal data)' })
  representativeAppeals(@Root() c: ProblemCardView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.problemCards.representatives.load(c.id);
  }

  @FieldResolver(() => [ProblemCardNoteView])
  notes(@Root() c: ProblemCardView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.problemCards.notes.load(c.id);
  }

  @FieldResolver(() => [InstructionView], { description: 'Instructions given on the problem' })
  instructions(@Root() c: ProblemCardView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.problemCards.instructions.load(c.id);
  }

  @FieldResolver(() => [WorkingGroupView], { description: 'The working groups formed on the problem (8.3), oldest first' })
  workingGroups(@Root() c: ProblemCardView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.workingGroupsByCard.load(c.id);
  }

  @FieldResolver(() => [HistoryEventView], { description: 'Every change: detection, re-detection, status moves, notes, links' })
  history(@Root() c: ProblemCardView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.problemCards.history.load(c.id);
  }

  @Query(() => [SimilarAppealView], { description: 'Appeals like this one (near-copies, the same problem, the same applicant), most alike first' })
  async similarAppeals(
    @Ctx() ctx: RequestContext,
    @Arg('appealId', () => ID) appealId: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first?: number | null,
  ): Promise<SimilarAppealView[]> {
    authorize(ctx.actor, 'readAppeals');
    const found = await findSimilarAppeals(ctx.em, ctx.actor, ctx.now(), appealId, first ?? 10);
    for (const s of found) ctx.loaders.appeal.prime(s.appeal.id, s.appeal);
    return found.map((s) => ({ ...s, appealId: s.appeal.id }));
  }

  // ---- mutations ----

  private async reload(ctx: RequestContext, id: string): Promise<ProblemCardView> {
    return (await findProblemCard(ctx.em, ctx.actor, id))!;
  }

  @Mutation(() => DetectionSummaryView, { description: 'Finds spikes and clusters in the period and creates or updates problem cards' })
  async detectSystemicIssues(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => LocalDateResolver) from: string,
    @Arg('to', () => LocalDateResolver) to: string,
    @Arg('alarmsPerWeek', () => Float, {
      nullable: true,
      description: 'The alarm budget: weekly alarms a week for the region, the threshold calibrated on its own history (default 1, from the evaluation)',
    })
    alarmsPerWeek?: number | null,
  ): Promise<DetectionSummaryView> {
    return new DetectionCommands(commandsFor(ctx)).run(from, to, alarmsPerWeek);
  }

  @Mutation(() => ProblemCardView, { description: 'An analyst takes a new card under review' })
  async reviewProblemCard(
    @Ctx() ctx: RequestContext,
    @Arg('cardId', () => ID) cardId: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ) {
    await new ProblemCardCommands(commandsFor(ctx)).changeStatus(cardId, 'under_review', { expectedVersion });
    return this.reload(ctx, cardId);
  }

  @Mutation(() => ProblemCardView, { description: 'Moves a card along its life: working group formed, proposal submitted, resolved or dismissed' })
  async changeProblemCardStatus(@Ctx() ctx: RequestContext, @Arg('input', () => ChangeProblemCardStatusInput) input: ChangeProblemCardStatusInput) {
    await new ProblemCardCommands(commandsFor(ctx)).changeStatus(input.cardId, input.status, input);
    return this.reload(ctx, input.cardId);
  }

  @Mutation(() => ProblemCardNoteView)
  async addProblemCardNote(@Ctx() ctx: RequestContext, @Arg('input', () => AddProblemCardNoteInput) input: AddProblemCardNoteInput) {
    const note = await new ProblemCardCommands(commandsFor(ctx)).addNote(input.cardId, input);
    return { id: note.id, cardId: input.cardId, authorId: note.author.id, text: note.text, createdAt: note.createdAt };
  }

  @Mutation(() => ProblemCardView, { description: 'Links an instruction given on the problem' })
  async linkProblemCardInstruction(@Ctx() ctx: RequestContext, @Arg('input', () => LinkProblemCardInstructionInput) input: LinkProblemCardInstructionInput) {
    await new ProblemCardCommands(commandsFor(ctx)).linkInstruction(input.cardId, input.instructionId, input.expectedVersion);
    return this.reload(ctx, input.cardId);
  }
}

@Resolver(() => ProblemCardUnitView)
export class ProblemCardUnitResolver {
  @FieldResolver(() => AdminUnitView)
  adminUnit(@Root() u: ProblemCardUnitView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.adminUnit.load(u.adminUnitId);
  }
}

/** What of an appeal's text leaves the server on a card: masked unless the role has full access. */
const cardText = (ctx: RequestContext, text: string | null) =>
  text == null ? null : personalDataAccess(ctx.actor) === 'full' ? text : maskPersonalDataInText(text);

@Resolver(() => ProblemCardAppealView)
export class ProblemCardAppealResolver {
  @FieldResolver(() => String, { description: 'The text; IIN-like numbers, phones and e-mails masked for roles without access' })
  text(@Root() a: ProblemCardAppealView, @Ctx() ctx: RequestContext): string {
    return cardText(ctx, a.text)!;
  }

  @FieldResolver(() => String, { nullable: true })
  summary(@Root() a: ProblemCardAppealView, @Ctx() ctx: RequestContext): string | null {
    return cardText(ctx, a.summary);
  }

  @FieldResolver(() => AdminUnitView)
  adminUnit(@Root() a: ProblemCardAppealView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.adminUnit.load(a.adminUnitId);
  }

  @FieldResolver(() => AppealView, { nullable: true, description: 'The appeal itself, for roles that read appeals (null for the others)' })
  appeal(@Root() a: ProblemCardAppealView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.appeal.load(a.appealId);
  }
}

@Resolver(() => ProblemCardNoteView)
export class ProblemCardNoteResolver {
  @FieldResolver(() => String)
  text(@Root() n: ProblemCardNoteView, @Ctx() ctx: RequestContext): string {
    return cardText(ctx, n.text)!;
  }

  @FieldResolver(() => OfficialView)
  author(@Root() n: ProblemCardNoteView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.official.load(n.authorId);
  }
}

@Resolver(() => SimilarAppealView)
export class SimilarAppealResolver {
  @FieldResolver(() => AppealView, { description: 'The appeal (personal data masked by role as everywhere)' })
  appeal(@Root() s: SimilarAppealView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.appeal.load(s.appealId);
  }
}

export const PROBLEM_CARD_RESOLVERS = [
  ProblemCardResolver,
  ProblemCardConnectionResolver,
  ProblemCardUnitResolver,
  ProblemCardAppealResolver,
  ProblemCardNoteResolver,
  SimilarAppealResolver,
] as const;

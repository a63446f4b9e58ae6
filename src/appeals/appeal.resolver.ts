import { DateTimeResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { presentApplicant, presentAppealText } from '../access/personal-data';
import { authorize, can } from '../access/policy';
import { AdminUnitView } from '../geo/admin-unit.types';
import type { RequestContext } from '../graphql/context';
import { PageInfo, pageInfo } from '../graphql/pagination';
import { HistoryEventView } from '../history/history.types';
import { InstructionView } from '../instructions/instruction.types';
import { OrganizationView } from '../organizations/organization.types';
import { ResponseReviewView, ResponseView } from '../responses/response.types';
import { notFound } from '../shared/errors';
import { TopicView } from '../topics/topic.types';
import { OfficialView } from '../users/user.types';
import { AppealCommands } from './appeal.commands';
import {
  AppealFilter,
  AppealOrderEnum,
  AssignAppealInput,
  ExtendAppealDeadlineInput,
  ForwardAppealInput,
  LeaveAppealInput,
  RegisterAppealInputGql,
  ReviewResponseInput,
  SubmitResponseInput,
} from './appeal.inputs';
import { countAppeals, findVisibleAppeal, listAppeals, type AppealFilterInput, type AppealOrder } from './appeal.queries';
import { AppealView, ApplicantView, AssignmentView, DeadlineExtensionView } from './appeal.types';
import { deadlineState } from './domain/deadlines';

@ObjectType('AppealEdge')
class AppealEdge {
  @Field(() => String) cursor!: string;
  @Field(() => AppealView) node!: AppealView;
}

@ObjectType('AppealConnection')
export class AppealConnection {
  @Field(() => [AppealEdge]) edges!: AppealEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  filter!: AppealFilterInput | null;
}

export function commandsFor(ctx: RequestContext) {
  return { em: ctx.em, actor: ctx.actor, calendar: ctx.calendar, now: ctx.now, requestId: ctx.requestId, classifiers: ctx.classifiers };
}

@Resolver(() => AppealConnection)
export class AppealConnectionResolver {
  @FieldResolver(() => Int, { description: 'All appeals matching the filter (one extra query, only when asked)' })
  async totalCount(@Root() c: AppealConnection, @Ctx() ctx: RequestContext): Promise<number> {
    return countAppeals(ctx.em, ctx.actor, ctx.now(), c.filter);
  }
}

@Resolver(() => AppealView)
export class AppealResolver {
  @Query(() => AppealConnection, { description: 'Appeals, newest first by default; a Relay connection' })
  async appeals(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AppealFilter, { nullable: true }) filter?: AppealFilter | null,
    @Arg('orderBy', () => AppealOrderEnum, { nullable: true }) orderBy?: AppealOrder | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<AppealConnection> {
    authorize(ctx.actor, 'readAppeals');
    const page = await listAppeals(ctx.em, ctx.actor, ctx.now(), { filter, orderBy, first, after });
    page.nodes.forEach((n) => ctx.loaders.appeal.prime(n.id, n));
    return {
      edges: page.nodes.map((node, i) => ({ node, cursor: page.cursors[i] })),
      pageInfo: pageInfo(page.cursors, page.hasNextPage, page.hasPreviousPage),
      filter: filter ?? null,
    };
  }

  @Query(() => AppealView, { nullable: true })
  async appeal(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<AppealView | null> {
    authorize(ctx.actor, 'readAppeals');
    const a = await findVisibleAppeal(ctx.em, ctx.actor, ctx.now(), { id });
    if (!a) throw notFound('Appeal', id);
    return a;
  }

  @Query(() => AppealView, { nullable: true })
  async appealByNumber(
    @Ctx() ctx: RequestContext,
    @Arg('registrationNumber', () => String) registrationNumber: string,
  ): Promise<AppealView | null> {
    authorize(ctx.actor, 'readAppeals');
    const a = await findVisibleAppeal(ctx.em, ctx.actor, ctx.now(), { registrationNumber });
    if (!a) throw notFound('Appeal', registrationNumber);
    return a;
  }

  // ---- fields ----

  @FieldResolver(() => String, { description: 'The essence; IIN-like numbers, phones and e-mails are masked for roles without access' })
  text(@Root() a: AppealView, @Ctx() ctx: RequestContext): string {
    return presentAppealText(ctx.actor, a.text);
  }

  @FieldResolver(() => Boolean, { description: 'Past the deadline in force: still open after it, or answered after it' })
  isOverdue(@Root() a: AppealView, @Ctx() ctx: RequestContext): boolean {
    if (a.status === 'forwarded') return false;
    return deadlineState(ctx.calendar, a.dueDate, ctx.now(), a.finishedAt).isOverdue;
  }

  @FieldResolver(() => Int, { description: 'Working days left to the deadline (negative when overdue; frozen once finished)' })
  workingDaysLeft(@Root() a: AppealView, @Ctx() ctx: RequestContext): number {
    return deadlineState(ctx.calendar, a.dueDate, ctx.now(), a.finishedAt).workingDaysLeft;
  }

  @FieldResolver(() => Boolean, { description: 'Several applicants or signatories' })
  async isCollective(@Root() a: AppealView, @Ctx() ctx: RequestContext): Promise<boolean> {
    if ((a.signatoriesCount ?? 0) > 1) return true;
    return (await ctx.loaders.applicantsByAppeal.load(a.id)).length > 1;
  }

  @FieldResolver(() => AdminUnitView)
  async adminUnit(@Root() a: AppealView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.adminUnit.load(a.adminUnitId);
  }

  @FieldResolver(() => AdminUnitView)
  async region(@Root() a: AppealView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.adminUnit.load(a.regionId);
  }

  @FieldResolver(() => OrganizationView)
  async addressee(@Root() a: AppealView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organization.load(a.addresseeId);
  }

  @FieldResolver(() => OfficialView, { nullable: true })
  async registeredBy(@Root() a: AppealView, @Ctx() ctx: RequestContext) {
    return a.registeredById ? ctx.loaders.official.load(a.registeredById) : null;
  }

  @FieldResolver(() => OfficialView, { nullable: true })
  async controlTakenBy(@Root() a: AppealView, @Ctx() ctx: RequestContext) {
    return a.controlTakenById ? ctx.loaders.official.load(a.controlTakenById) : null;
  }

  @FieldResolver(() => AppealView, { nullable: true, description: 'The earlier appeal this one repeats' })
  async repeatOf(@Root() a: AppealView, @Ctx() ctx: RequestContext) {
    return a.repeatOfId ? ctx.loaders.appeal.load(a.repeatOfId) : null;
  }

  @FieldResolver(() => TopicView, { nullable: true })
  async topic(@Root() a: AppealView, @Ctx() ctx: RequestContext) {
    return a.topicId ? ctx.loaders.topic.load(a.topicId) : null;
  }

  @FieldResolver(() => [ApplicantView], { description: 'Empty for roles that may not see personal data at all' })
  async applicants(@Root() a: AppealView, @Ctx() ctx: RequestContext): Promise<ApplicantView[]> {
    const list = await ctx.loaders.applicantsByAppeal.load(a.id);
    return list.map((p) => presentApplicant(ctx.actor, p)).filter((p): p is ApplicantView => p !== null);
  }

  @FieldResolver(() => [AssignmentView])
  async assignments(@Root() a: AppealView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.assignmentsByAppeal.load(a.id);
  }

  @FieldResolver(() => [ResponseView], { description: 'Every response, rework rounds included, oldest first' })
  async responses(@Root() a: AppealView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.responsesByAppeal.load(a.id);
  }

  @FieldResolver(() => [DeadlineExtensionView])
  async extensions(@Root() a: AppealView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.extensionsByAppeal.load(a.id);
  }

  @FieldResolver(() => [InstructionView])
  async instructions(@Root() a: AppealView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.instructionsByAppeal.load(a.id);
  }

  @FieldResolver(() => [HistoryEventView], { description: 'Every change, oldest first (regulation 5.7)' })
  async history(@Root() a: AppealView, @Ctx() ctx: RequestContext) {
    if (!can(ctx.actor, 'readHistory')) return [];
    return ctx.loaders.historyByAppeal.load(a.id);
  }

  // ---- mutations ----

  private async reload(ctx: RequestContext, id: string): Promise<AppealView> {
    ctx.loaders.appeal.clear(id);
    return (await ctx.loaders.appeal.load(id))!;
  }

  @Mutation(() => AppealView, { description: 'Register an appeal (APPK art. 63–64); returns it with its number and deadline' })
  async registerAppeal(@Ctx() ctx: RequestContext, @Arg('input', () => RegisterAppealInputGql) input: RegisterAppealInputGql) {
    const appeal = await new AppealCommands(commandsFor(ctx)).register(input);
    return this.reload(ctx, appeal.id);
  }

  @Mutation(() => AppealView, { description: 'Route the appeal to an organization (lead executor or co-executor)' })
  async assignAppeal(@Ctx() ctx: RequestContext, @Arg('input', () => AssignAppealInput) input: AssignAppealInput) {
    await new AppealCommands(commandsFor(ctx)).assign(input.appealId, input);
    return this.reload(ctx, input.appealId);
  }

  @Mutation(() => AppealView, { description: 'The executor starts working on the appeal' })
  async startAppealWork(
    @Ctx() ctx: RequestContext,
    @Arg('appealId', () => ID) appealId: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ) {
    await new AppealCommands(commandsFor(ctx)).startWork(appealId, expectedVersion);
    return this.reload(ctx, appealId);
  }

  @Mutation(() => AppealView, { description: 'Forward to the competent body (APPK art. 65, within 3 working days)' })
  async forwardAppeal(@Ctx() ctx: RequestContext, @Arg('input', () => ForwardAppealInput) input: ForwardAppealInput) {
    await new AppealCommands(commandsFor(ctx)).forward(input.appealId, input);
    return this.reload(ctx, input.appealId);
  }

  @Mutation(() => AppealView, { description: 'Extend the deadline (head or deputy; at most two months from receipt)' })
  async extendAppealDeadline(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ExtendAppealDeadlineInput) input: ExtendAppealDeadlineInput,
  ) {
    await new AppealCommands(commandsFor(ctx)).extendDeadline(input.appealId, input);
    return this.reload(ctx, input.appealId);
  }

  @Mutation(() => ResponseView, { description: "The executor's answer" })
  async submitResponse(@Ctx() ctx: RequestContext, @Arg('input', () => SubmitResponseInput) input: SubmitResponseInput) {
    const r = await new AppealCommands(commandsFor(ctx)).submitResponse(input.appealId, input);
    return (await ctx.loaders.responsesByAppeal.clear(input.appealId).load(input.appealId)).find((x) => x.id === r.id)!;
  }

  @Mutation(() => ResponseView, { description: 'Accept a response, or return it for rework with reasons' })
  async reviewResponse(@Ctx() ctx: RequestContext, @Arg('input', () => ReviewResponseInput) input: ReviewResponseInput) {
    const r = await new AppealCommands(commandsFor(ctx)).reviewResponse(input.responseId, input);
    return (await ctx.loaders.responsesByAppeal.clear(r.appeal.id).load(r.appeal.id)).find((x) => x.id === r.id)!;
  }

  @Mutation(() => AppealView, { description: 'Close an appeal whose response was accepted' })
  async closeAppeal(
    @Ctx() ctx: RequestContext,
    @Arg('appealId', () => ID) appealId: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ) {
    await new AppealCommands(commandsFor(ctx)).close(appealId, expectedVersion);
    return this.reload(ctx, appealId);
  }

  @Mutation(() => AppealView, { description: 'Leave without consideration (anonymous, no essence, repeated, withdrawn, out of scope)' })
  async leaveAppealWithoutConsideration(@Ctx() ctx: RequestContext, @Arg('input', () => LeaveAppealInput) input: LeaveAppealInput) {
    await new AppealCommands(commandsFor(ctx)).leaveWithoutConsideration(input.appealId, input);
    return this.reload(ctx, input.appealId);
  }

  @Mutation(() => AppealView, { description: 'Take the appeal on control (head or deputy)' })
  async takeAppealOnControl(
    @Ctx() ctx: RequestContext,
    @Arg('appealId', () => ID) appealId: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ) {
    await new AppealCommands(commandsFor(ctx)).takeOnControl(appealId, expectedVersion);
    return this.reload(ctx, appealId);
  }
}

@Resolver(() => AssignmentView)
export class AssignmentResolver {
  @FieldResolver(() => OrganizationView)
  organization(@Root() s: AssignmentView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organization.peek(s.organizationId) ?? ctx.loaders.organization.load(s.organizationId);
  }

  @FieldResolver(() => OfficialView, { nullable: true })
  assignedBy(@Root() s: AssignmentView, @Ctx() ctx: RequestContext) {
    return s.assignedById ? ctx.loaders.official.load(s.assignedById) : null;
  }
}

@Resolver(() => ResponseView)
export class ResponseResolver {
  @FieldResolver(() => OrganizationView)
  organization(@Root() r: ResponseView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organization.peek(r.organizationId) ?? ctx.loaders.organization.load(r.organizationId);
  }

  @FieldResolver(() => OfficialView)
  author(@Root() r: ResponseView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.official.peek(r.authorId) ?? ctx.loaders.official.load(r.authorId);
  }

  @FieldResolver(() => [ResponseReviewView])
  reviews(@Root() r: ResponseView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.reviewsByResponse.peek(r.id) ?? ctx.loaders.reviewsByResponse.load(r.id);
  }
}

@Resolver(() => ResponseReviewView)
export class ResponseReviewResolver {
  @FieldResolver(() => OfficialView)
  reviewer(@Root() r: ResponseReviewView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.official.peek(r.reviewerId) ?? ctx.loaders.official.load(r.reviewerId);
  }
}

@Resolver(() => DeadlineExtensionView)
export class DeadlineExtensionResolver {
  @FieldResolver(() => OfficialView)
  extendedBy(@Root() e: DeadlineExtensionView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.official.load(e.extendedById);
  }
}

export const APPEAL_RESOLVERS = [
  AppealResolver,
  AppealConnectionResolver,
  AssignmentResolver,
  ResponseResolver,
  ResponseReviewResolver,
  DeadlineExtensionResolver,
] as const;

// DateTimeResolver is referenced so the scalar is part of the schema even before a field uses it.
void DateTimeResolver;

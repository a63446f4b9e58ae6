import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Actor } from '../access/actor';
import { authorize, can, isRestrictedToOwnOrganization } from '../access/policy';
import { commandsFor } from '../appeals/appeal.resolver';
import { AppealView } from '../appeals/appeal.types';
import { toLocalDate } from '../calendar/working-calendar';
import { pgArray, query } from '../db/sql';
import type { RequestContext } from '../graphql/context';
import { InstructionSourceEnum, InstructionStatusEnum, ReportKindEnum, ReportVerdictEnum } from '../graphql/enums';
import { PageInfo, pageInfo } from '../graphql/pagination';
import { HistoryEventView } from '../history/history.types';
import { OrganizationView } from '../organizations/organization.types';
import { badInput, notFound } from '../shared/errors';
import { OfficialView } from '../users/user.types';
import type { InstructionSource, InstructionStatus, ReportKind, ReportVerdict } from './domain/instruction-status';
import { InstructionCommands } from './instruction.commands';
import {
  InstructionExtensionView,
  InstructionReportView,
  InstructionView,
  toInstructionView,
} from './instruction.types';

@InputType('InstructionFilter')
class InstructionFilter {
  @Field(() => [InstructionStatusEnum], { nullable: true }) status?: InstructionStatus[] | null;
  @Field(() => [InstructionSourceEnum], { nullable: true }) source?: InstructionSource[] | null;
  @Field(() => ID, { nullable: true, description: 'Assigned to this organization' }) organizationId?: string | null;
  @Field(() => Boolean, { nullable: true }) overdue?: boolean | null;
  @Field(() => LocalDateResolver, { nullable: true }) dueFrom?: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) dueTo?: string | null;
}

@ObjectType('InstructionEdge')
class InstructionEdge {
  @Field(() => String) cursor!: string;
  @Field(() => InstructionView) node!: InstructionView;
}

@ObjectType('InstructionConnection')
class InstructionConnection {
  @Field(() => [InstructionEdge]) edges!: InstructionEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType('IssueInstructionInput')
class IssueInstructionInputGql {
  @Field(() => String) number!: string;
  @Field(() => InstructionSourceEnum) source!: InstructionSource;
  @Field(() => String, { nullable: true }) issuer?: string | null;
  @Field(() => String) text!: string;
  @Field(() => DateTimeResolver) issuedAt!: Date;
  @Field(() => LocalDateResolver) dueDate!: string;
  @Field(() => [ID]) assigneeIds!: string[];
  @Field(() => [ID], { nullable: true }) appealIds?: string[] | null;
}

@InputType('SubmitInstructionReportInput')
class SubmitInstructionReportInput {
  @Field(() => ID) instructionId!: string;
  @Field(() => ReportKindEnum) kind!: ReportKind;
  @Field(() => String) text!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('ReviewInstructionReportInput')
class ReviewInstructionReportInput {
  @Field(() => ID) reportId!: string;
  @Field(() => ReportVerdictEnum) verdict!: ReportVerdict;
  @Field(() => String, { nullable: true }) comment?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('ExtendInstructionInput')
class ExtendInstructionInput {
  @Field(() => ID) instructionId!: string;
  @Field(() => LocalDateResolver) newDueDate!: string;
  @Field(() => String) reason!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('RemoveInstructionFromControlInput')
class RemoveInstructionFromControlInput {
  @Field(() => ID) instructionId!: string;
  @Field(() => String) reason!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

function instructionWhere(filter: InstructionFilter | null | undefined, actor: Actor, now: Date) {
  const where: string[] = [];
  const params: unknown[] = [];
  const f = filter ?? {};
  if (f.status?.length) {
    where.push('i.status = any(?::text[])');
    params.push(pgArray(f.status));
  }
  if (f.source?.length) {
    where.push('i.source = any(?::text[])');
    params.push(pgArray(f.source));
  }
  if (f.organizationId) {
    if (!/^[0-9a-f-]{36}$/i.test(f.organizationId)) throw badInput('filter.organizationId', 'must be an organization ID');
    where.push('exists (select 1 from instruction_assignee x where x.instruction_id = i.id and x.organization_id = ?)');
    params.push(f.organizationId);
  }
  if (f.overdue != null) {
    const cond = `(i.status in ('on_control','report_submitted') and i.due_date < ?::date)`;
    where.push(f.overdue ? cond : `not ${cond}`);
    params.push(toLocalDate(now));
  }
  if (f.dueFrom) {
    where.push('i.due_date >= ?::date');
    params.push(f.dueFrom);
  }
  if (f.dueTo) {
    where.push('i.due_date <= ?::date');
    params.push(f.dueTo);
  }
  if (isRestrictedToOwnOrganization(actor)) {
    where.push(`exists (select 1 from instruction_assignee x join organization o on o.id = x.organization_id
                 where x.instruction_id = i.id and (x.organization_id = ? or o.parent_id = ?))`);
    const org = actor.organizationId ?? '00000000-0000-0000-0000-000000000000';
    params.push(org, org);
  }
  return { where, params };
}

@Resolver(() => InstructionView)
export class InstructionResolver {
  @Query(() => InstructionConnection, { description: 'Instructions under control, newest first' })
  async instructions(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => InstructionFilter, { nullable: true }) filter?: InstructionFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<InstructionConnection> {
    authorize(ctx.actor, 'readInstructions');
    const n = first ?? 20;
    if (!Number.isInteger(n) || n < 0 || n > 100) throw badInput('first', 'first must be 0–100');
    const { where, params } = instructionWhere(filter, ctx.actor, ctx.now());
    const [{ c }] = await query<{ c: string }>(ctx.em, `select count(*) as c from instruction i ${where.length ? 'where ' + where.join(' and ') : ''}`, params);
    const p = [...params];
    const w = [...where];
    if (after) {
      let cur: [string, string];
      try {
        cur = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
        if (!Array.isArray(cur) || cur.length !== 2 || !/^[0-9a-f-]{36}$/i.test(cur[1])) throw new Error();
      } catch {
        throw badInput('after', 'The cursor is not valid');
      }
      w.push('(i.issued_at, i.id) < (?, ?::uuid)');
      p.push(cur[0], cur[1]);
    }
    const rows = await query(
      ctx.em,
      `select i.* from instruction i ${w.length ? 'where ' + w.join(' and ') : ''} order by i.issued_at desc, i.id desc limit ?`,
      [...p, n + 1],
    );
    const nodes = rows.slice(0, n).map(toInstructionView);
    const cursors = nodes.map((x) => Buffer.from(JSON.stringify([x.issuedAt.toISOString(), x.id])).toString('base64url'));
    return {
      edges: nodes.map((node, k) => ({ node, cursor: cursors[k] })),
      pageInfo: pageInfo(cursors, rows.length > n, Boolean(after)),
      totalCount: Number(c),
    };
  }

  @Query(() => InstructionView, { nullable: true })
  async instruction(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<InstructionView> {
    authorize(ctx.actor, 'readInstructions');
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw notFound('Instruction', id);
    const { where, params } = instructionWhere(null, ctx.actor, ctx.now());
    const rows = await query(ctx.em, `select i.* from instruction i where ${['i.id = ?', ...where].join(' and ')}`, [id, ...params]);
    if (!rows[0]) throw notFound('Instruction', id);
    return toInstructionView(rows[0]);
  }

  @FieldResolver(() => Boolean)
  isOverdue(@Root() i: InstructionView, @Ctx() ctx: RequestContext): boolean {
    if (i.status === 'removed_from_control') return false;
    if (i.status === 'executed') return toLocalDate(i.executedAt!) > i.dueDate;
    return toLocalDate(ctx.now()) > i.dueDate;
  }

  @FieldResolver(() => Int)
  workingDaysLeft(@Root() i: InstructionView, @Ctx() ctx: RequestContext): number {
    return ctx.calendar.workingDaysBetween(toLocalDate(ctx.now()), i.dueDate);
  }

  @FieldResolver(() => [OrganizationView])
  assignees(@Root() i: InstructionView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.assigneesByInstruction.load(i.id);
  }

  @FieldResolver(() => [AppealView])
  appeals(@Root() i: InstructionView, @Ctx() ctx: RequestContext) {
    if (!can(ctx.actor, 'readAppeals')) return [];
    return ctx.loaders.appealsByInstruction.load(i.id);
  }

  @FieldResolver(() => [InstructionReportView])
  reports(@Root() i: InstructionView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.reportsByInstruction.load(i.id);
  }

  @FieldResolver(() => [InstructionExtensionView])
  extensions(@Root() i: InstructionView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.extensionsByInstruction.load(i.id);
  }

  @FieldResolver(() => [HistoryEventView])
  history(@Root() i: InstructionView, @Ctx() ctx: RequestContext) {
    if (!can(ctx.actor, 'readHistory')) return [];
    return ctx.loaders.historyByInstruction.load(i.id);
  }

  private async reload(ctx: RequestContext, id: string): Promise<InstructionView> {
    const rows = await query(ctx.em, 'select * from instruction where id = ?', [id]);
    return toInstructionView(rows[0]);
  }

  @Mutation(() => InstructionView, { description: 'Put an instruction under control' })
  async issueInstruction(@Ctx() ctx: RequestContext, @Arg('input', () => IssueInstructionInputGql) input: IssueInstructionInputGql) {
    const i = await new InstructionCommands(commandsFor(ctx)).issue(input);
    return this.reload(ctx, i.id);
  }

  @Mutation(() => InstructionReportView, { description: 'An interim or final report by an assigned organization' })
  async submitInstructionReport(@Ctx() ctx: RequestContext, @Arg('input', () => SubmitInstructionReportInput) input: SubmitInstructionReportInput) {
    const r = await new InstructionCommands(commandsFor(ctx)).submitReport(input.instructionId, input);
    return (await ctx.loaders.reportsByInstruction.clear(input.instructionId).load(input.instructionId)).find((x) => x.id === r.id)!;
  }

  @Mutation(() => InstructionReportView, { description: 'Accept a report (a final one executes the instruction) or return it' })
  async reviewInstructionReport(@Ctx() ctx: RequestContext, @Arg('input', () => ReviewInstructionReportInput) input: ReviewInstructionReportInput) {
    const r = await new InstructionCommands(commandsFor(ctx)).reviewReport(input.reportId, input);
    return (await ctx.loaders.reportsByInstruction.clear(r.instruction.id).load(r.instruction.id)).find((x) => x.id === r.id)!;
  }

  @Mutation(() => InstructionView)
  async extendInstruction(@Ctx() ctx: RequestContext, @Arg('input', () => ExtendInstructionInput) input: ExtendInstructionInput) {
    await new InstructionCommands(commandsFor(ctx)).extend(input.instructionId, input);
    return this.reload(ctx, input.instructionId);
  }

  @Mutation(() => InstructionView)
  async removeInstructionFromControl(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RemoveInstructionFromControlInput) input: RemoveInstructionFromControlInput,
  ) {
    await new InstructionCommands(commandsFor(ctx)).removeFromControl(input.instructionId, input);
    return this.reload(ctx, input.instructionId);
  }
}

@Resolver(() => InstructionReportView)
export class InstructionReportResolver {
  @FieldResolver(() => OrganizationView)
  organization(@Root() r: InstructionReportView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organization.load(r.organizationId);
  }

  @FieldResolver(() => OfficialView)
  submittedBy(@Root() r: InstructionReportView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.official.load(r.submittedById);
  }
}

import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Actor } from '../access/actor';
import { authorize, isRestrictedToOwnOrganization } from '../access/policy';
import { commandsFor } from '../appeals/appeal.resolver';
import { isUuid } from '../control/domain/input';
import { query } from '../db/sql';
import type { RequestContext } from '../graphql/context';
import { WorkingGroupKindEnum, WorkingGroupMemberKindEnum, WorkingGroupMemberRoleEnum, WorkingGroupStatusEnum } from '../graphql/enums';
import { OrganizationView } from '../organizations/organization.types';
import { notFound } from '../shared/errors';
import { registerEnumType } from 'type-graphql';
import type { GroupKind, GroupStatus, MemberKind, MemberRole } from './domain/working-group-rules';
import { WorkingGroupCommands } from './working-group.commands';
import { DecisionView, MeetingView, MemberView, toDecisionView, toGroupView, WorkingGroupView } from './working-group.types';

export const DecisionFollowUpEnum = { DONE: 'done', CANCELLED: 'cancelled' } as const;
registerEnumType(DecisionFollowUpEnum, { name: 'WorkingGroupDecisionOutcome', description: 'Done or cancelled' });

const NONE = '00000000-0000-0000-0000-000000000000';

/**
 * An executor sees the groups with a decision its organization (or one below it) is responsible for; the liaison of
 * the Presidential Administration sees them all (8.4: interaction with the PA on issues of public outcry).
 */
async function listGroups(ctx: RequestContext, actor: Actor, f: { status?: GroupStatus | null; id?: string | null }) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.status) {
    where.push('g.status = ?');
    params.push(f.status);
  }
  if (f.id) {
    where.push('g.id = ?');
    params.push(f.id);
  }
  if (isRestrictedToOwnOrganization(actor) && !actor.roles.includes('liaison')) {
    where.push(`exists (select 1 from working_group_decision d join organization o on o.id = d.responsible_organization_id
                 where d.group_id = g.id and (o.id = ? or o.parent_id = ?))`);
    params.push(actor.organizationId ?? NONE, actor.organizationId ?? NONE);
  }
  const rows = await query(ctx.em, `select g.* from working_group g ${where.length ? 'where ' + where.join(' and ') : ''} order by g.created_at desc, g.id limit 500`, params);
  return rows.map(toGroupView);
}

@InputType('CreateWorkingGroupInput')
class CreateWorkingGroupInput {
  @Field(() => WorkingGroupKindEnum) kind!: GroupKind;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'The issue of wide public outcry' }) issue!: string;
  @Field(() => [ID], { nullable: true }) problemCardIds?: string[] | null;
}

@InputType('AddWorkingGroupMemberInput')
class AddWorkingGroupMemberInput {
  @Field(() => ID) groupId!: string;
  @Field(() => WorkingGroupMemberKindEnum) kind!: MemberKind;
  @Field(() => WorkingGroupMemberRoleEnum) role!: MemberRole;
  @Field(() => String) fullName!: string;
  @Field(() => String, { nullable: true }) affiliation?: string | null;
  @Field(() => ID, { nullable: true }) userId?: string | null;
  @Field(() => ID, { nullable: true }) organizationId?: string | null;
}

@InputType('WorkingGroupDecisionInput')
class WorkingGroupDecisionInput {
  @Field(() => String) text!: string;
  @Field(() => ID, { nullable: true }) responsibleOrganizationId?: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) dueDate?: string | null;
}

@InputType('RecordWorkingGroupMeetingInput')
class RecordWorkingGroupMeetingInput {
  @Field(() => ID) groupId!: string;
  @Field(() => DateTimeResolver) heldAt!: Date;
  @Field(() => String) place!: string;
  @Field(() => String, { nullable: true }) agenda?: string | null;
  @Field(() => String, { nullable: true }) minutesNumber?: string | null;
  @Field(() => String) minutes!: string;
  @Field(() => [ID], { description: 'Members present' }) attendeeIds!: string[];
  @Field(() => [WorkingGroupDecisionInput], { nullable: true }) decisions?: WorkingGroupDecisionInput[] | null;
}

@InputType('FollowUpWorkingGroupDecisionInput')
class FollowUpWorkingGroupDecisionInput {
  @Field(() => ID) decisionId!: string;
  @Field(() => DecisionFollowUpEnum) status!: 'done' | 'cancelled';
  @Field(() => String) followUp!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@Resolver(() => WorkingGroupView)
export class WorkingGroupResolver {
  @Query(() => [WorkingGroupView], { description: 'Working groups and hearings, newest first' })
  async workingGroups(@Ctx() ctx: RequestContext, @Arg('status', () => WorkingGroupStatusEnum, { nullable: true }) status?: GroupStatus | null) {
    authorize(ctx.actor, 'readWorkingGroups');
    return listGroups(ctx, ctx.actor, { status });
  }

  @Query(() => WorkingGroupView)
  async workingGroup(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    authorize(ctx.actor, 'readWorkingGroups');
    const [g] = isUuid(id) ? await listGroups(ctx, ctx.actor, { id }) : [];
    if (!g) throw notFound('Working group', id);
    return g;
  }

  @FieldResolver(() => [ID], { description: 'The problem cards the group addresses' })
  problemCardIds(@Root() g: WorkingGroupView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.problemCardIdsByGroup.load(g.id);
  }

  @FieldResolver(() => [MemberView])
  members(@Root() g: WorkingGroupView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.membersByGroup.load(g.id);
  }

  @FieldResolver(() => [MeetingView])
  meetings(@Root() g: WorkingGroupView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.meetingsByGroup.load(g.id);
  }

  @FieldResolver(() => [DecisionView])
  decisions(@Root() g: WorkingGroupView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.decisionsByGroup.load(g.id);
  }

  private async reload(ctx: RequestContext, id: string) {
    return (await listGroups(ctx, { ...ctx.actor, system: true }, { id }))[0];
  }

  @Mutation(() => WorkingGroupView, { description: 'Create a working group (8.3) or a hearing (8.7) on an issue of public outcry' })
  async createWorkingGroup(@Ctx() ctx: RequestContext, @Arg('input', () => CreateWorkingGroupInput) input: CreateWorkingGroupInput) {
    const g = await new WorkingGroupCommands(commandsFor(ctx)).create(input);
    return this.reload(ctx, g.id);
  }

  @Mutation(() => WorkingGroupView)
  async linkWorkingGroupProblemCards(@Ctx() ctx: RequestContext, @Arg('groupId', () => ID) groupId: string, @Arg('problemCardIds', () => [ID]) problemCardIds: string[]) {
    await new WorkingGroupCommands(commandsFor(ctx)).linkProblemCards(groupId, problemCardIds);
    return this.reload(ctx, groupId);
  }

  @Mutation(() => WorkingGroupView)
  async addWorkingGroupMember(@Ctx() ctx: RequestContext, @Arg('input', () => AddWorkingGroupMemberInput) input: AddWorkingGroupMemberInput) {
    await new WorkingGroupCommands(commandsFor(ctx)).addMember(input.groupId, input);
    return this.reload(ctx, input.groupId);
  }

  @Mutation(() => WorkingGroupView, { description: 'Record a meeting held: minutes, members present, decisions' })
  async recordWorkingGroupMeeting(@Ctx() ctx: RequestContext, @Arg('input', () => RecordWorkingGroupMeetingInput) input: RecordWorkingGroupMeetingInput) {
    await new WorkingGroupCommands(commandsFor(ctx)).recordMeeting(input.groupId, input);
    return this.reload(ctx, input.groupId);
  }

  @Mutation(() => DecisionView, { description: 'Record the follow-up of a decision (the responsible organization may mark it done)' })
  async followUpWorkingGroupDecision(@Ctx() ctx: RequestContext, @Arg('input', () => FollowUpWorkingGroupDecisionInput) input: FollowUpWorkingGroupDecisionInput) {
    const d = await new WorkingGroupCommands(commandsFor(ctx)).followUpDecision(input.decisionId, input);
    return toDecisionView((await query(ctx.em, 'select * from working_group_decision where id = ?', [d.id]))[0]);
  }

  @Mutation(() => WorkingGroupView, { description: 'Close a group whose decisions are all followed up' })
  async closeWorkingGroup(
    @Ctx() ctx: RequestContext,
    @Arg('groupId', () => ID) groupId: string,
    @Arg('note', () => String) note: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ) {
    await new WorkingGroupCommands(commandsFor(ctx)).close(groupId, { note, expectedVersion });
    return this.reload(ctx, groupId);
  }
}

@Resolver(() => DecisionView)
export class WorkingGroupDecisionResolver {
  @FieldResolver(() => OrganizationView, { nullable: true })
  responsibleOrganization(@Root() d: DecisionView, @Ctx() ctx: RequestContext) {
    return d.responsibleOrganizationId ? ctx.loaders.organization.load(d.responsibleOrganizationId) : null;
  }
}

export const WORKING_GROUP_RESOLVERS = [WorkingGroupResolver, WorkingGroupDecisionResolver] as const;

import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Actor } from '../access/actor';
import { authorize, isRestrictedToOwnOrganization } from '../access/policy';
import { commandsFor } from '../appeals/appeal.resolver';
import { ViolationView } from '../control/control.types';
import { isUuid } from '../control/domain/input';
import { query } from '../db/sql';
import type { RequestContext } from '../graphql/context';
import { OrganizationView } from '../organizations/organization.types';
import { badInput, notFound } from '../shared/errors';
import { OfficialView } from '../users/user.types';
import { OfficeCheckCommands } from './office-check.commands';
import { FindingView, OfficeCheckView, toOfficeCheckView } from './office-check.types';

const NONE = '00000000-0000-0000-0000-000000000000';

async function listChecks(ctx: RequestContext, actor: Actor, f: { organizationId?: string | null; id?: string | null }) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.organizationId != null) {
    if (!isUuid(f.organizationId)) throw badInput('organizationId', 'organizationId must be an ID');
    where.push('c.organization_id = ?');
    params.push(f.organizationId);
  }
  if (f.id != null) {
    where.push('c.id = ?');
    params.push(f.id);
  }
  if (isRestrictedToOwnOrganization(actor)) {
    where.push('c.organization_id in (select o.id from organization o where o.id = ? or o.parent_id = ?)');
    params.push(actor.organizationId ?? NONE, actor.organizationId ?? NONE);
  }
  const rows = await query(ctx.em, `select c.* from office_check c ${where.length ? 'where ' + where.join(' and ') : ''} order by c.planned_on desc, c.id limit 500`, params);
  return rows.map(toOfficeCheckView);
}

@InputType('PlanOfficeCheckInput')
class PlanOfficeCheckInput {
  @Field(() => ID) organizationId!: string;
  @Field(() => LocalDateResolver) periodFrom!: string;
  @Field(() => LocalDateResolver) periodTo!: string;
  @Field(() => LocalDateResolver) plannedOn!: string;
  @Field(() => ID) inspectorId!: string;
}

@InputType('CompleteOfficeCheckInput')
class CompleteOfficeCheckInput {
  @Field(() => ID) checkId!: string;
  @Field(() => String, { nullable: true }) inspectorFindings?: string | null;
  @Field(() => String) recommendations!: string;
  @Field(() => LocalDateResolver) followUpDate!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('RecordOfficeCheckFollowUpInput')
class RecordOfficeCheckFollowUpInput {
  @Field(() => ID) checkId!: string;
  @Field(() => String) result!: string;
  @Field(() => Boolean, { nullable: true, description: 'The organization has already fixed the findings: the follow-up may be recorded before its date' })
  findingsFixed?: boolean | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@Resolver(() => OfficeCheckView)
export class OfficeCheckResolver {
  @Query(() => [OfficeCheckView], { description: 'Office-work checks, latest first' })
  async officeChecks(@Ctx() ctx: RequestContext, @Arg('organizationId', () => ID, { nullable: true }) organizationId?: string | null) {
    authorize(ctx.actor, 'readOfficeChecks');
    return listChecks(ctx, ctx.actor, { organizationId });
  }

  @Query(() => OfficeCheckView)
  async officeCheck(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    authorize(ctx.actor, 'readOfficeChecks');
    const [c] = isUuid(id) ? await listChecks(ctx, ctx.actor, { id }) : [];
    if (!c) throw notFound('Office-work check', id);
    return c;
  }

  @FieldResolver(() => [FindingView], { description: 'Computed from the record: live until the check is completed, then frozen' })
  async findings(@Root() c: OfficeCheckView, @Ctx() ctx: RequestContext) {
    if (c.frozenFindings) return c.frozenFindings;
    return ctx.loaders.liveFindingsByCheck.load(`${c.id}@${ctx.now().toISOString()}`);
  }

  @FieldResolver(() => OrganizationView)
  organization(@Root() c: OfficeCheckView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organization.load(c.organizationId);
  }

  @FieldResolver(() => OfficialView)
  inspector(@Root() c: OfficeCheckView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.official.load(c.inspectorId);
  }

  @FieldResolver(() => [ViolationView], { description: 'Violations recorded by this check' })
  violations(@Root() c: OfficeCheckView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.violationsByOfficeCheck.load(c.id);
  }

  private async reload(ctx: RequestContext, id: string) {
    return (await listChecks(ctx, { ...ctx.actor, system: true }, { id }))[0];
  }

  @Mutation(() => OfficeCheckView, { description: "Plan a check of an organization's office work on appeals" })
  async planOfficeCheck(@Ctx() ctx: RequestContext, @Arg('input', () => PlanOfficeCheckInput) input: PlanOfficeCheckInput) {
    const c = await new OfficeCheckCommands(commandsFor(ctx)).plan(input);
    return this.reload(ctx, c.id);
  }

  @Mutation(() => OfficeCheckView)
  async startOfficeCheck(
    @Ctx() ctx: RequestContext,
    @Arg('checkId', () => ID) checkId: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ) {
    await new OfficeCheckCommands(commandsFor(ctx)).start(checkId, expectedVersion);
    return this.reload(ctx, checkId);
  }

  @Mutation(() => OfficeCheckView, { description: 'Complete a check: findings frozen, violations recorded, recommendations and follow-up date' })
  async completeOfficeCheck(@Ctx() ctx: RequestContext, @Arg('input', () => CompleteOfficeCheckInput) input: CompleteOfficeCheckInput) {
    await new OfficeCheckCommands(commandsFor(ctx)).complete(input.checkId, input);
    return this.reload(ctx, input.checkId);
  }

  @Mutation(() => OfficeCheckView, { description: 'Record what the follow-up found' })
  async recordOfficeCheckFollowUp(@Ctx() ctx: RequestContext, @Arg('input', () => RecordOfficeCheckFollowUpInput) input: RecordOfficeCheckFollowUpInput) {
    await new OfficeCheckCommands(commandsFor(ctx)).recordFollowUp(input.checkId, input);
    return this.reload(ctx, input.checkId);
  }
}

export const OFFICE_CHECK_RESOLVERS = [OfficeCheckResolver] as const;

import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { authorize, can } from '../access/policy';
import { commandsFor } from '../appeals/appeal.resolver';
import { toLocalDate } from '../calendar/working-calendar';
import { AdminUnitView } from '../geo/admin-unit.types';
import type { RequestContext } from '../graphql/context';
import { ConclusionVerdictEnum, DisciplinaryMeasureEnum, ViolationKindEnum } from '../graphql/enums';
import { InstructionView } from '../instructions/instruction.types';
import { OrganizationView } from '../organizations/organization.types';
import { notFound } from '../shared/errors';
import { OfficialView } from '../users/user.types';
import { registerEnumType } from 'type-graphql';
import { ControlCommands } from './control.commands';
import { executiveDiscipline, instructionsDue, listConclusions, listProposals, listVerifications, listViolations } from './control.queries';
import {
  DisciplinaryProposalView,
  ExecutionConclusionView,
  ExecutiveDisciplineView,
  OnsiteVerificationView,
  ViolationView,
} from './control.types';
import type { ConclusionVerdict, DisciplinaryMeasure, ViolationKind } from './domain/control-rules';

export const ProposalDecisionEnum = { APPLIED: 'applied', REJECTED: 'rejected' } as const;
registerEnumType(ProposalDecisionEnum, { name: 'DisciplinaryDecision', description: 'The decision on a proposal' });

@InputType('PlanOnsiteVerificationInput')
class PlanOnsiteVerificationInput {
  @Field(() => ID, { description: 'The body verified' }) organizationId!: string;
  @Field(() => String) place!: string;
  @Field(() => ID, { nullable: true }) adminUnitId?: string | null;
  @Field(() => ID, { nullable: true }) instructionId?: string | null;
  @Field(() => ID, { nullable: true }) appealId?: string | null;
  @Field(() => String, { nullable: true }) issue?: string | null;
  @Field(() => LocalDateResolver) visitedOn!: string;
  @Field(() => [ID], { description: 'Who goes' }) participantIds!: string[];
}

@InputType('CompleteOnsiteVerificationInput')
class CompleteOnsiteVerificationInput {
  @Field(() => ID) verificationId!: string;
  @Field(() => String) findings!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('RecordViolationInput')
class RecordViolationInput {
  @Field(() => ID) organizationId!: string;
  @Field(() => ViolationKindEnum) kind!: ViolationKind;
  @Field(() => String) description!: string;
  @Field(() => LocalDateResolver) foundOn!: string;
  @Field(() => String, { nullable: true }) officialName?: string | null;
  @Field(() => ID, { nullable: true }) officialId?: string | null;
  @Field(() => ID, { nullable: true }) verificationId?: string | null;
  @Field(() => ID, { nullable: true }) officeCheckId?: string | null;
  @Field(() => ID, { nullable: true }) instructionId?: string | null;
  @Field(() => ID, { nullable: true }) appealId?: string | null;
}

@InputType('ProposeDisciplinaryActionInput')
class ProposeDisciplinaryActionInput {
  @Field(() => ID) organizationId!: string;
  @Field(() => String) officialName!: string;
  @Field(() => String, { nullable: true }) officialPosition?: string | null;
  @Field(() => ID, { nullable: true }) officialId?: string | null;
  @Field(() => ID, { nullable: true }) violationId?: string | null;
  @Field(() => String) grounds!: string;
  @Field(() => DisciplinaryMeasureEnum) measure!: DisciplinaryMeasure;
}

@InputType('DecideDisciplinaryProposalInput')
class DecideDisciplinaryProposalInput {
  @Field(() => ID) proposalId!: string;
  @Field(() => ProposalDecisionEnum) decision!: 'applied' | 'rejected';
  @Field(() => DisciplinaryMeasureEnum, { nullable: true }) appliedMeasure?: DisciplinaryMeasure | null;
  @Field(() => String) text!: string;
  @Field(() => LocalDateResolver) decidedOn!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('PrepareExecutionConclusionInput')
class PrepareExecutionConclusionInput {
  @Field(() => ID) instructionId!: string;
  @Field(() => ID) appealId!: string;
  @Field(() => ConclusionVerdictEnum) verdict!: ConclusionVerdict;
  @Field(() => String) text!: string;
}

@InputType('ViolationFilter')
class ViolationFilter {
  @Field(() => ID, { nullable: true }) organizationId?: string | null;
  @Field(() => ID, { nullable: true }) verificationId?: string | null;
  @Field(() => ID, { nullable: true }) officeCheckId?: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) from?: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) to?: string | null;
}

@Resolver(() => OnsiteVerificationView)
export class ControlResolver {
  @Query(() => [InstructionView], { description: 'Reminders: open instructions falling due within `days` working days (soonest first)' })
  async instructionsDue(
    @Ctx() ctx: RequestContext,
    @Arg('days', () => Int) days: number,
    @Arg('includeOverdue', () => Boolean, { nullable: true, defaultValue: false }) includeOverdue?: boolean | null,
  ) {
    authorize(ctx.actor, 'readInstructions');
    return instructionsDue(ctx.em, ctx.actor, ctx.calendar, ctx.now(), { days, includeOverdue });
  }

  @Query(() => ExecutiveDisciplineView, { description: 'Executive discipline on instructions per organization and per official (9.2); see executiveDiscipline for appeals' })
  async instructionDiscipline(@Ctx() ctx: RequestContext, @Arg('from', () => LocalDateResolver) from: string, @Arg('to', () => LocalDateResolver) to: string) {
    authorize(ctx.actor, 'readInstructionDiscipline');
    return executiveDiscipline(ctx.em, ctx.actor, ctx.now(), from, to);
  }

  @Query(() => [OnsiteVerificationView], { description: 'On-site verifications, latest first' })
  async onsiteVerifications(
    @Ctx() ctx: RequestContext,
    @Arg('organizationId', () => ID, { nullable: true }) organizationId?: string | null,
    @Arg('instructionId', () => ID, { nullable: true }) instructionId?: string | null,
  ) {
    authorize(ctx.actor, 'readControl');
    return listVerifications(ctx.em, ctx.actor, { organizationId, instructionId });
  }

  @Query(() => OnsiteVerificationView)
  async onsiteVerification(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    authorize(ctx.actor, 'readControl');
    const [v] = /^[0-9a-f-]{36}$/i.test(id) ? await listVerifications(ctx.em, ctx.actor, { id }) : [];
    if (!v) throw notFound('On-site verification', id);
    return v;
  }

  @Query(() => [DisciplinaryProposalView], { description: 'Proposals for disciplinary responsibility, latest first' })
  async disciplinaryProposals(@Ctx() ctx: RequestContext, @Arg('organizationId', () => ID, { nullable: true }) organizationId?: string | null) {
    authorize(ctx.actor, 'readControl');
    return listProposals(ctx.em, ctx.actor, { organizationId });
  }

  @Query(() => [ExecutionConclusionView], { description: 'Conclusions on the execution of instructions on specific appeals (9.7)' })
  async executionConclusions(
    @Ctx() ctx: RequestContext,
    @Arg('instructionId', () => ID, { nullable: true }) instructionId?: string | null,
    @Arg('appealId', () => ID, { nullable: true }) appealId?: string | null,
  ) {
    authorize(ctx.actor, 'readControl');
    return listConclusions(ctx.em, ctx.actor, { instructionId, appealId });
  }

  @FieldResolver(() => OrganizationView)
  organization(@Root() v: OnsiteVerificationView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organization.load(v.organizationId);
  }

  @FieldResolver(() => AdminUnitView, { nullable: true })
  adminUnit(@Root() v: OnsiteVerificationView, @Ctx() ctx: RequestContext) {
    return v.adminUnitId ? ctx.loaders.adminUnit.load(v.adminUnitId) : null;
  }

  @FieldResolver(() => InstructionView, { nullable: true })
  async instruction(@Root() v: OnsiteVerificationView, @Ctx() ctx: RequestContext) {
    if (!v.instructionId || !can(ctx.actor, 'readInstructions')) return null;
    return (await ctx.loaders.instructionById.load(v.instructionId))[0] ?? null;
  }

  @FieldResolver(() => [OfficialView], { description: 'Who went' })
  participants(@Root() v: OnsiteVerificationView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.participantsByVerification.load(v.id);
  }

  @FieldResolver(() => [ViolationView], { description: 'Violations this verification found' })
  violations(@Root() v: OnsiteVerificationView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.violationsByVerification.load(v.id);
  }

  @Mutation(() => OnsiteVerificationView, { description: 'Plan a verification with departure to the place (who, where, when, on what)' })
  async planOnsiteVerification(@Ctx() ctx: RequestContext, @Arg('input', () => PlanOnsiteVerificationInput) input: PlanOnsiteVerificationInput) {
    const v = await new ControlCommands(commandsFor(ctx)).planVerification(input);
    return (await listVerifications(ctx.em, ctx.actor, { id: v.id }))[0];
  }

  @Mutation(() => OnsiteVerificationView, { description: 'Record the findings of a verification carried out' })
  async completeOnsiteVerification(@Ctx() ctx: RequestContext, @Arg('input', () => CompleteOnsiteVerificationInput) input: CompleteOnsiteVerificationInput) {
    await new ControlCommands(commandsFor(ctx)).completeVerification(input.verificationId, input);
    return (await listVerifications(ctx.em, ctx.actor, { id: input.verificationId }))[0];
  }

  @Mutation(() => ViolationView, { description: 'Record a violation found' })
  async recordViolation(@Ctx() ctx: RequestContext, @Arg('input', () => RecordViolationInput) input: RecordViolationInput) {
    const v = await new ControlCommands(commandsFor(ctx)).recordViolation(input);
    return (await listViolations(ctx.em, { ...ctx.actor, system: true }, toLocalDate(ctx.now()), { id: v.id }))[0];
  }

  @Mutation(() => DisciplinaryProposalView, { description: 'Propose bringing an official to disciplinary responsibility (9.5)' })
  async proposeDisciplinaryAction(@Ctx() ctx: RequestContext, @Arg('input', () => ProposeDisciplinaryActionInput) input: ProposeDisciplinaryActionInput) {
    const p = await new ControlCommands(commandsFor(ctx)).proposeDisciplinaryAction(input);
    return (await listProposals(ctx.em, ctx.actor, { id: p.id }))[0];
  }

  @Mutation(() => DisciplinaryProposalView, { description: 'Record the decision on a proposal' })
  async decideDisciplinaryProposal(@Ctx() ctx: RequestContext, @Arg('input', () => DecideDisciplinaryProposalInput) input: DecideDisciplinaryProposalInput) {
    await new ControlCommands(commandsFor(ctx)).decideDisciplinaryProposal(input.proposalId, input);
    return (await listProposals(ctx.em, ctx.actor, { id: input.proposalId }))[0];
  }

  @Mutation(() => ExecutionConclusionView, { description: 'Prepare the conclusion on the execution of an instruction on an appeal (9.7)' })
  async prepareExecutionConclusion(@Ctx() ctx: RequestContext, @Arg('input', () => PrepareExecutionConclusionInput) input: PrepareExecutionConclusionInput) {
    const c = await new ControlCommands(commandsFor(ctx)).prepareConclusion(input);
    return (await listConclusions(ctx.em, ctx.actor, { instructionId: c.instruction.id, appealId: c.appeal.id }))[0];
  }

  @Mutation(() => ExecutionConclusionView, { description: 'Approve (sign) a conclusion' })
  async approveExecutionConclusion(
    @Ctx() ctx: RequestContext,
    @Arg('conclusionId', () => ID) conclusionId: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ) {
    const c = await new ControlCommands(commandsFor(ctx)).approveConclusion(conclusionId, expectedVersion);
    return (await listConclusions(ctx.em, ctx.actor, { instructionId: c.instruction.id, appealId: c.appeal.id }))[0];
  }
}

@Resolver(() => ViolationView)
export class ViolationResolver {
  @Query(() => [ViolationView], { description: 'Violations found, latest first' })
  async violations(@Ctx() ctx: RequestContext, @Arg('filter', () => ViolationFilter, { nullable: true }) filter?: ViolationFilter | null) {
    authorize(ctx.actor, 'readControl');
    return listViolations(ctx.em, ctx.actor, toLocalDate(ctx.now()), filter ?? {});
  }

  @FieldResolver(() => OrganizationView)
  organization(@Root() v: ViolationView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organization.load(v.organizationId);
  }
}

@Resolver(() => DisciplinaryProposalView)
export class DisciplinaryProposalResolver {
  @FieldResolver(() => OrganizationView)
  organization(@Root() p: DisciplinaryProposalView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organization.load(p.organizationId);
  }
}

@Resolver(() => ExecutionConclusionView)
export class ExecutionConclusionResolver {
  @FieldResolver(() => OfficialView)
  preparedBy(@Root() c: ExecutionConclusionView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.official.load(c.preparedById);
  }

  @FieldResolver(() => OfficialView, { nullable: true })
  approvedBy(@Root() c: ExecutionConclusionView, @Ctx() ctx: RequestContext) {
    return c.approvedById ? ctx.loaders.official.load(c.approvedById) : null;
  }
}

export const CONTROL_RESOLVERS = [ControlResolver, ViolationResolver, DisciplinaryProposalResolver, ExecutionConclusionResolver] as const;

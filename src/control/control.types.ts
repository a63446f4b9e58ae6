import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { toDate } from '../db/sql';
import {
  ConclusionStatusEnum,
  ConclusionVerdictEnum,
  DisciplinaryMeasureEnum,
  ProposalStatusEnum,
  VerificationStatusEnum,
  ViolationKindEnum,
} from '../graphql/enums';
import type {
  ConclusionStatus,
  ConclusionVerdict,
  DisciplinaryMeasure,
  ProposalStatus,
  VerificationStatus,
  ViolationKind,
} from './domain/control-rules';

@ObjectType('OnsiteVerification', { description: 'A verification with departure to the place of execution (9.3, 9.4)' })
export class OnsiteVerificationView {
  @Field(() => ID) id!: string;
  @Field(() => String) place!: string;
  @Field(() => ID, { nullable: true }) instructionId!: string | null;
  @Field(() => ID, { nullable: true }) appealId!: string | null;
  @Field(() => String, { nullable: true, description: 'The issue verified' }) issue!: string | null;
  @Field(() => LocalDateResolver) visitedOn!: string;
  @Field(() => VerificationStatusEnum) status!: VerificationStatus;
  @Field(() => String, { nullable: true }) findings!: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) completedAt!: Date | null;
  @Field(() => Int) version!: number;
  organizationId!: string;
  adminUnitId!: string | null;
}

export const toVerificationView = (r: any): OnsiteVerificationView => ({
  id: r.id,
  place: r.place,
  instructionId: r.instruction_id,
  appealId: r.appeal_id,
  issue: r.issue,
  visitedOn: r.visited_on,
  status: r.status,
  findings: r.findings,
  completedAt: toDate(r.completed_at),
  version: r.version,
  organizationId: r.organization_id,
  adminUnitId: r.admin_unit_id == null ? null : String(r.admin_unit_id),
});

@ObjectType('Violation', { description: 'A violation found by a verification, an office-work check or in the course of control' })
export class ViolationView {
  @Field(() => ID) id!: string;
  @Field(() => ViolationKindEnum) kind!: ViolationKind;
  @Field(() => String) description!: string;
  @Field(() => LocalDateResolver) foundOn!: string;
  @Field(() => String, { nullable: true, description: 'The official responsible' }) officialName!: string | null;
  @Field(() => ID, { nullable: true }) officialId!: string | null;
  @Field(() => ID, { nullable: true }) verificationId!: string | null;
  @Field(() => ID, { nullable: true }) officeCheckId!: string | null;
  @Field(() => ID, { nullable: true }) instructionId!: string | null;
  @Field(() => ID, { nullable: true }) appealId!: string | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => Boolean, {
    description: 'Raised by control of execution from the record (a missed deadline), not yet confirmed by a person; record a MISSED_DEADLINE violation on the instruction and organization to confirm or annotate it',
  })
  computed!: boolean;
  organizationId!: string;
}

export const toViolationView = (r: any): ViolationView => ({
  id: r.id,
  kind: r.kind,
  description: r.description,
  foundOn: r.found_on,
  officialName: r.official_name,
  officialId: r.official_id,
  verificationId: r.verification_id,
  officeCheckId: r.office_check_id,
  instructionId: r.instruction_id,
  appealId: r.appeal_id,
  createdAt: toDate(r.created_at)!,
  computed: r.computed === true,
  organizationId: r.organization_id,
});

@ObjectType('DisciplinaryProposal', { description: 'A proposal to bring an official to disciplinary responsibility (9.5)' })
export class DisciplinaryProposalView {
  @Field(() => ID) id!: string;
  @Field(() => String) officialName!: string;
  @Field(() => String, { nullable: true }) officialPosition!: string | null;
  @Field(() => ID, { nullable: true }) officialId!: string | null;
  @Field(() => ID, { nullable: true }) violationId!: string | null;
  @Field(() => String, { description: 'For what' }) grounds!: string;
  @Field(() => DisciplinaryMeasureEnum) proposedMeasure!: DisciplinaryMeasure;
  @Field(() => ProposalStatusEnum) status!: ProposalStatus;
  @Field(() => DisciplinaryMeasureEnum, { nullable: true }) appliedMeasure!: DisciplinaryMeasure | null;
  @Field(() => String, { nullable: true }) decision!: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) decidedOn!: string | null;
  @Field(() => DateTimeResolver) proposedAt!: Date;
  @Field(() => Int) version!: number;
  organizationId!: string;
}

export const toProposalView = (r: any): DisciplinaryProposalView => ({
  id: r.id,
  officialName: r.official_name,
  officialPosition: r.official_position,
  officialId: r.official_id,
  violationId: r.violation_id,
  grounds: r.grounds,
  proposedMeasure: r.proposed_measure,
  status: r.status,
  appliedMeasure: r.applied_measure,
  decision: r.decision,
  decidedOn: r.decided_on,
  proposedAt: toDate(r.proposed_at)!,
  version: r.version,
  organizationId: r.organization_id,
});

@ObjectType('ExecutionConclusion', { description: 'The conclusion on the execution of an instruction on a specific appeal (9.7)' })
export class ExecutionConclusionView {
  @Field(() => ID) id!: string;
  @Field(() => ID) instructionId!: string;
  @Field(() => ID) appealId!: string;
  @Field(() => ConclusionVerdictEnum) verdict!: ConclusionVerdict;
  @Field(() => String) text!: string;
  @Field(() => ConclusionStatusEnum) status!: ConclusionStatus;
  @Field(() => DateTimeResolver) preparedAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) approvedAt!: Date | null;
  @Field(() => Int) version!: number;
  preparedById!: string;
  approvedById!: string | null;
}

export const toConclusionView = (r: any): ExecutionConclusionView => ({
  id: r.id,
  instructionId: r.instruction_id,
  appealId: r.appeal_id,
  verdict: r.verdict,
  text: r.text,
  status: r.status,
  preparedAt: toDate(r.prepared_at)!,
  approvedAt: toDate(r.approved_at),
  version: r.version,
  preparedById: r.prepared_by_id,
  approvedById: r.approved_by_id,
});

@ObjectType('InstructionDisciplineByOrganization', { description: 'Executive discipline of an organization on instructions over a period (9.2)' })
export class OrganizationDisciplineRow {
  @Field(() => ID) organizationId!: string;
  @Field(() => String) organizationName!: string;
  @Field(() => Int, { description: 'Instructions assigned whose deadline in force fell in the period (up to today)' }) cameDue!: number;
  @Field(() => Int) executedOnTime!: number;
  @Field(() => Int) executedLate!: number;
  @Field(() => Int, { description: 'Still open past the deadline' }) overdueOpen!: number;
  @Field(() => Int) removedFromControl!: number;
  @Field(() => Float, { nullable: true, description: 'On time among those that came due (removed ones excluded)' }) onTimeRate!: number | null;
  @Field(() => Int) extensions!: number;
  @Field(() => Int, { description: 'Reports the department returned' }) reportsReturned!: number;
  @Field(() => Int) violations!: number;
  @Field(() => Int) disciplinaryProposals!: number;
  @Field(() => Int) disciplinaryMeasuresApplied!: number;
}

@ObjectType('InstructionDisciplineByOfficial', { description: "An official's record on instructions over a period" })
export class OfficialDisciplineRow {
  @Field(() => ID, { nullable: true }) officialId!: string | null;
  @Field(() => String) officialName!: string;
  @Field(() => ID, { nullable: true }) organizationId!: string | null;
  @Field(() => Int) reportsSubmitted!: number;
  @Field(() => Int) reportsReturned!: number;
  @Field(() => Int, { description: 'Final reports submitted after the deadline in force' }) finalReportsLate!: number;
  @Field(() => Int) violations!: number;
  @Field(() => Int) disciplinaryProposals!: number;
}

@ObjectType('InstructionDiscipline', { description: 'Executive discipline on instructions (9.2): per organization and per official' })
export class ExecutiveDisciplineView {
  @Field(() => LocalDateResolver) from!: string;
  @Field(() => LocalDateResolver) to!: string;
  @Field(() => [OrganizationDisciplineRow]) organizations!: OrganizationDisciplineRow[];
  @Field(() => [OfficialDisciplineRow]) officials!: OfficialDisciplineRow[];
}

import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { toDate } from '../db/sql';
import { InstructionSourceEnum, InstructionStatusEnum, ReportKindEnum, ReportVerdictEnum } from '../graphql/enums';
import type { InstructionSource, InstructionStatus, ReportKind, ReportVerdict } from './domain/instruction-status';

@ObjectType('Instruction', { description: 'An instruction (поручение) under the control of the department' })
export class InstructionView {
  @Field(() => ID) id!: string;
  @Field(() => String) number!: string;
  @Field(() => InstructionSourceEnum) source!: InstructionSource;
  @Field(() => String, { nullable: true }) issuer!: string | null;
  @Field(() => String) text!: string;
  @Field(() => DateTimeResolver) issuedAt!: Date;
  @Field(() => LocalDateResolver) dueDate!: string;
  @Field(() => InstructionStatusEnum) status!: InstructionStatus;
  @Field(() => DateTimeResolver, { nullable: true }) executedAt!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true }) removedAt!: Date | null;
  @Field(() => String, { nullable: true }) removalReason!: string | null;
  @Field(() => Int) version!: number;
  regionId!: string;
}

export function toInstructionView(r: any): InstructionView {
  return {
    id: r.id,
    regionId: String(r.region_id),
    number: r.number,
    source: r.source,
    issuer: r.issuer,
    text: r.text,
    issuedAt: toDate(r.issued_at)!,
    dueDate: r.due_date,
    status: r.status,
    executedAt: toDate(r.executed_at),
    removedAt: toDate(r.removed_at),
    removalReason: r.removal_reason,
    version: r.version,
  };
}

@ObjectType('InstructionReport', { description: 'An interim or final report on an instruction' })
export class InstructionReportView {
  @Field(() => ID) id!: string;
  @Field(() => ID) instructionId!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => ReportKindEnum) kind!: ReportKind;
  @Field(() => String) text!: string;
  @Field(() => DateTimeResolver) submittedAt!: Date;
  @Field(() => ReportVerdictEnum, { nullable: true }) verdict!: ReportVerdict | null;
  @Field(() => String, { nullable: true }) reviewComment!: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) reviewedAt!: Date | null;
  submittedById!: string;
}

export function toInstructionReportView(r: any): InstructionReportView {
  return {
    id: r.id,
    instructionId: r.instruction_id,
    organizationId: r.organization_id,
    kind: r.kind,
    text: r.text,
    submittedAt: toDate(r.submitted_at)!,
    verdict: r.verdict,
    reviewComment: r.review_comment,
    reviewedAt: toDate(r.reviewed_at),
    submittedById: r.submitted_by_id,
  };
}

@ObjectType('InstructionExtension')
export class InstructionExtensionView {
  @Field(() => ID) id!: string;
  @Field(() => LocalDateResolver) previousDueDate!: string;
  @Field(() => LocalDateResolver) newDueDate!: string;
  @Field(() => String) reason!: string;
  @Field(() => DateTimeResolver) extendedAt!: Date;
}

export function toInstructionExtensionView(r: any): InstructionExtensionView {
  return {
    id: r.id,
    previousDueDate: r.previous_due_date,
    newDueDate: r.new_due_date,
    reason: r.reason,
    extendedAt: toDate(r.extended_at)!,
  };
}

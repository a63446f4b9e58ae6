import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import {
  AppealChannelEnum,
  AppealFormEnum,
  AppealStatusEnum,
  ApplicantKindEnum,
  AssignmentRoleEnum,
  LanguageEnum,
  LeaveReasonEnum,
  OutOfScopeEnum,
  ResponseDecisionEnum,
  ReviewVerdictEnum,
  ReworkReasonEnum,
} from '../graphql/enums';
import { registerEnumType } from 'type-graphql';
import type { AppealStatus, LeaveReason } from './domain/appeal-status';
import type { AppealForm } from './domain/deadline-rules';
import type {
  AppealChannel,
  ApplicantKind,
  AssignmentRole,
  Language,
  OutOfScopeKind,
  ResponseDecision,
  ReviewVerdict,
  ReworkReason,
} from './domain/vocabulary';
import type { AppealOrder } from './appeal.queries';

export const AppealOrderEnum = {
  RECEIVED_AT_DESC: 'received_at_desc',
  RECEIVED_AT_ASC: 'received_at_asc',
  DUE_DATE_ASC: 'due_date_asc',
  REGISTRATION_NUMBER_ASC: 'registration_number_asc',
} as const satisfies Record<string, AppealOrder>;
registerEnumType(AppealOrderEnum, { name: 'AppealOrder', description: 'Sort order of the appeals list' });

@InputType('AppealFilter')
export class AppealFilter {
  @Field(() => [AppealStatusEnum], { nullable: true }) status?: AppealStatus[] | null;
  @Field(() => [AppealFormEnum], { nullable: true }) form?: AppealForm[] | null;
  @Field(() => [AppealChannelEnum], { nullable: true }) channel?: AppealChannel[] | null;
  @Field(() => ID, { nullable: true, description: 'A region (includes all its districts) or a district' }) adminUnitId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Addressee or executor' }) organizationId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A topic and its subtopics' }) topicId?: string | null;
  @Field(() => Boolean, { nullable: true }) overdue?: boolean | null;
  @Field(() => Boolean, { nullable: true }) onControl?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Repeated appeals only (or none)' }) repeated?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Appeals whose topic a person must decide' }) topicReviewRequired?: boolean | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Received at or after' }) receivedFrom?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Received before' }) receivedTo?: Date | null;
  @Field(() => String, { nullable: true, description: 'Words that must all occur in the text, summary or number' }) search?: string | null;
}

@InputType('ApplicantInput')
export class ApplicantInput {
  @Field(() => ApplicantKindEnum) kind!: ApplicantKind;
  @Field(() => String, { nullable: true }) fullName?: string | null;
  @Field(() => String, { nullable: true, description: 'Individual identification number (12 digits)' }) iin?: string | null;
  @Field(() => String, { nullable: true }) organizationName?: string | null;
  @Field(() => String, { nullable: true, description: 'Business identification number (12 digits)' }) bin?: string | null;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => ID, { nullable: true }) adminUnitId?: string | null;
}

@InputType('RegisterAppealInput')
export class RegisterAppealInputGql {
  @Field(() => AppealFormEnum) form!: AppealForm;
  @Field(() => AppealChannelEnum) channel!: AppealChannel;
  @Field(() => DateTimeResolver) receivedAt!: Date;
  @Field(() => String, { description: 'The essence of the appeal' }) text!: string;
  @Field(() => String, { nullable: true }) summary?: string | null;
  @Field(() => LanguageEnum, { nullable: true, description: 'Detected from the text when omitted' }) language?: Language | null;
  @Field(() => ID, { description: 'Where the problem is (a district or region)' }) adminUnitId!: string;
  @Field(() => ID) addresseeId!: string;
  @Field(() => [ApplicantInput]) applicants!: ApplicantInput[];
  @Field(() => Boolean, { nullable: true }) anonymous?: boolean | null;
  @Field(() => Int, { nullable: true }) signatoriesCount?: number | null;
  @Field(() => ID, { nullable: true, description: 'The earlier appeal this one repeats' }) repeatOfId?: string | null;
  @Field(() => OutOfScopeEnum, { nullable: true }) outOfScope?: OutOfScopeKind | null;
  @Field(() => ID, { nullable: true }) topicId?: string | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the same appeal' }) idempotencyKey?: string | null;
}

@InputType('AssignAppealInput')
export class AssignAppealInput {
  @Field(() => ID) appealId!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => AssignmentRoleEnum, { nullable: true, defaultValue: 'lead' }) role?: AssignmentRole;
  @Field(() => LocalDateResolver, { nullable: true, description: "Defaults to the appeal's due date" }) dueDate?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('ForwardAppealInput')
export class ForwardAppealInput {
  @Field(() => ID) appealId!: string;
  @Field(() => String, { description: 'The competent body' }) to!: string;
  @Field(() => String) reason!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('ExtendAppealDeadlineInput')
export class ExtendAppealDeadlineInput {
  @Field(() => ID) appealId!: string;
  @Field(() => LocalDateResolver) newDueDate!: string;
  @Field(() => String) reason!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('SubmitResponseInput')
export class SubmitResponseInput {
  @Field(() => ID) appealId!: string;
  @Field(() => String) text!: string;
  @Field(() => ResponseDecisionEnum) decision!: ResponseDecision;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('ReviewResponseInput')
export class ReviewResponseInput {
  @Field(() => ID) responseId!: string;
  @Field(() => ReviewVerdictEnum) verdict!: ReviewVerdict;
  @Field(() => [ReworkReasonEnum], { nullable: true }) reasons?: ReworkReason[] | null;
  @Field(() => String, { nullable: true }) comment?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('LeaveAppealInput')
export class LeaveAppealInput {
  @Field(() => ID) appealId!: string;
  @Field(() => LeaveReasonEnum) reason!: LeaveReason;
  @Field(() => String, { nullable: true }) comment?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

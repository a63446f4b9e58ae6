import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { toDate } from '../db/sql';
import {
  AppealChannelEnum,
  AppealFormEnum,
  AppealStatusEnum,
  ApplicantKindEnum,
  AssignmentRoleEnum,
  LanguageEnum,
  LeaveReasonEnum,
  OutOfScopeEnum,
  TopicSourceEnum,
} from '../graphql/enums';
import type { AppealStatus, LeaveReason } from './domain/appeal-status';
import type { AppealForm } from './domain/deadline-rules';
import type {
  AppealChannel,
  ApplicantKind,
  AssignmentRole,
  Language,
  OutOfScopeKind,
  TopicSource,
} from './domain/vocabulary';

@ObjectType('Appeal', { description: 'An appeal (обращение / өтініш) and its consideration' })
export class AppealView {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Readable unique number: <region>-<year>-<sequence>' }) registrationNumber!: string;
  @Field(() => AppealFormEnum) form!: AppealForm;
  @Field(() => AppealChannelEnum) channel!: AppealChannel;
  @Field(() => DateTimeResolver) receivedAt!: Date;
  @Field(() => DateTimeResolver) registeredAt!: Date;
  @Field(() => LocalDateResolver, { description: 'Registration day (APPK art. 64)' }) registrationDate!: string;
  // `text` is exposed by AppealResolver so personal data inside it can be masked per role.
  text!: string;
  @Field(() => String, { nullable: true }) summary!: string | null;
  @Field(() => LanguageEnum) language!: Language;
  @Field(() => Int, { nullable: true, description: 'Signatories of a collective appeal' }) signatoriesCount!: number | null;
  @Field(() => Boolean) anonymous!: boolean;
  @Field(() => ID, { nullable: true }) repeatOfId!: string | null;
  @Field(() => OutOfScopeEnum, { nullable: true, description: 'Set when another procedure applies: registered, never routed' })
  outOfScope!: OutOfScopeKind | null;
  @Field(() => Boolean) onControl!: boolean;
  @Field(() => DateTimeResolver, { nullable: true }) controlTakenAt!: Date | null;
  @Field(() => TopicSourceEnum, { nullable: true }) topicSource!: TopicSource | null;
  @Field(() => Float, { nullable: true }) topicConfidence!: number | null;
  @Field(() => Float, { nullable: true, description: "The classifier's probability for its suggested topic" }) machineTopicConfidence!: number | null;
  @Field(() => Int, { nullable: true, description: 'Version of the model that made the suggestion' }) machineModelVersion!: number | null;
  @Field(() => Boolean, { description: 'The machine was not confident: a person must decide the topic' }) topicReviewRequired!: boolean;
  @Field(() => [String], {
    description: 'Imported history only: the registration rules (APPK art. 63) the record fails, kept because another system registered it; empty otherwise',
  })
  registrationDefects!: string[];
  machineTopicId!: string | null;
  @Field(() => AppealStatusEnum) status!: AppealStatus;
  @Field(() => LeaveReasonEnum, { nullable: true }) leaveReason!: LeaveReason | null;
  @Field(() => String, { nullable: true }) statusComment!: string | null;
  @Field(() => LocalDateResolver, { description: 'The deadline in force (after any extension)' }) dueDate!: string;
  @Field(() => LocalDateResolver, { description: 'Forwarding deadline (APPK art. 65: 3 working days)' }) forwardDueDate!: string;
  @Field(() => String, { nullable: true }) forwardedTo!: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) forwardedAt!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true }) answeredAt!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true }) closedAt!: Date | null;
  @Field(() => Int, { description: 'Optimistic-lock version; pass it back as expectedVersion' }) version!: number;
  finishedAt!: Date | null;
  regionId!: string;
  adminUnitId!: string;
  addresseeId!: string;
  registeredById!: string | null;
  controlTakenById!: string | null;
  topicId!: string | null;
}

export const APPEAL_COLUMNS = `a.id, a.region_id, a.registration_number, a.form, a.channel, a.received_at, a.registered_at,
  a.registration_date::text as registration_date, a.text, a.summary, a.language, a.admin_unit_id, a.addressee_id,
  a.registered_by_id, a.signatories_count, a.anonymous, a.repeat_of_id, a.out_of_scope, a.on_control, a.control_taken_by_id,
  a.control_taken_at, a.topic_id, a.topic_source, a.topic_confidence, a.status, a.leave_reason, a.status_comment,
  a.due_date::text as due_date, a.forward_due_date::text as forward_due_date, a.forwarded_to, a.forwarded_at, a.answered_at,
  a.finished_at, a.closed_at, a.version, a.machine_topic_id, a.machine_topic_confidence, a.machine_model_version,
  a.topic_review_required, a.registration_defects`;

export function toAppealView(r: any): AppealView {
  return {
    id: r.id,
    regionId: String(r.region_id),
    registrationNumber: r.registration_number,
    form: r.form,
    channel: r.channel,
    receivedAt: toDate(r.received_at)!,
    registeredAt: toDate(r.registered_at)!,
    registrationDate: r.registration_date,
    text: r.text,
    summary: r.summary,
    language: r.language,
    adminUnitId: String(r.admin_unit_id),
    addresseeId: r.addressee_id,
    registeredById: r.registered_by_id,
    signatoriesCount: r.signatories_count,
    anonymous: r.anonymous,
    repeatOfId: r.repeat_of_id,
    outOfScope: r.out_of_scope,
    onControl: r.on_control,
    controlTakenById: r.control_taken_by_id,
    controlTakenAt: toDate(r.control_taken_at),
    topicId: r.topic_id == null ? null : String(r.topic_id),
    topicSource: r.topic_source,
    topicConfidence: r.topic_confidence,
    status: r.status,
    leaveReason: r.leave_reason,
    statusComment: r.status_comment,
    dueDate: r.due_date,
    forwardDueDate: r.forward_due_date,
    forwardedTo: r.forwarded_to,
    forwardedAt: toDate(r.forwarded_at),
    answeredAt: toDate(r.answered_at),
    finishedAt: toDate(r.finished_at),
    closedAt: toDate(r.closed_at),
    version: r.version,
    machineTopicId: r.machine_topic_id == null ? null : String(r.machine_topic_id),
    machineTopicConfidence: r.machine_topic_confidence,
    machineModelVersion: r.machine_model_version,
    topicReviewRequired: r.topic_review_required,
    registrationDefects: r.registration_defects ?? [],
  };
}

@ObjectType('Applicant', { description: 'A person or legal entity who filed an appeal. Personal data is masked by role.' })
export class ApplicantView {
  @Field(() => ID) id!: string;
  @Field(() => ApplicantKindEnum) kind!: ApplicantKind;
  @Field(() => String, { nullable: true }) fullName!: string | null;
  @Field(() => String, { nullable: true }) iin!: string | null;
  @Field(() => String, { nullable: true }) organizationName!: string | null;
  @Field(() => String, { nullable: true }) bin!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => ID, { nullable: true }) adminUnitId!: string | null;
  @Field(() => Boolean, { description: 'True when personal data was masked for the caller' }) masked!: boolean;
}

export function toApplicantView(r: any): ApplicantView {
  return {
    id: r.id,
    kind: r.kind,
    fullName: r.full_name,
    iin: r.iin,
    organizationName: r.organization_name,
    bin: r.bin,
    phone: r.phone,
    email: r.email,
    address: r.address,
    adminUnitId: r.admin_unit_id == null ? null : String(r.admin_unit_id),
    masked: false,
  };
}

@ObjectType('Assignment', { description: 'The appeal routed to an organization' })
export class AssignmentView {
  @Field(() => ID) id!: string;
  @Field(() => ID) appealId!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => AssignmentRoleEnum) role!: AssignmentRole;
  @Field(() => DateTimeResolver) assignedAt!: Date;
  @Field(() => LocalDateResolver) dueDate!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  assignedById!: string | null;
}

export function toAssignmentView(r: any): AssignmentView {
  return {
    id: r.id,
    appealId: r.appeal_id,
    organizationId: r.organization_id,
    role: r.role,
    assignedAt: toDate(r.assigned_at)!,
    dueDate: r.due_date,
    note: r.note,
    assignedById: r.assigned_by_id,
  };
}

@ObjectType('DeadlineExtension', { description: 'A deadline extension (APPK art. 76)' })
export class DeadlineExtensionView {
  @Field(() => ID) id!: string;
  @Field(() => LocalDateResolver) previousDueDate!: string;
  @Field(() => LocalDateResolver) newDueDate!: string;
  @Field(() => String) reason!: string;
  @Field(() => DateTimeResolver) extendedAt!: Date;
  @Field(() => LocalDateResolver, { description: 'The applicant must be told by this day' }) noticeDueDate!: string;
  extendedById!: string;
}

export function toExtensionView(r: any): DeadlineExtensionView {
  return {
    id: r.id,
    previousDueDate: r.previous_due_date,
    newDueDate: r.new_due_date,
    reason: r.reason,
    extendedAt: toDate(r.extended_at)!,
    noticeDueDate: r.notice_due_date,
    extendedById: r.extended_by_id,
  };
}

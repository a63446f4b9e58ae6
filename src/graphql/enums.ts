import { registerEnumType } from 'type-graphql';
import { APPEAL_STATUSES, LEAVE_REASONS } from '../appeals/domain/appeal-status';
import { APPEAL_FORMS } from '../appeals/domain/deadline-rules';
import {
  APPEAL_CHANNELS,
  APPLICANT_KINDS,
  ASSIGNMENT_ROLES,
  LANGUAGES,
  OUT_OF_SCOPE_KINDS,
  RESPONSE_DECISIONS,
  REVIEW_VERDICTS,
  REWORK_REASONS,
  TOPIC_SOURCES,
} from '../appeals/domain/vocabulary';
import { ADMIN_LEVELS } from '../geo/admin-unit.entity';
import {
  INSTRUCTION_SOURCES,
  INSTRUCTION_STATUSES,
  REPORT_KINDS,
  REPORT_VERDICTS,
} from '../instructions/domain/instruction-status';
import { ORG_KINDS, ORG_LEVELS } from '../organizations/vocabulary';
import { RESPONSE_REVIEW_STATES } from '../responses/response.entity';
import { ROLES } from '../users/roles';

/**
 * GraphQL enums from the domain's vocabularies: `in_progress` is exposed as IN_PROGRESS and resolves back to
 * 'in_progress', so resolvers and SQL only ever see the domain's own values.
 */
function graphqlEnum<T extends string>(values: readonly T[], name: string, description: string): Record<string, T> {
  const e = Object.fromEntries(values.map((v) => [v.toUpperCase(), v])) as Record<string, T>;
  registerEnumType(e, { name, description });
  return e;
}

export const AppealStatusEnum = graphqlEnum(APPEAL_STATUSES, 'AppealStatus', 'Where an appeal is in its consideration');
export const AppealFormEnum = graphqlEnum(APPEAL_FORMS, 'AppealForm', 'Form of appeal (APPK): application, complaint, proposal, feedback, request, report');
export const AppealChannelEnum = graphqlEnum(APPEAL_CHANNELS, 'AppealChannel', 'How the appeal was received');
export const LeaveReasonEnum = graphqlEnum(LEAVE_REASONS, 'LeaveReason', 'Why an appeal is left without consideration');
export const OutOfScopeEnum = graphqlEnum(OUT_OF_SCOPE_KINDS, 'OutOfScopeKind', 'Procedure the appeal belongs to instead (registered, never routed)');
export const LanguageEnum = graphqlEnum(LANGUAGES, 'Language', 'Language of the text');
export const AssignmentRoleEnum = graphqlEnum(ASSIGNMENT_ROLES, 'AssignmentRole', 'Lead executor or co-executor');
export const ResponseDecisionEnum = graphqlEnum(RESPONSE_DECISIONS, 'ResponseDecision', 'What the response decided');
export const ReviewVerdictEnum = graphqlEnum(REVIEW_VERDICTS, 'ReviewVerdict', 'Outcome of the department review');
export const ReworkReasonEnum = graphqlEnum(REWORK_REASONS, 'ReworkReason', 'Why a response is returned for rework');
export const ResponseReviewStateEnum = graphqlEnum(RESPONSE_REVIEW_STATES, 'ResponseReviewState', 'Review state of a response');
export const ApplicantKindEnum = graphqlEnum(APPLICANT_KINDS, 'ApplicantKind', 'Individual (IIN) or legal entity (BIN)');
export const TopicSourceEnum = graphqlEnum(TOPIC_SOURCES, 'TopicSource', 'Who set the topic');
export const AdminLevelEnum = graphqlEnum(ADMIN_LEVELS, 'AdminLevel', 'Level of an administrative unit');
export const OrgKindEnum = graphqlEnum(ORG_KINDS, 'OrganizationKind', 'Kind of body');
export const OrgLevelEnum = graphqlEnum(ORG_LEVELS, 'OrganizationLevel', 'Level of a body');
export const RoleEnum = graphqlEnum(ROLES, 'Role', 'Role of an official');
export const InstructionSourceEnum = graphqlEnum(INSTRUCTION_SOURCES, 'InstructionSource', 'Who issued an instruction');
export const InstructionStatusEnum = graphqlEnum(INSTRUCTION_STATUSES, 'InstructionStatus', 'State of an instruction under control');
export const ReportKindEnum = graphqlEnum(REPORT_KINDS, 'ReportKind', 'Interim or final report');
export const ReportVerdictEnum = graphqlEnum(REPORT_VERDICTS, 'ReportVerdict', 'Outcome of a report review');

import { registerEnumType } from 'type-graphql';
import { REPORT_FORMATS, STATS_DIMENSIONS } from '../analytics/domain/vocabulary';
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
import { CONSULTATION_CHANNELS, STATISTICS_PERIODS } from '../consultations/domain/consultation-rules';
import {
  CONCLUSION_STATUSES,
  CONCLUSION_VERDICTS,
  DISCIPLINARY_MEASURES,
  PROPOSAL_STATUSES,
  VERIFICATION_STATUSES,
  VIOLATION_KINDS,
} from '../control/domain/control-rules';
import { DELIVERY_CHANNELS, NOTICE_KINDS, NOTICE_STATUSES } from '../notifications/domain/notice-rules';
import { FINDING_KINDS, OFFICE_CHECK_STATUSES } from '../office-checks/domain/office-check-rules';
import { BOOKING_STATUSES, RECEPTION_KINDS, RECEPTION_OFFICIALS, SESSION_STATES } from '../receptions/domain/reception-rules';
import { DECISION_STATUSES, GROUP_KINDS, GROUP_STATUSES, MEMBER_KINDS, MEMBER_ROLES } from '../working-groups/domain/working-group-rules';
import { PROBLEM_CARD_SOURCES, PROBLEM_CARD_STATUSES } from '../problem-cards/domain/card-status';

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

// issue 6: receptions, control, office checks, working groups, consultations, notices
export const ReceptionOfficialEnum = graphqlEnum(RECEPTION_OFFICIALS, 'ReceptionOfficialKind', 'Who holds a personal reception');
export const ReceptionKindEnum = graphqlEnum(RECEPTION_KINDS, 'ReceptionKind', 'In the office, visiting another settlement, or by videoconference');
export const ReceptionSessionStateEnum = graphqlEnum(SESSION_STATES, 'ReceptionSessionState', 'Where a reception session is in time');
export const ReceptionBookingStatusEnum = graphqlEnum(BOOKING_STATUSES, 'ReceptionBookingStatus', 'Booked, came, did not come, cancelled');
export const VerificationStatusEnum = graphqlEnum(VERIFICATION_STATUSES, 'OnsiteVerificationStatus', 'Planned or carried out');
export const ViolationKindEnum = graphqlEnum(VIOLATION_KINDS, 'ViolationKind', 'What kind of violation was found');
export const DisciplinaryMeasureEnum = graphqlEnum(DISCIPLINARY_MEASURES, 'DisciplinaryMeasure', 'Disciplinary measure (Law on Civil Service)');
export const ProposalStatusEnum = graphqlEnum(PROPOSAL_STATUSES, 'DisciplinaryProposalStatus', 'Proposed, applied or rejected');
export const ConclusionVerdictEnum = graphqlEnum(CONCLUSION_VERDICTS, 'ExecutionConclusionVerdict', 'How an instruction was executed on an appeal');
export const ConclusionStatusEnum = graphqlEnum(CONCLUSION_STATUSES, 'ExecutionConclusionStatus', 'Draft or approved');
export const OfficeCheckStatusEnum = graphqlEnum(OFFICE_CHECK_STATUSES, 'OfficeCheckStatus', 'Where an office-work check is');
export const OfficeCheckFindingKindEnum = graphqlEnum(FINDING_KINDS, 'OfficeCheckFindingKind', 'What the record shows');
export const WorkingGroupKindEnum = graphqlEnum(GROUP_KINDS, 'WorkingGroupKind', 'A working group (8.3) or a hearing (8.7)');
export const WorkingGroupStatusEnum = graphqlEnum(GROUP_STATUSES, 'WorkingGroupStatus', 'Active or closed');
export const WorkingGroupMemberKindEnum = graphqlEnum(MEMBER_KINDS, 'WorkingGroupMemberKind', 'Where a member comes from');
export const WorkingGroupMemberRoleEnum = graphqlEnum(MEMBER_ROLES, 'WorkingGroupMemberRole', 'Chair, secretary or member');
export const WorkingGroupDecisionStatusEnum = graphqlEnum(DECISION_STATUSES, 'WorkingGroupDecisionStatus', 'Open, done or cancelled');
export const ConsultationChannelEnum = graphqlEnum(CONSULTATION_CHANNELS, 'ConsultationChannel', 'In person, by phone or online');
export const StatisticsPeriodEnum = graphqlEnum(STATISTICS_PERIODS, 'StatisticsPeriod', 'Day, week or month');
export const NoticeKindEnum = graphqlEnum(NOTICE_KINDS, 'NoticeKind', 'Which notice the law requires');
export const NoticeStatusEnum = graphqlEnum(NOTICE_STATUSES, 'NoticeStatus', 'Pending, sent or failed');
export const DeliveryChannelEnum = graphqlEnum(DELIVERY_CHANNELS, 'DeliveryChannel', 'E-mail, SMS or post');
export const StatsDimensionEnum = graphqlEnum(STATS_DIMENSIONS, 'StatsDimension', 'What appeal statistics are grouped by');
export const ReportFormatEnum = graphqlEnum(REPORT_FORMATS, 'ReportFormat', 'Format of a period report');
export const ProblemCardStatusEnum = graphqlEnum(PROBLEM_CARD_STATUSES, 'ProblemCardStatus', 'Where a problem card is: new, under review, working group formed, proposal submitted, resolved, dismissed');
export const ProblemCardSourceEnum = graphqlEnum(PROBLEM_CARD_SOURCES, 'ProblemCardSource', 'What found the problem: a spike of counts, a cluster of texts, or both');

import { AuditEvent } from '../audit/audit-event.entity';
import { AppealDailyCount, AppealFact, CalendarDay } from '../analytics/rollup.entity';
import { Applicant } from '../applicants/applicant.entity';
import { ClassifierModel } from '../classifier/classifier-model.entity';
import { AppealApplicant } from '../appeals/appeal-applicant.entity';
import { Appeal } from '../appeals/appeal.entity';
import { Assignment } from '../appeals/assignment.entity';
import { DeadlineExtension } from '../appeals/deadline-extension.entity';
import { RegistrationCounter } from '../appeals/registration-counter.entity';
import { AdminUnit } from '../geo/admin-unit.entity';
import { HistoryEvent } from '../history/history-event.entity';
import {
  Instruction,
  InstructionAppeal,
  InstructionAssignee,
  InstructionExtension,
  InstructionReport,
} from '../instructions/instruction.entity';
import { Organization } from '../organizations/organization.entity';
import { ResponseReview } from '../responses/response-review.entity';
import { Response } from '../responses/response.entity';
import { Topic } from '../topics/topic.entity';
import { User } from '../users/user.entity';
import { Consultation } from '../consultations/consultation.entity';
import { DisciplinaryProposal, ExecutionConclusion, OnsiteVerification, OnsiteVerificationParticipant, Violation } from '../control/control.entity';
import { Notification } from '../notifications/notification.entity';
import { OfficeCheck } from '../office-checks/office-check.entity';
import { ReceptionBooking, ReceptionInstruction, ReceptionSession } from '../receptions/reception.entity';
import { WorkingGroup, WorkingGroupDecision, WorkingGroupMeeting, WorkingGroupMember, WorkingGroupProblemCard } from '../working-groups/working-group.entity';
import { ImportRun } from '../import/import-run.entity';
import { ProblemCard, ProblemCardAppeal, ProblemCardInstruction, ProblemCardNote, ProblemCardUnit } from '../problem-cards/problem-card.entity';

/** Every entity, listed explicitly (no folder scanning: the same under tsx, tsc and vitest). */
export const ENTITIES = [
  AdminUnit,
  Topic,
  Organization,
  User,
  Applicant,
  Appeal,
  AppealApplicant,
  Assignment,
  DeadlineExtension,
  RegistrationCounter,
  Response,
  ResponseReview,
  Instruction,
  InstructionAppeal,
  InstructionAssignee,
  InstructionReport,
  InstructionExtension,
  HistoryEvent,
  ClassifierModel,
  AppealFact,
  CalendarDay,
  AppealDailyCount,
  // issue 6: receptions, control, office checks, working groups, consultations, notices
  ReceptionSession,
  ReceptionBooking,
  ReceptionInstruction,
  OnsiteVerification,
  OnsiteVerificationParticipant,
  Violation,
  DisciplinaryProposal,
  ExecutionConclusion,
  OfficeCheck,
  WorkingGroup,
  WorkingGroupProblemCard,
  WorkingGroupMember,
  WorkingGroupMeeting,
  WorkingGroupDecision,
  Consultation,
  Notification,
  // issue 5: the audit trail
  AuditEvent,
  // issue 7: bulk import runs
  ImportRun,
  // issue 4: problem cards (systemic-issue detection)
  ProblemCard,
  ProblemCardUnit,
  ProblemCardAppeal,
  ProblemCardNote,
  ProblemCardInstruction,
];

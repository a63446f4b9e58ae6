import { forbidden, unauthenticated } from '../shared/errors';
import type { Role } from '../users/roles';
import { hasRole, type Actor } from './actor';

/**
 * Who may do what: one table of operations and the roles allowed. Object-level rules (an executor acts only on
 * what is assigned to its organization) are applied by the services through `executorScope`.
 */
export const OPERATIONS = {
  // reading appeals and instructions
  readAppeals: ['admin', 'head', 'deputy_head', 'specialist', 'executor', 'analyst', 'auditor'],
  readInstructions: ['admin', 'head', 'deputy_head', 'specialist', 'executor', 'analyst', 'auditor', 'liaison'],
  readHistory: ['admin', 'head', 'deputy_head', 'specialist', 'executor', 'auditor'],
  readReference: ['admin', 'head', 'deputy_head', 'specialist', 'executor', 'analyst', 'auditor', 'liaison'],
  // the department's work on appeals
  registerAppeal: ['admin', 'head', 'deputy_head', 'specialist'],
  routeAppeal: ['admin', 'head', 'deputy_head', 'specialist'],
  reviewResponse: ['admin', 'head', 'deputy_head', 'specialist'],
  closeAppeal: ['admin', 'head', 'deputy_head', 'specialist'],
  leaveWithoutConsideration: ['admin', 'head', 'deputy_head', 'specialist'],
  // only the head of the department or a deputy (APPK art. 76; regulation 5.4)
  extendDeadline: ['head', 'deputy_head'],
  takeOnControl: ['head', 'deputy_head'],
  extendInstruction: ['head', 'deputy_head'],
  // executors answer what is assigned to their organization; the department answers within its own competence (5.6)
  answerAppeal: ['executor', 'specialist', 'head', 'deputy_head'],
  // instructions
  issueInstruction: ['admin', 'head', 'deputy_head', 'specialist'],
  reportOnInstruction: ['executor', 'specialist', 'head', 'deputy_head'],
  reviewInstructionReport: ['admin', 'head', 'deputy_head', 'specialist'],
  removeInstructionFromControl: ['head', 'deputy_head'],
  // the audit trail of API calls: the auditor, the head of the department, the administrator
  readAudit: ['admin', 'head', 'auditor'],
  // content classification (regulation 7.1) and routing suggestions (5.2)
  classifyText: ['admin', 'head', 'deputy_head', 'specialist', 'analyst'],
  confirmTopic: ['admin', 'head', 'deputy_head', 'specialist', 'analyst'],
  trainClassifier: ['admin'],
  readClassifierModel: ['admin', 'head', 'deputy_head', 'specialist', 'analyst', 'auditor'],
  // issue 6 — personal receptions (task 6): executors act on their own organization's sessions only
  readReceptions: ['admin', 'head', 'deputy_head', 'specialist', 'executor', 'analyst', 'auditor', 'liaison'],
  scheduleReceptionSession: ['admin', 'head', 'deputy_head', 'specialist', 'executor'],
  cancelReceptionSession: ['admin', 'head', 'deputy_head', 'specialist', 'executor'],
  bookReception: ['admin', 'head', 'deputy_head', 'specialist', 'executor'],
  recordReceptionAttendance: ['admin', 'head', 'deputy_head', 'specialist', 'executor'],
  recordReceptionOutcome: ['admin', 'head', 'deputy_head', 'specialist'],
  readReceptionMonitoring: ['admin', 'head', 'deputy_head', 'specialist', 'analyst', 'auditor', 'liaison'],
  // control of instructions (task 9)
  readControl: ['admin', 'head', 'deputy_head', 'specialist', 'executor', 'analyst', 'auditor'],
  readInstructionDiscipline: ['admin', 'head', 'deputy_head', 'specialist', 'analyst', 'auditor', 'liaison'],
  recordOnsiteVerification: ['admin', 'head', 'deputy_head', 'specialist'],
  recordViolation: ['admin', 'head', 'deputy_head', 'specialist', 'auditor'],
  proposeDisciplinaryAction: ['head', 'deputy_head', 'specialist'],
  decideDisciplinaryProposal: ['head', 'deputy_head'],
  prepareExecutionConclusion: ['admin', 'head', 'deputy_head', 'specialist'],
  approveExecutionConclusion: ['head', 'deputy_head'],
  // office-work checks (task 10)
  readOfficeChecks: ['admin', 'head', 'deputy_head', 'specialist', 'executor', 'analyst', 'auditor'],
  planOfficeCheck: ['admin', 'head', 'deputy_head', 'specialist', 'auditor'],
  conductOfficeCheck: ['head', 'deputy_head', 'specialist', 'auditor'],
  // working groups and hearings (8.3, 8.7)
  readWorkingGroups: ['admin', 'head', 'deputy_head', 'specialist', 'executor', 'analyst', 'auditor', 'liaison'],
  manageWorkingGroups: ['admin', 'head', 'deputy_head', 'specialist'],
  followUpWorkingGroupDecision: ['admin', 'head', 'deputy_head', 'specialist', 'executor'],
  // consultations (5.8): the person's data is protected like an applicant's
  readConsultations: ['admin', 'head', 'deputy_head', 'specialist', 'executor', 'analyst', 'auditor'],
  recordConsultation: ['admin', 'head', 'deputy_head', 'specialist', 'executor'],
  readConsultationStatistics: ['admin', 'head', 'deputy_head', 'specialist', 'analyst', 'auditor', 'liaison'],
  // notices to applicants (APPK arts. 64, 65, 76)
  readNotifications: ['admin', 'head', 'deputy_head', 'specialist', 'executor', 'analyst', 'auditor'],
  // analytics (regulation 7.1–7.6, 9.x): aggregates, maps, summaries and reports; never personal data. Executors
  // are not given them: they compare organizations, and an executor sees only its own organization's appeals.
  readAnalytics: ['admin', 'head', 'deputy_head', 'specialist', 'analyst', 'auditor', 'liaison'],
  // problem cards (regulation 7.1–7.2): the analysts and the department work with them; the liaison reads them
  // without personal data; the auditor reads
  readProblemCards: ['admin', 'head', 'deputy_head', 'specialist', 'analyst', 'auditor', 'liaison'],
  manageProblemCards: ['admin', 'head', 'deputy_head', 'specialist', 'analyst'],
  detectSystemicIssues: ['admin', 'head', 'analyst'],
} as const satisfies Record<string, readonly Role[]>;

export type Operation = keyof typeof OPERATIONS;

/**
 * Which operation every root field of the schema is. The schema guard (src/access/guard.ts) authorizes each
 * Query and Mutation field through this table before its resolver runs; a field whose name is itself an
 * operation needs no entry. A field in neither place still requires authentication and relies on its resolver's
 * own `authorize()`, and the role × operation test (test/api/access-matrix.test.ts) fails until it is declared.
 */
export const ROOT_FIELD_OPERATIONS: Record<string, Operation> = {
  // queries
  appeals: 'readAppeals',
  appeal: 'readAppeals',
  appealByNumber: 'readAppeals',
  instructions: 'readInstructions',
  instruction: 'readInstructions',
  adminUnits: 'readReference',
  topics: 'readReference',
  organizations: 'readReference',
  auditEvents: 'readAudit',
  classifierModel: 'readClassifierModel',
  receptionSessions: 'readReceptions',
  receptionSession: 'readReceptions',
  receptionMonitoring: 'readReceptionMonitoring',
  notifications: 'readNotifications',
  // issue 6: the department's registers (mutations named after their operation need no entry)
  instructionsDue: 'readInstructions',
  instructionDiscipline: 'readInstructionDiscipline',
  onsiteVerifications: 'readControl',
  onsiteVerification: 'readControl',
  violations: 'readControl',
  disciplinaryProposals: 'readControl',
  executionConclusions: 'readControl',
  planOnsiteVerification: 'recordOnsiteVerification',
  completeOnsiteVerification: 'recordOnsiteVerification',
  officeChecks: 'readOfficeChecks',
  officeCheck: 'readOfficeChecks',
  startOfficeCheck: 'conductOfficeCheck',
  completeOfficeCheck: 'conductOfficeCheck',
  recordOfficeCheckFollowUp: 'conductOfficeCheck',
  workingGroups: 'readWorkingGroups',
  workingGroup: 'readWorkingGroups',
  createWorkingGroup: 'manageWorkingGroups',
  linkWorkingGroupProblemCards: 'manageWorkingGroups',
  addWorkingGroupMember: 'manageWorkingGroups',
  recordWorkingGroupMeeting: 'manageWorkingGroups',
  closeWorkingGroup: 'manageWorkingGroups',
  consultations: 'readConsultations',
  consultationStatistics: 'readConsultationStatistics',
  problemMap: 'readAnalytics',
  problemMapGeoJSON: 'readAnalytics',
  appealStats: 'readAnalytics',
  executiveDiscipline: 'readAnalytics',
  periodSummary: 'readAnalytics',
  periodReport: 'readAnalytics',
  // mutations
  assignAppeal: 'routeAppeal',
  forwardAppeal: 'routeAppeal',
  startAppealWork: 'answerAppeal',
  submitResponse: 'answerAppeal',
  extendAppealDeadline: 'extendDeadline',
  takeAppealOnControl: 'takeOnControl',
  leaveAppealWithoutConsideration: 'leaveWithoutConsideration',
  submitInstructionReport: 'reportOnInstruction',
  confirmAppealTopic: 'confirmTopic',
  // problem cards and similar appeals (issue 4)
  problemCards: 'readProblemCards',
  problemCard: 'readProblemCards',
  similarAppeals: 'readAppeals',
  reviewProblemCard: 'manageProblemCards',
  changeProblemCardStatus: 'manageProblemCards',
  addProblemCardNote: 'manageProblemCards',
  linkProblemCardInstruction: 'manageProblemCards',
};

/**
 * Fields below the root that only some roles may read (`Type.field` → operation). For the others the guard
 * returns an empty list (list fields) or null (nullable fields) instead of calling the resolver.
 */
export const FIELD_OPERATIONS: Record<string, Operation> = {
  'Appeal.history': 'readHistory',
  'Instruction.history': 'readHistory',
  'Instruction.appeals': 'readAppeals',
  'AuditEvent.changes': 'readAudit',
  'ReceptionBooking.appeal': 'readAppeals',
  'ReceptionBooking.instructions': 'readInstructions',
  'OnsiteVerification.instruction': 'readInstructions',
  'ProblemCardAppeal.appeal': 'readAppeals',
};

/** The operation a root field is, or null when it is declared nowhere. */
export function operationOfRootField(field: string): Operation | null {
  if (Object.prototype.hasOwnProperty.call(ROOT_FIELD_OPERATIONS, field)) return ROOT_FIELD_OPERATIONS[field]!;
  if (Object.prototype.hasOwnProperty.call(OPERATIONS, field)) return field as Operation;
  return null;
}

export const isOperation = (name: string): name is Operation => Object.prototype.hasOwnProperty.call(OPERATIONS, name);

export function can(actor: Actor, op: Operation): boolean {
  return hasRole(actor, ...OPERATIONS[op]);
}

export function authorize(actor: Actor, op: Operation): void {
  if (!actor.system && !actor.userId) throw unauthenticated();
  if (!can(actor, op)) throw forbidden(`Your role may not ${op.replace(/([A-Z])/g, ' $1').toLowerCase()}`);
}

/**
 * An executor sees only what is assigned to its own organization (and those below it); the department's roles
 * see the whole region. Returns null when no object-level restriction applies.
 */
export function isRestrictedToOwnOrganization(actor: Actor): boolean {
  if (actor.system) return false;
  const departmentRoles: Role[] = ['admin', 'head', 'deputy_head', 'specialist', 'analyst', 'auditor'];
  return !actor.roles.some((r) => departmentRoles.includes(r));
}

/**
 * type-graphql's authChecker: `@Authorized('readAudit')` on a field authorizes the actor for that operation
 * (several names: any of them suffices). Refusals carry the same codes as `authorize` (UNAUTHENTICATED, FORBIDDEN).
 * An arrow function: type-graphql instantiates a `function` with a prototype as a class.
 */
export const policyAuthChecker = ({ context }: { context: { actor: Actor } }, operations: string[]): boolean => {
  const actor = context?.actor;
  if (!actor || (!actor.system && !actor.userId)) throw unauthenticated();
  if (operations.length === 0) return true;
  const unknown = operations.filter((o) => !isOperation(o));
  if (unknown.length) throw new Error(`@Authorized names unknown operations: ${unknown.join(', ')}`);
  if (operations.some((o) => can(actor, o as Operation))) return true;
  throw forbidden(`Your role may not ${operations[0]!.replace(/([A-Z])/g, ' $1').toLowerCase()}`);
};

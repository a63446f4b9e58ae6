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
  readExecutiveDiscipline: ['admin', 'head', 'deputy_head', 'specialist', 'analyst', 'auditor', 'liaison'],
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
} as const satisfies Record<string, readonly Role[]>;

export type Operation = keyof typeof OPERATIONS;

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

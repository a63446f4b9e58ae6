/**
 * The life of an appeal (обращение) as one table of allowed transitions. Anything not in the table is forbidden
 * and raises CONFLICT with details.code = 'FORBIDDEN_TRANSITION'; callers must not change anything in that case.
 */
import { conflict } from '../../shared/errors';

export type AppealStatus =
  | 'registered' // зарегистрировано
  | 'assigned' // направлено исполнителю
  | 'in_progress' // на исполнении
  | 'answered' // дан ответ (ожидает проверки отделом)
  | 'returned_for_rework' // возвращено на доработку
  | 'closed' // снято с контроля / закрыто
  | 'forwarded' // перенаправлено по компетенции (APPK art. 65)
  | 'left_without_consideration'; // оставлено без рассмотрения

export const APPEAL_STATUSES: readonly AppealStatus[] = [
  'registered',
  'assigned',
  'in_progress',
  'answered',
  'returned_for_rework',
  'closed',
  'forwarded',
  'left_without_consideration',
];

export const FINAL_STATUSES: readonly AppealStatus[] = ['closed', 'forwarded', 'left_without_consideration'];

export type AppealAction =
  | 'assign'
  | 'start_work'
  | 'submit_response'
  | 'accept_response'
  | 'return_for_rework'
  | 'close'
  | 'forward'
  | 'leave_without_consideration'
  | 'extend_deadline'
  | 'take_on_control';

export const APPEAL_ACTIONS: readonly AppealAction[] = [
  'assign',
  'start_work',
  'submit_response',
  'accept_response',
  'return_for_rework',
  'close',
  'forward',
  'leave_without_consideration',
  'extend_deadline',
  'take_on_control',
];

/** Why an appeal is left without consideration. */
export type LeaveReason = 'anonymous' | 'no_essence' | 'repeated_without_new_arguments' | 'withdrawn' | 'out_of_scope';

export const LEAVE_REASONS: readonly LeaveReason[] = [
  'anonymous',
  'no_essence',
  'repeated_without_new_arguments',
  'withdrawn',
  'out_of_scope',
];

type Transition = { from: AppealStatus; action: AppealAction; to: AppealStatus };

const NON_FINAL: readonly AppealStatus[] = ['registered', 'assigned', 'in_progress', 'answered', 'returned_for_rework'];

/** Actions that change nothing but are allowed on any appeal still open. */
const keepStatus = (action: AppealAction): Transition[] => NON_FINAL.map((s) => ({ from: s, action, to: s }));

/** The single table of allowed moves. */
export const TRANSITIONS: readonly Transition[] = Object.freeze([
  // routing to executors; more co-executors may be added while the appeal is being worked on
  { from: 'registered', action: 'assign', to: 'assigned' },
  { from: 'assigned', action: 'assign', to: 'assigned' },
  { from: 'in_progress', action: 'assign', to: 'in_progress' },
  { from: 'returned_for_rework', action: 'assign', to: 'returned_for_rework' },
  // work and answers
  { from: 'assigned', action: 'start_work', to: 'in_progress' },
  { from: 'returned_for_rework', action: 'start_work', to: 'in_progress' },
  { from: 'assigned', action: 'submit_response', to: 'answered' },
  { from: 'in_progress', action: 'submit_response', to: 'answered' },
  { from: 'returned_for_rework', action: 'submit_response', to: 'answered' },
  // the department's review of the answer (paras 5.4-5.5 of the regulation)
  { from: 'answered', action: 'accept_response', to: 'answered' },
  { from: 'answered', action: 'return_for_rework', to: 'returned_for_rework' },
  { from: 'answered', action: 'close', to: 'closed' },
  // outside competence: forwarded within 3 working days (APPK art. 65)
  { from: 'registered', action: 'forward', to: 'forwarded' },
  { from: 'assigned', action: 'forward', to: 'forwarded' },
  // anonymous, no essence, repeated, withdrawn, out of scope
  { from: 'registered', action: 'leave_without_consideration', to: 'left_without_consideration' },
  { from: 'assigned', action: 'leave_without_consideration', to: 'left_without_consideration' },
  { from: 'in_progress', action: 'leave_without_consideration', to: 'left_without_consideration' },
  // any open appeal
  ...keepStatus('extend_deadline'),
  ...keepStatus('take_on_control'),
]);

const TABLE = new Map<string, AppealStatus>(TRANSITIONS.map((t) => [`${t.from}|${t.action}`, t.to]));

export function isFinalStatus(status: AppealStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function canDo(current: AppealStatus, action: AppealAction): boolean {
  return TABLE.has(`${current}|${action}`);
}

/** The status after `action`, or CONFLICT (details.code 'FORBIDDEN_TRANSITION') when the table does not allow it. */
export function nextStatus(current: AppealStatus, action: AppealAction): AppealStatus {
  const to = TABLE.get(`${current}|${action}`);
  if (to === undefined)
    throw conflict(`Cannot ${action} an appeal that is ${current}`, { code: 'FORBIDDEN_TRANSITION', from: current, action });
  return to;
}

/** The actions allowed in a status (for UIs: which buttons to show). */
export function allowedActions(current: AppealStatus): AppealAction[] {
  return APPEAL_ACTIONS.filter((a) => canDo(current, a));
}

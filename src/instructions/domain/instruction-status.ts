/**
 * Instructions (поручения) on control (paras 9.1-9.7 of the regulation) and their execution reports, as one table
 * of allowed transitions. Forbidden moves raise CONFLICT with details.code = 'FORBIDDEN_TRANSITION'.
 */
import { conflict } from '../../shared/errors';

/** Who gave the instruction. */
export type InstructionSource =
  | 'president' // Президент
  | 'state_adviser' // Государственный советник
  | 'pa_leadership' // руководство Администрации Президента
  | 'pa_appeals_department' // отдел по рассмотрению обращений Администрации Президента
  | 'akim' // аким
  | 'deputy_akim' // заместитель акима
  | 'personal_reception'; // дано на личном приёме

export const INSTRUCTION_SOURCES: readonly InstructionSource[] = [
  'president',
  'state_adviser',
  'pa_leadership',
  'pa_appeals_department',
  'akim',
  'deputy_akim',
  'personal_reception',
];

export type InstructionStatus =
  | 'on_control' // на контроле
  | 'report_submitted' // представлен отчёт (ожидает проверки)
  | 'executed' // исполнено
  | 'removed_from_control'; // снято с контроля

export const INSTRUCTION_STATUSES: readonly InstructionStatus[] = ['on_control', 'report_submitted', 'executed', 'removed_from_control'];

/** No action is allowed from these. (`executed` is not final: it can still be removed from control.) */
export const FINAL_INSTRUCTION_STATUSES: readonly InstructionStatus[] = ['removed_from_control'];

/** Kind of an execution report. */
export type ReportKind = 'interim' | 'final'; // промежуточный / итоговый
export const REPORT_KINDS: readonly ReportKind[] = ['interim', 'final'];

/** The department's verdict on a report. */
export type ReportVerdict = 'accepted' | 'returned'; // принят / возвращён
export const REPORT_VERDICTS: readonly ReportVerdict[] = ['accepted', 'returned'];

/** Aliases with the Instruction prefix. */
export type InstructionReportKind = ReportKind;
export type InstructionReportVerdict = ReportVerdict;
export const INSTRUCTION_REPORT_KINDS = REPORT_KINDS;
export const INSTRUCTION_REPORT_VERDICTS = REPORT_VERDICTS;

export type InstructionAction =
  | 'submit_report'
  | 'accept_interim'
  | 'accept_final'
  | 'return_report'
  | 'extend'
  | 'remove_from_control';

export const INSTRUCTION_ACTIONS: readonly InstructionAction[] = [
  'submit_report',
  'accept_interim',
  'accept_final',
  'return_report',
  'extend',
  'remove_from_control',
];

type InstructionTransition = { from: InstructionStatus; action: InstructionAction; to: InstructionStatus };

/** The single table of allowed moves. */
export const INSTRUCTION_TRANSITIONS: readonly InstructionTransition[] = Object.freeze([
  { from: 'on_control', action: 'submit_report', to: 'report_submitted' },
  { from: 'report_submitted', action: 'accept_interim', to: 'on_control' },
  { from: 'report_submitted', action: 'accept_final', to: 'executed' },
  { from: 'report_submitted', action: 'return_report', to: 'on_control' },
  { from: 'on_control', action: 'extend', to: 'on_control' },
  { from: 'report_submitted', action: 'extend', to: 'report_submitted' },
  { from: 'on_control', action: 'remove_from_control', to: 'removed_from_control' },
  { from: 'report_submitted', action: 'remove_from_control', to: 'removed_from_control' },
  { from: 'executed', action: 'remove_from_control', to: 'removed_from_control' },
]);

const TABLE = new Map<string, InstructionStatus>(INSTRUCTION_TRANSITIONS.map((t) => [`${t.from}|${t.action}`, t.to]));

export function canDoInstruction(current: InstructionStatus, action: InstructionAction): boolean {
  return TABLE.has(`${current}|${action}`);
}

/** The status after `action`, or CONFLICT (details.code 'FORBIDDEN_TRANSITION') when the table does not allow it. */
export function nextInstructionStatus(current: InstructionStatus, action: InstructionAction): InstructionStatus {
  const to = TABLE.get(`${current}|${action}`);
  if (to === undefined)
    throw conflict(`Cannot ${action} an instruction that is ${current}`, { code: 'FORBIDDEN_TRANSITION', from: current, action });
  return to;
}

/** The action that a review of a report amounts to. */
export function reviewAction(kind: ReportKind, verdict: ReportVerdict): InstructionAction {
  if (verdict === 'returned') return 'return_report';
  return kind === 'final' ? 'accept_final' : 'accept_interim';
}

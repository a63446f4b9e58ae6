/**
 * Control of instructions beyond the base register (regulation task 9): reminders of approaching deadlines,
 * executive discipline, on-site verifications (9.3, 9.4), violations found, proposals for disciplinary
 * responsibility (9.5) and the conclusion on the execution of an instruction on a specific appeal (9.7).
 * Pure rules: no database, no clock of their own.
 */
import type { LocalDate, WorkingCalendar } from '../../calendar/working-calendar';
import { badInput, conflict } from '../../shared/errors';

export const VERIFICATION_STATUSES = ['planned', 'completed'] as const; // запланирована / проведена
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const VIOLATION_KINDS = [
  'missed_deadline', // срыв срока исполнения
  'incomplete_execution', // неполное исполнение
  'formal_reply', // формальный ответ (отписка)
  'unreliable_report', // недостоверная информация об исполнении
  'late_registration', // несвоевременная регистрация (АППК ст. 64)
  'late_notice', // несвоевременное уведомление заявителя
  'office_work', // нарушение делопроизводства
  'other',
] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

/** Disciplinary measures of the Law on Civil Service (art. 41), as proposed and as decided. */
export const DISCIPLINARY_MEASURES = [
  'remark', // замечание
  'reprimand', // выговор
  'severe_reprimand', // строгий выговор
  'incomplete_compliance_warning', // предупреждение о неполном служебном соответствии
  'demotion', // понижение в должности
  'dismissal', // увольнение
] as const;
export type DisciplinaryMeasure = (typeof DISCIPLINARY_MEASURES)[number];

export const PROPOSAL_STATUSES = ['proposed', 'applied', 'rejected'] as const; // внесено / применено / отклонено
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const CONCLUSION_VERDICTS = ['executed', 'partly_executed', 'not_executed'] as const;
export type ConclusionVerdict = (typeof CONCLUSION_VERDICTS)[number];

export const CONCLUSION_STATUSES = ['draft', 'approved'] as const;
export type ConclusionStatus = (typeof CONCLUSION_STATUSES)[number];

/** Open instructions (on control or with a report awaiting review). */
export const OPEN_INSTRUCTION_STATUSES = ['on_control', 'report_submitted'] as const;

export const MAX_REMINDER_DAYS = 60;

/** The last day a reminder of `days` working days ahead covers. */
export function reminderHorizon(cal: WorkingCalendar, today: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days) || days < 0 || days > MAX_REMINDER_DAYS) throw badInput('days', `days must be 0–${MAX_REMINDER_DAYS} working days`);
  return cal.addWorkingDays(today, days);
}

/** Share of instructions executed on time among those that came due, or null when none did. */
export function onTimeRate(onTime: number, due: number): number | null {
  return due > 0 ? Math.round((onTime / due) * 1000) / 1000 : null;
}

/** A verification is completed once, with findings, on or after the day it was carried out. */
export function assertCompletable(v: { status: VerificationStatus; visitedOn: LocalDate }, findings: string, today: LocalDate): void {
  if (v.status !== 'planned') throw conflict('The verification is already completed', { reason: 'ALREADY_COMPLETED' });
  if (v.visitedOn > today) throw conflict(`The verification is planned for ${v.visitedOn}; record its findings after the visit`, { reason: 'NOT_YET_CARRIED_OUT' });
  if (findings.replace(/\s/g, '').length < 20) throw badInput('findings', 'Describe what was found (at least 20 characters)');
}

/** A decision on a proposal is taken once. */
export function nextProposalStatus(current: ProposalStatus, decision: 'applied' | 'rejected'): ProposalStatus {
  if (current !== 'proposed') throw conflict(`The proposal was already ${current}`, { reason: 'ALREADY_DECIDED' });
  return decision;
}

/**
 * The conclusion on the execution of an instruction on an appeal (9.7): "executed" only when the department accepted
 * the final report (the instruction is executed); a conclusion is approved once.
 */
export function assertConclusionVerdict(verdict: ConclusionVerdict, instructionStatus: string): void {
  if (verdict === 'executed' && instructionStatus !== 'executed') {
    throw conflict('The instruction is not executed: its final report has not been accepted', { reason: 'INSTRUCTION_NOT_EXECUTED', status: instructionStatus });
  }
}

export function nextConclusionStatus(current: ConclusionStatus): ConclusionStatus {
  if (current !== 'draft') throw conflict('The conclusion is already approved', { reason: 'ALREADY_APPROVED' });
  return 'approved';
}

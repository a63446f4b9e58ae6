/**
 * Checks of office work on appeals (regulation task 10): a planned check of one organization over a period, by an
 * inspector; findings computed from the record plus the inspector's own; recommendations and a follow-up date.
 * Pure rules: no database, no clock of their own.
 */
import type { LocalDate, WorkingCalendar } from '../../calendar/working-calendar';
import { badInput, conflict } from '../../shared/errors';

export const OFFICE_CHECK_STATUSES = ['planned', 'in_progress', 'completed'] as const;
export type OfficeCheckStatus = (typeof OFFICE_CHECK_STATUSES)[number];

/** What the record shows, each a breach of the law's requirements on office work. */
export const FINDING_KINDS = [
  'late_registration', // registered after the day APPK art. 64 allows
  'missed_deadline', // answered after the deadline in force, or still open past it
  'answer_without_review', // an answer left unreviewed by the department
  'repeated_appeal', // the same person came back on the same issue after the organization's answer
  'late_notice', // the applicant was told after the legal deadline (or not at all)
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const FINDING_LEGAL_BASIS: Record<FindingKind, string> = {
  late_registration: 'APPK art. 64: registration on the day of receipt, or the next working day if received after hours.',
  missed_deadline: 'APPK art. 76: 15 working days unless extended by a reasoned decision.',
  answer_without_review: 'Regulation 5.4–5.5: answers are analysed for quality and sent back when poor.',
  repeated_appeal: 'A repeated appeal on the same issue shows the earlier answer did not resolve it.',
  late_notice: 'APPK arts. 64, 65, 76: the applicant is told of registration, forwarding, extension and the answer in time.',
};

/** An answer still unreviewed this many working days after it was submitted is a finding. */
export const REVIEW_WORKING_DAYS = 3;

/** At most this many appeals are listed under a finding (the count is always complete). */
export const FINDING_SAMPLE = 50;

export function validatePlan(p: { periodFrom: LocalDate; periodTo: LocalDate; plannedOn: LocalDate }): void {
  if (p.periodFrom > p.periodTo) throw badInput('periodTo', 'The period ends before it starts');
  if (p.periodTo > p.plannedOn) throw badInput('plannedOn', 'A check looks back on a period that has ended: plan it after the period');
}

export type OfficeCheckMove = 'start' | 'complete' | 'record_follow_up';

/** Planned → in progress → completed; the follow-up is recorded once after completion (see assertFollowUpRecordable). */
export function nextCheckStatus(current: OfficeCheckStatus, move: OfficeCheckMove): OfficeCheckStatus {
  const table: Record<string, OfficeCheckStatus> = {
    'planned|start': 'in_progress',
    'in_progress|complete': 'completed',
    'completed|record_follow_up': 'completed',
  };
  const to = table[`${current}|${move}`];
  if (!to) throw conflict(`Cannot ${move.replace(/_/g, ' ')} a check that is ${current.replace('_', ' ')}`, { reason: 'FORBIDDEN_TRANSITION', from: current, move });
  return to;
}

export function validateCompletion(c: { recommendations: string; followUpDate: LocalDate }, today: LocalDate): void {
  if (c.recommendations.replace(/\s/g, '').length < 20) throw badInput('recommendations', 'Give recommendations (at least 20 characters)');
  if (c.followUpDate <= today) throw badInput('followUpDate', 'The follow-up date must be after today');
}

/**
 * May the follow-up be recorded today? On or after its planned date; earlier only when the inspector states that
 * the organization has already fixed the findings (CONFLICT FOLLOW_UP_NOT_DUE otherwise). Returns whether it is early.
 */
export function assertFollowUpRecordable(followUpDate: LocalDate, today: LocalDate, findingsFixed: boolean): { early: boolean } {
  const early = today < followUpDate;
  if (early && !findingsFixed) {
    throw conflict(`The follow-up is due on ${followUpDate}; record it earlier only when the findings are already fixed (findingsFixed)`, {
      reason: 'FOLLOW_UP_NOT_DUE',
      followUpDate,
    });
  }
  return { early };
}

/** The last day an answer may wait for review before it is a finding. */
export function reviewDueDate(cal: WorkingCalendar, submittedOn: LocalDate): LocalDate {
  return cal.addWorkingDays(submittedOn, REVIEW_WORKING_DAYS);
}

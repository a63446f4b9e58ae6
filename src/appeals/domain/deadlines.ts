/**
 * Deadline arithmetic for appeals, on a working calendar. Pure functions: nothing here is stored, so overdue and
 * days-left are always derived from the due date and the current time.
 */
import {
  addMonths,
  isLocalDate,
  localMinutesOfDay,
  toLocalDate,
  type LocalDate,
  type WorkingCalendar,
} from '../../calendar/working-calendar';
import { badInput } from '../../shared/errors';
import {
  DEADLINE_RULES,
  EXTENSION_NOTICE_WORKING_DAYS,
  EXTENSION_REASON_MIN_CHARS,
  FORWARDING_WORKING_DAYS,
  WORKING_DAY_END_MINUTES,
  type AppealForm,
} from './deadline-rules';

/**
 * The registration date (APPK art. 64): the day of receipt when it is a working day and the appeal came in before
 * the end of working hours (18:30 local); otherwise the next working day. An appeal that arrives on a working day
 * before 09:00 is registered that same day (the working day has not started yet, so "the next working day" is it).
 */
export function registrationDate(cal: WorkingCalendar, receivedAt: Date): LocalDate {
  const day = toLocalDate(receivedAt);
  if (cal.isWorkingDay(day) && localMinutesOfDay(receivedAt) < WORKING_DAY_END_MINUTES) return day;
  return cal.addWorkingDays(day, 1);
}

function ruleFor(form: AppealForm) {
  const rule = DEADLINE_RULES[form];
  if (!rule) throw badInput('form', `Unknown appeal form: ${String(form)}`);
  return rule;
}

/** Due date of consideration: the local date of receipt plus the form's working days (APPK art. 76). */
export function initialDueDate(cal: WorkingCalendar, form: AppealForm, receivedAt: Date): LocalDate {
  return cal.addWorkingDays(toLocalDate(receivedAt), ruleFor(form).considerationWorkingDays);
}

/** Last day to forward an appeal outside the body's competence (APPK art. 65). */
export function forwardingDueDate(cal: WorkingCalendar, receivedAt: Date): LocalDate {
  return cal.addWorkingDays(toLocalDate(receivedAt), FORWARDING_WORKING_DAYS);
}

/** The latest date an extension may reach: receipt + two calendar months (clamped to month end). */
export function maxExtendedDueDate(form: AppealForm, receivedAt: Date): LocalDate {
  return addMonths(toLocalDate(receivedAt), ruleFor(form).maxExtensionMonths);
}

/** Last day to tell the applicant about an extension decided on `decidedOn` (APPK art. 76). */
export function extensionNoticeDueDate(cal: WorkingCalendar, decidedOn: LocalDate): LocalDate {
  return cal.addWorkingDays(decidedOn, EXTENSION_NOTICE_WORKING_DAYS);
}

/**
 * Checks an extension of the consideration period (APPK art. 76). Throws BAD_USER_INPUT on the first problem:
 *  - `newDueDate`: a date, later than the current due date, not in the past, not later than receipt + 2 months,
 *    and a working day (a non-working day is refused, with the nearest allowed working day suggested, rather than
 *    silently moved: the head signs a decision with a date on it);
 *  - `newDueDate` again when the current deadline has already passed: an extension is decided before the period
 *    expires, so an overdue appeal cannot be made "on time" retroactively;
 *  - `reason`: at least 10 non-space characters (the decision must be reasoned).
 */
export function validateExtension(
  cal: WorkingCalendar,
  args: { form: AppealForm; receivedAt: Date; currentDueDate: LocalDate; newDueDate: LocalDate; reason: string; today: LocalDate },
): void {
  const { form, receivedAt, currentDueDate, newDueDate, reason, today } = args;
  if (!isLocalDate(newDueDate)) throw badInput('newDueDate', 'The new due date must be a date in the form YYYY-MM-DD');
  const max = maxExtendedDueDate(form, receivedAt);
  if (today > currentDueDate)
    throw badInput(
      'newDueDate',
      `The deadline expired on ${currentDueDate}; APPK art. 76 allows extending the period only before it expires`,
      { currentDueDate, today },
    );
  if (newDueDate <= currentDueDate)
    throw badInput('newDueDate', `The new due date must be after the current due date ${currentDueDate}`, { currentDueDate });
  if (newDueDate < today) throw badInput('newDueDate', `The new due date ${newDueDate} is in the past (today is ${today})`);
  if (newDueDate > max)
    throw badInput(
      'newDueDate',
      `APPK art. 76 allows an extension of at most two months from receipt: the latest possible due date is ${cal.previousWorkingDay(max)}`,
      { maxDueDate: cal.previousWorkingDay(max) },
    );
  if (!cal.isWorkingDay(newDueDate)) {
    const next = cal.nextWorkingDay(newDueDate);
    const suggestion = next <= max ? next : cal.previousWorkingDay(newDueDate);
    throw badInput('newDueDate', `${newDueDate} is not a working day; choose a working day such as ${suggestion}`, {
      suggestedDueDate: suggestion,
    });
  }
  const meaningful = (reason ?? '').replace(/\s+/g, '').length;
  if (meaningful < EXTENSION_REASON_MIN_CHARS)
    throw badInput(
      'reason',
      `An extension needs a reasoned decision (APPK art. 76): give a reason of at least ${EXTENSION_REASON_MIN_CHARS} characters`,
    );
}

export interface DeadlineState {
  dueDate: LocalDate;
  /** The due date has passed (or, for a finished appeal, it was finished after the due date). */
  isOverdue: boolean;
  /** Working days from today (or the finish date) to the due date; negative when overdue (at least -1). */
  workingDaysLeft: number;
}

/**
 * The deadline seen from `now`, or, for an appeal already finished (answered / closed / forwarded…), from its finish
 * time: an appeal answered late stays overdue and its days-left is frozen at the finish date. The whole due date is
 * usable: the appeal becomes overdue at local midnight after it.
 */
export function deadlineState(cal: WorkingCalendar, dueDate: LocalDate, now: Date, finishedAt?: Date | null): DeadlineState {
  const ref = toLocalDate(finishedAt ?? now);
  const isOverdue = ref > dueDate;
  const between = cal.workingDaysBetween(ref, dueDate);
  // Past the due date over a weekend no working day has elapsed yet, but the deadline is missed all the same.
  const workingDaysLeft = isOverdue ? Math.min(-1, between) : between;
  return { dueDate, isOverdue, workingDaysLeft };
}

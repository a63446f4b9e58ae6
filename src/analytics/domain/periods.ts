/**
 * Reporting periods: inclusive ranges of local dates ('YYYY-MM-DD', UTC+5). Pure functions.
 */
import { addDays, isLocalDate, type LocalDate } from '../../calendar/working-calendar';
import { badInput } from '../../shared/errors';

export interface Period {
  from: LocalDate;
  to: LocalDate;
}

/** The longest period a single request may cover (about 3 years); longer ones are refused, not truncated. */
export const MAX_PERIOD_DAYS = 1100;

/** How many earlier periods of equal length make a unit's own history (baseline) for the unusualness score. */
export const BASELINE_PERIODS = 6;

/** Fewer complete earlier periods than this and no unusualness score is given (too little history). */
export const MIN_BASELINE_PERIODS = 3;

const DAY_MS = 86_400_000;

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Validates a period given by the user: real dates, from ≤ to, at most MAX_PERIOD_DAYS. BAD_USER_INPUT otherwise. */
export function parsePeriod(from: unknown, to: unknown, field = 'filter'): Period {
  if (!isLocalDate(from)) throw badInput(`${field}.from`, 'from must be a date YYYY-MM-DD');
  if (!isLocalDate(to)) throw badInput(`${field}.to`, 'to must be a date YYYY-MM-DD');
  if (from > to) throw badInput(`${field}.to`, 'to must not be before from');
  if (daysBetween(from, to) + 1 > MAX_PERIOD_DAYS) throw badInput(`${field}.to`, `a period covers at most ${MAX_PERIOD_DAYS} days`);
  return { from, to };
}

/** Length in days, both ends included. */
export function periodLength(p: Period): number {
  return daysBetween(p.from, p.to) + 1;
}

/** The k-th period of equal length before `p` (k = 1 is the one right before). */
export function earlierPeriod(p: Period, k: number): Period {
  const len = periodLength(p);
  return { from: addDays(p.from, -k * len), to: addDays(p.to, -k * len) };
}

/**
 * How many of the BASELINE_PERIODS earlier periods lie wholly on or after `historyStart` (the first day with any
 * appeal on record in the scope). Periods before the records begin would count as zeros and make everything
 * look unusual, so they are left out of the baseline.
 */
export function completeBaselinePeriods(p: Period, historyStart: LocalDate | null): number {
  if (!historyStart) return 0;
  let n = 0;
  for (let k = 1; k <= BASELINE_PERIODS; k++) {
    if (earlierPeriod(p, k).from >= historyStart) n = k;
    else break;
  }
  return n;
}

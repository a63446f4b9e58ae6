/**
 * Weeks for detection: Monday-to-Sunday weeks in Kazakhstan time (UTC+5), numbered by an integer index so that
 * series are plain arrays. Week 0 starts on Monday 1969-12-29 (local).
 */
const LOCAL_OFFSET_MS = 5 * 3600_000;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 in local time. */
export function localDayOf(at: Date | number): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  return Math.floor((ms + LOCAL_OFFSET_MS) / DAY_MS);
}

/** 'YYYY-MM-DD' → local day number. */
export function dayOfDate(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function weekOfDay(day: number): number {
  return Math.floor((day + 3) / 7);
}

export function weekOf(at: Date | number): number {
  return weekOfDay(localDayOf(at));
}

/** The Monday of a week, 'YYYY-MM-DD'. */
export function weekStart(week: number): string {
  return dateOfDay(week * 7 - 3);
}

export function weekOfDate(date: string): number {
  return weekOfDay(dayOfDate(date));
}

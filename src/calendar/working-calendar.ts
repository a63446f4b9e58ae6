/**
 * Kazakhstan's production calendar (производственный календарь): which days are working days.
 *
 * The facts (holidays, Kurban Ait dates, government day-off swaps) live in `seeds/calendar/kz-calendar.json`;
 * this file only interprets them. See the `_doc` field of that file for its shape.
 *
 * Rules applied, in order of precedence:
 *  1. a transfer of kind `working_day` makes the day a working day (e.g. a Saturday worked for a swap);
 *  2. a transfer of kind `day_off`, a holiday, or a holiday moved off a weekend makes it a day off;
 *  3. otherwise Saturday and Sunday are days off and the rest are working days.
 * A holiday of a type with `movesOffWeekend` that falls on a weekend gives a day off on the next day that is
 * neither a weekend, a holiday nor an already moved day off (Labour Code art. 85). Religious holidays do not move.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** 'YYYY-MM-DD', a calendar date in Kazakhstan time (fixed UTC+05:00). */
export type LocalDate = string;

/** Kazakhstan has used a single zone, UTC+5, since 1 March 2024; we apply it to every date. */
export const KZ_UTC_OFFSET_MINUTES = 5 * 60;
const OFFSET_MS = KZ_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real calendar date written 'YYYY-MM-DD'. */
export function isLocalDate(s: unknown): s is LocalDate {
  if (typeof s !== 'string') return false;
  const m = LOCAL_DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 for a local date; throws on a malformed date. */
function dayNumber(d: LocalDate): number {
  if (!isLocalDate(d)) throw new RangeError(`Not a date in the form YYYY-MM-DD: ${JSON.stringify(d)}`);
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY_MS;
}

function fromDayNumber(n: number): LocalDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(n: number): number {
  return new Date(n * DAY_MS).getUTCDay();
}

/** The local date (UTC+5) of an instant. */
export function toLocalDate(instant: Date): LocalDate {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('Invalid Date');
  return new Date(t + OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes since local midnight (UTC+5) of an instant. */
export function localMinutesOfDay(instant: Date): number {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('Invalid Date');
  const local = new Date(t + OFFSET_MS);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

/** 00:00:00.000 of a local date at +05:00. */
export function startOfLocalDay(d: LocalDate): Date {
  return new Date(dayNumber(d) * DAY_MS - OFFSET_MS);
}

/** 23:59:59.999 of a local date at +05:00. */
export function endOfLocalDay(d: LocalDate): Date {
  return new Date((dayNumber(d) + 1) * DAY_MS - OFFSET_MS - 1);
}

/** Adds calendar days (negative to go back). */
export function addDays(d: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(d) + days);
}

/** Adds calendar months; a day that does not exist in the target month is clamped to its last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(d: LocalDate, months: number): LocalDate {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  dayNumber(d); // validates
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7)) - 1 + months;
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12; // 0-based
  const day = Math.min(Number(d.slice(8, 10)), daysInMonth(ty, tm + 1));
  return `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The data file's shape

export type HolidayType = 'national' | 'state' | 'religious';
export type TransferKind = 'day_off' | 'working_day';
export type Confidence = 'high' | 'medium' | 'low';

interface HolidayTypeRule {
  movesOffWeekend: boolean;
  note?: string;
}
interface HolidayDef {
  id: string;
  name: string;
  nameRu?: string;
  nameKk?: string;
  type: HolidayType;
  month?: number;
  day?: number;
  fromYear?: number;
  toYear?: number;
  note?: string;
  dates?: { date: LocalDate; confidence: Confidence; note?: string }[];
}
interface TransferYear {
  year: number;
  basis?: string;
  confidence?: Confidence;
  entries: { date: LocalDate; kind: TransferKind; note?: string }[];
  note?: string;
}
export interface CalendarData {
  country: string;
  utcOffset: string;
  coverage: { fromYear: number; toYear: number };
  weekendDays: string[];
  holidayTypes: Record<HolidayType, HolidayTypeRule>;
  holidays: HolidayDef[];
  transfers: TransferYear[];
}

export type DayOffKind = 'holiday' | 'moved_holiday' | 'transfer';
export interface DayOff {
  date: LocalDate;
  name: string;
  kind: DayOffKind;
}

const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const HOLIDAY_TYPES: readonly HolidayType[] = ['national', 'state', 'religious'];

function fail(msg: string): never {
  throw new Error(`Invalid working calendar data: ${msg}`);
}
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function parseData(raw: unknown): CalendarData {
  if (!isObj(raw)) fail('expected an object');
  const { coverage, weekendDays, holidayTypes, holidays, transfers, utcOffset } = raw;
  if (utcOffset !== '+05:00') fail(`utcOffset must be "+05:00" (the code uses a fixed offset), got ${String(utcOffset)}`);
  if (!isObj(coverage) || !isInt(coverage.fromYear) || !isInt(coverage.toYear) || coverage.fromYear > coverage.toYear)
    fail('coverage must be {fromYear, toYear} with fromYear <= toYear');
  if (!Array.isArray(weekendDays) || !weekendDays.every((w) => WEEKDAY_NAMES.includes(w as string)))
    fail(`weekendDays must list day names (${WEEKDAY_NAMES.join(', ')})`);
  if (!isObj(holidayTypes)) fail('holidayTypes must be an object');
  for (const t of HOLIDAY_TYPES) {
    const rule = holidayTypes[t];
    if (!isObj(rule) || typeof rule.movesOffWeekend !== 'boolean') fail(`holidayTypes.${t}.movesOffWeekend must be a boolean`);
  }
  if (!Array.isArray(holidays)) fail('holidays must be an array');
  holidays.forEach((h, i) => {
    const at = `holidays[${i}]`;
    if (!isObj(h) || typeof h.id !== 'string' || typeof h.name !== 'string') fail(`${at} needs id and name`);
    if (!HOLIDAY_TYPES.includes(h.type as HolidayType)) fail(`${at}.type must be one of ${HOLIDAY_TYPES.join(', ')}`);
    const fixed = h.month !== undefined || h.day !== undefined;
    if (fixed === (h.dates !== undefined)) fail(`${at} must have either month/day or dates, not both or neither`);
    if (fixed) {
      if (!isInt(h.month) || !isInt(h.day) || !isLocalDate(`2000-${String(h.month).padStart(2, '0')}-${String(h.day).padStart(2, '0')}`))
        fail(`${at} has an invalid month/day`);
    } else {
      if (!Array.isArray(h.dates)) fail(`${at}.dates must be an array`);
      h.dates.forEach((d, j) => {
        if (!isObj(d) || !isLocalDate(d.date)) fail(`${at}.dates[${j}].date must be YYYY-MM-DD`);
        if (!['high', 'medium', 'low'].includes(d.confidence as string)) fail(`${at}.dates[${j}].confidence must be high|medium|low`);
      });
    }
    if (h.fromYear !== undefined && !isInt(h.fromYear)) fail(`${at}.fromYear must be an integer`);
    if (h.toYear !== undefined && !isInt(h.toYear)) fail(`${at}.toYear must be an integer`);
  });
  if (!Array.isArray(transfers)) fail('transfers must be an array');
  transfers.forEach((t, i) => {
    const at = `transfers[${i}]`;
    if (!isObj(t) || !isInt(t.year) || !Array.isArray(t.entries)) fail(`${at} needs year and entries[]`);
    t.entries.forEach((e, j) => {
      if (!isObj(e) || !isLocalDate(e.date)) fail(`${at}.entries[${j}].date must be YYYY-MM-DD`);
      if (e.kind !== 'day_off' && e.kind !== 'working_day') fail(`${at}.entries[${j}].kind must be day_off or working_day`);
      if (Number(e.date.slice(0, 4)) !== t.year) fail(`${at}.entries[${j}] (${e.date}) is not in ${t.year}`);
    });
  });
  return raw as unknown as CalendarData;
}

// ---------------------------------------------------------------------------------------------------------------

const DEFAULT_DATA_PATH = resolve(__dirname, '../../seeds/calendar/kz-calendar.json');
let defaultCalendar: WorkingCalendar | undefined;

export class WorkingCalendar {
  private readonly firstDay: number;
  private readonly lastDay: number;
  private readonly fromYear: number;
  private readonly toYear: number;
  /** working[i]: whether day firstDay + i is a working day. */
  private readonly working: Uint8Array;
  /** cumulative[i]: number of working days among firstDay … firstDay + i. */
  private readonly cumulative: Int32Array;
  private readonly holidayList = new Map<number, { date: LocalDate; name: string }[]>();
  private readonly dayOffList = new Map<number, DayOff[]>();

  private constructor(data: CalendarData) {
    this.fromYear = data.coverage.fromYear;
    this.toYear = data.coverage.toYear;
    this.firstDay = dayNumber(`${String(this.fromYear).padStart(4, '0')}-01-01`);
    this.lastDay = dayNumber(`${String(this.toYear).padStart(4, '0')}-12-31`);
    const size = this.lastDay - this.firstDay + 1;
    const weekend = new Set(data.weekendDays.map((w) => WEEKDAY_NAMES.indexOf(w)));

    // 1. holidays proper
    const holidays: { day: number; name: string; moves: boolean }[] = [];
    for (const h of data.holidays) {
      const moves = data.holidayTypes[h.type].movesOffWeekend;
      const inYears = (y: number) => (h.fromYear === undefined || y >= h.fromYear) && (h.toYear === undefined || y <= h.toYear);
      if (h.dates) {
        for (const d of h.dates) {
          const y = Number(d.date.slice(0, 4));
          if (y >= this.fromYear && y <= this.toYear && inYears(y)) holidays.push({ day: dayNumber(d.date), name: h.name, moves });
        }
      } else {
        for (let y = this.fromYear; y <= this.toYear; y++) {
          if (!inYears(y)) continue;
          const date = `${String(y).padStart(4, '0')}-${String(h.month).padStart(2, '0')}-${String(h.day).padStart(2, '0')}`;
          holidays.push({ day: dayNumber(date), name: h.name, moves });
        }
      }
    }
    holidays.sort((a, b) => a.day - b.day);

    const off = new Map<number, DayOff>();
    const isWeekend = (n: number) => weekend.has(weekday(n));
    for (const h of holidays) {
      if (!off.has(h.day)) off.set(h.day, { date: fromDayNumber(h.day), name: h.name, kind: 'holiday' });
      const y = Number(fromDayNumber(h.day).slice(0, 4));
      const list = this.holidayList.get(y) ?? [];
      list.push({ date: fromDayNumber(h.day), name: h.name });
      this.holidayList.set(y, list);
    }
    // 2. holidays on a weekend move to the next free working day after the holiday (in date order, so that a
    //    block such as Nauryz 21-23 March moves its days to consecutive days after the block)
    for (const h of holidays) {
      if (!h.moves || !isWeekend(h.day)) continue;
      let n = h.day + 1;
      while (isWeekend(n) || off.has(n)) n++;
      off.set(n, { date: fromDayNumber(n), name: `${h.name} (day off moved from ${fromDayNumber(h.day)})`, kind: 'moved_holiday' });
    }
    // 3. government swaps
    const forcedWorking = new Set<number>();
    for (const t of data.transfers) {
      if (t.year < this.fromYear || t.year > this.toYear) continue;
      for (const e of t.entries) {
        const n = dayNumber(e.date);
        if (e.kind === 'working_day') {
          forcedWorking.add(n);
          off.delete(n);
        } else {
          off.set(n, { date: e.date, name: e.note ? `Transferred day off: ${e.note}` : 'Transferred day off', kind: 'transfer' });
        }
      }
    }
    for (const n of forcedWorking) off.delete(n);

    this.working = new Uint8Array(size);
    this.cumulative = new Int32Array(size);
    let count = 0;
    for (let i = 0; i < size; i++) {
      const n = this.firstDay + i;
      const isWorking = forcedWorking.has(n) || (!off.has(n) && !isWeekend(n));
      this.working[i] = isWorking ? 1 : 0;
      if (isWorking) count++;
      this.cumulative[i] = count;
    }
    for (const d of [...off.values()].sort((a, b) => (a.date < b.date ? -1 : 1))) {
      const y = Number(d.date.slice(0, 4));
      const list = this.dayOffList.get(y) ?? [];
      list.push(d);
      this.dayOffList.set(y, list);
    }
  }

  static fromJson(data: unknown): WorkingCalendar {
    return new WorkingCalendar(parseData(data));
  }

  /** The calendar in seeds/calendar/kz-calendar.json (loaded once). */
  static default(): WorkingCalendar {
    if (!defaultCalendar) defaultCalendar = WorkingCalendar.fromJson(JSON.parse(readFileSync(DEFAULT_DATA_PATH, 'utf8')));
    return defaultCalendar;
  }

  /** The years the data covers (inclusive). */
  get coverage(): { fromYear: number; toYear: number } {
    return { fromYear: this.fromYear, toYear: this.toYear };
  }

  private index(d: LocalDate): number {
    const n = dayNumber(d);
    if (n < this.firstDay || n > this.lastDay)
      throw new RangeError(
        `The working calendar covers ${this.fromYear}-${this.toYear} only; ${d} is outside it (add the year to seeds/calendar/kz-calendar.json)`,
      );
    return n - this.firstDay;
  }

  isWorkingDay(d: LocalDate): boolean {
    return this.working[this.index(d)] === 1;
  }

  /** The n-th working day after `from` (`from` itself is not counted); n = 0 gives `from`. */
  addWorkingDays(from: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number >= 0, got ${n}`);
    let i = this.index(from);
    let left = n;
    while (left > 0) {
      i++;
      if (i >= this.working.length) this.index(fromDayNumber(this.firstDay + i)); // throws the coverage error
      if (this.working[i] === 1) left--;
    }
    return fromDayNumber(this.firstDay + i);
  }

  /** Working days after `from` up to and including `to`; negative (the same count, negated) when to < from. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    const a = this.index(from);
    const b = this.index(to);
    return this.cumulative[b]! - this.cumulative[a]!;
  }

  /** `d` itself when it is a working day, otherwise the first working day after it. */
  nextWorkingDay(d: LocalDate): LocalDate {
    let i = this.index(d);
    while (this.working[i] !== 1) {
      i++;
      if (i >= this.working.length) this.index(fromDayNumber(this.firstDay + i));
    }
    return fromDayNumber(this.firstDay + i);
  }

  /** `d` itself when it is a working day, otherwise the last working day before it. */
  previousWorkingDay(d: LocalDate): LocalDate {
    let i = this.index(d);
    while (this.working[i] !== 1) {
      i--;
      if (i < 0) this.index(fromDayNumber(this.firstDay + i));
    }
    return fromDayNumber(this.firstDay + i);
  }

  /** The public holidays of a year, in date order (holidays proper, including those that fall on a weekend). */
  holidays(year: number): { date: LocalDate; name: string }[] {
    if (!Number.isInteger(year) || year < this.fromYear || year > this.toYear)
      throw new RangeError(`The working calendar covers ${this.fromYear}-${this.toYear} only, not ${year}`);
    return [...(this.holidayList.get(year) ?? [])].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  /** Every non-working day of a year other than ordinary weekends: holidays, moved holidays and transfers. */
  daysOff(year: number): DayOff[] {
    if (!Number.isInteger(year) || year < this.fromYear || year > this.toYear)
      throw new RangeError(`The working calendar covers ${this.fromYear}-${this.toYear} only, not ${year}`);
    return [...(this.dayOffList.get(year) ?? [])];
  }
}

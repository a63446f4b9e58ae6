import { describe, expect, it } from 'vitest';
import {
  WorkingCalendar,
  addMonths,
  endOfLocalDay,
  startOfLocalDay,
  toLocalDate,
} from '../../src/calendar/working-calendar';

const cal = WorkingCalendar.default();

function countWorkingDays(year: number): number {
  return cal.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`);
}

describe('the Kazakhstan working calendar', () => {
  it('treats an ordinary Monday as working and a weekend as not', () => {
    expect(cal.isWorkingDay('2026-04-13')).toBe(true); // Monday
    expect(cal.isWorkingDay('2026-04-18')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-04-19')).toBe(false); // Sunday
  });

  it('gives five days off for Nauryz 2026: 21-22 March fall on the weekend and move to 24-25 March', () => {
    for (const d of ['2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24', '2026-03-25']) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2026-03-20')).toBe(true);
    expect(cal.isWorkingDay('2026-03-26')).toBe(true);
  });

  it('moves Victory Day 2026 (Saturday 9 May) to Monday 11 May', () => {
    expect(cal.isWorkingDay('2026-05-11')).toBe(false);
    expect(cal.isWorkingDay('2026-05-08')).toBe(true);
  });

  it('does not move a religious holiday off the weekend: Kurban Ait on Sunday 16 June 2024 leaves Monday 17 June working', () => {
    expect(cal.isWorkingDay('2024-06-16')).toBe(false);
    expect(cal.isWorkingDay('2024-06-17')).toBe(true);
  });

  it('does not move Orthodox Christmas on Saturday 7 January 2023: Monday 9 January is a working day', () => {
    expect(cal.isWorkingDay('2023-01-09')).toBe(true);
  });

  it('makes Kurban Ait a day off when it falls on a weekday (Wednesday 27 May 2026)', () => {
    expect(cal.isWorkingDay('2026-05-27')).toBe(false);
    expect(cal.holidays(2026)).toContainEqual({ date: '2026-05-27', name: 'Kurban Ait (first day)' });
  });

  it('applies the government swap of 2025: Friday 3 January off, Sunday 5 January worked', () => {
    expect(cal.isWorkingDay('2025-01-03')).toBe(false);
    expect(cal.isWorkingDay('2025-01-05')).toBe(true);
  });

  it('lets a government swap override the weekend move: in 2020 the Victory Day day off went to Friday 8 May and Monday 11 May was worked', () => {
    expect(cal.isWorkingDay('2020-05-08')).toBe(false);
    expect(cal.isWorkingDay('2020-05-11')).toBe(true);
  });

  it('knows holidays that changed: Republic Day from 2022, First President Day and 17 December only until 2021', () => {
    expect(cal.isWorkingDay('2021-10-25')).toBe(true);
    expect(cal.isWorkingDay('2022-10-25')).toBe(false);
    expect(cal.isWorkingDay('2021-12-01')).toBe(false);
    expect(cal.isWorkingDay('2022-12-01')).toBe(true);
    expect(cal.isWorkingDay('2021-12-17')).toBe(false);
    expect(cal.isWorkingDay('2024-12-17')).toBe(true);
  });

  it('has 246 working days in 2026, as in the published production calendar', () => {
    expect(countWorkingDays(2026)).toBe(246);
  });

  it('lists the 15 public holidays of 2026 in date order', () => {
    const h = cal.holidays(2026);
    expect(h.map((x) => x.date)).toEqual([
      '2026-01-01', '2026-01-02', '2026-01-07', '2026-03-08', '2026-03-21', '2026-03-22', '2026-03-23', '2026-05-01',
      '2026-05-07', '2026-05-09', '2026-05-27', '2026-07-06', '2026-08-30', '2026-10-25', '2026-12-16',
    ]);
  });

  it('explains every non-weekend day off of a year', () => {
    const off = cal.daysOff(2026);
    expect(off).toContainEqual(expect.objectContaining({ date: '2026-03-24', kind: 'moved_holiday' }));
    expect(cal.daysOff(2025)).toContainEqual(expect.objectContaining({ date: '2025-01-03', kind: 'transfer' }));
  });

  it('makes every Kurban Ait of 2020-2028 a non-working day', () => {
    for (const d of ['2020-07-31', '2021-07-20', '2022-07-09', '2023-06-28', '2024-06-16', '2025-06-06', '2026-05-27', '2027-05-16', '2028-05-05'])
      expect(cal.isWorkingDay(d)).toBe(false);
  });

  describe('working-day arithmetic', () => {
    it('does not count the starting day', () => {
      expect(cal.addWorkingDays('2026-04-13', 1)).toBe('2026-04-14');
      expect(cal.addWorkingDays('2026-04-13', 0)).toBe('2026-04-13');
    });

    it('counts from a weekend to the following working days', () => {
      // Saturday 18 April → Monday 20 (1), Tuesday 21 (2)
      expect(cal.addWorkingDays('2026-04-18', 2)).toBe('2026-04-21');
    });

    it('counts working days between two dates, negative backwards', () => {
      expect(cal.workingDaysBetween('2026-04-13', '2026-04-17')).toBe(4);
      expect(cal.workingDaysBetween('2026-04-17', '2026-04-13')).toBe(-4);
      expect(cal.workingDaysBetween('2026-04-17', '2026-04-17')).toBe(0);
      // Friday 20 March to Thursday 26 March 2026 across Nauryz: only the 26th is a working day
      expect(cal.workingDaysBetween('2026-03-20', '2026-03-26')).toBe(1);
    });

    it('finds the next working day after a holiday block', () => {
      expect(cal.nextWorkingDay('2026-03-21')).toBe('2026-03-26');
      expect(cal.nextWorkingDay('2026-03-20')).toBe('2026-03-20');
      expect(cal.previousWorkingDay('2026-03-25')).toBe('2026-03-20');
    });

    it('refuses negative or fractional counts', () => {
      expect(() => cal.addWorkingDays('2026-04-13', -1)).toThrow(RangeError);
      expect(() => cal.addWorkingDays('2026-04-13', 1.5)).toThrow(RangeError);
    });

    it('refuses dates the data does not cover rather than guessing', () => {
      expect(() => cal.isWorkingDay('2029-01-03')).toThrow(/covers 2020-2028/);
      expect(() => cal.addWorkingDays('2028-12-28', 10)).toThrow(/covers 2020-2028/);
      expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
    });
  });

  describe('local time (UTC+5)', () => {
    it('gives the Kazakhstan date of an instant', () => {
      expect(toLocalDate(new Date('2026-03-20T18:59:59Z'))).toBe('2026-03-20');
      expect(toLocalDate(new Date('2026-03-20T19:00:00Z'))).toBe('2026-03-21');
    });

    it('gives the start and end of a local day', () => {
      expect(startOfLocalDay('2026-03-20').toISOString()).toBe('2026-03-19T19:00:00.000Z');
      expect(endOfLocalDay('2026-03-20').toISOString()).toBe('2026-03-20T18:59:59.999Z');
    });

    it('adds calendar months, clamping to the end of the month', () => {
      expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
      expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
      expect(addMonths('2026-03-20', 2)).toBe('2026-05-20');
      expect(addMonths('2026-12-15', 2)).toBe('2027-02-15');
      expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    });
  });

  describe('the data file', () => {
    const minimal = () => ({
      country: 'KZ',
      utcOffset: '+05:00',
      coverage: { fromYear: 2026, toYear: 2026 },
      weekendDays: ['saturday', 'sunday'],
      holidayTypes: { national: { movesOffWeekend: true }, state: { movesOffWeekend: true }, religious: { movesOffWeekend: false } },
      holidays: [
        { id: 'a', name: 'State holiday on a Sunday', type: 'state', month: 3, day: 8 },
        { id: 'b', name: 'Religious holiday on a Sunday', type: 'religious', dates: [{ date: '2026-04-12', confidence: 'high' }] },
      ],
      transfers: [{ year: 2026, entries: [{ date: '2026-06-13', kind: 'working_day' }] }],
    });

    it('moves by the per-type flag, not by code', () => {
      const c = WorkingCalendar.fromJson(minimal());
      expect(c.isWorkingDay('2026-03-09')).toBe(false); // state holiday moved
      expect(c.isWorkingDay('2026-04-13')).toBe(true); // religious not moved
      expect(c.isWorkingDay('2026-06-13')).toBe(true); // a worked Saturday
    });

    it('rejects malformed data with a clear message', () => {
      expect(() => WorkingCalendar.fromJson({})).toThrow(/Invalid working calendar data/);
      const bad = minimal();
      (bad.transfers[0]!.entries[0] as { kind: string }).kind = 'holiday';
      expect(() => WorkingCalendar.fromJson(bad)).toThrow(/kind must be day_off or working_day/);
      const wrongYear = minimal();
      wrongYear.transfers[0]!.entries[0]!.date = '2025-06-14';
      expect(() => WorkingCalendar.fromJson(wrongYear)).toThrow(/not in 2026/);
    });
  });
});

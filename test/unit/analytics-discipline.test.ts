import { describe, expect, it } from 'vitest';
import { rankByDiscipline, wilsonLowerBound } from '../../src/analytics/domain/discipline';
import { completeBaselinePeriods, earlierPeriod, parsePeriod, periodLength } from '../../src/analytics/domain/periods';

describe('Wilson lower bound of an on-time share', () => {
  it('matches hand-computed values', () => {
    expect(wilsonLowerBound(18, 20)).toBeCloseTo(0.699, 3);
    expect(wilsonLowerBound(95, 100)).toBeCloseTo(0.8883, 3);
    expect(wilsonLowerBound(10, 10)).toBeCloseTo(0.7225, 3);
    expect(wilsonLowerBound(190, 200)).toBeCloseTo(0.9104, 3);
    expect(wilsonLowerBound(1, 1)).toBeCloseTo(0.2065, 3);
    expect(wilsonLowerBound(0, 0)).toBe(0);
  });
});

describe('ranking executive discipline', () => {
  const org = (name: string, onTime: number, overdue: number) => ({ organizationId: name, name, answeredOnTime: onTime, overdue });

  it('ranks only organizations with the minimum sample, by the lower bound; a lucky few do not top the table', () => {
    const ranked = rankByDiscipline([org('Lucky', 10, 0), org('Steady', 190, 10), org('Small', 3, 0), org('Slow', 60, 40)], 10);
    expect(ranked.map((r) => [r.row.name, r.rank])).toEqual([
      ['Steady', 1],
      ['Lucky', 2],
      ['Slow', 3],
      ['Small', null],
    ]);
    expect(ranked[3].score).toBeNull();
    expect(ranked[0].score).toBeCloseTo(0.91, 2);
  });

  it('breaks ties by the larger sample, then by name', () => {
    const ranked = rankByDiscipline([org('B', 20, 0), org('A', 20, 0), org('C', 40, 0)], 10);
    expect(ranked.map((r) => r.row.name)).toEqual(['C', 'A', 'B']);
  });
});

describe('periods', () => {
  it('validates a period', () => {
    expect(parsePeriod('2026-01-01', '2026-06-30')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(() => parsePeriod('2026-02-30', '2026-03-01')).toThrow(/from must be a date/);
    expect(() => parsePeriod('2026-03-01', '2026-02-01')).toThrow(/not be before/);
    expect(() => parsePeriod('2020-01-01', '2026-01-01')).toThrow(/at most 1100 days/);
  });

  it('steps back by whole periods of equal length', () => {
    const half = { from: '2026-01-01', to: '2026-06-30' };
    expect(periodLength(half)).toBe(181);
    expect(earlierPeriod(half, 1)).toEqual({ from: '2025-07-04', to: '2025-12-31' });
    expect(earlierPeriod({ from: '2026-02-23', to: '2026-03-01' }, 6)).toEqual({ from: '2026-01-12', to: '2026-01-18' });
  });

  it('keeps in the baseline only the periods wholly after the first appeal on record', () => {
    const week = { from: '2026-02-23', to: '2026-03-01' };
    expect(completeBaselinePeriods(week, '2026-01-12')).toBe(6);
    expect(completeBaselinePeriods(week, '2026-01-13')).toBe(5);
    expect(completeBaselinePeriods(week, '2026-02-20')).toBe(0);
    expect(completeBaselinePeriods(week, null)).toBe(0);
  });
});

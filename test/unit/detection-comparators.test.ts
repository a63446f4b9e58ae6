/**
 * The textbook comparators of the evaluation, each on a case whose answer is known: EARS's baselines, Farrington's
 * down-weighting of past outbreaks and its trend, the space-time permutation scan finding a planted cluster and not
 * a rise shared by every district, and Wilson's interval.
 */
import { describe, expect, it } from 'vitest';
import { earsDetector, farringtonDetector, farringtonFit } from '../../src/analytics/detection/comparators';
import { wilson } from '../../src/analytics/detection/evaluation';
import { poissonDraw, seededRandom } from '../../src/analytics/detection/negative-binomial';
import { gumbelTail, scanLlr, spaceTimeScanDetector } from '../../src/analytics/detection/space-time-scan';
import { WeeklyCounts } from '../../src/analytics/detection/spikes';

function cube(units: number, weeks: number, rate: (u: number, w: number) => number, seed = 1): WeeklyCounts {
  const names = Array.from({ length: units }, (_, i) => `D${i}`);
  const c = new WeeklyCounts(names, ['T'], 0, weeks - 1);
  const rand = seededRandom(seed);
  names.forEach((u, i) => {
    for (let w = 0; w < weeks; w++) c.add(u, 'T', w, poissonDraw(rate(i, w), rand));
  });
  return c;
}

describe('EARS', () => {
  it('C1 judges a week against the 7 just before it, C2 against the 7 ending 3 weeks before', () => {
    const c = new WeeklyCounts(['D'], ['T'], 0, 11);
    // 8 weeks of 5, then 20, 20, 20, 20: the fourth high week is ordinary for C1 (its baseline has three highs)
    [5, 5, 5, 5, 5, 5, 5, 5, 20, 20, 20, 20].forEach((y, w) => c.add('D', 'T', w, y));
    const c1 = earsDetector('C1').pValues(c, 8, 11).p;
    const c2 = earsDetector('C2').pValues(c, 10, 11).p;
    expect(c1.get('D|T|8')).toBeLessThan(1e-6);
    expect(c1.get('D|T|11') ?? 1).toBeGreaterThan(c1.get('D|T|8')!);
    // C2's baseline (weeks 1–7 for week 10) has not seen the rise yet
    expect(c2.get('D|T|10')).toBeLessThan(1e-6);
  });

  it('C3 accumulates three moderate weeks that C2 alone would not flag', () => {
    const c = new WeeklyCounts(['D'], ['T'], 0, 13);
    [10, 12, 8, 11, 9, 10, 12, 8, 11, 10, 10, 17, 17, 17].forEach((y, w) => c.add('D', 'T', w, y));
    const c2 = earsDetector('C2').pValues(c, 13, 13).p.get('D|T|13') ?? 1;
    const c3 = earsDetector('C3').pValues(c, 13, 13).p.get('D|T|13') ?? 1;
    expect(c3).toBeLessThan(c2);
  });
});

describe('Farrington flexible', () => {
  it('down-weights a past outbreak in its baseline, so the expectation stays near the usual level', () => {
    const base = [10, 11, 9, 10, 12, 40, 10, 9, 11, 10, 10, 11];
    const fit = farringtonFit(base, base.length + 2)!;
    const plainMean = base.reduce((a, b) => a + b, 0) / base.length;
    expect(fit.mu).toBeLessThan(plainMean);
    expect(fit.mu).toBeGreaterThan(9);
    expect(fit.mu).toBeLessThan(11.5);
  });

  it('keeps a significant trend, drops an insignificant one, and one that predicts beyond anything seen', () => {
    const rising = Array.from({ length: 12 }, (_, t) => 10 + 3 * t);
    const r = farringtonFit(rising, 8)!;
    expect(r.trend).toBe(true);
    expect(r.mu).toBeGreaterThan(30);
    // two weeks past the baseline the log-linear trend would exceed the baseline's maximum (43): Farrington's rule
    const beyond = farringtonFit(rising, 14)!;
    expect(beyond.trend).toBe(false);
    expect(beyond.mu).toBeCloseTo(rising.reduce((a, b) => a + b, 0) / rising.length, 0);
    const flat = farringtonFit([10, 9, 11, 10, 10, 11, 9, 10], 10)!;
    expect(flat.trend).toBe(false);
  });

  it('flags a week far above its baseline', () => {
    const c = cube(1, 20, (_, w) => (w === 19 ? 40 : 10));
    expect(farringtonDetector().pValues(c, 19, 19).p.get('D0|T|19')).toBeLessThan(1e-4);
  });
});

describe('the space-time permutation scan', () => {
  const neighbours = new Map(Array.from({ length: 8 }, (_, i) => [`D${i}`, [`D${(i + 1) % 8}`, `D${(i + 7) % 8}`, `D${(i + 2) % 8}`]]));

  it('finds a cluster in two neighbouring districts in the last week', () => {
    const c = cube(8, 16, (u, w) => (w === 15 && (u === 2 || u === 3) ? 30 : 10), 3);
    const p = spaceTimeScanDetector(neighbours, { replicates: 99 }).pValues(c, 15, 15).p;
    expect(p.get('D2|T|15')).toBeLessThan(0.01);
    expect(p.get('D3|T|15')).toBeLessThan(0.01);
    expect(p.get('D6|T|15') ?? 1).toBeGreaterThan(0.05);
  });

  it('does not flag a rise shared by every district (purely temporal variation is adjusted for)', () => {
    const c = cube(8, 16, (_, w) => (w === 15 ? 30 : 10), 4);
    const p = spaceTimeScanDetector(neighbours, { replicates: 99 }).pValues(c, 15, 15).p;
    expect([...p.values()].filter((x) => x < 0.01)).toEqual([]);
  });

  it('its statistic and p-values behave: no excess scores 0; a larger statistic has a smaller Gumbel p', () => {
    expect(scanLlr(5, 10, 100)).toBe(0);
    expect(scanLlr(20, 10, 100)).toBeGreaterThan(scanLlr(15, 10, 100));
    const tail = gumbelTail([3, 4, 5, 4.5, 3.5, 6, 4, 5.5]);
    expect(tail(10)).toBeLessThan(tail(6));
    expect(tail(10)).toBeGreaterThan(0);
  });
});

describe('Wilson interval', () => {
  it('matches the textbook values and stays inside 0–1', () => {
    const [lo, hi] = wilson(50, 100);
    expect(lo).toBeCloseTo(0.4038, 3);
    expect(hi).toBeCloseTo(0.5962, 3);
    expect(wilson(0, 10)[0]).toBe(0);
    expect(wilson(10, 10)[1]).toBe(1);
  });
});

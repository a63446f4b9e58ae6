import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../src/analytics/detection/multiple-testing';
import {
  logGamma,
  nbDraw,
  nbLogLikelihoodRatio,
  nbLogPmf,
  nbUpperTail,
  seededRandom,
} from '../../src/analytics/detection/negative-binomial';
import { dayOfDate, weekOfDate, weekStart } from '../../src/analytics/detection/weeks';

describe('the negative binomial behind the spike test', () => {
  it('ln Γ agrees with factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 10);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
  });

  it('its probabilities sum to one and its mean and variance are μ and μ + μ²/r', () => {
    const mu = 3.2;
    const r = 1.7;
    let sum = 0;
    let mean = 0;
    let second = 0;
    for (let y = 0; y < 400; y++) {
      const p = Math.exp(nbLogPmf(y, mu, r));
      sum += p;
      mean += y * p;
      second += y * y * p;
    }
    expect(sum).toBeCloseTo(1, 9);
    expect(mean).toBeCloseTo(mu, 6);
    expect(second - mean * mean).toBeCloseTo(mu + (mu * mu) / r, 5);
  });

  it('an infinite size is the Poisson: P(Y ≥ 3 | μ = 1) = 1 − 2.5/e', () => {
    expect(nbUpperTail(3, 1, Infinity)).toBeCloseTo(1 - 2.5 / Math.E, 12);
    expect(nbUpperTail(0, 1, 2)).toBe(1);
  });

  it('keeps its precision far in the tail (p = 1e-20 is not rounded to 0 or to 1 − 1)', () => {
    const p = nbUpperTail(30, 1, Infinity);
    const direct = Math.exp(nbLogPmf(30, 1, Infinity));
    expect(p).toBeGreaterThan(direct);
    expect(p).toBeLessThan(direct * 1.05);
    expect(p).toBeLessThan(1e-30);
  });

  it('the upper tail matches simulated negative binomial draws', () => {
    const rand = seededRandom(7);
    const n = 40_000;
    let hits = 0;
    for (let i = 0; i < n; i++) if (nbDraw(4, 2, rand) >= 9) hits++;
    expect(hits / n).toBeCloseTo(nbUpperTail(9, 4, 2), 2);
  });

  it('the CUSUM increment is positive for counts above the baseline and negative at zero', () => {
    expect(nbLogLikelihoodRatio(10, 4, 5, 1.5)).toBeGreaterThan(0);
    expect(nbLogLikelihoodRatio(0, 4, 5, 1.5)).toBeLessThan(0);
    // Poisson: y ln δ − (δ − 1) μ
    expect(nbLogLikelihoodRatio(6, 4, Infinity, 1.5)).toBeCloseTo(6 * Math.log(1.5) - 2, 12);
  });
});

describe('Benjamini–Hochberg', () => {
  it('adjusts p-values into q-values (the textbook example)', () => {
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5]);
    expect(q.map((x) => Math.round(x * 1e4) / 1e4)).toEqual([0.025, 0.05, 0.05, 0.025, 0.5]);
  });

  it('keeps q-values monotone in p and never above 1', () => {
    const rand = seededRandom(3);
    const p = Array.from({ length: 500 }, () => rand());
    const q = benjaminiHochberg(p);
    const order = p.map((x, i) => [x, q[i]]).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < order.length; i++) expect(order[i][1]).toBeGreaterThanOrEqual(order[i - 1][1]);
    expect(Math.max(...q)).toBeLessThanOrEqual(1);
  });
});

describe('detection weeks (Monday to Sunday, Kazakhstan time)', () => {
  it('numbers weeks from Monday', () => {
    expect(weekStart(weekOfDate('2026-09-16'))).toBe('2026-09-14');
    expect(weekStart(weekOfDate('2026-09-14'))).toBe('2026-09-14');
    expect(weekStart(weekOfDate('2026-09-20'))).toBe('2026-09-14');
    expect(weekOfDate('2026-09-21') - weekOfDate('2026-09-20')).toBe(1);
    expect(dayOfDate('1970-01-02')).toBe(1);
  });
});

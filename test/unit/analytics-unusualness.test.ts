import { describe, expect, it } from 'vitest';
import { logGamma, logUpperTail, unusualness, unusualThreshold } from '../../src/analytics/domain/unusualness';

const poissonUpperTail = (x: number, mean: number) => {
  let cdf = 0;
  let term = Math.exp(-mean);
  for (let k = 0; k < x; k++) {
    cdf += term;
    term *= mean / (k + 1);
  }
  return 1 - cdf;
};

describe('log-gamma', () => {
  it('matches known values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(2)).toBeCloseTo(0, 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 10);
    expect(logGamma(100.5)).toBeCloseTo(361.4355404677776, 9); // Python math.lgamma
  });
});

describe('negative binomial upper tail', () => {
  it('is the geometric tail (μ/(1+μ))^x when the size is 1', () => {
    for (const [x, mean] of [
      [1, 2],
      [5, 2],
      [30, 0.5],
      [3, 10],
    ]) {
      expect(logUpperTail(x, 1, mean)).toBeCloseTo(x * Math.log(mean / (1 + mean)), 9);
    }
  });

  it('tends to the Poisson tail as the size grows', () => {
    for (const [x, mean] of [
      [5, 2],
      [1, 2],
      [12, 6],
      [3, 6],
    ]) {
      expect(Math.exp(logUpperTail(x, 1e7, mean))).toBeCloseTo(poissonUpperTail(x, mean), 5);
    }
  });

  it('is 1 at zero, decreasing in the count, and consistent on both sides of the mean', () => {
    expect(logUpperTail(0, 3, 4)).toBe(0);
    let previous = 1;
    for (let x = 1; x < 30; x++) {
      const p = Math.exp(logUpperTail(x, 3, 4));
      expect(p).toBeLessThan(previous);
      previous = p;
    }
  });

  it('still gives a finite score for a count far beyond anything seen (no underflow to zero)', () => {
    const lp = logUpperTail(400, 12.5, 2.08);
    expect(Number.isFinite(lp)).toBe(true);
    expect(-lp / Math.LN10).toBeGreaterThan(100);
  });

  it('refuses nonsense', () => {
    expect(() => logUpperTail(-1, 1, 1)).toThrow(RangeError);
    expect(() => logUpperTail(1.5, 1, 1)).toThrow(RangeError);
    expect(() => logUpperTail(1, 0, 1)).toThrow(RangeError);
  });
});

describe('unusualness of a unit’s count against its own history', () => {
  it('needs at least three earlier periods', () => {
    expect(unusualness({ observed: 50, baseline: [2, 2] })).toBeNull();
    expect(unusualness({ observed: 50, baseline: [2, 2, 2] })).not.toBeNull();
  });

  it('is the Gamma–Poisson predictive tail: expected (Σ + ½)/n, size Σ + ½, score −log10 p', () => {
    const u = unusualness({ observed: 12, baseline: [2, 2, 2, 2, 2, 2] })!;
    expect(u.expected).toBeCloseTo(12.5 / 6, 12);
    expect(u.size).toBe(12.5);
    expect(u.pValue).toBeCloseTo(Math.exp(logUpperTail(12, 12.5, 12.5 / 6)), 15);
    expect(u.score).toBe(Math.round(-Math.log10(u.pValue) * 100) / 100);
    expect(u.score).toBeGreaterThan(4);
  });

  it('says nothing is unusual about an ordinary or a quiet period', () => {
    expect(unusualness({ observed: 0, baseline: [3, 4, 2, 5, 3, 4] })!.score).toBe(0);
    expect(unusualness({ observed: 4, baseline: [3, 4, 2, 5, 3, 4] })!.score).toBeLessThan(0.7);
  });

  it('is less surprised by the same count when the history itself swings widely (overdispersion)', () => {
    const steady = unusualness({ observed: 20, baseline: [6, 6, 6, 6, 6, 6] })!;
    const swinging = unusualness({ observed: 20, baseline: [1, 12, 2, 11, 0, 10] })!;
    expect(swinging.expected).toBeCloseTo(steady.expected, 12);
    expect(swinging.size).toBeLessThan(steady.size);
    expect(swinging.score).toBeLessThan(steady.score);
  });

  it('shows a planted concentration: ~60 appeals in a fortnight where ~8 are usual', () => {
    const u = unusualness({ observed: 68, baseline: [9, 7, 8, 10, 6, 8] })!;
    expect(u.score).toBeGreaterThan(10);
  });

  it('flags with a Bonferroni threshold: 5% for the whole map', () => {
    expect(unusualThreshold(10)).toBeCloseTo(0.005, 15);
    expect(unusualThreshold(0)).toBe(0.05);
  });
});

/**
 * How unusual is a unit's count of appeals in a period, against the unit's own history?
 *
 * The history is the counts of the same unit in the previous periods of equal length (up to 6, only periods on
 * or after the first appeal on record; at least 3 are required, else there is no score). The model:
 *
 *  - the unit's rate λ per period gets a Jeffreys prior Gamma(½, 0); after n earlier periods with counts
 *    c₁…cₙ it is Gamma(Σc + ½, n), and the count of a new period is negative binomial (Gamma–Poisson) with
 *    size r = Σc + ½ and mean μ = (Σc + ½)/n. Few periods → wide distribution → modest scores;
 *  - when the earlier counts vary more than a Poisson count would (sample variance s² > mean m), the size is
 *    lowered to the moment estimate m²/(s² − m) if that is smaller (an overdispersed history is less surprised);
 *  - p = P(X ≥ observed) under that distribution (upper tail only: fewer appeals than usual is not a problem);
 *  - score = −log₁₀ p: 0 = nothing unusual, 1 = a 1-in-10 event, 2 = 1-in-100, 3 = 1-in-1000, …
 *
 * A map tests many units at once, so `unusual` is set only when p < 0.05 / (number of units scored)
 * (Bonferroni: at most a 5% chance that any unit of a quiet map is flagged).
 */

import { logGamma, nbLogUpperTail } from '../detection/negative-binomial';

export interface UnusualnessInput {
  observed: number;
  /** Counts of the earlier periods, most recent first (only complete periods within the records). */
  baseline: number[];
}

export interface Unusualness {
  /** −log₁₀ of the upper-tail p-value, rounded to 2 decimals. */
  score: number;
  pValue: number;
  /** Expected count for the period: (Σ baseline + ½) / n. */
  expected: number;
  /** Negative binomial size used (smaller = more dispersed). */
  size: number;
}

/** Minimum number of earlier periods for a score. */
export const MIN_HISTORY = 3;
/** Family-wise false-alarm rate of one map. */
export const MAP_ALPHA = 0.05;

export { logGamma };

/**
 * ln P(X ≥ x) for X ~ NB(size, mean), in log space so that p-values far below 1e-300 still give a score
 * (the distribution itself lives in detection/negative-binomial.ts, shared with the spike tests).
 */
export function logUpperTail(x: number, size: number, mean: number): number {
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`count must be a whole number >= 0, got ${x}`);
  if (!(size > 0) || !(mean >= 0)) throw new RangeError('size must be > 0 and mean >= 0');
  return nbLogUpperTail(x, mean, size);
}

/** The score of one unit, or null when its history is shorter than MIN_HISTORY periods. */
export function unusualness(input: UnusualnessInput): Unusualness | null {
  const n = input.baseline.length;
  if (n < MIN_HISTORY) return null;
  const sum = input.baseline.reduce((s, c) => s + c, 0);
  const shape = sum + 0.5;
  const expected = shape / n;
  let size = shape;
  const m = sum / n;
  const variance = input.baseline.reduce((s, c) => s + (c - m) ** 2, 0) / (n - 1);
  if (variance > m && m > 0) size = Math.min(size, (m * m) / (variance - m));
  const logP = logUpperTail(input.observed, size, expected);
  const score = Math.max(0, -logP / Math.LN10);
  return { score: Math.round(score * 100) / 100, pValue: Math.exp(logP), expected, size };
}

/** The p-value below which a unit of a map with `tested` scored units is flagged unusual (Bonferroni). */
export function unusualThreshold(tested: number): number {
  return MAP_ALPHA / Math.max(1, tested);
}

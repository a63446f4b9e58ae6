/**
 * Textbook detectors the evaluation compares the shipped one with, each written from its paper:
 *
 *  - EARS C1, C2, C3 (Hutwagner et al. 2003; Fricker, Hegler & Dunfee 2008): z = (y − mean) / sd of a 7-week
 *    baseline, immediately before the week (C1) or ending 3 weeks before it (C2); C3 sums the last three weeks'
 *    C2 excesses over one standard deviation, Σ max(0, z − 1).
 *  - Farrington flexible (Farrington et al. 1996, with Noufaily et al. 2013): a quasi-Poisson regression of the
 *    baseline weeks on time, the trend kept only when significant; past outbreaks down-weighted (Anscombe
 *    residuals above 2.58 get weight ∝ s⁻²); the week judged against a negative binomial with the fitted mean
 *    and the estimated over-dispersion φ (Var = φμ).
 *
 * Every detector reports p-values (or, for C3, a monotone transform of its statistic) so that the evaluation holds
 * all of them to the same alarm budget: only the order of the values matters there. A week needs at least
 * `MIN_COUNT` appeals to alarm, as in the shipped detector.
 */
import type { Detector, DetectorOutput } from './evaluation';
import { nbUpperTail } from './negative-binomial';
import type { WeeklyCounts } from './spikes';

export const MIN_COUNT = 3;

/** P(Z ≥ z) for a standard normal (Abramowitz–Stegun 7.1.26 for erfc; absolute error below 1.5e-7). */
export function normalUpperTail(z: number): number {
  const x = z / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return x >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/** The EARS z of week w on the 7 weeks ending `lag` weeks before it (sd at least 0.2 × mean and 1), or null. */
function earsZ(series: Float64Array, w: number, lag: number): number | null {
  const from = w - lag - 6;
  if (from < 0) return null;
  let sum = 0;
  let sq = 0;
  for (let b = from; b <= w - lag; b++) {
    sum += series[b];
    sq += series[b] * series[b];
  }
  const mean = sum / 7;
  const sd = Math.max(Math.sqrt(Math.max(0, (sq - 7 * mean * mean) / 6)), 0.2 * mean, 1);
  return (series[w] - mean) / sd;
}

/** Each series of the cube as an array over its weeks. */
function forEachSeries(counts: WeeklyCounts, f: (unit: string, topic: string, series: Float64Array) => void): void {
  const K = counts.topics.length;
  counts.units.forEach((unit, u) =>
    counts.topics.forEach((topic, k) => {
      const c = u * K + k;
      f(unit, topic, counts.data.subarray(c * counts.weeks, (c + 1) * counts.weeks));
    }),
  );
}

export function earsDetector(variant: 'C1' | 'C2' | 'C3'): Detector {
  const lag = variant === 'C1' ? 1 : 3;
  return {
    name: `EARS ${variant}`,
    pValues(counts, testFrom, testTo): DetectorOutput {
      const p = new Map<string, number>();
      let m = 0;
      forEachSeries(counts, (unit, topic, series) => {
        for (let week = testFrom; week <= testTo; week++) {
          const w = week - counts.firstWeek;
          if (w - lag - 6 - (variant === 'C3' ? 2 : 0) < 0) continue;
          m++;
          if (series[w] < MIN_COUNT) continue;
          let pv: number;
          if (variant === 'C3') {
            let s = 0;
            for (let i = 0; i <= 2; i++) s += Math.max(0, (earsZ(series, w - i, lag) ?? 0) - 1);
            // C3 alarms at 2; its statistic read on the normal scale only to order the weeks
            pv = normalUpperTail(s);
          } else pv = normalUpperTail(earsZ(series, w, lag)!);
          if (pv < 0.05) p.set(`${unit}|${topic}|${week}`, pv);
        }
      });
      return { m, p };
    },
  };
}

export interface FarringtonFit {
  /** The expected count of the week judged. */
  mu: number;
  /** Over-dispersion φ ≥ 1 (Var = φμ). */
  phi: number;
  trend: boolean;
}

/**
 * Fits the quasi-Poisson log-linear model log μ_t = α (+ β t) to the baseline counts y (t = 0 … n−1), with the
 * re-weighting of Noufaily et al. (2013), and predicts μ at t = `at`. Returns null when the baseline has no appeals.
 */
export function farringtonFit(y: readonly number[], at: number): FarringtonFit | null {
  const n = y.length;
  const total = y.reduce((a, b) => a + b, 0);
  if (n < 3 || total === 0) return null;
  const fit = (trend: boolean, weights: number[]) => {
    // IRLS for a Poisson GLM with prior weights; 1 or 2 parameters
    let a = Math.log(Math.max(total / n, 1e-6));
    let b = 0;
    let cov = [0, 0, 0];
    for (let it = 0; it < 25; it++) {
      let s00 = 0, s01 = 0, s11 = 0, r0 = 0, r1 = 0;
      for (let t = 0; t < n; t++) {
        const eta = a + (trend ? b * t : 0);
        const mu = Math.exp(eta);
        const z = eta + (y[t] - mu) / mu;
        const wt = weights[t] * mu;
        s00 += wt;
        s01 += wt * t;
        s11 += wt * t * t;
        r0 += wt * z;
        r1 += wt * z * t;
      }
      let na: number, nb: number;
      if (trend) {
        const det = s00 * s11 - s01 * s01;
        if (Math.abs(det) < 1e-12) return null;
        na = (s11 * r0 - s01 * r1) / det;
        nb = (s00 * r1 - s01 * r0) / det;
        cov = [s11 / det, -s01 / det, s00 / det];
      } else {
        na = r0 / s00;
        nb = 0;
        cov = [1 / s00, 0, 0];
      }
      const done = Math.abs(na - a) < 1e-8 && Math.abs(nb - b) < 1e-8;
      a = na;
      b = nb;
      if (done) break;
    }
    // dispersion (Pearson, over the weighted fit) and Anscombe residuals
    const p = trend ? 2 : 1;
    let pearson = 0;
    const mus: number[] = [];
    for (let t = 0; t < n; t++) {
      const mu = Math.exp(a + (trend ? b * t : 0));
      mus.push(mu);
      pearson += (weights[t] * (y[t] - mu) ** 2) / mu;
    }
    const phi = Math.max(1, pearson / Math.max(1, n - p));
    const anscombe = mus.map((mu, t) => {
      const h = Math.min(0.99, weights[t] * mu * (cov[0] + 2 * cov[1] * t + cov[2] * t * t));
      return (1.5 * (Math.cbrt(y[t]) ** 2 - Math.cbrt(mu) ** 2)) / (Math.sqrt(phi) * Math.pow(mu, 1 / 6) * Math.sqrt(1 - h));
    });
    return { a, b, se: Math.sqrt(Math.max(0, cov[2] * phi)), phi, anscombe };
  };
  const ones = new Array<number>(n).fill(1);
  const once = (weights: number[]) => {
    const withTrend = fit(true, weights);
    if (withTrend && withTrend.se > 0 && Math.abs(withTrend.b / withTrend.se) >= 1.96) return { ...withTrend, trend: true };
    const flat = fit(false, weights);
    return flat ? { ...flat, trend: false } : null;
  };
  const first = once(ones);
  if (!first) return null;
  // Noufaily: residuals above 2.58 are past outbreaks, weighted by s⁻², the weights scaled to sum to n
  const raw = first.anscombe.map((s) => (s > 2.58 ? 1 / (s * s) : 1));
  const scale = n / raw.reduce((x, v) => x + v, 0);
  const second = once(raw.map((v) => v * scale)) ?? first;
  let mu = Math.exp(second.a + (second.trend ? second.b * at : 0));
  // Farrington: a trend that predicts beyond anything seen in the baseline is dropped
  let trend = second.trend;
  if (trend && mu > Math.max(...y)) {
    const flat = fit(false, ones);
    if (flat) {
      mu = Math.exp(flat.a);
      trend = false;
    }
  }
  return { mu, phi: second.phi, trend };
}

/** Farrington flexible over a baseline of up to `baselineWeeks` weeks ending 3 weeks before the week judged. */
export function farringtonDetector(baselineWeeks = 52): Detector {
  return {
    name: 'Farrington flexible (Noufaily 2013)',
    pValues(counts, testFrom, testTo): DetectorOutput {
      const p = new Map<string, number>();
      let m = 0;
      forEachSeries(counts, (unit, topic, series) => {
        for (let week = testFrom; week <= testTo; week++) {
          const w = week - counts.firstWeek;
          const to = w - 3;
          const from = Math.max(0, to - baselineWeeks + 1);
          if (to - from + 1 < 6) continue;
          m++;
          const y = series[w];
          if (y < MIN_COUNT) continue;
          const base = Array.from(series.subarray(from, to + 1));
          const f = farringtonFit(base, w - from);
          const mu = f ? Math.max(f.mu, 0.5 / base.length) : 0.5 / base.length;
          const phi = f?.phi ?? 1;
          const pv = nbUpperTail(y, mu, phi > 1 ? mu / (phi - 1) : Infinity);
          if (pv < 0.05) p.set(`${unit}|${topic}|${week}`, pv);
        }
      });
      return { m, p };
    },
  };
}

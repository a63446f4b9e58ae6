/**
 * Spikes: weekly counts of appeals per admin unit × topic, each tested against its own history.
 *
 *  1. Baseline: the trailing `baselineWeeks` weeks ending `gapWeeks` before the test week (the gap keeps a
 *     rising outbreak out of its own baseline).
 *  2. Empirical Bayes rate: a unit's expected weekly count for a topic is shrunk toward what the topic's share of
 *     all appeals predicts for a unit of its size (m = unit volume × topic share). With a gamma prior of relative
 *     variance τ² (estimated across units by the method of moments) the posterior mean is
 *     μ̂ = (α + S) / (α/m + n), α = 1/τ², S = the unit's baseline count over n weeks: sparse units lean on the
 *     topic, busy units on their own history.
 *  3. Negative binomial test: weekly counts are over-dispersed (Var = μ + θμ², θ pooled per topic by the method
 *     of moments); the uncertainty of μ̂ is added (posterior variance μ̂/b), and the predictive distribution is the
 *     negative binomial with that mean and variance. p = P(Y ≥ observed).
 *  4. CUSUM for slow rises: the log-likelihood-ratio CUSUM of "the mean rose δ-fold" (δ = `cusumShift`) against
 *     the baseline, S_t = max(0, S_{t−1} + llr_t), started `cusumWarmupWeeks` before the first test week. Its
 *     p-value is an upper bound on P(S_t ≥ s) under the baseline, the smaller of two valid ones: e^(−s) (Ville's
 *     inequality: exp(Σ llr) is a mean-one martingale) and the union over the possible start weeks j of
 *     P(Σ_{j..t} llr ≥ s), each an exact negative binomial tail of the window's count (llr is linear in y).
 *     A week's count enters the CUSUM clipped at the baseline’s 99.9th percentile (a winsorised CUSUM): single
 *     bursts are the NB test's, and do not keep the CUSUM in alarm for months afterwards.
 *  5. Each unit × topic × week gets p = min(1, 2·min(p_NB, p_CUSUM)) (Bonferroni over the two tests), and
 *     Benjamini–Hochberg over every test of the run keeps the false discovery rate at `fdr`.
 *  An alarm also needs at least `minCount` appeals (in the week for the NB test, in the CUSUM's current run).
 */
import { nbQuantile, nbUpperTail } from './negative-binomial';
import { benjaminiHochberg } from './multiple-testing';

export interface SpikeOptions {
  baselineWeeks: number;
  gapWeeks: number;
  /** Weeks of baseline needed before a week is tested at all. */
  minBaselineWeeks: number;
  minCount: number;
  /** δ: the rise (as a multiple of the baseline mean) the CUSUM is tuned to. */
  cusumShift: number;
  /** Weeks before the first test week over which the CUSUM starts accumulating. */
  cusumWarmupWeeks: number;
  /** Benjamini–Hochberg false discovery rate. */
  fdr: number;
  maxDispersion: number;
  /** Bounds of τ², the between-unit relative variance of rates (prior strength α = 1/τ²). */
  minRateVariance: number;
  maxRateVariance: number;
  /** Switch the shrinkage off (each unit on its own history): for the evaluation's comparison only. */
  shrinkage: boolean;
  /** Switch the CUSUM off (the weekly NB test alone): for the evaluation's comparison only. */
  cusum: boolean;
  /**
   * Follow the current level: a cell's expectation is scaled by how this week's appeals in the rest of the region
   * ('region') or of its topic in the other units ('topic') compare with their baseline — portal growth, holidays
   * and seasons move every cell, a local outbreak moves one. 'none' keeps the baseline's level.
   */
  level: 'none' | 'region' | 'topic';
  /** How the weekly variance behind θ is estimated (see computeBaseline). */
  dispersionFrom: 'differences' | 'variance';
}

export const DEFAULT_SPIKE_OPTIONS: SpikeOptions = {
  baselineWeeks: 52,
  gapWeeks: 2,
  minBaselineWeeks: 6,
  minCount: 3,
  cusumShift: 1.5,
  cusumWarmupWeeks: 8,
  fdr: 0.01,
  maxDispersion: 3,
  minRateVariance: 0.05,
  maxRateVariance: 4,
  shrinkage: true,
  cusum: true,
  level: 'none',
  dispersionFrom: 'differences',
};

/** The quantile at which a week's count enters the CUSUM at most. */
export const CUSUM_CLIP = 0.999;

export type SpikeTestName = 'negative_binomial' | 'cusum';

export interface SpikeTest {
  unit: string;
  topic: string;
  week: number;
  observed: number;
  /** μ̂: the expected count from the baseline. */
  expected: number;
  /** The predictive negative binomial's size (r). */
  size: number;
  pNegativeBinomial: number;
  cusum: number;
  pCusum: number;
  /** Combined p-value and its Benjamini–Hochberg q-value. */
  p: number;
  q: number;
  /** Tests that fired on their own at the BH threshold. */
  fired: SpikeTestName[];
}

export interface SpikeResult {
  testsRun: number;
  /** Tests whose q-value ≤ fdr, strongest first. */
  alarms: SpikeTest[];
  /** Every test with p < 0.05 (for evidence and evaluation), unordered. */
  notable: SpikeTest[];
  /** The BH rejection threshold on p (0 when nothing was rejected). */
  pThreshold: number;
  dispersion: Map<string, number>;
  priorStrength: Map<string, number>;
}

/**
 * Weekly counts for every unit × topic of one region, as a dense cube. Weeks run from `firstWeek` (the start of
 * the history: earlier weeks are unknown, not zero) to `lastWeek`.
 */
export class WeeklyCounts {
  readonly weeks: number;
  readonly data: Float64Array;
  private readonly unitIndex = new Map<string, number>();
  private readonly topicIndex = new Map<string, number>();

  constructor(
    readonly units: readonly string[],
    readonly topics: readonly string[],
    readonly firstWeek: number,
    readonly lastWeek: number,
  ) {
    this.weeks = lastWeek - firstWeek + 1;
    if (this.weeks <= 0) throw new Error('lastWeek must not be before firstWeek');
    units.forEach((u, i) => this.unitIndex.set(u, i));
    topics.forEach((t, i) => this.topicIndex.set(t, i));
    this.data = new Float64Array(units.length * topics.length * this.weeks);
  }

  index(unit: string, topic: string): number {
    const u = this.unitIndex.get(unit);
    const t = this.topicIndex.get(topic);
    if (u === undefined || t === undefined) return -1;
    return u * this.topics.length + t;
  }

  add(unit: string, topic: string, week: number, n = 1): void {
    const c = this.index(unit, topic);
    if (c < 0 || week < this.firstWeek || week > this.lastWeek) return;
    this.data[c * this.weeks + (week - this.firstWeek)] += n;
  }

  get(unit: string, topic: string, week: number): number {
    const c = this.index(unit, topic);
    if (c < 0 || week < this.firstWeek || week > this.lastWeek) return 0;
    return this.data[c * this.weeks + (week - this.firstWeek)];
  }
}

interface Baseline {
  /** Per cell: μ̂ and predictive size. */
  mu: Float64Array;
  size: Float64Array;
  /** Per cell: the baseline sum; per topic and overall: baseline sums; the baseline's weeks. */
  sums: Float64Array;
  topicSums: Float64Array;
  total: number;
  n: number;
  dispersion: Float64Array; // per topic
  alpha: Float64Array; // per topic
}

/** The baseline model of a region's weekly counts; `expectedAt` serves the cards' excess and trends too. */
export class SpikeModel {
  readonly options: SpikeOptions;
  private readonly prefix: Float64Array;
  private readonly prefixSq: Float64Array;
  /** Prefix sums of squared week-to-week differences (a dispersion estimate that slow trends do not inflate). */
  private readonly prefixDiff: Float64Array;
  private readonly cache = new Map<number, Baseline | null>();

  constructor(
    readonly counts: WeeklyCounts,
    options: Partial<SpikeOptions> = {},
  ) {
    this.options = { ...DEFAULT_SPIKE_OPTIONS, ...options };
    const { weeks, data } = counts;
    const cells = counts.units.length * counts.topics.length;
    this.prefix = new Float64Array(cells * (weeks + 1));
    this.prefixSq = new Float64Array(cells * (weeks + 1));
    this.prefixDiff = new Float64Array(cells * (weeks + 1));
    for (let c = 0; c < cells; c++) {
      let s = 0;
      let ss = 0;
      let dd = 0;
      for (let w = 0; w < weeks; w++) {
        const y = data[c * weeks + w];
        s += y;
        ss += y * y;
        if (w > 0) dd += (y - data[c * weeks + w - 1]) ** 2;
        this.prefix[c * (weeks + 1) + w + 1] = s;
        this.prefixSq[c * (weeks + 1) + w + 1] = ss;
        this.prefixDiff[c * (weeks + 1) + w + 1] = dd;
      }
    }
  }

  /** The baseline weeks [from, to] (inclusive, week indexes) for a test week, or null when too short. */
  baselineWindow(week: number): { from: number; to: number; n: number } | null {
    const to = week - this.options.gapWeeks - 1;
    const from = Math.max(this.counts.firstWeek, to - this.options.baselineWeeks + 1);
    const n = to - from + 1;
    if (n < this.options.minBaselineWeeks || to > this.counts.lastWeek) return null;
    return { from, to, n };
  }

  /** The model for a test week (cached). */
  baseline(week: number): Baseline | null {
    if (this.cache.has(week)) return this.cache.get(week)!;
    const b = this.computeBaseline(week);
    this.cache.set(week, b);
    return b;
  }

  private computeBaseline(week: number): Baseline | null {
    const win = this.baselineWindow(week);
    if (!win) return null;
    const { units, topics, weeks, firstWeek } = this.counts;
    const U = units.length;
    const K = topics.length;
    const n = win.n;
    const lo = win.from - firstWeek;
    const hi = win.to - firstWeek + 1;
    const S = new Float64Array(U * K);
    const SS = new Float64Array(U * K);
    const DD = new Float64Array(U * K);
    const unitTotal = new Float64Array(U);
    const topicTotal = new Float64Array(K);
    let total = 0;
    for (let u = 0; u < U; u++) {
      for (let k = 0; k < K; k++) {
        const c = u * K + k;
        const base = c * (weeks + 1);
        const s = this.prefix[base + hi] - this.prefix[base + lo];
        S[c] = s;
        SS[c] = this.prefixSq[base + hi] - this.prefixSq[base + lo];
        // differences within the window: weeks lo+1 … hi−1 against their predecessors
        DD[c] = this.prefixDiff[base + hi] - this.prefixDiff[base + lo + 1];
        unitTotal[u] += s;
        topicTotal[k] += s;
        total += s;
      }
    }
    const activeUnits = Math.max(1, unitTotal.reduce((a, x) => a + (x > 0 ? 1 : 0), 0));
    const mu = new Float64Array(U * K);
    const size = new Float64Array(U * K);
    const dispersion = new Float64Array(K);
    const alpha = new Float64Array(K);
    const o = this.options;
    for (let k = 0; k < K; k++) {
      // dispersion θ: Σ n(v − ȳ) / Σ n ȳ² over the units that have the topic, v the weekly variance estimated
      // from week-to-week differences (E (Δy)² = 2 Var: slow trends and seasons do not inflate it) or, with
      // dispersionFrom = 'variance', the plain sample variance
      let num = 0;
      let den = 0;
      for (let u = 0; u < U; u++) {
        const c = u * K + k;
        const mean = S[c] / n;
        if (mean <= 0 || n < 2) continue;
        const variance = o.dispersionFrom === 'differences' ? DD[c] / (2 * (n - 1)) : (SS[c] - n * mean * mean) / (n - 1);
        num += n * (variance - mean);
        den += n * mean * mean;
      }
      const theta = den > 0 ? Math.min(o.maxDispersion, Math.max(0, num / den)) : 0;
      dispersion[k] = theta;
      // prior means and the between-unit relative variance τ²
      const prior = new Float64Array(U);
      let dev = 0;
      let noise = 0;
      let counted = 0;
      for (let u = 0; u < U; u++) {
        const m =
          total > 0 && unitTotal[u] > 0
            ? (unitTotal[u] / n) * (topicTotal[k] / total)
            : topicTotal[k] / (n * activeUnits);
        prior[u] = m;
        if (m > 0 && unitTotal[u] > 0) {
          const rho = S[u * K + k] / (n * m);
          dev += (rho - 1) ** 2;
          noise += (1 + theta * m) / (n * m);
          counted++;
        }
      }
      const tau2 = counted > 1 ? Math.min(o.maxRateVariance, Math.max(o.minRateVariance, (dev - noise) / counted)) : o.maxRateVariance;
      const a = 1 / tau2;
      alpha[k] = a;
      // the floor keeps a topic never seen in the baseline testable without making one appeal a miracle
      const floor = 0.5 / (n * activeUnits);
      for (let u = 0; u < U; u++) {
        const c = u * K + k;
        const m = Math.max(prior[u], floor);
        let muHat: number;
        let b: number;
        if (o.shrinkage) {
          b = a / m + n;
          muHat = (a + S[c]) / b;
        } else {
          b = n;
          muHat = Math.max(S[c] / n, floor);
        }
        const extra = theta * muHat * muHat + muHat / b;
        mu[c] = muHat;
        size[c] = extra > 0 ? (muHat * muHat) / extra : Infinity;
      }
    }
    return { mu, size, dispersion, alpha, sums: S, topicSums: topicTotal, total, n };
  }

  /** Week totals, overall and per topic (for the level adjustment). */
  private weekTotals: Float64Array | null = null;
  private weekTopicTotals: Float64Array | null = null;

  /** The level factor of a cell in a week (1 unless `level` is set; see SpikeOptions.level). */
  levelFactor(c: number, week: number, b: Baseline): number {
    const mode = this.options.level;
    if (mode === 'none') return 1;
    const { weeks, firstWeek, data, topics } = this.counts;
    const K = topics.length;
    const cells = this.counts.units.length * K;
    if (!this.weekTotals) {
      this.weekTotals = new Float64Array(weeks);
      this.weekTopicTotals = new Float64Array(weeks * K);
      for (let x = 0; x < cells; x++) {
        for (let w = 0; w < weeks; w++) {
          const y = data[x * weeks + w];
          this.weekTotals[w] += y;
          this.weekTopicTotals[w * K + (x % K)] += y;
        }
      }
    }
    const w = week - firstWeek;
    if (w < 0 || w >= weeks) return 1;
    const y = data[c * weeks + w];
    const k = c % K;
    const now = mode === 'region' ? this.weekTotals[w] - y : this.weekTopicTotals![w * K + k] - y;
    const usual = ((mode === 'region' ? b.total : b.topicSums[k]) - b.sums[c]) / b.n;
    if (usual < 1) return 1;
    return Math.min(4, Math.max(0.25, now / usual));
  }

  /** Expected count for a unit × topic in a week (NaN when the week has no usable baseline). */
  expectedAt(unit: string, topic: string, week: number): number {
    const c = this.counts.index(unit, topic);
    const b = this.baseline(week);
    if (c < 0 || !b) return NaN;
    return b.mu[c] * this.levelFactor(c, week, b);
  }

  /** Runs every test for the weeks testFrom..testTo (inclusive). */
  run(testFrom: number, testTo: number): SpikeResult {
    const { units, topics, weeks, firstWeek, data } = this.counts;
    const o = this.options;
    const K = topics.length;
    const cells = units.length * K;
    const to = Math.min(testTo, this.counts.lastWeek);
    const pValues: number[] = [];
    const details: (SpikeTest | null)[] = [];
    const cusum = new Float64Array(cells);
    const runCount = new Float64Array(cells);
    const dispersion = new Map<string, number>();
    const priorStrength = new Map<string, number>();
    const start = Math.max(firstWeek, testFrom - o.cusumWarmupWeeks);
    // per cell and week since `start`: the count, μ, r and the llr's slope a and intercept b (llr = a·y + b)
    const span = Math.max(0, to - start + 1);
    const hy = new Float64Array(cells * span);
    const hmu = new Float64Array(cells * span);
    const hr = new Float64Array(cells * span);
    const ha = new Float64Array(cells * span);
    const hb = new Float64Array(cells * span);
    const delta = o.cusumShift;
    for (let week = start; week <= to; week++) {
      const b = this.baseline(week);
      if (!b) continue;
      const testing = week >= testFrom;
      const t = week - start;
      if (testing) {
        topics.forEach((name, k) => {
          dispersion.set(name, b.dispersion[k]);
          priorStrength.set(name, b.alpha[k]);
        });
      }
      for (let c = 0; c < cells; c++) {
        const y = data[c * weeks + (week - firstWeek)];
        const mu = b.mu[c] * this.levelFactor(c, week, b);
        const r = b.size[c];
        const slope = Number.isFinite(r) ? Math.log((delta * (r + mu)) / (r + delta * mu)) : Math.log(delta);
        const intercept = Number.isFinite(r) ? r * Math.log((r + mu) / (r + delta * mu)) : -(delta - 1) * mu;
        const h = c * span + t;
        hy[h] = y;
        hmu[h] = mu;
        hr[h] = r;
        ha[h] = slope;
        hb[h] = intercept;
        // one extreme week is the NB test's business: the CUSUM sees it clipped at the baseline’s 99.9th percentile,
        // so a burst does not keep it in alarm for months (clipping only lowers it: the p-values stay valid)
        const spread = Math.sqrt(mu + (Number.isFinite(r) ? (mu * mu) / r : 0));
        const yc = y > mu + 2 * spread ? Math.min(y, nbQuantile(CUSUM_CLIP, mu, r)) : y;
        const next = cusum[c] + slope * yc + intercept;
        if (next <= 0) {
          cusum[c] = 0;
          runCount[c] = 0;
        } else {
          if (cusum[c] === 0) runCount[c] = 0;
          cusum[c] = next;
          runCount[c] += yc;
        }
        if (!testing) continue;
        const pNb = y >= o.minCount ? nbUpperTail(y, mu, r) : 1;
        const pCusum = o.cusum && cusum[c] > 0 && runCount[c] >= o.minCount ? cusumPValue(cusum[c], c * span, t, hy, hmu, hr, ha, hb) : 1;
        const p = o.cusum ? Math.min(1, 2 * Math.min(pNb, pCusum)) : pNb;
        pValues.push(p);
        details.push(
          p < 0.05
            ? {
                unit: units[Math.floor(c / K)],
                topic: topics[c % K],
                week,
                observed: y,
                expected: mu,
                size: r,
                pNegativeBinomial: pNb,
                cusum: cusum[c],
                pCusum,
                p,
                q: 1,
                fired: [],
              }
            : null,
        );
      }
    }
    const q = benjaminiHochberg(pValues);
    let pThreshold = 0;
    const notable: SpikeTest[] = [];
    const alarms: SpikeTest[] = [];
    for (let i = 0; i < q.length; i++) {
      const d = details[i];
      if (!d) continue;
      d.q = q[i];
      notable.push(d);
      if (q[i] <= o.fdr) pThreshold = Math.max(pThreshold, pValues[i]);
    }
    for (const d of notable) {
      if (d.q > o.fdr) continue;
      const k = o.cusum ? 2 : 1;
      if (k * d.pNegativeBinomial <= pThreshold) d.fired.push('negative_binomial');
      if (o.cusum && 2 * d.pCusum <= pThreshold) d.fired.push('cusum');
      alarms.push(d);
    }
    alarms.sort((a, b) => a.p - b.p || a.week - b.week);
    return { testsRun: pValues.length, alarms, notable, pThreshold, dispersion, priorStrength };
  }
}

/**
 * An upper bound on P(S_t ≥ s) under the baseline: min(e^(−s), Σ_j P(Σ_{j..t} llr ≥ s)). For a window j..t the
 * llr sum is a·Y + Σb with Y the window's count (a taken as the window's mean slope), so the event is
 * Y ≥ (s − Σb)/a, whose probability is the tail of NB(Σμ, Σr) (a sum of independent weekly counts).
 */
function cusumPValue(
  s: number,
  base: number,
  t: number,
  hy: Float64Array,
  hmu: Float64Array,
  hr: Float64Array,
  ha: Float64Array,
  hb: Float64Array,
): number {
  let union = 0;
  let mu = 0;
  let r = 0;
  let a = 0;
  let b = 0;
  for (let j = t; j >= 0; j--) {
    const h = base + j;
    if (hmu[h] <= 0 && hy[h] === 0 && ha[h] === 0) break; // a week without a baseline ends the history
    mu += hmu[h];
    r += hr[h];
    a += ha[h];
    b += hb[h];
    const n = t - j + 1;
    const need = Math.ceil((s - b) / (a / n) - 1e-9);
    union += need <= 0 ? 1 : nbUpperTail(need, mu, Number.isFinite(r) ? r : Infinity);
    if (union >= 1) return Math.min(1, Math.exp(-s));
  }
  return Math.min(1, Math.exp(-s), union);
}

/**
 * Kulldorff's prospective space-time permutation scan statistic (Kulldorff et al. 2005, PLoS Medicine 2:e59),
 * per topic over districts, as a comparator in the evaluation.
 *
 * For a test week w and a topic, the study period is the `studyWeeks` weeks ending at w. A cylinder is a zone —
 * a district and its j nearest neighbours, j = 0 … `maxNeighbours` — over the last L weeks, L = 1 … `maxWeeks`
 * (prospective: every cylinder ends at w). Its expected count needs no population: with n_zt the appeals of
 * district z in week t and C all of them, μ = (Σ_z N_z)(Σ_t N_t) / C — what the cylinder would hold if where and
 * when were independent, so purely spatial (a district's size) and purely temporal (seasons, holidays) variation
 * are adjusted for. The cylinder's statistic is the Poisson generalised likelihood ratio,
 * c ln(c/μ) + (C − c) ln((C − c)/(C − μ)) for c > μ. Its significance comes from Monte Carlo: the weeks of the
 * study period's appeals are permuted among them (which keeps both margins), `replicates` times, and the maximum
 * statistic of each replicate is recorded; the p-value of a cylinder is the upper tail of a Gumbel distribution
 * fitted to those maxima (Abrams, Kleinman & Kulldorff 2010), which resolves small p-values that a few hundred
 * replicates cannot. A district × week gets the smallest p-value of the cylinders holding it that include at
 * least one of its appeals and `MIN_COUNT` appeals in all.
 *
 * Replicates are cached by the topic's counts in the study period: an injected outbreak changes one topic, and
 * the others are not simulated again.
 */
import { MIN_COUNT } from './comparators';
import type { Detector, DetectorOutput } from './evaluation';
import { seededRandom } from './negative-binomial';
import type { WeeklyCounts } from './spikes';

export interface ScanOptions {
  maxNeighbours: number;
  maxWeeks: number;
  studyWeeks: number;
  replicates: number;
}

export const DEFAULT_SCAN_OPTIONS: ScanOptions = { maxNeighbours: 3, maxWeeks: 3, studyWeeks: 12, replicates: 99 };

/** The Poisson generalised likelihood ratio of c appeals where μ were expected, out of C (0 unless c > μ). */
export function scanLlr(c: number, mu: number, total: number): number {
  if (c <= mu || mu <= 0) return 0;
  const rest = total - c;
  return c * Math.log(c / mu) + (rest > 0 ? rest * Math.log(rest / (total - mu)) : 0);
}

/** Gumbel upper tail with parameters fitted by moments to a sample of maxima. */
export function gumbelTail(sample: readonly number[]): (x: number) => number {
  const n = sample.length;
  const mean = sample.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(sample.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  const beta = Math.max((sd * Math.sqrt(6)) / Math.PI, 1e-9);
  const loc = mean - 0.5772156649 * beta;
  return (x: number) => -Math.expm1(-Math.exp(-(x - loc) / beta));
}

/**
 * Scans one topic's matrix n[z][t] (districts × study weeks, the last week being the one judged) and calls
 * `each(zone, weeks, llr)` for every cylinder with an excess; returns the largest statistic.
 */
function scanMatrix(n: Float64Array, U: number, T: number, zones: readonly number[][], maxWeeks: number, each?: (zone: number[], weeks: number, llr: number, count: number) => void): number {
  const zoneTotal = new Float64Array(U);
  const weekTotal = new Float64Array(T);
  let C = 0;
  for (let z = 0; z < U; z++) {
    for (let t = 0; t < T; t++) {
      const y = n[z * T + t];
      zoneTotal[z] += y;
      weekTotal[t] += y;
      C += y;
    }
  }
  if (C === 0) return 0;
  let best = 0;
  for (const zone of zones) {
    // grow the zone one neighbour at a time: zone[0..j]
    for (let L = 1; L <= Math.min(maxWeeks, T); L++) {
      let tw = 0;
      for (let t = T - L; t < T; t++) tw += weekTotal[t];
      let cz = 0;
      let nz = 0;
      for (let j = 0; j < zone.length; j++) {
        const z = zone[j];
        nz += zoneTotal[z];
        for (let t = T - L; t < T; t++) cz += n[z * T + t];
        const mu = (nz * tw) / C;
        const llr = scanLlr(cz, mu, C);
        if (llr > best) best = llr;
        if (each && llr > 0) each(zone.slice(0, j + 1), L, llr, cz);
      }
    }
  }
  return best;
}

export function spaceTimeScanDetector(neighbours: ReadonlyMap<string, readonly string[]>, options: Partial<ScanOptions> = {}): Detector {
  const o = { ...DEFAULT_SCAN_OPTIONS, ...options };
  const nullCache = new Map<string, (x: number) => number>();
  return {
    name: 'Kulldorff space-time permutation scan',
    pValues(counts: WeeklyCounts, testFrom: number, testTo: number): DetectorOutput {
      const { units, topics, firstWeek, weeks, data } = counts;
      const U = units.length;
      const K = topics.length;
      const unitIndex = new Map(units.map((u, i) => [u, i]));
      const zones = units.map((u, i) => [i, ...(neighbours.get(u) ?? []).map((v) => unitIndex.get(v)).filter((x): x is number => x !== undefined).slice(0, o.maxNeighbours)]);
      const p = new Map<string, number>();
      let m = 0;
      for (let week = testFrom; week <= testTo; week++) {
        const end = week - firstWeek;
        const start = Math.max(0, end - o.studyWeeks + 1);
        const T = end - start + 1;
        if (T < o.maxWeeks + 1) continue;
        for (let k = 0; k < K; k++) {
          m += U;
          const n = new Float64Array(U * T);
          for (let z = 0; z < U; z++) for (let t = 0; t < T; t++) n[z * T + t] = data[(z * K + k) * weeks + start + t];
          const key = `${k}|${week}|${n.join(',')}`;
          let tail = nullCache.get(key);
          if (!tail) {
            tail = gumbelTail(replicateMaxima(n, U, T, zones, o, seededRandom(1 + k * 7919 + week)));
            nullCache.set(key, tail);
          }
          const cellP = new Float64Array(U).fill(1);
          scanMatrix(n, U, T, zones, o.maxWeeks, (zone, L, llr, count) => {
            if (count < MIN_COUNT) return;
            const pv = tail(llr);
            for (const z of zone) {
              let own = 0;
              for (let t = T - L; t < T; t++) own += n[z * T + t];
              if (own > 0 && pv < cellP[z]) cellP[z] = pv;
            }
          });
          for (let z = 0; z < U; z++) if (cellP[z] < 0.05) p.set(`${units[z]}|${topics[k]}|${week}`, cellP[z]);
        }
      }
      return { m, p };
    },
  };
}

/** The maximum statistic of each of `replicates` permutations of the appeals' weeks. */
function replicateMaxima(n: Float64Array, U: number, T: number, zones: readonly number[][], o: ScanOptions, rand: () => number): number[] {
  const labels: number[] = [];
  const zoneTotal = new Array<number>(U).fill(0);
  for (let z = 0; z < U; z++) {
    for (let t = 0; t < T; t++) {
      const y = n[z * T + t];
      zoneTotal[z] += y;
      for (let i = 0; i < y; i++) labels.push(t);
    }
  }
  const maxima: number[] = [];
  const rep = new Float64Array(U * T);
  for (let r = 0; r < o.replicates; r++) {
    for (let i = labels.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const x = labels[i];
      labels[i] = labels[j];
      labels[j] = x;
    }
    rep.fill(0);
    let i = 0;
    for (let z = 0; z < U; z++) for (let c = 0; c < zoneTotal[z]; c++) rep[z * T + labels[i++]]++;
    maxima.push(scanMatrix(rep, U, T, zones, o.maxWeeks));
  }
  return maxima;
}

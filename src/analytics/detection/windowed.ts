/**
 * The shipped weekly detector: evidence from a series' recent weeks and from its neighbours, against a baseline
 * that follows the season, held to an alarm budget calibrated on the region's own history.
 *
 *  1. Expected counts: the empirical-Bayes negative binomial baseline of `spikes.ts` (trailing weeks ending two
 *     weeks before, shrunk toward the topic's rate), scaled by the topic's current level — how this week's
 *     appeals on the topic in the *other* districts compare with their baseline (`level: 'topic'`). A seasonal
 *     rise lifts a topic everywhere and so lifts its expectation everywhere; an outbreak lifts one district (or a
 *     few) and stands out.
 *  2. Windows: for each district × topic and week w, the count of the last L weeks (L in `windows`) against the
 *     sum of their expectations, a negative binomial tail (sizes add for independent weeks of one mean's scale).
 *     One large week is found by L = 1; an outbreak of a few weeks accumulates evidence by L = 2, 3.
 *  3. Neighbourhoods: the same over the district and its `neighbours` nearest ones (L in `spatialWindows`):
 *     an outbreak spread over adjacent districts is found even when no single district stands out.
 *  4. The week's score is the smallest of these p-values; alarms are the weeks whose score is at or below the
 *     threshold that gives the alarm budget (alarms a week) on the region's history (`calibrateThreshold`).
 *  A window alarms only with at least `minCount` appeals in the week judged.
 */
import { nbUpperTail } from './negative-binomial';
import { SpikeModel, type SpikeOptions, type WeeklyCounts } from './spikes';

export interface WindowedOptions {
  /** Window lengths (weeks ending at the week judged) for a district alone. */
  windows: number[];
  /** Window lengths for a district with its neighbours (empty: no spatial windows). */
  spatialWindows: number[];
  /** How many nearest neighbours a neighbourhood takes in. */
  neighbours: number;
  minCount: number;
  spikes: Partial<SpikeOptions>;
}

export const DEFAULT_WINDOWED_OPTIONS: WindowedOptions = {
  windows: [1, 2, 3],
  spatialWindows: [1, 2],
  neighbours: 2,
  minCount: 3,
  spikes: { cusum: false, level: 'topic' },
};

export interface WindowedTest {
  unit: string;
  topic: string;
  week: number;
  /** Appeals of the week judged in this district. */
  observed: number;
  /** What the baseline expected of this district in that week. */
  expected: number;
  /** The score: the smallest p-value of the windows. */
  p: number;
  /** The window that gave it: its weeks, districts, appeals and expectation. */
  windowWeeks: number;
  windowUnits: string[];
  windowObserved: number;
  windowExpected: number;
}

export interface WindowedResult {
  testsRun: number;
  /** Every test with p < 0.05, unordered. */
  notable: WindowedTest[];
  model: SpikeModel;
}

export function runWindowed(
  counts: WeeklyCounts,
  testFrom: number,
  testTo: number,
  neighbours: ReadonlyMap<string, readonly string[]>,
  options: Partial<WindowedOptions> = {},
): WindowedResult {
  const o = { ...DEFAULT_WINDOWED_OPTIONS, ...options, spikes: { ...DEFAULT_WINDOWED_OPTIONS.spikes, ...options.spikes } };
  const model = new SpikeModel(counts, o.spikes);
  const { units, topics, firstWeek, lastWeek, weeks, data } = counts;
  const K = topics.length;
  const unitIndex = new Map(units.map((u, i) => [u, i]));
  const zone = units.map((u, i) => [i, ...(neighbours.get(u) ?? []).map((v) => unitIndex.get(v)).filter((x): x is number => x !== undefined).slice(0, o.neighbours)]);
  const maxL = Math.max(1, ...o.windows, ...o.spatialWindows);
  const to = Math.min(testTo, lastWeek);
  // μ and r per cell for the weeks a window may reach back to
  const start = Math.max(firstWeek, testFrom - maxL + 1);
  const span = Math.max(0, to - start + 1);
  const cells = units.length * K;
  const mu = new Float64Array(cells * span).fill(NaN);
  const size = new Float64Array(cells * span);
  for (let week = start; week <= to; week++) {
    const b = model.baseline(week);
    if (!b) continue;
    for (let c = 0; c < cells; c++) {
      mu[c * span + week - start] = b.mu[c] * model.levelFactor(c, week, b);
      size[c * span + week - start] = b.size[c];
    }
  }
  const notable: WindowedTest[] = [];
  let testsRun = 0;
  for (let week = Math.max(testFrom, start); week <= to; week++) {
    const t = week - start;
    if (!Number.isFinite(mu[t])) continue; // no baseline yet for this week (the same for every cell)
    for (let u = 0; u < units.length; u++) {
      for (let k = 0; k < K; k++) {
        const c = u * K + k;
        testsRun++;
        const y = data[c * weeks + week - firstWeek];
        if (y < o.minCount) continue;
        let best: Omit<WindowedTest, 'unit' | 'topic' | 'week' | 'observed' | 'expected'> | null = null;
        const consider = (members: number[], L: number) => {
          let obs = 0;
          let exp = 0;
          let r = 0;
          for (let l = 0; l < L; l++) {
            const tt = t - l;
            if (tt < 0) return;
            for (const z of members) {
              const cz = z * K + k;
              const m = mu[cz * span + tt];
              if (!Number.isFinite(m)) return;
              obs += data[cz * weeks + week - l - firstWeek];
              exp += m;
              r += size[cz * span + tt];
            }
          }
          const pv = nbUpperTail(obs, exp, Number.isFinite(r) ? r : Infinity);
          if (!best || pv < best.p) best = { p: pv, windowWeeks: L, windowUnits: members.map((z) => units[z]), windowObserved: obs, windowExpected: exp };
        };
        for (const L of o.windows) consider([u], L);
        if (zone[u].length > 1) for (const L of o.spatialWindows) consider(zone[u], L);
        const b = best as Omit<WindowedTest, 'unit' | 'topic' | 'week' | 'observed' | 'expected'> | null;
        if (b && b.p < 0.05) notable.push({ unit: units[u], topic: topics[k], week, observed: y, expected: mu[c * span + t], ...b });
      }
    }
  }
  return { testsRun, notable, model };
}

/**
 * The score threshold that gives `perWeek` alarms a week over `weeks` weeks of tests: the (perWeek × weeks)-th
 * smallest score (0 when the budget is nought; the largest notable score when fewer tests are notable).
 */
export function calibrateThreshold(scores: readonly number[], perWeek: number, weeks: number): number {
  const k = Math.round(perWeek * weeks);
  if (k <= 0 || scores.length === 0) return 0;
  const sorted = [...scores].sort((a, b) => a - b);
  return sorted[Math.min(k, sorted.length) - 1];
}

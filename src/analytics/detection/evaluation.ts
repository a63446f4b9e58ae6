/**
 * Honest evaluation of the spike detection: synthetic outbreaks injected into real weekly history.
 *
 * A history is weekly counts per district × category. Each trial picks a district × category at random, a start
 * week among the test weeks, a duration, a size and a spread (the district alone, or with its nearest
 * neighbours), adds Poisson(extra) appeals per outbreak week to those cells, and runs a detector over the test
 * weeks. The outbreak is detected when an alarm falls on one of its cells between its first week and two weeks
 * after its last; the delay is the first such alarm's week minus the start week (0 = found in its first week).
 * False alarms are counted on the history with nothing injected (so real, unlabelled outbreaks in the history
 * count against the method: an upper bound). Alarms come from p-values either as deployed (Benjamini–Hochberg)
 * or at an alert budget — the p threshold that gives a set number of false alarms a week on the plain history —
 * which compares detectors at equal false alarms.
 */
import { benjaminiHochberg } from './multiple-testing';
import { nbDraw, normalDraw, poissonDraw, seededRandom } from './negative-binomial';
import { SpikeModel, WeeklyCounts, type SpikeOptions } from './spikes';
import { runWindowed, type Calibration, type WindowedOptions } from './windowed';

export interface History {
  units: string[];
  topics: string[];
  firstWeek: number;
  lastWeek: number;
  counts: { unit: string; topic: string; week: number; count: number }[];
  /** For each unit, the others by distance (nearest first), for outbreaks spread over neighbours. */
  neighbours: Map<string, string[]>;
}

export interface Scenario {
  /** Extra appeals per outbreak week as a multiple of the cell's mean weekly count (at least `minExtra`). */
  size: number;
  weeks: number;
  districts: number;
}

/** p-values of a detector's tests over the test weeks: all m of them, the ones below 0.05 by `unit|topic|week`. */
export interface DetectorOutput {
  m: number;
  p: Map<string, number>;
}

export interface Detector {
  name: string;
  pValues(counts: WeeklyCounts, testFrom: number, testTo: number): DetectorOutput;
  /** Learns what it needs from the history with nothing injected (called before any `pValues`), if anything. */
  calibrate?(counts: WeeklyCounts, testFrom: number, testTo: number): void;
}

/** How p-values become alarms: Benjamini–Hochberg at q, or a fixed threshold (an alert budget). */
export type AlarmRule = { kind: 'fdr'; q: number } | { kind: 'threshold'; p: number };

export function alarmsOf(out: DetectorOutput, rule: AlarmRule): Set<string> {
  const entries = [...out.p.entries()];
  if (rule.kind === 'threshold') return new Set(entries.filter(([, p]) => p <= rule.p).map(([k]) => k));
  const padded = entries.map(([, p]) => p);
  while (padded.length < out.m) padded.push(1);
  const q = benjaminiHochberg(padded);
  return new Set(entries.filter((_, i) => q[i] <= rule.q).map(([k]) => k));
}

/** The p threshold that gives `perWeek` alarms a week on this output (its `perWeek × weeks`-th smallest p). */
export function budgetThreshold(out: DetectorOutput, perWeek: number, weeks: number): number {
  const ps = [...out.p.values()].sort((a, b) => a - b);
  const k = Math.round(perWeek * weeks);
  if (k <= 0) return 0;
  return k <= ps.length ? ps[k - 1] : 0.05;
}

export function spikeDetector(name: string, options: Partial<SpikeOptions> = {}): Detector {
  return {
    name,
    pValues(counts, testFrom, testTo) {
      const r = new SpikeModel(counts, options).run(testFrom, testTo);
      return { m: r.testsRun, p: new Map(r.notable.map((a) => [`${a.unit}|${a.topic}|${a.week}`, a.p])) };
    },
  };
}

/**
 * EARS C2 (CDC): z = (y − mean) / sd of the 7 weeks ending 3 weeks before (sd at least 0.2 × mean and 1); its
 * normal tail as a p-value (with y ≥ 3), so that it can be held to the same FDR or budget as the others.
 */
export function earsC2Detector(): Detector {
  return {
    name: 'EARS C2 (7-week baseline, 2-week gap)',
    pValues(counts, testFrom, testTo) {
      const p = new Map<string, number>();
      let m = 0;
      for (const unit of counts.units) {
        for (const topic of counts.topics) {
          for (let w = Math.max(testFrom, counts.firstWeek + 9); w <= testTo; w++) {
            let sum = 0;
            let sq = 0;
            for (let b = w - 9; b <= w - 3; b++) {
              const y = counts.get(unit, topic, b);
              sum += y;
              sq += y * y;
            }
            const mean = sum / 7;
            const sd = Math.max(Math.sqrt(Math.max(0, (sq - 7 * mean * mean) / 6)), 0.2 * mean, 1);
            const y = counts.get(unit, topic, w);
            m++;
            const pv = y >= 3 ? normalUpperTail((y - mean) / sd) : 1;
            if (pv < 0.05) p.set(`${unit}|${topic}|${w}`, pv);
          }
        }
      }
      return { m, p };
    },
  };
}

function normalUpperTail(z: number): number {
  // Abramowitz–Stegun 7.1.26 via erfc
  const x = z / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return x >= 0 ? erfc / 2 : 1 - erfc / 2;
}

export interface ScenarioResult extends Scenario {
  trials: number;
  detected: number;
  firstWeek: number;
  withinThreeWeeks: number;
  delays: number[];
}

export interface EvaluationResult {
  detector: string;
  rule: string;
  series: number;
  testWeeks: number;
  falseAlarms: number;
  falseAlarmsPerWeek: number;
  scenarios: ScenarioResult[];
  detectionProbability: number;
  firstWeekDetection: number;
  withinThreeWeeks: number;
  medianDelayWeeks: number | null;
}

function cube(h: History): WeeklyCounts {
  const c = new WeeklyCounts(h.units, h.topics, h.firstWeek, h.lastWeek);
  for (const x of h.counts) c.add(x.unit, x.topic, x.week, x.count);
  return c;
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function evaluate(
  h: History,
  detector: Detector,
  scenarios: Scenario[],
  opts: { trials: number; testFrom: number; seed: number; rule: AlarmRule | { kind: 'budget'; perWeek: number }; minExtra?: number; minMean?: number },
): EvaluationResult {
  const base = cube(h);
  const testFrom = opts.testFrom;
  const testTo = h.lastWeek;
  const testWeeks = testTo - testFrom + 1;
  const baseOut = detector.pValues(base, testFrom, testTo);
  const rule: AlarmRule = opts.rule.kind === 'budget' ? { kind: 'threshold', p: budgetThreshold(baseOut, opts.rule.perWeek, testWeeks) } : opts.rule;
  const falseAlarms = alarmsOf(baseOut, rule).size;
  // the cells an outbreak may start in: with some history (a mean of at least minMean a week)
  const mean = new Map<string, number>();
  for (const unit of h.units) {
    for (const topic of h.topics) {
      let s = 0;
      for (let w = h.firstWeek; w < testFrom; w++) s += base.get(unit, topic, w);
      mean.set(`${unit}|${topic}`, s / Math.max(1, testFrom - h.firstWeek));
    }
  }
  const eligible = [...mean.entries()].filter(([, m]) => m >= (opts.minMean ?? 0.2)).map(([k]) => k);
  const rand = seededRandom(opts.seed);
  const results: ScenarioResult[] = [];
  for (const sc of scenarios) {
    const r: ScenarioResult = { ...sc, trials: 0, detected: 0, firstWeek: 0, withinThreeWeeks: 0, delays: [] };
    for (let t = 0; t < opts.trials; t++) {
      const [unit, topic] = eligible[Math.floor(rand() * eligible.length)].split('|');
      const latestStart = testTo - sc.weeks + 1;
      if (latestStart < testFrom) break;
      const start = testFrom + Math.floor(rand() * (latestStart - testFrom + 1));
      const units = [unit, ...(h.neighbours.get(unit) ?? []).slice(0, sc.districts - 1)];
      const counts = cube(h);
      for (const u of units) {
        const m = mean.get(`${u}|${topic}`) ?? 0;
        const extra = Math.max(opts.minExtra ?? 3, sc.size * m);
        for (let w = start; w < start + sc.weeks; w++) counts.add(u, topic, w, poissonDraw(extra, rand));
      }
      const alarms = alarmsOf(detector.pValues(counts, testFrom, testTo), rule);
      let first: number | null = null;
      for (let w = start; w <= Math.min(testTo, start + sc.weeks - 1 + 2) && first === null; w++) {
        if (units.some((u) => alarms.has(`${u}|${topic}|${w}`))) first = w;
      }
      r.trials++;
      if (first !== null) {
        r.detected++;
        r.delays.push(first - start);
        if (first === start) r.firstWeek++;
        if (first - start <= 2) r.withinThreeWeeks++;
      }
    }
    results.push(r);
  }
  const trials = results.reduce((a, r) => a + r.trials, 0);
  const allDelays = results.flatMap((r) => r.delays);
  return {
    detector: detector.name,
    rule: opts.rule.kind === 'fdr' ? `BH ${opts.rule.q * 100}%` : opts.rule.kind === 'budget' ? `${opts.rule.perWeek} false alarms a week` : `p ≤ ${opts.rule.p}`,
    series: h.units.length * h.topics.length,
    testWeeks,
    falseAlarms,
    falseAlarmsPerWeek: falseAlarms / testWeeks,
    scenarios: results,
    detectionProbability: results.reduce((a, r) => a + r.detected, 0) / Math.max(1, trials),
    firstWeekDetection: results.reduce((a, r) => a + r.firstWeek, 0) / Math.max(1, trials),
    withinThreeWeeks: results.reduce((a, r) => a + r.withinThreeWeeks, 0) / Math.max(1, trials),
    medianDelayWeeks: median(allDelays),
  };
}

/**
 * A synthetic stationary history in which the method's assumptions hold: unit sizes log-normal, topic shares
 * uneven, weekly counts negative binomial (θ 0.05–0.3 by topic) around the unit × topic rate. Neighbours are the
 * next units by number.
 */
export function syntheticHistory(opts: { units: number; topics: number; weeks: number; seed: number }): History {
  const rand = seededRandom(opts.seed);
  const units = Array.from({ length: opts.units }, (_, i) => `U${String(i).padStart(3, '0')}`);
  const topics = Array.from({ length: opts.topics }, (_, i) => `T${String(i).padStart(2, '0')}`);
  const size = units.map(() => Math.exp(1.2 * normalDraw(rand)) * 8);
  const share = topics.map((_, k) => 1 / (1 + k));
  const sumShare = share.reduce((a, b) => a + b, 0);
  const theta = topics.map(() => 0.05 + 0.25 * rand());
  const counts: History['counts'] = [];
  units.forEach((u, i) =>
    topics.forEach((t, k) => {
      const mu = (size[i] * share[k]) / sumShare;
      for (let w = 0; w < opts.weeks; w++) {
        const y = nbDraw(mu, 1 / theta[k], rand);
        if (y > 0) counts.push({ unit: u, topic: t, week: w, count: y });
      }
    }),
  );
  const neighbours = new Map(units.map((u, i) => [u, [units[(i + 1) % units.length], units[(i + units.length - 1) % units.length]]]));
  return { units, topics, firstWeek: 0, lastWeek: opts.weeks - 1, counts, neighbours };
}

/** The shipped detector (windowed.ts) as the evaluation sees it. */
export function windowedDetector(name: string, neighbours: ReadonlyMap<string, readonly string[]>, options: Partial<WindowedOptions> = {}, calibrate = true): Detector {
  let calibration: Calibration | null = null;
  return {
    name,
    calibrate(counts, testFrom, testTo) {
      if (calibrate) calibration = runWindowed(counts, testFrom, testTo, neighbours, options).calibration;
    },
    pValues(counts, testFrom, testTo) {
      const r = runWindowed(counts, testFrom, testTo, neighbours, options, calibration);
      return { m: r.testsRun, p: new Map(r.notable.map((t) => [`${t.unit}|${t.topic}|${t.week}`, t.score])) };
    },
  };
}

/** Wilson's score interval for k successes in n trials (95% by default). */
export function wilson(k: number, n: number, z = 1.96): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const d = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export interface BudgetResult {
  detector: string;
  falseAlarmsPerWeek: number;
  /** The false alarms the threshold actually gives on the history (ties may give fewer). */
  falseAlarmsPerWeekObserved: number;
  outbreaks: number;
  withinThreeWeeks: number;
  withinThreeWeeksCi: [number, number];
  detected: number;
  firstWeekDetection: number;
  medianDelayWeeks: number | null;
  scenarios: ScenarioResult[];
}

/**
 * Every detector on the same injected outbreaks, at each alarm budget: each trial's history is built once and
 * given to every detector; each detector's threshold for a budget is calibrated on its own output for the
 * history with nothing injected.
 */
export function evaluateAtBudgets(
  h: History,
  detectors: Detector[],
  scenarios: Scenario[],
  opts: { trials: number; testFrom: number; testTo?: number; seed: number; budgets: number[]; minExtra?: number; minMean?: number },
): BudgetResult[] {
  const base = cube(h);
  const testFrom = opts.testFrom;
  const testTo = opts.testTo ?? h.lastWeek;
  const testWeeks = testTo - testFrom + 1;
  const thresholds = detectors.map((d) => {
    d.calibrate?.(base, testFrom, testTo);
    const out = d.pValues(base, testFrom, testTo);
    return opts.budgets.map((b) => {
      const p = budgetThreshold(out, b, testWeeks);
      return { p, falseAlarms: alarmsOf(out, { kind: 'threshold', p }).size };
    });
  });
  const mean = new Map<string, number>();
  for (const unit of h.units) {
    for (const topic of h.topics) {
      let s = 0;
      for (let w = h.firstWeek; w < testFrom; w++) s += base.get(unit, topic, w);
      mean.set(`${unit}|${topic}`, s / Math.max(1, testFrom - h.firstWeek));
    }
  }
  const eligible = [...mean.entries()].filter(([, m]) => m >= (opts.minMean ?? 0.2)).map(([k]) => k);
  const rand = seededRandom(opts.seed);
  // per detector × budget × scenario
  const acc = detectors.map(() => opts.budgets.map(() => scenarios.map((sc) => ({ ...sc, trials: 0, detected: 0, firstWeek: 0, withinThreeWeeks: 0, delays: [] as number[] }))));
  scenarios.forEach((sc, s) => {
    for (let t = 0; t < opts.trials; t++) {
      const [unit, topic] = eligible[Math.floor(rand() * eligible.length)].split('|');
      const latestStart = testTo - sc.weeks + 1;
      if (latestStart < testFrom) break;
      const start = testFrom + Math.floor(rand() * (latestStart - testFrom + 1));
      const units = [unit, ...(h.neighbours.get(unit) ?? []).slice(0, sc.districts - 1)];
      const counts = cube(h);
      for (const u of units) {
        const m = mean.get(`${u}|${topic}`) ?? 0;
        const extra = Math.max(opts.minExtra ?? 3, sc.size * m);
        for (let w = start; w < start + sc.weeks; w++) counts.add(u, topic, w, poissonDraw(extra, rand));
      }
      detectors.forEach((d, i) => {
        const out = d.pValues(counts, testFrom, testTo);
        opts.budgets.forEach((_, j) => {
          const threshold = thresholds[i][j].p;
          let first: number | null = null;
          for (let w = start; w <= Math.min(testTo, start + sc.weeks - 1 + 2) && first === null; w++) {
            if (units.some((u) => (out.p.get(`${u}|${topic}|${w}`) ?? 1) <= threshold && threshold > 0)) first = w;
          }
          const r = acc[i][j][s];
          r.trials++;
          if (first !== null) {
            r.detected++;
            r.delays.push(first - start);
            if (first === start) r.firstWeek++;
            if (first - start <= 2) r.withinThreeWeeks++;
          }
        });
      });
    }
  });
  const results: BudgetResult[] = [];
  detectors.forEach((d, i) =>
    opts.budgets.forEach((b, j) => {
      const rs = acc[i][j];
      const n = rs.reduce((a, r) => a + r.trials, 0);
      const k = rs.reduce((a, r) => a + r.withinThreeWeeks, 0);
      results.push({
        detector: d.name,
        falseAlarmsPerWeek: b,
        falseAlarmsPerWeekObserved: thresholds[i][j].falseAlarms / testWeeks,
        outbreaks: n,
        withinThreeWeeks: k / Math.max(1, n),
        withinThreeWeeksCi: wilson(k, n),
        detected: rs.reduce((a, r) => a + r.detected, 0) / Math.max(1, n),
        firstWeekDetection: rs.reduce((a, r) => a + r.firstWeek, 0) / Math.max(1, n),
        medianDelayWeeks: median(rs.flatMap((r) => r.delays)),
        scenarios: rs,
      });
    }),
  );
  return results;
}

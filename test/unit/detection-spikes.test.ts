import { describe, expect, it } from 'vitest';
import { nbDraw, poissonDraw, seededRandom } from '../../src/analytics/detection/negative-binomial';
import { SpikeModel, WeeklyCounts } from '../../src/analytics/detection/spikes';

/** A region: `units` districts × `topics` topics, 70 weeks; rates proportional to district size × topic share. */
function region(opts: { units: number; topics: number; seed: number; dispersion?: number; size?: (u: number) => number }) {
  const rand = seededRandom(opts.seed);
  const units = Array.from({ length: opts.units }, (_, i) => `u${i}`);
  const topics = Array.from({ length: opts.topics }, (_, i) => `t${i}`);
  const counts = new WeeklyCounts(units, topics, 0, 69);
  const size = opts.size ?? ((u: number) => 2 + (u % 5) * 2);
  const rate = (u: number, t: number) => size(u) * (0.3 + (t % 3) * 0.35);
  units.forEach((u, i) =>
    topics.forEach((t, k) => {
      for (let w = 0; w < 70; w++) {
        const mu = rate(i, k);
        counts.add(u, t, w, opts.dispersion ? nbDraw(mu, 1 / opts.dispersion, rand) : poissonDraw(mu, rand));
      }
    }),
  );
  return { counts, rate, rand };
}

describe('spikes: weekly counts per district × topic against their own baseline', () => {
  it('a flat Poisson region raises (almost) no alarms over 3,000 tests at a 1% false discovery rate', () => {
    const { counts } = region({ units: 30, topics: 10, seed: 11 });
    const result = new SpikeModel(counts).run(60, 69);
    expect(result.testsRun).toBe(30 * 10 * 10);
    expect(result.alarms.length).toBeLessThanOrEqual(1);
  });

  it('an over-dispersed (negative binomial) region raises few alarms too: the dispersion is estimated', () => {
    const { counts } = region({ units: 30, topics: 10, seed: 12, dispersion: 0.3 });
    const model = new SpikeModel(counts);
    const result = model.run(60, 69);
    expect(result.alarms.length).toBeLessThanOrEqual(3);
    const theta = [...result.dispersion.values()];
    const mean = theta.reduce((a, b) => a + b, 0) / theta.length;
    expect(mean).toBeGreaterThan(0.15);
    expect(mean).toBeLessThan(0.5);
  });

  it('a planted spike is found in its week and district, by the negative binomial test', () => {
    const { counts, rate } = region({ units: 30, topics: 10, seed: 13 });
    const mu = rate(7, 4);
    counts.add('u7', 't4', 65, Math.round(mu * 4 + 8));
    const result = new SpikeModel(counts).run(60, 69);
    const hit = result.alarms.find((a) => a.unit === 'u7' && a.topic === 't4' && a.week === 65);
    expect(hit).toBeDefined();
    expect(hit!.fired).toContain('negative_binomial');
    expect(hit!.expected).toBeGreaterThan(mu * 0.7);
    expect(hit!.expected).toBeLessThan(mu * 1.3);
    expect(result.alarms.filter((a) => !(a.unit === 'u7' && a.topic === 't4')).length).toBeLessThanOrEqual(1);
  });

  it('a slow rise (×2.2 for eight weeks) that no single week shows is found by the CUSUM', () => {
    const { counts, rand } = region({ units: 30, topics: 10, seed: 14, size: () => 10 });
    // u3 × t0 has a baseline of 3 a week; add 1.2 × 3 extra every week from week 60
    for (let w = 60; w < 68; w++) counts.add('u3', 't0', w, poissonDraw(3.6, rand));
    const result = new SpikeModel(counts).run(60, 69);
    const hits = result.alarms.filter((a) => a.unit === 'u3' && a.topic === 't0');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((a) => a.fired.includes('cusum'))).toBe(true);
    // no single week was extreme enough for the weekly test alone
    expect(hits.every((a) => !a.fired.includes('negative_binomial'))).toBe(true);
    expect(result.alarms.filter((a) => !(a.unit === 'u3' && a.topic === 't0')).length).toBeLessThanOrEqual(1);
  });

  it('a sparse district with no history of a topic is judged by the topic’s rate elsewhere (empirical Bayes), not by its own zero', () => {
    const units = Array.from({ length: 20 }, (_, i) => `u${i}`);
    const topics = ['water', 'roads', 'gas'];
    const rand = seededRandom(21);
    const counts = new WeeklyCounts(units, topics, 0, 40);
    for (let w = 0; w <= 40; w++) {
      units.forEach((u, i) => {
        const big = i < 19 ? 6 : 0.9; // u19 is small
        counts.add(u, 'water', w, poissonDraw(big * 0.3, rand));
        counts.add(u, 'roads', w, poissonDraw(big * 0.5, rand));
        counts.add(u, 'gas', w, poissonDraw(big * 0.2, rand));
      });
    }
    // u19 had no gas appeals in its baseline, then 3 in week 40 (P ≈ 0.001 at its true rate 0.18)
    for (let w = 0; w <= 40; w++) counts.data[counts.index('u19', 'gas') * counts.weeks + w] = 0;
    counts.add('u19', 'gas', 40, 3);
    const shrunk = new SpikeModel(counts).run(40, 40);
    const raw = new SpikeModel(counts, { shrinkage: false }).run(40, 40);
    const find = (r: typeof shrunk) => r.notable.find((a) => a.unit === 'u19' && a.topic === 'gas');
    expect(find(raw)!.expected).toBeLessThan(0.01);
    expect(raw.alarms.some((a) => a.unit === 'u19' && a.topic === 'gas')).toBe(true);
    expect(find(shrunk)!.expected).toBeGreaterThan(0.05);
    expect(shrunk.alarms.some((a) => a.unit === 'u19' && a.topic === 'gas')).toBe(false);
  });

  it('a real burst in a sparse district is still found with the shrinkage', () => {
    const { counts } = region({ units: 30, topics: 10, seed: 15, size: (u) => (u === 0 ? 0.3 : 6) });
    counts.add('u0', 't1', 66, 7);
    const result = new SpikeModel(counts).run(60, 69);
    expect(result.alarms.some((a) => a.unit === 'u0' && a.topic === 't1' && a.week === 66)).toBe(true);
  });

  it('weeks without enough history are not tested, and the gap keeps the test week out of its baseline', () => {
    const { counts } = region({ units: 3, topics: 2, seed: 16 });
    const model = new SpikeModel(counts, { minBaselineWeeks: 6, gapWeeks: 2 });
    expect(model.baselineWindow(7)).toBeNull();
    expect(model.baselineWindow(8)).toEqual({ from: 0, to: 5, n: 6 });
    expect(model.baselineWindow(60)).toEqual({ from: 6, to: 57, n: 52 });
    expect(model.run(0, 7).testsRun).toBe(0);
  });
});

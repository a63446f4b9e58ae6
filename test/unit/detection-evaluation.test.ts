import { describe, expect, it } from 'vitest';
import { alarmsOf, budgetThreshold, earsC2Detector, evaluate, spikeDetector, syntheticHistory } from '../../src/analytics/detection/evaluation';
import { WeeklyCounts } from '../../src/analytics/detection/spikes';

describe('evaluating detection by injected outbreaks', () => {
  const history = syntheticHistory({ units: 20, topics: 6, weeks: 40, seed: 9 });

  it('finds large outbreaks in a stationary history, and counts false alarms on the history left alone', () => {
    const r = evaluate(history, spikeDetector('ours'), [{ size: 6, weeks: 2, districts: 1 }], { trials: 12, testFrom: 30, seed: 2, rule: { kind: 'fdr', q: 0.01 }, minMean: 1 });
    expect(r.series).toBe(120);
    expect(r.testWeeks).toBe(10);
    expect(r.scenarios[0].trials).toBe(12);
    expect(r.detectionProbability).toBeGreaterThan(0.7);
    expect(r.falseAlarmsPerWeek).toBeLessThanOrEqual(0.3);
    expect(r.medianDelayWeeks).toBe(0);
  });

  it('an alert budget sets the threshold that gives that many false alarms a week', () => {
    const counts = new WeeklyCounts(history.units, history.topics, 0, 39);
    for (const x of history.counts) counts.add(x.unit, x.topic, x.week, x.count);
    const out = earsC2Detector().pValues(counts, 30, 39);
    const threshold = budgetThreshold(out, 2, 10);
    expect(alarmsOf(out, { kind: 'threshold', p: threshold }).size).toBe(20);
    const r = evaluate(history, earsC2Detector(), [{ size: 6, weeks: 1, districts: 1 }], { trials: 6, testFrom: 30, seed: 4, rule: { kind: 'budget', perWeek: 2 }, minMean: 1 });
    expect(r.falseAlarmsPerWeek).toBe(2);
    expect(r.rule).toBe('2 false alarms a week');
  });
});

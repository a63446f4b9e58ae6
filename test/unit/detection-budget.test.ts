/**
 * The alarm budget: the weekly test's threshold comes from the region's own history, so that a period like that
 * history raises about the budget's number of alarms a week; a larger budget raises more. The budget is a ceiling:
 * a stationary region whose history never raises so many raises fewer.
 */
import { describe, expect, it } from 'vitest';
import { detectSystemicIssues } from '../../src/analytics/detection/detect';
import { syntheticHistory } from '../../src/analytics/detection/evaluation';
import { poissonDraw, seededRandom } from '../../src/analytics/detection/negative-binomial';
import { weekStart } from '../../src/analytics/detection/weeks';

const base = weekStart(2900); // a Monday in 2025

describe('the alarm budget', () => {
  // an over-dispersed region with bursts of its own every week (as real history has): 60 districts × 8 topics
  const h = syntheticHistory({ units: 60, topics: 8, weeks: 60, seed: 7 });
  const rand = seededRandom(11);
  const counts = h.counts.map((c) => ({ ...c, week: c.week + 2900 }));
  for (let w = 0; w < 60; w++) {
    for (let i = 0; i < 6; i++) {
      counts.push({ unit: h.units[Math.floor(rand() * h.units.length)], topic: h.topics[Math.floor(rand() * h.topics.length)], week: 2900 + w, count: 4 + poissonDraw(6, rand) });
    }
  }
  const detect = (alarmsPerWeek: number) =>
    detectSystemicIssues(
      { from: weekStart(2950), to: weekStart(2959), historyStart: base, units: h.units, topics: h.topics, weeklyCounts: counts, docs: [] },
      { alarmsPerWeek },
    );

  it('gives about the budget on a period like the history, and more alarms for a larger budget', () => {
    const tight = detect(1);
    const loose = detect(4);
    // 10 weeks tested: about 10 and 40 alarms
    expect(tight.spikeAlarms).toBeGreaterThanOrEqual(4);
    expect(tight.spikeAlarms).toBeLessThanOrEqual(16);
    expect(loose.spikeAlarms).toBeGreaterThanOrEqual(20);
    expect(loose.spikeAlarms).toBeLessThanOrEqual(60);
    expect(loose.alarmThreshold).toBeGreaterThan(tight.alarmThreshold);
  });

  it('is a ceiling: a quiet stationary region raises far fewer than a generous budget', () => {
    const quiet = h.counts.map((c) => ({ ...c, week: c.week + 2900 }));
    const r = detectSystemicIssues(
      { from: weekStart(2950), to: weekStart(2959), historyStart: base, units: h.units, topics: h.topics, weeklyCounts: quiet, docs: [] },
      { alarmsPerWeek: 20 },
    );
    expect(r.spikeAlarms).toBeLessThan(20);
    // the floor: about one chance alarm a year among the region's 480 weekly tests
    expect(r.alarmThreshold).toBeLessThanOrEqual(1 / (52 * 480) + 1e-12);
  });
});

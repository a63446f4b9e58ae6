/**
 * Seasonal rises are the method's business: a topic that rises two-and-a-half-fold in every district within three
 * weeks (snow in November, heating in October) must not set off an alarm in each district, while an outbreak on top
 * of the rise, in one district, is still found. Synthetic series: 12 districts, one topic, Poisson counts.
 */
import { describe, expect, it } from 'vitest';
import { detectSystemicIssues } from '../../src/analytics/detection/detect';
import { poissonDraw, seededRandom } from '../../src/analytics/detection/negative-binomial';
import { WeeklyCounts } from '../../src/analytics/detection/spikes';
import { weekOfDate, weekStart } from '../../src/analytics/detection/weeks';
import { runWindowed } from '../../src/analytics/detection/windowed';

const first = weekOfDate('2025-06-02');
const riseStart = weekOfDate('2026-10-05');
const last = weekOfDate('2026-12-28');
const units = Array.from({ length: 12 }, (_, i) => `D${i}`);
const rates = units.map((_, i) => 4 + 2 * i);
/** The season: ×1 until October, then up to ×2.5 over three weeks, and it stays there. */
const season = (w: number) => (w < riseStart ? 1 : 1 + 1.5 * Math.min(1, (w - riseStart + 1) / 3));

function history(seed: number, outbreak?: { unit: string; week: number; extra: number }) {
  const rand = seededRandom(seed);
  const rows: { unit: string; topic: string; week: number; count: number }[] = [];
  units.forEach((unit, i) => {
    for (let w = first; w <= last; w++) {
      const extra = outbreak && outbreak.unit === unit && outbreak.week === w ? outbreak.extra : 0;
      rows.push({ unit, topic: 'SNOW', week: w, count: poissonDraw(rates[i] * season(w), rand) + extra });
    }
  });
  return rows;
}

const detect = (rows: ReturnType<typeof history>, seasonal: boolean) =>
  detectSystemicIssues(
    { from: weekStart(riseStart - 4), to: '2026-12-31', historyStart: weekStart(first), units, topics: ['SNOW'], weeklyCounts: rows, docs: [] },
    { weekly: { seasonal }, alarmsPerWeek: 1 },
  );

describe('a seasonal rise', () => {
  it('sets off no alarm storm: the topic rising everywhere lifts every district’s expectation', () => {
    for (const seed of [1, 2, 3]) {
      const rows = history(seed);
      const withSeason = detect(rows, true);
      // without following the season the same rise alarms in many districts (so this test can fail)
      const without = detect(rows, false);
      expect(without.spikeAlarms).toBeGreaterThanOrEqual(7);
      // 12 districts × 13 weeks tested: at most two alarms where following the season is off gives 7–13
      expect(withSeason.spikeAlarms).toBeLessThanOrEqual(2);
    }
  });

  it('an outbreak on top of the rise, in one district, is still found in its week', () => {
    // 40 extra appeals in a district whose seasonal level is then about 20 a week
    const week = riseStart + 2;
    const rows = history(5, { unit: 'D3', week, extra: 40 });
    const result = detect(rows, true);
    expect(result.spikeAlarms).toBeGreaterThanOrEqual(1);
    expect(result.spikeAlarms).toBeLessThanOrEqual(2);
    const counts = new WeeklyCounts(units, ['SNOW'], first, last);
    for (const r of rows) counts.add(r.unit, r.topic, r.week, r.count);
    const alarms = runWindowed(counts, riseStart - 4, last, new Map()).notable.filter((t) => t.p <= result.alarmThreshold);
    expect(alarms.map((a) => `${a.unit} ${weekStart(a.week)}`)).toContain(`D3 ${weekStart(week)}`);
  });
});

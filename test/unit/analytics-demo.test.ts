import { describe, expect, it } from 'vitest';
import { BASELINE_PERIODS, completeBaselinePeriods, daysBetween, earlierPeriod } from '../../src/analytics/domain/periods';
import { unusualness, unusualThreshold } from '../../src/analytics/domain/unusualness';
import { addDays } from '../../src/calendar/working-calendar';
import { generateDemoWorld } from '../../seeds/demo/generator';
import { loadAdminUnits } from '../../seeds/geo/admin-units';

/**
 * The map's unusualness test applied to the demo world as generated (the same counting as problemMap: appeals by
 * district and local date of receipt, the fortnight against the 6 fortnights before it). The same check through
 * the database — the demo loaded by `npm run seed:demo -- --appeals 3000` and the problemMap query — is recorded
 * in src/analytics/README.md; the API tests show that query counts exactly this.
 */
describe('planted concentrations of the demo data on the problem map', () => {
  const world = generateDemoWorld({ appeals: 3000, seed: 1, endDate: '2026-11-20', months: 12 });
  const districts = loadAdminUnits().filter((u) => u.parentKato === world.regionKato).map((u) => u.kato);
  const historyStart = world.appeals.map((a) => a.receivedAt.slice(0, 10)).sort()[0];

  function map(from: string, topicPrefix: string | null) {
    const period = { from, to: addDays(from, 13) };
    const len = 14;
    const complete = completeBaselinePeriods(period, historyStart);
    const oldest = earlierPeriod(period, BASELINE_PERIODS).from;
    const counts = new Map(districts.map((k) => [k, new Array(BASELINE_PERIODS + 1).fill(0) as number[]]));
    for (const a of world.appeals) {
      const day = a.receivedAt.slice(0, 10);
      if (day < oldest || day > period.to) continue;
      if (topicPrefix && !a.topicCode.startsWith(topicPrefix)) continue;
      const row = counts.get(a.adminUnitKato);
      if (row) row[Math.floor(daysBetween(day, period.to) / len)]++;
    }
    const scored = districts.map((kato) => {
      const c = counts.get(kato)!;
      return { kato, appeals: c[0], score: unusualness({ observed: c[0], baseline: c.slice(1, 1 + complete) }) };
    });
    const threshold = unusualThreshold(scored.filter((s) => s.score).length);
    return { complete, flagged: scored.filter((s) => s.score && s.score.pValue < threshold).map((s) => s.kato), scored };
  }

  it('has four concentrations in Almaty region', () => {
    expect(world.concentrations.map((c) => c.key)).toEqual(['C1-water-karakemer', 'C2-gas-irgeli', 'C3-bus-belbulak', 'C4-voltage-akkol']);
    expect(districts).toHaveLength(11);
  });

  for (const c of generateDemoWorld({ appeals: 3000, seed: 1, endDate: '2026-11-20', months: 12 }).concentrations) {
    it(`${c.key}: its district is the only one flagged in its fortnight, counting all topics or only its own`, () => {
      for (const topic of [null, c.topicCode.split('.')[0]]) {
        const m = map(c.from, topic);
        expect(m.complete).toBe(6);
        expect(m.flagged).toEqual([c.adminUnitKato]);
      }
    });
  }

  it('Karakemer (drinking water, Enbekshikazakh): far out of line with the district’s own history', () => {
    const c1 = world.concentrations[0];
    const cell = map(c1.from, null).scored.find((s) => s.kato === '194000000')!;
    expect(cell.appeals).toBeGreaterThanOrEqual(60);
    expect(cell.score!.score).toBeGreaterThan(5);
  });
});

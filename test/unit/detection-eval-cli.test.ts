/**
 * The evaluation command's contract: on a small history it prints its table and ends with one JSON line whose
 * `budgets` hold, for 1, 5 and 10 false alarms a week, the shipped detector's figure and the best other one's.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { poissonDraw, seededRandom } from '../../src/analytics/detection/negative-binomial';

const run = promisify(execFile);
const cli = join(__dirname, '../../src/analytics/detection/cli/eval.ts');
const tsx = join(__dirname, '../../node_modules/.bin/tsx');

/** 5 districts × 3 categories × 16 weeks of Poisson appeals, with coordinates (neighbours by distance). */
function smallHistory(): string {
  const rand = seededRandom(3);
  const lines = ['id,district,category,created_at,text,latitude,longitude'];
  let id = 0;
  const start = Date.parse('2024-01-01T00:00:00Z'); // a Monday
  for (let d = 0; d < 5; d++) {
    for (let c = 0; c < 3; c++) {
      for (let w = 0; w < 16; w++) {
        const n = poissonDraw(2 + d + c, rand);
        for (let i = 0; i < n; i++) {
          const at = new Date(start + (w * 7 + Math.floor(rand() * 7)) * 86_400_000 + 36_000_000).toISOString().slice(0, 19);
          lines.push(`${++id},District ${d},Category ${c},${at},обращение номер ${id},${(43 + d * 0.01).toFixed(4)},${(76.9 + d * 0.01).toFixed(4)}`);
        }
      }
    }
  }
  return lines.join('\n');
}

describe('npm run analytics:eval-detection', () => {
  it('prints the table and a JSON line with the shipped and the best other detector at 1, 5 and 10 false alarms a week', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-detection-'));
    const file = join(dir, 'history.csv');
    writeFileSync(file, smallHistory());
    const { stdout } = await run(tsx, [cli, '--data', file, '--trials', '2', '--replicates', '19'], { timeout: 120_000 });
    const lines = stdout.trim().split('\n');
    expect(stdout).toContain('at equal alarm budgets');
    expect(stdout).toMatch(/EARS C1 .*\|/);
    const summary = JSON.parse(lines[lines.length - 1]);
    expect(summary.budgets.map((b: { falseAlarmsPerWeek: number }) => b.falseAlarmsPerWeek)).toEqual([1, 5, 10]);
    const names = new Set(summary.comparisons.map((c: { detector: string }) => c.detector));
    for (const name of ['EARS C1', 'EARS C2', 'EARS C3', 'Farrington flexible (Noufaily 2013)', 'weekly negative binomial test alone', 'Kulldorff space-time permutation scan']) {
      expect(names.has(name)).toBe(true);
    }
    for (const b of summary.budgets) {
      expect(b.shipped.detector).toMatch(/\(shipped\)$/);
      expect(b.best.detector).not.toBe(b.shipped.detector);
      for (const figure of [b.shipped, b.best]) {
        expect(figure.withinThreeWeeks).toBeGreaterThanOrEqual(0);
        expect(figure.withinThreeWeeks).toBeLessThanOrEqual(1);
        expect(figure.ci95[0]).toBeLessThanOrEqual(figure.withinThreeWeeks);
        expect(figure.ci95[1]).toBeGreaterThanOrEqual(figure.withinThreeWeeks);
      }
      // the best other detector is the best of the others at that budget
      const others = summary.comparisons.filter((c: { detector: string; falseAlarmsPerWeek: number }) => c.falseAlarmsPerWeek === b.falseAlarmsPerWeek && c.detector !== b.shipped.detector);
      expect(b.best.withinThreeWeeks).toBe(Math.max(...others.map((c: { withinThreeWeeks: number }) => c.withinThreeWeeks)));
    }
  }, 150_000);

  it('refuses bad arguments with exit code 2', async () => {
    await expect(run(tsx, [cli, '--data', '/nonexistent.csv'])).rejects.toMatchObject({ code: 2 });
    await expect(run(tsx, [cli, '--data', __filename, '--replicates', '5'])).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});

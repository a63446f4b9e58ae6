/**
 * Systemic-issue detection from the command line: the same use case as the detectSystemicIssues mutation.
 *   npm run -s analytics:detect -- --from 2026-06-01 --to 2026-11-20 [--alarms-per-week 1] [--fdr 0.01]
 * --alarms-per-week: the alarm budget of the weekly tests per region (calibrated on its history); --fdr: the
 * false discovery rate of the cluster tests.
 * Without --to: today; without --from: 28 days before --to. Uses DATABASE_URL, or the embedded database in
 * DATA_DIR (stop `npm start` first: PGlite allows one process). Prints what it did, then one JSON line.
 * Exit codes: 0 done, 1 failed, 2 bad arguments or configuration.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { SYSTEM } from '../../../access/actor';
import { WorkingCalendar, addDays, isLocalDate, toLocalDate } from '../../../calendar/working-calendar';
import { ConfigError, loadConfig } from '../../../config';
import { openDatabase } from '../../../db/database';
import { DetectionCommands } from '../../../problem-cards/detection.commands';
import { isDomainError } from '../../../shared/errors';
import { systemClock } from '../../../shared/clock';

async function main(): Promise<number> {
  let values: { from?: string; to?: string; fdr?: string; 'alarms-per-week'?: string };
  try {
    ({ values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, fdr: { type: 'string' }, 'alarms-per-week': { type: 'string' } } }));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const to = values.to ?? toLocalDate(systemClock.now());
  const from = values.from ?? addDays(to, -28);
  if (!isLocalDate(from) || !isLocalDate(to)) {
    console.error('--from and --to must be dates YYYY-MM-DD');
    return 2;
  }
  const fdr = values.fdr === undefined ? undefined : Number(values.fdr);
  if (fdr !== undefined && !(fdr > 0 && fdr < 0.5)) {
    console.error('--fdr must be a false discovery rate between 0 and 0.5');
    return 2;
  }
  const budget = values['alarms-per-week'] === undefined ? undefined : Number(values['alarms-per-week']);
  if (budget !== undefined && !(budget > 0 && budget <= 100)) {
    console.error('--alarms-per-week must be more than 0 and at most 100');
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: 2 });
  try {
    const ctx = { em: db.orm.em.fork() as any, actor: SYSTEM, calendar: WorkingCalendar.default(), now: systemClock.now, requestId: 'analytics:detect' };
    const summary = await new DetectionCommands(ctx, fdr ? { spikes: { fdr } } : {}).run(from, to, budget);
    console.log(`Detection ${summary.from} … ${summary.to} on ${db.description}`);
    console.log(`  regions ${summary.regions}, appeals read ${summary.appealsScanned}, tests ${summary.testsRun}, weekly alarm budget ${summary.alarmsPerWeek} a week, clusters at FDR ${summary.falseDiscoveryRate}`);
    console.log(`  alarms: weekly ${summary.spikeAlarms}, clusters ${summary.clusterAlarms} of ${summary.clustersFound}`);
    console.log(`  cards: ${summary.cardsCreated} new, ${summary.cardsUpdated} updated, ${summary.cardsUnchanged} unchanged (${summary.durationMs} ms)`);
    console.log(JSON.stringify(summary));
    return 0;
  } catch (e) {
    if (isDomainError(e)) {
      console.error(`${e.code}${e.field ? ` (${e.field})` : ''}: ${e.message}`);
      return 2;
    }
    throw e;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e?.message ?? e);
    process.exit(1);
  },
);

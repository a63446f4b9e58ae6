/**
 * Rebuilds the analytics rollup from the source tables:
 *   npm run analytics:rebuild            reload the calendar table, rebuild every appeal_fact row, ANALYZE
 *   npm run analytics:rebuild -- --compact  the same, but TRUNCATE first: a compact table in order of receipt; locks the
 *                                         rollup, and so every change to an appeal, until done (bulk loads, maintenance)
 *   npm run analytics:rebuild -- --check only report rows that differ from the source tables (exit 1 if any)
 * Needed after a bulk load done with triggers disabled, or after seeds/calendar/kz-calendar.json changes (working
 * days to answer are computed when a row is written). Uses DATABASE_URL, or the embedded database in DATA_DIR.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { WorkingCalendar } from '../../calendar/working-calendar';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { rebuildRollups, staleDailyCounts, staleFacts } from '../rollup';

async function main() {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false }, compact: { type: 'boolean', default: false } } });
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: 2 });
  try {
    const em = db.orm.em.fork() as any;
    if (values.check) {
      const stale = await staleFacts(em, 20);
      const daily = await staleDailyCounts(em);
      if (stale.length) {
        console.log(`${stale.length === 20 ? 'At least 20' : stale.length} appeals have a fact row that differs from the source tables, e.g. ${stale.slice(0, 5).join(', ')}`);
        process.exitCode = 1;
      }
      if (daily.length) {
        console.log(`${daily.length} daily counts differ from the fact rows, e.g. ${JSON.stringify(daily[0])}`);
        process.exitCode = 1;
      }
      if (!stale.length && !daily.length) console.log(`The rollup matches the source tables (${db.description}).`);
      return;
    }
    console.log(`Rebuilding the analytics rollup in ${db.description}…`);
    const r = await rebuildRollups(em, WorkingCalendar.default(), { compact: values.compact });
    console.log(`${r.facts} appeal facts and ${r.calendarDays} calendar days in ${r.seconds.toFixed(1)} s.`);
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

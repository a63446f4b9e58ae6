/**
 * Fills a database with a deterministic demo world.
 *   npm run seed:demo -- --appeals 3000 [--seed 1] [--end-date 2026-11-20] [--months 12]
 * Uses DATABASE_URL, or the embedded database in DATA_DIR (stop `npm start` first: PGlite allows one process).
 * Refuses to load into a database that already has officials (the demo is for empty databases).
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { WorkingCalendar, toLocalDate } from '../../src/calendar/working-calendar';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { query } from '../../src/db/sql';
import { seedReferenceData } from '../../src/seed/reference-data';
import { generateDemoWorld } from './generator';
import { loadDemoWorld } from './load';
import { systemClock } from '../../src/shared/clock';

async function main() {
  const { values } = parseArgs({
    options: {
      appeals: { type: 'string', default: '3000' },
      seed: { type: 'string', default: '1' },
      'end-date': { type: 'string' },
      months: { type: 'string', default: '12' },
    },
  });
  const appeals = Number(values.appeals);
  if (!Number.isInteger(appeals) || appeals < 1 || appeals > 200_000) throw new Error('--appeals must be 1–200000');
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: 4 });
  try {
    const em = db.orm.em.fork() as any;
    await seedReferenceData(em);
    const [{ n }] = await query<{ n: string }>(em, 'select count(*) as n from app_user');
    if (Number(n) > 0) {
      console.error(`The database (${db.description}) already has ${n} officials; load the demo into an empty one.`);
      process.exitCode = 1;
      return;
    }
    const world = generateDemoWorld({
      appeals,
      seed: Number(values.seed),
      endDate: values['end-date'] ?? toLocalDate(systemClock.now()),
      months: Number(values.months),
    });
    console.log(`Loading ${world.appeals.length} appeals and ${world.instructions.length} instructions into ${db.description}…`);
    const result = await loadDemoWorld(em, WorkingCalendar.default(), world, {
      writeMode: db.kind === 'pglite' ? 'insert' : 'copy',
      onProgress: (done, total) => {
        const line = `  ${done}/${total}`;
        if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
        else if (done % 1000 === 0) console.log(line);
      },
    });
    if (process.stdout.isTTY) process.stdout.write('\n');
    const p = result.phases;
    console.log(
      `Loaded ${result.appeals} appeals, ${result.instructions} instructions, ${result.organizations} organizations, ${result.users} officials in ${result.seconds.toFixed(1)} s ` +
        `(${Math.round(result.appeals / result.seconds)} appeals/s; appeals ${p.appeals.toFixed(1)} s, instructions ${p.instructions.toFixed(1)} s, receptions/control/notices ${p.extras.toFixed(1)} s).`,
    );
    if (result.refused.length) {
      console.log(`${result.refused.length} story steps were refused by the rules, e.g.:`);
      for (const r of result.refused.slice(0, 5)) console.log(`  ${r.key} ${r.action}: ${r.message}`);
    }
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e?.message ?? e);
  process.exit(1);
});

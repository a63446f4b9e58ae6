/**
 * Fills a database with N appeals for the benchmarks.
 *
 *   npm run -s bench:generate -- [--appeals 1000000] [--seed 7] [--end-date 2026-11-20] [--years 3] [--history all|none]
 *
 * Target: DATABASE_URL (must hold no appeals yet), otherwise a fresh database `baqylau_bench` on the PostgreSQL at
 * 127.0.0.1:5432 (dropped and recreated). Migrates, seeds the reference data, then writes the rows with COPY
 * (see bench/lib/generate-appeals.ts). Prints the row counts, the time taken and the DATABASE_URL to use.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { WorkingCalendar } from '../src/calendar/working-calendar';
import { openDatabase } from '../src/db/database';
import { seedReferenceData } from '../src/seed/reference-data';
import { DEFAULT_ADMIN_URL, DEFAULT_BENCH_DB, describeUrl, recreateDatabase } from './lib/bench-database';
import { DEFAULT_GENERATE_OPTIONS, generateBenchData } from './lib/generate-appeals';

function usage(msg?: string): never {
  if (msg) console.error(msg);
  console.error('usage: npm run -s bench:generate -- [--appeals N] [--seed N] [--end-date YYYY-MM-DD] [--years N] [--history all|none] [--database NAME]');
  process.exit(2);
}

async function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        appeals: { type: 'string', default: '1000000' },
        seed: { type: 'string', default: String(DEFAULT_GENERATE_OPTIONS.seed) },
        'end-date': { type: 'string', default: DEFAULT_GENERATE_OPTIONS.endDate },
        years: { type: 'string', default: String(DEFAULT_GENERATE_OPTIONS.years) },
        history: { type: 'string', default: DEFAULT_GENERATE_OPTIONS.history },
        database: { type: 'string', default: DEFAULT_BENCH_DB },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (e: any) {
    usage(e.message);
  }
  if (args.help) usage();
  const appeals = Number(args.appeals);
  if (!Number.isInteger(appeals) || appeals < 1 || appeals > 20_000_000) usage('--appeals must be a whole number from 1 to 20,000,000');
  const years = Number(args.years);
  if (!(years > 0 && years <= 8)) usage('--years must be between 0 and 8');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args['end-date']!)) usage('--end-date must be YYYY-MM-DD');
  if (args.history !== 'all' && args.history !== 'none') usage('--history must be all or none');

  let url = process.env.DATABASE_URL?.trim() || null;
  if (!url) {
    url = await recreateDatabase(DEFAULT_ADMIN_URL, args.database!);
    console.log(`Created a fresh database ${describeUrl(url)}`);
  }
  const db = await openDatabase({ databaseUrl: url, dataDir: null, poolMax: 2 });
  await seedReferenceData(db.orm.em.fork() as any);
  await db.close();

  const c = new Client({ connectionString: url, statement_timeout: 0 } as any);
  await c.connect();
  try {
    const [{ n }] = (await c.query('select count(*)::int as n from appeal')).rows;
    if (n > 0) usage(`${describeUrl(url)} already holds ${n} appeals; point DATABASE_URL at an empty database (or unset it)`);
    const tty = process.stderr.isTTY;
    let lastTenth = -1;
    const r = await generateBenchData(c, WorkingCalendar.default(), {
      ...DEFAULT_GENERATE_OPTIONS,
      appeals,
      seed: Number(args.seed),
      endDate: args['end-date']!,
      years,
      history: args.history as 'all' | 'none',
      onProgress: (done, total) => {
        const tenth = Math.floor((10 * done) / total);
        if (tty) process.stderr.write(`\r  appeals ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`);
        else if (tenth > lastTenth) console.log(`  appeals ${done} / ${total}`);
        lastTenth = tenth;
      },
    });
    if (tty) process.stderr.write('\n');
    const total = Object.values(r.rows).reduce((a, b) => a + b, 0);
    console.log(`Rows written (COPY${r.fkChecksSkipped ? ', foreign-key triggers skipped' : ''}):`);
    for (const [t, k] of Object.entries(r.rows)) console.log(`  ${t.padEnd(20)} ${k.toLocaleString('en-US').padStart(12)}`);
    console.log(`  ${'total'.padEnd(20)} ${total.toLocaleString('en-US').padStart(12)}`);
    console.log(`Statuses: ${Object.entries(r.status).map(([s, k]) => `${s} ${k}`).join(', ')}; open and overdue on ${args['end-date']}: ${r.overdueOpen}`);
    console.log(
      `Time: ${r.seconds.total.toFixed(1)} s (rows ${r.seconds.rows.toFixed(1)} s = ${Math.round(total / r.seconds.rows).toLocaleString('en-US')} rows/s, ` +
        `${Math.round(appeals / r.seconds.rows).toLocaleString('en-US')} appeals/s; indexes ${r.seconds.indexes.toFixed(1)} s; vacuum analyze ${r.seconds.vacuum.toFixed(1)} s)`,
    );
    console.log(`DATABASE_URL=${url}`);
  } finally {
    await c.end();
  }
}

main().catch((e) => {
  console.error('bench:generate failed:', e?.stack ?? e);
  process.exit(1);
});

/**
 * Analytics benchmark: problemMap and appealStats over a large database, the rollup path (appeal_fact) against the
 * naive path (the same SQL over the view appeal_fact_source, i.e. computed from appeal + assignment +
 * response_review + appeal_applicant + calendar per request).
 *
 *   npm run -s bench:analytics -- [--appeals 1000000] [--runs 15] [--naive-runs 3] [--skip-naive] [--no-reorder]
 *
 * Database: DATABASE_URL, else `baqylau_bench_analytics` on 127.0.0.1:5432; when it holds no appeals it is filled
 * first with `bench/generate.ts` (--appeals, default 1M, 3 years, by COPY). The rollup is rebuilt (compact, in
 * order of receipt) when it is incomplete or its rows are not in order of receipt (unless --no-reorder). Each scenario runs the query functions the resolvers call (SQL + the work in TypeScript), in a
 * transaction of its own with no statement timeout; the first 2 rollup runs warm the cache and are not counted.
 * The results of both paths are compared (they must be equal). Prints a table and ends with one JSON line.
 */
import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/postgresql';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { Client } from 'pg';
import { parseFilter, type FactSource, type ParsedFilter } from '../src/analytics/analytics.filter';
import { appealStats } from '../src/analytics/appeal-stats.queries';
import type { StatsDimension } from '../src/analytics/domain/vocabulary';
import { problemMap } from '../src/analytics/problem-map.queries';
import { rebuildRollups } from '../src/analytics/rollup';
import { addDays, addMonths, WorkingCalendar } from '../src/calendar/working-calendar';
import { openDatabase } from '../src/db/database';
import { query } from '../src/db/sql';
import { DEFAULT_ADMIN_URL, describeUrl, withDatabase } from './lib/bench-database';

const DB_NAME = 'baqylau_bench_analytics';

interface Scenario {
  name: string;
  run: (em: EntityManager, source: FactSource) => Promise<unknown>;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);

async function databaseExists(name: string): Promise<boolean> {
  const c = new Client({ connectionString: DEFAULT_ADMIN_URL });
  await c.connect();
  try {
    return (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  } finally {
    await c.end();
  }
}

async function appealCount(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const ok = (await c.query("select to_regclass('appeal') is not null as ok")).rows[0].ok;
    return ok ? Number((await c.query('select count(*)::int as n from appeal')).rows[0].n) : 0;
  } finally {
    await c.end();
  }
}

async function hasAnalyticsTables(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query("select to_regclass('appeal_fact') is not null and to_regclass('appeal_daily_count') is not null as ok")).rows[0].ok;
  } finally {
    await c.end();
  }
}

/** CPU time and run-queue wait of a process so far, in ms (Linux /proc/PID/schedstat); null elsewhere. */
function schedstat(pid: number): { cpu: number; wait: number } | null {
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return { cpu: run / 1e6, wait: wait / 1e6 };
  } catch {
    return null;
  }
}

interface Timing {
  ms: number;
  /** CPU used meanwhile by the database backend serving the query (its parallel workers not included) and by node. */
  cpuMs: number | null;
  /** Time the backend was ready to run but waited for a CPU: the machine's other load. */
  waitMs: number | null;
  result: unknown;
}

async function timed(em: EntityManager, work: (tx: EntityManager) => Promise<unknown>): Promise<Timing> {
  return em.fork().transactional(async (tx) => {
    const t = tx as EntityManager;
    await query(t, 'set local statement_timeout = 0');
    const [{ pid }] = await query<{ pid: number }>(t, 'select pg_backend_pid() as pid');
    const before = schedstat(pid);
    const node0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await work(t);
    const ms = performance.now() - t0;
    const after = schedstat(pid);
    const node = process.cpuUsage(node0);
    const nodeMs = (node.user + node.system) / 1000;
    return {
      ms,
      cpuMs: before && after ? after.cpu - before.cpu + nodeMs : null,
      waitMs: before && after ? after.wait - before.wait : null,
      result,
    };
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      appeals: { type: 'string', default: '1000000' },
      runs: { type: 'string', default: '15' },
      'naive-runs': { type: 'string', default: '3' },
      'skip-naive': { type: 'boolean', default: false },
      'no-reorder': { type: 'boolean', default: false },
    },
  });
  const wanted = Number(values.appeals);
  const runs = Number(values.runs);
  const naiveRuns = values['skip-naive'] ? 0 : Number(values['naive-runs']);

  let url = process.env.DATABASE_URL?.trim() || null;
  if (!url) {
    url = withDatabase(DEFAULT_ADMIN_URL, DB_NAME);
    if (!(await databaseExists(DB_NAME)) || (await appealCount(url)) === 0) {
      console.log(`Filling ${DB_NAME} with ${wanted.toLocaleString('en-US')} appeals (bench/generate.ts)…`);
      execFileSync('npx', ['tsx', 'bench/generate.ts', '--appeals', String(wanted), '--database', DB_NAME], { stdio: 'inherit' });
    }
  }
  // Migrate only when the analytics tables are missing: the benchmark needs nothing newer, and some later
  // migrations build indexes over a million rows (a matter for the generator, not for this measurement).
  const db = await openDatabase({ databaseUrl: url, dataDir: null, poolMax: 2, migrate: !(await hasAnalyticsTables(url)) });
  const em = db.orm.em.fork() as EntityManager;
  try {
    const [{ appeals, facts }] = await query<{ appeals: number; facts: number }>(
      em,
      'select (select count(*)::int from appeal) as appeals, (select count(*)::int from appeal_fact) as facts',
    );
    console.log(`Database ${describeUrl(url)}: ${appeals.toLocaleString('en-US')} appeals, ${facts.toLocaleString('en-US')} fact rows`);
    // A bulk load (COPY, then one refresh per 50,000 appeals in id order) leaves the fact rows in random order on
    // disk; appeals added by the service arrive in order of receipt. `analytics:rebuild --compact` is the bulk
    // load's last step: it rewrites the rows in order of receipt.
    const [{ correlation }] = await query<{ correlation: number | null }>(
      em,
      "select (select correlation from pg_stats where tablename = 'appeal_fact' and attname = 'received_date') as correlation",
    );
    if (facts !== appeals || (!values['no-reorder'] && (correlation ?? 0) < 0.9)) {
      console.log(
        facts !== appeals
          ? 'The rollup is incomplete: rebuilding it (npm run analytics:rebuild -- --compact)…'
          : `Fact rows are not in order of receipt (correlation ${correlation?.toFixed(2)}): npm run analytics:rebuild -- --compact…`,
      );
      const r = await rebuildRollups(em, WorkingCalendar.default(), { compact: true });
      console.log(`  ${r.facts.toLocaleString('en-US')} fact rows in ${r.seconds.toFixed(1)} s`);
    } else console.log(`Physical order of the fact rows vs date of receipt: correlation ${correlation?.toFixed(2)}`);
    const [range] = await query<{ first: string; last: string }>(em, 'select min(received_date)::text as first, max(received_date)::text as last from appeal_fact');
    const [busiest] = await query<{ region_id: number; n: number }>(
      em,
      'select region_id, count(*)::int as n from appeal_fact group by region_id order by n desc limit 1',
    );
    const [topTopic] = await query<{ parent_topic_id: number }>(
      em,
      'select parent_topic_id from appeal_fact where parent_topic_id is not null group by parent_topic_id order by count(*) desc limit 1',
    );
    // whole months before the last day on record
    const monthEnd = addDays(`${range.last.slice(0, 7)}-01`, -1);
    const monthStart = `${monthEnd.slice(0, 7)}-01`;
    const quarterStart = addMonths(monthStart, -2);
    const halfStart = addMonths(monthStart, -5);
    const yearStart = addMonths(monthStart, -11);
    const today = range.last;
    const f = (from: string, extra: Record<string, unknown> = {}): ParsedFilter => parseFilter({ from, to: monthEnd, ...extra } as any);
    const stats = (from: string, dims: StatsDimension[], extra: Record<string, unknown> = {}) => (tx: EntityManager, source: FactSource) =>
      appealStats(tx, f(from, extra), dims, { today, language: 'ru', source });

    const scenarios: Scenario[] = [
      {
        name: `problemMap districts, all regions, quarter ${quarterStart}..${monthEnd}`,
        run: (tx, source) => problemMap(tx, f(quarterStart), { level: 'district', language: 'ru', today, source }),
      },
      {
        name: `problemMap districts, busiest region, month, top topic`,
        run: (tx, source) =>
          problemMap(tx, f(monthStart, { regionId: String(busiest.region_id), topicId: String(topTopic.parent_topic_id) }), {
            level: 'district',
            language: 'ru',
            today,
            source,
          }),
      },
      {
        name: `problemMap regions, half-year ${halfStart}..${monthEnd}`,
        run: (tx, source) => problemMap(tx, f(halfStart), { level: 'region', language: 'ru', today, source }),
      },
      { name: 'appealStats by district × topic, quarter', run: stats(quarterStart, ['district', 'topic']) },
      { name: 'appealStats by month × status, 12 months', run: stats(yearStart, ['month', 'status']) },
      { name: 'appealStats by executor, half-year', run: stats(halfStart, ['executor']) },
      { name: 'appealStats total, busiest region, month', run: stats(monthStart, [], { regionId: String(busiest.region_id) }) },
    ];

    const results: any[] = [];
    const load = loadavg()[0];
    console.log(`Machine load (1 min) at start: ${load.toFixed(1)} on ${cpus().length} CPUs`);
    console.log(`\n${'scenario'.padEnd(66)} ${'rollup median'.padStart(14)} ${'p90'.padStart(10)} ${'cpu'.padStart(9)} ${'cpu wait'.padStart(9)} ${'naive median'.padStart(13)} ${'ratio'.padStart(7)}  same`);
    for (const s of scenarios) {
      const rollupTimes: number[] = [];
      const cpuTimes: number[] = [];
      const waitTimes: number[] = [];
      let rollupResult: unknown;
      for (let i = 0; i < runs + 2; i++) {
        const r = await timed(em, (tx) => s.run(tx, 'rollup'));
        if (i >= 2) {
          rollupTimes.push(r.ms);
          if (r.cpuMs != null) cpuTimes.push(r.cpuMs);
          if (r.waitMs != null) waitTimes.push(r.waitMs);
        }
        rollupResult = r.result;
      }
      const naiveTimes: number[] = [];
      let same: boolean | null = null;
      for (let i = 0; i < naiveRuns; i++) {
        const r = await timed(em, (tx) => s.run(tx, 'naive'));
        naiveTimes.push(r.ms);
        if (i === 0) same = isDeepStrictEqual(r.result, rollupResult);
      }
      const rm = median(rollupTimes);
      const nm = naiveTimes.length ? median(naiveTimes) : null;
      const row = {
        scenario: s.name,
        rollupMedianMs: Math.round(rm * 10) / 10,
        rollupP90Ms: Math.round(pct(rollupTimes, 0.9) * 10) / 10,
        rollupCpuMedianMs: cpuTimes.length ? Math.round(median(cpuTimes) * 10) / 10 : null,
        rollupCpuWaitMedianMs: waitTimes.length ? Math.round(median(waitTimes) * 10) / 10 : null,
        naiveMedianMs: nm == null ? null : Math.round(nm),
        ratio: nm == null ? null : Math.round((nm / rm) * 10) / 10,
        sameResult: same,
      };
      results.push(row);
      console.log(
        `${s.name.padEnd(66)} ${ms(rm).padStart(14)} ${ms(pct(rollupTimes, 0.9)).padStart(10)} ${(row.rollupCpuMedianMs == null ? '–' : ms(row.rollupCpuMedianMs)).padStart(9)} ${(row.rollupCpuWaitMedianMs == null ? '–' : ms(row.rollupCpuWaitMedianMs)).padStart(9)} ${(nm == null ? '–' : ms(nm)).padStart(13)} ${(row.ratio == null ? '–' : `${row.ratio}×`).padStart(7)}  ${same == null ? '–' : same ? 'yes' : 'NO'}`,
      );
    }
    const worst = Math.max(...results.map((r) => r.rollupMedianMs));
    console.log(`\nSlowest rollup median: ${ms(worst)} (target < 300 ms at 1M appeals) over ${appeals.toLocaleString('en-US')} appeals.`);
    console.log(
      'cpu: CPU used by the database backend (not its parallel workers) and node during a run; cpu wait: time the backend was ready but waited for a CPU (other load on the machine).',
    );
    console.log(JSON.stringify({ appeals, runs, naiveRuns, firstDay: range.first, lastDay: range.last, loadAtStart: Math.round(load * 10) / 10, results }));
    if (results.some((r) => r.sameResult === false)) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

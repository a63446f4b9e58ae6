/**
 * Are the API's filters and sorts backed by indexes? Runs each filter and order the appeals list offers once
 * through an in-process instance (with the statement's parameters captured), then EXPLAIN (ANALYZE, BUFFERS) of the
 * page query: execution time, and whether the appeal table was scanned whole or sorted in full.
 *
 *   npm run -s bench:plans            (on the database bench:generate made, or DATABASE_URL)
 *
 * Writes every plan to bench/results/filter-plans.txt.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import pg, { Client } from 'pg';
import pino from 'pino';
import { bearerAuthenticator, mintToken, type AuthSettings } from '../src/auth/tokens';
import { WorkingCalendar } from '../src/calendar/working-calendar';
import { ClassifierRegistry } from '../src/classifier/registry';
import { createOrm } from '../src/db/orm';
import { createApp } from '../src/http/server';
import { benchDatabaseUrl, describeUrl } from './lib/bench-database';

const AUTH: AuthSettings = { secret: 'bench-secret-bench-secret-bench-secret-0123', issuer: 'baqylau', audience: 'baqylau-api' };
const LIST = `query Plans($filter: AppealFilter, $orderBy: AppealOrder) { appeals(filter: $filter, orderBy: $orderBy, first: 50) { edges { node { id } } } }`;

async function main() {
  const url = benchDatabaseUrl();
  const c = new Client({ connectionString: url });
  await c.connect();
  const one = async <T = any>(sql: string, p: unknown[] = []) => (await c.query(sql, p)).rows[0] as T;
  const region = await one(`select region_id as id from appeal group by 1 order by count(*) desc limit 1`);
  const district = await one(`select admin_unit_id as id from appeal where region_id = $1 group by 1 order by count(*) desc limit 1`, [region.id]);
  const small = await one(`select admin_unit_id as id from appeal where region_id = $1 group by 1 order by count(*) asc limit 1`, [region.id]);
  const topic = await one(`select t.parent_id as id from appeal a join topic t on t.id = a.topic_id where t.parent_id is not null group by 1 order by count(*) asc limit 1`);
  const org = await one(`select organization_id as id from assignment group by 1 order by count(*) asc limit 1`);
  const head = await one(`select u.id from app_user u join organization o on o.id = u.organization_id where 'head' = any(u.roles) and o.region_id = $1 limit 1`, [region.id]);
  const executor = await one(
    `select u.id from app_user u where 'executor' = any(u.roles) and u.active
      order by (select count(*) from assignment s where s.organization_id = u.organization_id) asc limit 1`,
  );
  const busyExecutor = await one(
    `select u.id from app_user u where 'executor' = any(u.roles) and u.active
      order by (select count(*) from assignment s where s.organization_id = u.organization_id) desc limit 1`,
  );
  const [{ last }] = (await c.query(`select (max(received_at) at time zone 'Asia/Almaty')::date::text as last from appeal`)).rows;
  const monthAgo = new Date(Date.parse(`${last}T00:00:00+05:00`) - 30 * 86400_000).toISOString();
  const headToken = await mintToken(AUTH, head.id, 3600);
  const executorToken = await mintToken(AUTH, executor.id, 3600);
  const busyExecutorToken = await mintToken(AUTH, busyExecutor.id, 3600);

  const variants: [string, Record<string, unknown>, string | null, string][] = [
    ['district + quarter (the benchmark list)', { adminUnitId: String(district.id), receivedFrom: `${last.slice(0, 4)}-07-01T00:00:00+05:00`, receivedTo: `${last.slice(0, 4)}-10-01T00:00:00+05:00` }, null, headToken],
    ['smallest district, all time', { adminUnitId: String(small.id) }, null, headToken],
    ['region', { adminUnitId: String(region.id) }, null, headToken],
    ['status REGISTERED (rare)', { status: ['REGISTERED'] }, null, headToken],
    ['status CLOSED, oldest first', { status: ['CLOSED'] }, 'RECEIVED_AT_ASC', headToken],
    ['overdue', { overdue: true }, null, headToken],
    ['overdue, by due date', { overdue: true }, 'DUE_DATE_ASC', headToken],
    ['everything by due date', {}, 'DUE_DATE_ASC', headToken],
    ['everything by registration number', {}, 'REGISTRATION_NUMBER_ASC', headToken],
    ['last 30 days', { receivedFrom: monthAgo }, null, headToken],
    ['topic (least frequent top-level) and its subtopics', { topicId: String(topic.id) }, null, headToken],
    ['organization (fewest assignments)', { organizationId: org.id }, null, headToken],
    ['form COMPLAINT + channel PAPER', { form: ['COMPLAINT'], channel: ['PAPER'] }, null, headToken],
    ['on control', { onControl: true }, null, headToken],
    ['repeated', { repeated: true }, null, headToken],
    ['search "вода"', { search: 'вода' }, null, headToken],
    ['search "асфальт ремонт"', { search: 'асфальт ремонт' }, null, headToken],
    ['an executor’s own appeals (fewest assignments)', {}, null, executorToken],
    ['an executor’s own appeals (most assignments)', {}, null, busyExecutorToken],
  ];

  let captured: { text: string; values: unknown[] }[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, config: any, values?: any, ...rest: any[]) {
    if (config && typeof config.text === 'string') captured.push({ text: config.text, values: config.values ?? [] });
    return (original as any).call(this, config, values, ...rest);
  } as any;
  const orm = await createOrm({ clientUrl: url, poolMax: 2 });
  const app = await createApp({
    config: { nodeEnv: 'production' },
    orm,
    databaseKind: 'postgresql',
    calendar: WorkingCalendar.default(),
    classifiers: await ClassifierRegistry.load(orm.em.fork() as any),
    logger: pino({ level: 'silent' }),
    authenticate: bearerAuthenticator(AUTH, orm),
  });
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', () => r()));
  const local = `http://127.0.0.1:${(app.server.address() as any).port}/graphql`;
  const [{ n }] = (await c.query('select count(*)::int as n from appeal')).rows;
  const out: string[] = [`${describeUrl(url)}: ${n.toLocaleString('en-US')} appeals`, '', '| filter / order | page query ms | plan |', '|---|---|---|'];
  const plans: string[] = [];
  try {
    for (const [label, filter, orderBy, token] of variants) {
      captured = [];
      const res = await fetch(local, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: LIST, variables: { filter, orderBy } }),
      });
      const body: any = await res.json();
      if (body.errors) throw new Error(`${label}: ${JSON.stringify(body.errors)}`);
      // the page: `select … from appeal a … limit n`, possibly wrapped as one JSON value (`… limit n) p`)
      const page = captured.find((q) => /from appeal a\b/.test(q.text) && /limit (\$\d+|\d+)\)?( p)?\s*$/.test(q.text.trim()));
      if (!page) throw new Error(`${label}: no page query seen among ${captured.map((q) => q.text.slice(-80)).join(" | ")}`);
      const r = await c.query(`explain (analyze, buffers) ${page.text}`, page.values as any[]);
      const plan = r.rows.map((x: any) => x['QUERY PLAN']).join('\n');
      const ms = Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? NaN);
      const seq = /Seq Scan on appeal\b/.test(plan);
      const indexes = [...new Set([...plan.matchAll(/(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)/g)].map((m) => m[1]))];
      const fullSort = /Sort Method: (?:top-N heapsort|quicksort|external merge)/.test(plan) && !/Incremental Sort/.test(plan);
      out.push(`| ${label} | ${ms.toFixed(1)} | ${seq ? '**seq scan of appeal** ' : ''}${indexes.join(', ') || '–'}${fullSort ? ' + sort' : ''} |`);
      plans.push(`-- ${label} (${ms} ms)\n${page.text}\n-- ${JSON.stringify(page.values).slice(0, 300)}\n${plan}\n`);
    }
  } finally {
    pg.Client.prototype.query = original;
    await app.stop();
    await orm.close(true);
    await c.end();
  }
  console.log(out.join('\n'));
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/filter-plans.txt', plans.join('\n'));
}

main().catch((e) => {
  console.error('bench:plans failed:', e?.stack ?? e);
  process.exit(1);
});

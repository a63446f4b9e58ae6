/**
 * Loopback HTTP load against the service, and against PostGraphile v4 as a peer for the nested list.
 *
 *   npm run -s bench:generate -- --appeals 1000000      (once: the database this reads)
 *   npm run -s bench:http -- [--connections 8] [--seconds 10] [--rounds 3] [--only list,appeal,problemMap,register] [--no-peer]
 *
 * Reads DATABASE_URL, or the generator's `baqylau_bench` on 127.0.0.1. Starts the service (src/main.ts, production
 * mode, pool of 10) and the peer (bench/lib/peer-server.ts, pool of 10) as their own processes, then:
 *  1. checks that both lists return the same 50 appeals with the same nested rows;
 *  2. counts the SQL statements each scenario costs (an in-process instance with a statement hook), and writes
 *     EXPLAIN (ANALYZE, BUFFERS) of every statement of the list and the appeal card to bench/results/plans.txt;
 *  3. runs autocannon at a fixed number of connections: the list alternately against ours and the peer, `rounds`
 *     times each, then one appeal in full (a different appeal per request), problemMap for a quarter, and
 *     registerAppeal; each after a short warm-up.
 * Prints requests/s and latency p50/p95/p99 (medians over rounds), errors, and our list throughput as a ratio to
 * the peer's.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg, { Client } from 'pg';
import pino from 'pino';
import { makeIin } from '../src/applicants/identity-number';
import { bearerAuthenticator, mintToken, type AuthSettings } from '../src/auth/tokens';
import { WorkingCalendar } from '../src/calendar/working-calendar';
import { ClassifierRegistry } from '../src/classifier/registry';
import { createOrm } from '../src/db/orm';
import { createApp } from '../src/http/server';
import { processCpuSeconds } from '../src/import/cpu';
import { benchDatabaseUrl, describeUrl } from './lib/bench-database';
import { OUR_APPEAL, OUR_LIST, OUR_PROBLEM_MAP, OUR_REGISTER, PEER_LIST } from './lib/scenarios';
import { systemClock } from '../src/shared/clock';

const AUTH: AuthSettings = { secret: 'bench-secret-bench-secret-bench-secret-0123', issuer: 'baqylau', audience: 'baqylau-api' };
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

interface Proc {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function start(name: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<Proc> {
  const child: ChildProcess = spawn(process.execPath, [...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const until = performance.now() + 120_000;
  while (!ready.test(out)) {
    if (child.exitCode !== null || performance.now() > until) throw new Error(`${name} did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: ready.exec(out)![1],
    pid: child.pid!,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
}

/** autocannon for `seconds` at `connections`; latencies collected per response (autocannon has no p95). */
async function load(url: string, connections: number, seconds: number, body: () => string, headers: Record<string, string>): Promise<LoadResult> {
  const latencies: number[] = [];
  let graphqlErrors = 0;
  const instance: any = autocannon({
    url,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{ setupRequest: (req: any) => ({ ...req, body: body() }) }],
    // a 200 with "errors" is a failure too
    verifyBody: (b: string) => {
      const ok = !b.startsWith('{"errors"') && !b.includes('"errors":[');
      if (!ok) graphqlErrors++;
      return ok;
    },
  } as any);
  instance.on('response', (_c: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const r: any = await instance;
  latencies.sort((a, b) => a - b);
  return {
    rps: r.requests.total / seconds,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    requests: r.requests.total,
    errors: r.errors + r.non2xx + r.timeouts + graphqlErrors,
  };
}

/**
 * CPU per request, measured rather than inferred from throughput (the machine is shared): `count` requests at
 * concurrency 4; CPU time of the server process and of the database backends serving this database, from /proc.
 */
async function cpuPerRequest(c: Client, dbName: string, server: Proc, count: number, body: () => string, headers: Record<string, string>) {
  const backends = async () =>
    (await c.query(`select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [dbName])).rows.map((r) => r.pid as number);
  const send = () =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: body() }).then((r) => r.text());
  await Promise.all(Array.from({ length: 8 }, send)); // the pool's connections open
  const pids = await backends();
  const cpu = (pid: number) => processCpuSeconds(pid) ?? 0;
  const s0 = cpu(server.pid);
  const d0 = new Map(pids.map((p) => [p, cpu(p)]));
  let left = count;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (left-- > 0) await send();
    }),
  );
  const serverMs = ((cpu(server.pid) - s0) * 1000) / count;
  let db = 0;
  for (const p of await backends()) db += cpu(p) - (d0.get(p) ?? cpu(p));
  return { serverMs, databaseMs: (db * 1000) / count };
}

async function gql(url: string, query: string, variables: unknown, token?: string): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const json: any = await res.json();
  if (json.errors) throw new Error(`${url}: ${JSON.stringify(json.errors).slice(0, 800)}`);
  return json.data;
}

async function main() {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '8' },
      seconds: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '3' },
      only: { type: 'string', default: 'list,appeal,problemMap,register' },
      'no-peer': { type: 'boolean', default: false },
    },
  });
  const connections = Number(values.connections);
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  const only = new Set(values.only!.split(','));
  const url = benchDatabaseUrl();

  // ── what to ask: the busiest district of the region, the last full quarter with appeals, some appeals, officials
  const c = new Client({ connectionString: url });
  await c.connect();
  const [{ total }] = (await c.query('select count(*)::int as total from appeal')).rows;
  if (!total) throw new Error(`${describeUrl(url)} has no appeals: run npm run -s bench:generate first`);
  const [{ last }] = (await c.query(`select (max(received_at) at time zone 'Asia/Almaty')::date::text as last from appeal`)).rows;
  const lastDay = new Date(`${last}T00:00:00Z`);
  const qEnd = new Date(Date.UTC(lastDay.getUTCFullYear(), Math.floor(lastDay.getUTCMonth() / 3) * 3, 1));
  const qStart = new Date(Date.UTC(qEnd.getUTCFullYear(), qEnd.getUTCMonth() - 3, 1));
  const [from, to] = [qStart.toISOString().slice(0, 10), qEnd.toISOString().slice(0, 10)];
  const fromTs = `${from}T00:00:00+05:00`;
  const toTs = `${to}T00:00:00+05:00`;
  const [district] = (
    await c.query(
      `select a.admin_unit_id as id, a.region_id, count(*)::int as n from appeal a join admin_unit u on u.id = a.admin_unit_id and u.level = 'district'
        where a.received_at >= $1 and a.received_at < $2 group by 1, 2 order by n desc limit 1`,
      [fromTs, toTs],
    )
  ).rows;
  const ids = (await c.query(`select id from appeal tablesample system (1) limit 500`)).rows.map((r) => r.id as string);
  const official = async (role: string) =>
    (
      await c.query(
        `select u.id, u.organization_id from app_user u join organization o on o.id = u.organization_id
          where u.active and $1 = any(u.roles) and o.region_id = $2 order by u.email limit 1`,
        [role, district.region_id],
      )
    ).rows[0] as { id: string; organization_id: string };
  const head = await official('head');
  const specialist = await official('specialist');
  const [addressee] = (await c.query(`select id from organization where region_id = $1 and kind = 'akim_apparatus' limit 1`, [district.region_id])).rows;
  const headToken = await mintToken(AUTH, head.id, 3600);
  const specialistToken = await mintToken(AUTH, specialist.id, 3600);
  console.log(
    `database ${describeUrl(url)}: ${n(total)} appeals; list = district ${district.id} (${n(district.n)} appeals) received ${from} … ${to}; ` +
      `${connections} connections, ${seconds} s × ${rounds} rounds; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`,
  );

  const listVars = { filter: { adminUnitId: String(district.id), receivedFrom: fromTs, receivedTo: toTs }, first: 50 };
  const peerVars = { district: district.id, from: fromTs, to: toTs };
  const mapVars = { filter: { from, to: new Date(qEnd.getTime() - 86400_000).toISOString().slice(0, 10), level: 'DISTRICT', regionId: String(district.region_id) } };
  let serial = 0;
  const registerVars = () => {
    serial++;
    return {
      input: {
        form: 'APPLICATION',
        channel: 'EOTINISH',
        receivedAt: new Date(systemClock.now().getTime() - 3600_000).toISOString(),
        text: `Прошу отремонтировать уличное освещение у дома ${serial} на улице Абая, вечером на улице совсем темно.`,
        adminUnitId: String(district.id),
        addresseeId: addressee.id,
        idempotencyKey: `bench-${randomUUID()}`,
        applicants: [
          { kind: 'INDIVIDUAL', fullName: 'Жанибеков Ерлан Маратович', iin: makeIin('1984-05-17', 'male', serial % 9000), address: 'с. Есик, ул. Абая, 5' },
        ],
      },
    };
  };

  // ── the processes
  const ours = await start(
    'the service',
    ['src/main.ts'],
    {
      NODE_ENV: 'production', DATABASE_URL: url, DATABASE_POOL_MAX: '10', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DEMO_APPEALS: '0',
      AUTH_SECRET: AUTH.secret, AUTH_ISSUER: AUTH.issuer, AUTH_AUDIENCE: AUTH.audience, RATE_LIMIT_MUTATIONS_PER_MINUTE: '0',
    },
    /baqylau API at (http:\S+\/graphql)/,
  );
  const peer = values['no-peer'] ? null : await start('PostGraphile', ['bench/lib/peer-server.ts'], { DATABASE_URL: url, PORT: '0', DATABASE_POOL_MAX: '10' }, /peer at (http:\S+)/);
  const out: string[] = [];
  const say = (s: string) => {
    console.log(s);
    out.push(s);
  };
  try {
    // 1. same data
    const mine = (await gql(ours.url, OUR_LIST, listVars, headToken)).appeals.edges.map((e: any) => e.node);
    say(`\nList: ${mine.length} appeals, ${mine.reduce((a: number, x: any) => a + x.assignments.length, 0)} assignments, ${mine.reduce((a: number, x: any) => a + x.responses.length, 0)} responses, ${mine.reduce((a: number, x: any) => a + x.responses.reduce((b: number, r: any) => b + r.reviews.length, 0), 0)} reviews, ${mine.reduce((a: number, x: any) => a + x.applicants.length, 0)} applicants; response ${n(JSON.stringify(mine).length / 1024)} KB`);
    if (peer) {
      const theirs = (await gql(peer.url, PEER_LIST, peerVars)).allAppeals.nodes;
      const same =
        JSON.stringify(mine.map((x: any) => [x.id, x.assignments.length, x.responses.length, x.applicants.length])) ===
        JSON.stringify(theirs.map((x: any) => [x.id, x.assignmentsByAppealId.nodes.length, x.responsesByAppealId.nodes.length, x.appealApplicantsByAppealId.nodes.length]));
      say(`Peer returns the same appeals and nested rows: ${same ? 'yes' : 'NO'}`);
      if (!same) throw new Error('the peer and ours disagree on the list: the comparison would be meaningless');
    }

    // 2. statements per request and plans
    await countStatements(url, { list: [OUR_LIST, listVars, headToken], appeal: [OUR_APPEAL, { id: ids[0] }, headToken], problemMap: [OUR_PROBLEM_MAP, mapVars, headToken], register: [OUR_REGISTER, registerVars(), specialistToken] }, say);

    // 3. load
    const rows: string[] = [];
    const row = (label: string, target: string, rs: LoadResult[]) => {
      const m = (k: keyof LoadResult) => median(rs.map((r) => r[k]));
      rows.push(`| ${label} | ${target} | ${n(m('rps'))} | ${m('p50').toFixed(1)} | ${m('p95').toFixed(1)} | ${m('p99').toFixed(1)} | ${n(rs.reduce((a, r) => a + r.requests, 0))} | ${rs.reduce((a, r) => a + r.errors, 0)} | ${rs.map((r) => n(r.rps)).join(' / ')} |`);
      return m('rps');
    };
    const body = (q: string, v: () => unknown) => () => JSON.stringify({ query: q, variables: v() });
    const auth = (t: string) => ({ authorization: `Bearer ${t}` });
    if (only.has('list')) {
      const ourBody = body(OUR_LIST, () => listVars);
      const peerBody = body(PEER_LIST, () => peerVars);
      const dbName = new URL(url).pathname.slice(1);
      const mineCpu = await cpuPerRequest(c, dbName, ours, 200, ourBody, auth(headToken));
      say(`\nCPU per list request (200 requests, /proc): ours ${mineCpu.serverMs.toFixed(1)} ms in the service + ${mineCpu.databaseMs.toFixed(1)} ms in PostgreSQL`);
      if (peer) {
        const peerCpu = await cpuPerRequest(c, dbName, peer, 200, peerBody, {});
        say(`                                          peer ${peerCpu.serverMs.toFixed(1)} ms in PostGraphile + ${peerCpu.databaseMs.toFixed(1)} ms in PostgreSQL`);
      }
      await load(ours.url, connections, 3, ourBody, auth(headToken));
      if (peer) await load(peer.url, connections, 3, peerBody, {});
      const a: LoadResult[] = [];
      const b: LoadResult[] = [];
      for (let i = 0; i < rounds; i++) {
        a.push(await load(ours.url, connections, seconds, ourBody, auth(headToken)));
        if (peer) b.push(await load(peer.url, connections, seconds, peerBody, {}));
      }
      const ra = row('list: 50 appeals of a district in a quarter, 4 levels', 'ours', a);
      if (peer) {
        const rb = row('', 'PostGraphile v4', b);
        rows.push(`| | **ours / peer** | **${(ra / rb).toFixed(2)}** | ${(median(a.map((r) => r.p95)) / median(b.map((r) => r.p95))).toFixed(2)} (p95) | | | | | |`);
      }
    }
    if (only.has('appeal')) {
      let k = 0;
      const b = body(OUR_APPEAL, () => ({ id: ids[k++ % ids.length] }));
      await load(ours.url, connections, 3, b, auth(headToken));
      const rs: LoadResult[] = [];
      for (let i = 0; i < rounds; i++) rs.push(await load(ours.url, connections, seconds, b, auth(headToken)));
      row('one appeal in full (history included), a different one each time', 'ours', rs);
    }
    if (only.has('problemMap')) {
      const b = body(OUR_PROBLEM_MAP, () => mapVars);
      await load(ours.url, connections, 3, b, auth(headToken));
      const rs: LoadResult[] = [];
      for (let i = 0; i < rounds; i++) rs.push(await load(ours.url, connections, seconds, b, auth(headToken)));
      row('problemMap: the region’s districts, one quarter', 'ours', rs);
    }
    if (only.has('register')) {
      const b = body(OUR_REGISTER, registerVars);
      await load(ours.url, connections, 3, b, auth(specialistToken));
      const rs: LoadResult[] = [];
      for (let i = 0; i < rounds; i++) rs.push(await load(ours.url, connections, seconds, b, auth(specialistToken)));
      row('registerAppeal (classified, numbered, one transaction)', 'ours', rs);
    }
    say(`\n| scenario | server | req/s (median) | p50 ms | p95 ms | p99 ms | requests | errors | req/s per round |`);
    say('|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) say(r);
    say(`\nload average after: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  } finally {
    await ours.stop();
    await peer?.stop();
    await c.end();
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(join('bench/results', 'http-last-run.md'), out.join('\n') + '\n');
  }
}

/**
 * Statements per request for each scenario (the second of two identical requests, so nothing is cold), counted by
 * the ORM's statement hook in an in-process instance; EXPLAIN ANALYZE of the reads into bench/results/plans.txt.
 */
async function countStatements(url: string, scenarios: Record<string, [string, unknown, string]>, say: (s: string) => void) {
  let statements: string[] = [];
  // the statements with their parameters, for EXPLAIN (the ORM's hook logs them without values)
  let captured: { text: string; values: unknown[] }[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, config: any, values?: any, ...rest: any[]) {
    if (typeof config === 'string') captured.push({ text: config, values: Array.isArray(values) ? values : [] });
    else if (config && typeof config.text === 'string') captured.push({ text: config.text, values: config.values ?? [] });
    return (original as any).call(this, config, values, ...rest);
  } as any;
  const orm = await createOrm({ clientUrl: url, poolMax: 4, onQuery: (m) => /^\[query\]/.test(m) && statements.push(m) });
  const classifiers = await ClassifierRegistry.load(orm.em.fork() as any);
  const app = await createApp({
    config: { nodeEnv: 'production' },
    orm,
    databaseKind: 'postgresql',
    calendar: WorkingCalendar.default(),
    classifiers,
    logger: pino({ level: 'silent' }),
    authenticate: bearerAuthenticator(AUTH, orm),
  });
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', () => r()));
  const local = `http://127.0.0.1:${(app.server.address() as any).port}/graphql`;
  const plans: string[] = [];
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    say('\n| scenario | SQL statements per request | of which reads |');
    say('|---|---|---|');
    for (const [name, [q, v, token]] of Object.entries(scenarios)) {
      await gql(local, q, name === 'register' ? { input: { ...(v as any).input, idempotencyKey: `bench-${randomUUID()}` } } : v, token);
      statements = [];
      captured = [];
      await gql(local, q, name === 'register' ? { input: { ...(v as any).input, idempotencyKey: `bench-${randomUUID()}` } } : v, token);
      const sqls = statements.map((m) => m.replace(/^\[query\]\s*/, '').replace(/\s*\[took [^\]]*\]\s*$/, ''));
      const reads = captured.filter((x) => /^\s*(with|select)\b/i.test(x.text));
      say(`| ${name} | ${sqls.length} | ${sqls.filter((x) => /^\s*(with|select)\b/i.test(x)).length} |`);
      if (name === 'list' || name === 'appeal' || name === 'problemMap') {
        for (const { text: s, values: params } of reads) {
          try {
            const r = await c.query(`explain (analyze, buffers) ${s}`, params as any[]);
            const plan = r.rows.map((x: any) => x['QUERY PLAN']).join('\n');
            const ms = Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? 0);
            plans.push(`-- ${name} (${ms} ms)\n${s}\n${plan}\n`);
          } catch (e: any) {
            plans.push(`-- ${name}: could not explain (${e.message})\n${s}\n`);
          }
        }
      }
    }
  } finally {
    pg.Client.prototype.query = original;
    await c.end();
    await app.stop();
    await orm.close(true);
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/plans.txt', plans.join('\n'));
  const slow = plans
    .map((p) => [Number(/\(([\d.]+) ms\)/.exec(p)?.[1] ?? 0), p.split('\n')[0], /Execution Time/.test(p)] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, 5);
  say(`\nSlowest statements (EXPLAIN ANALYZE; all plans in bench/results/plans.txt):`);
  for (const [, h] of slow) say(`  ${h.replace(/^-- /, '')}`);
}

main().catch((e) => {
  console.error('bench:http failed:', e?.stack ?? e);
  process.exit(1);
});

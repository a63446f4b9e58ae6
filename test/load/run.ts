/**
 * Load test (issue 5): a bounded loopback run against the real service, then a count in the database.
 *
 *   npm run test:load                 30 s, 16 connections, against the PostgreSQL at DATABASE_URL or 127.0.0.1:5432
 *   LOAD_SECONDS=10 LOAD_CONNECTIONS=8 npm run test:load
 *
 * 1. Creates a database of its own (migrated, reference data, a small region with one official per role).
 * 2. Starts the service as a separate process (`src/main.ts`, production mode) on a free port.
 * 3. autocannon at a fixed concurrency cycles through: register an appeal (each with its own idempotency key and
 *    applicant), list appeals, list overdue appeals, read the topic tree, list instructions, read one appeal.
 * 4. Passes only if every response was a 200 without GraphQL errors, and every acknowledged registration is in
 *    the database exactly once (and nothing unacknowledged is).
 * Prints the figures; exits 1 on any failure. Not part of `npm test`.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { makeIin } from '../../src/applicants/identity-number';
import { openDatabase } from '../../src/db/database';
import { pgArray, query } from '../../src/db/sql';
import { seedReferenceData } from '../../src/seed/reference-data';
import { appealInput } from '../support/fixtures';
import { RUN_AUTH, createRunWorld, type RunWorld } from './world';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 16);
const ADMIN_URL = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

function withDatabase(url: string, db: string) {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function admin(sql: string) {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function startService(databaseUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_MAX: '10',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DEMO_APPEALS: '0',
      AUTH_SECRET: RUN_AUTH.secret,
      AUTH_ISSUER: RUN_AUTH.issuer,
      AUTH_AUDIENCE: RUN_AUTH.audience,
      // The per-user limit would (rightly) stop three officials registering hundreds of appeals a second.
      RATE_LIMIT_MUTATIONS_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const until = Date.now() + 90_000;
  while (!/baqylau API at (http:\S+)\/graphql/.test(out)) {
    if (child.exitCode !== null || Date.now() > until) throw new Error(`the service did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = /baqylau API at (http:\S+)\/graphql/.exec(out)![1]!;
  return {
    url,
    output: () => out,
    async stop() {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      return exited;
    },
  };
}

interface Registration {
  key: string;
  id: string;
}

async function main() {
  const dbName = `baqylau_load_${randomBytes(4).toString('hex')}`;
  const databaseUrl = withDatabase(ADMIN_URL, dbName);
  console.log(`load: database ${dbName}, ${SECONDS} s at ${CONNECTIONS} connections`);
  await admin(`create database ${dbName}`);
  let failed = false;
  const db = await openDatabase({ databaseUrl, dataDir: null, poolMax: 2 });
  try {
    await seedReferenceData(db.orm.em.fork() as any);
    const w: RunWorld = await createRunWorld(db.orm.em.fork() as any);
    const service = await startService(databaseUrl);
    const registrars = [w.users.specialist, w.users.head, w.users.deputy];
    const readers = [w.users.analyst, w.users.head, w.users.auditor, w.users.executor];
    const acknowledged: Registration[] = [];
    let graphqlErrors = 0;
    const errorSamples: string[] = [];
    let sequence = 0;
    const runTag = randomBytes(3).toString('hex');
    const json = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
    const post = (token: string, body: string) => ({
      method: 'POST' as const,
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const check = (status: number, body: string) => {
      if (status === 200 && !body.includes('"errors"')) return JSON.parse(body);
      graphqlErrors++;
      if (errorSamples.length < 5) errorSamples.push(`${status} ${body.slice(0, 300)}`);
      return null;
    };
    const REGISTER = 'mutation Register($input: RegisterAppealInput!) { registerAppeal(input: $input) { id registrationNumber status dueDate } }';
    let lastAppealId: string | null = null;
    const requests: autocannon.Request[] = [
      {
        ...post(registrars[0]!.token, ''),
        setupRequest: (req, context: any) => {
          const n = sequence++;
          const key = `load:${runTag}:${n}`;
          context.key = key;
          const serial = n % 9000;
          const birth = `19${String(50 + (n % 45)).padStart(2, '0')}-0${1 + (n % 9)}-1${n % 9}`;
          const input = appealInput(w as any, {
            idempotencyKey: key,
            receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
            text: `Нагрузочный прогон ${runTag}, обращение ${n}: просим восстановить освещение улицы и отремонтировать тротуар у школы.`,
            applicants: [
              {
                kind: 'INDIVIDUAL',
                fullName: 'Заявитель Нагрузочного Прогона',
                iin: makeIin(birth, n % 2 ? 'male' : 'female', serial),
                address: `с. Шелек, ул. Абая, ${1 + (n % 200)}`,
              },
            ],
          });
          return { ...req, ...post(registrars[n % registrars.length]!.token, json(REGISTER, { input })) };
        },
        onResponse: (status, body, context: any) => {
          const data = check(status, body);
          if (data?.data?.registerAppeal?.id) {
            acknowledged.push({ key: context.key, id: data.data.registerAppeal.id });
            lastAppealId = data.data.registerAppeal.id;
          }
        },
      },
      {
        ...post(readers[0]!.token, json('{ appeals(first: 20) { totalCount edges { node { id registrationNumber status dueDate isOverdue workingDaysLeft text adminUnit { nameRu } applicants { fullName iin } } } } }')),
        onResponse: (status, body) => void check(status, body),
      },
      {
        ...post(readers[1]!.token, json('{ appeals(first: 10, filter: { overdue: false }, orderBy: DUE_DATE_ASC) { edges { node { id dueDate addressee { nameRu } assignments { organization { nameRu } } } } } }')),
        onResponse: (status, body) => void check(status, body),
      },
      {
        ...post(readers[2]!.token, json('{ topics { id code nameRu parent { code } } }')),
        onResponse: (status, body) => void check(status, body),
      },
      {
        ...post(readers[3]!.token, json('{ instructions(first: 10) { totalCount edges { node { id number status } } } }')),
        onResponse: (status, body) => void check(status, body),
      },
      {
        ...post(readers[1]!.token, ''),
        setupRequest: (req) => ({
          ...req,
          body: json(`query One($id: ID!) { appeal(id: $id) { id status history { action at } responses { id } } }`, {
            id: lastAppealId ?? '00000000-0000-4000-8000-000000000000',
          }),
        }),
        onResponse: (status, body) => {
          // Before the first registration is acknowledged the id is a placeholder: NOT_FOUND is expected then.
          if (status === 200 && body.includes('"NOT_FOUND"') && !lastAppealId) return;
          check(status, body);
        },
      },
    ];

    const started = Date.now();
    const result = await autocannon({
      url: service.url,
      connections: CONNECTIONS,
      duration: SECONDS,
      pipelining: 1,
      timeout: 10,
      requests,
    });
    const wall = (Date.now() - started) / 1000;
    // per operation, from the service's own /metrics: count and mean latency
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    const perOperation: Record<string, { count: number; meanMs: number }> = {};
    for (const m of metrics.matchAll(/^baqylau_graphql_operation_duration_seconds_sum\{operation="([^"]+)",kind="(\w+)"\} ([\d.e+-]+)$/gm)) {
      const count = Number(new RegExp(`^baqylau_graphql_operation_duration_seconds_count\\{operation="${m[1]}",kind="${m[2]}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
      perOperation[m[1]!] = { count, meanMs: count ? Math.round((Number(m[3]) / count) * 10_000) / 10 : 0 };
    }
    const pool = /^baqylau_db_pool_max (\d+)$/m.exec(metrics)?.[1];
    const code = await service.stop();

    // every acknowledged registration is in the database exactly once
    const em = db.orm.em.fork() as any;
    const keys = acknowledged.map((a) => a.key);
    const rows = await query<{ id: string; idempotency_key: string }>(em, `select id, idempotency_key from appeal where idempotency_key like ?`, [`load:${runTag}:%`]);
    const byKey = new Map<string, string[]>();
    for (const r of rows) byKey.set(r.idempotency_key, [...(byKey.get(r.idempotency_key) ?? []), r.id]);
    const missing = acknowledged.filter((a) => !byKey.get(a.key)?.includes(a.id));
    const duplicated = [...byKey.values()].filter((ids) => ids.length > 1).length;
    // Requests still in flight when the run's clock stopped are completed by the service but their answers are
    // never read: at most one per connection may be in the database without an acknowledgement.
    const unacknowledged = rows.filter((r) => !keys.includes(r.idempotency_key)).length;
    const [{ n: historyRows }] = await query<{ n: number }>(
      em,
      `select count(*)::int as n from history_event where action = 'register' and appeal_id = any(?::uuid[])`,
      [pgArray(acknowledged.map((a) => a.id))],
    );

    const summary = {
      seconds: SECONDS,
      wallSeconds: Math.round(wall * 10) / 10,
      connections: CONNECTIONS,
      requests: result.requests.total,
      requestsPerSecond: Math.round(result.requests.average),
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      graphqlErrors,
      registrationsAcknowledged: acknowledged.length,
      registrationsInDatabase: rows.length,
      missing: missing.length,
      duplicated,
      inFlightAtStopInDatabase: unacknowledged,
      perOperation,
      databasePoolMax: Number(pool),
      registerHistoryRows: historyRows,
      serviceExitCode: code,
    };
    console.log(JSON.stringify(summary, null, 2));
    const problems: string[] = [];
    if (result.non2xx || result.errors || result.timeouts || graphqlErrors) problems.push(`errors: ${JSON.stringify(errorSamples)}`);
    if (acknowledged.length === 0) problems.push('no registration was acknowledged');
    if (missing.length || duplicated) problems.push('the database does not hold every acknowledged registration exactly once');
    if (unacknowledged > CONNECTIONS) problems.push(`${unacknowledged} registrations in the database were never answered (more than the ${CONNECTIONS} in flight at the stop)`);
    if (historyRows !== acknowledged.length) problems.push('a registration has no history record');
    if (code !== 0) problems.push(`the service exited with ${code} on SIGTERM:\n${service.output().slice(-2000)}`);
    if (problems.length) {
      failed = true;
      console.error(`load: FAILED\n - ${problems.join('\n - ')}`);
    } else console.log('load: passed — zero errors; every acknowledged registration is in the database exactly once');
  } finally {
    await db.close();
    await admin(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error('load: crashed', e);
  process.exit(1);
});

/**
 * Fault run (issue 5): PostgreSQL restarted under load, and SIGTERM with a request in flight.
 *
 *   npm run test:fault        (as root it runs PostgreSQL as the postgres OS user; needs /usr/lib/postgresql/15/bin)
 *
 * 1. Starts a PostgreSQL 15 cluster of its own in a temporary folder on a free port (initdb + pg_ctl), migrates
 *    it, and starts the service as a separate process against it (production mode, pool of 10).
 * 2. Eight clients register appeals (each with its own idempotency key) and read lists, without pause.
 * 3. After a warm-up, PostgreSQL is stopped (fast shutdown: sessions killed mid-transaction), kept down, and
 *    started again; the clients keep going throughout.
 * 4. Asserts: while the database is down every request fails fast with SERVICE_UNAVAILABLE (HTTP 503, never a
 *    500 or a hang) and /health says 503; the service recovers by itself once the database is back; every
 *    acknowledged registration is in the database exactly once; retrying the failed registrations with their
 *    idempotency keys creates each at most once.
 * 5. SIGTERM with a request half-sent: the request is finished and answered, then the process exits 0.
 * Prints the figures; exits 1 on any failure. Not part of `npm test`.
 */
import 'reflect-metadata';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeIin } from '../../src/applicants/identity-number';
import { openDatabase } from '../../src/db/database';
import { query } from '../../src/db/sql';
import { seedReferenceData } from '../../src/seed/reference-data';
import { appealInput } from '../support/fixtures';
import { RUN_AUTH, createRunWorld, type RunWorld } from '../load/world';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const WARMUP_MS = Number(process.env.FAULT_WARMUP_MS ?? 5_000);
const DOWN_MS = Number(process.env.FAULT_DOWN_MS ?? 8_000);
const AFTER_MS = Number(process.env.FAULT_AFTER_MS ?? 10_000);
const CLIENTS = Number(process.env.FAULT_CLIENTS ?? 8);
/** fast: sessions killed, a clean shutdown; immediate: like a crash (FAULT_STOP_MODE=immediate). */
const STOP_MODE = (process.env.FAULT_STOP_MODE ?? 'fast') as 'fast' | 'immediate';
/** A request during the outage must be answered within this (fail fast, no hang). */
const FAST_MS = 1_000;
/** The service must answer successfully again within this after the database is back. */
const RECOVERY_MS = 5_000;

const asRoot = process.getuid?.() === 0;

function pg(args: string[]) {
  const cmd = [join(BIN, args[0]!), ...args.slice(1)];
  return asRoot
    ? execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', cmd.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')], { stdio: 'pipe' }).toString()
    : execFileSync(cmd[0]!, cmd.slice(1), { stdio: 'pipe' }).toString();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as any).port;
      s.close(() => resolve(p));
    });
  });
}

class Cluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'baqylau-fault-'));
  readonly data = join(this.dir, 'data');
  constructor(readonly port: number) {
    if (asRoot) {
      chmodSync(this.dir, 0o700);
      chownSync(this.dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
    }
    pg(['initdb', '-D', this.data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  }
  get url() {
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`;
  }
  start() {
    pg(['pg_ctl', '-D', this.data, '-w', '-l', join(this.dir, 'log'), '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=on`, 'start']);
  }
  stop(mode: 'fast' | 'immediate' = 'fast') {
    pg(['pg_ctl', '-D', this.data, '-w', '-m', mode, 'stop']);
  }
  remove() {
    try {
      this.stop('immediate');
    } catch {
      /* already stopped */
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function startService(databaseUrl: string) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_MAX: '10',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      DEMO_APPEALS: '0',
      AUTH_SECRET: RUN_AUTH.secret,
      AUTH_ISSUER: RUN_AUTH.issuer,
      AUTH_AUDIENCE: RUN_AUTH.audience,
      RATE_LIMIT_MUTATIONS_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  return {
    child,
    output: () => out,
    async url(): Promise<string> {
      const until = Date.now() + 90_000;
      while (!/baqylau API at (http:\S+)\/graphql/.test(out)) {
        if (child.exitCode !== null || Date.now() > until) throw new Error(`the service did not start:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return /baqylau API at (http:\S+)\/graphql/.exec(out)![1]!;
    },
  };
}

interface Sample {
  at: number;
  ms: number;
  kind: 'register' | 'read';
  status: number;
  code: string;
  key?: string;
  id?: string;
}

const REGISTER = 'mutation Register($input: RegisterAppealInput!) { registerAppeal(input: $input) { id } }';
const percentile = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : 0);

async function main() {
  const problems: string[] = [];
  const cluster = new Cluster(await freePort());
  let service: ReturnType<typeof startService> | null = null;
  try {
    cluster.start();
    const db = await openDatabase({ databaseUrl: cluster.url, dataDir: null, poolMax: 2 });
    await seedReferenceData(db.orm.em.fork() as any);
    const w: RunWorld = await createRunWorld(db.orm.em.fork() as any);
    await db.close();
    service = startService(cluster.url);
    const base = await service.url();
    console.log(`fault: PostgreSQL 15 of our own on port ${cluster.port}; service at ${base}`);

    const samples: Sample[] = [];
    const t0 = Date.now();
    let stopClients = false;
    let n = 0;
    const post = async (body: unknown, token: string) => {
      const started = Date.now();
      try {
        const res = await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        const json: any = await res.json().catch(() => ({}));
        return { ms: Date.now() - started, status: res.status, json };
      } catch (e: any) {
        return { ms: Date.now() - started, status: 0, json: { errors: [{ extensions: { code: `CLIENT_${e?.name ?? 'ERROR'}` } }] } };
      }
    };
    const registration = (i: number, key: string) =>
      appealInput(w as any, {
        idempotencyKey: key,
        receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
        text: `Обращение ${i} во время перезапуска базы: просим отремонтировать дорогу к школе.`,
        applicants: [{ kind: 'INDIVIDUAL', fullName: 'Заявитель Отказоустойчивости', iin: makeIin(`1980-0${1 + (i % 9)}-1${i % 9}`, 'male', i % 9000), address: `с. Шелек, ул. Абая, ${1 + (i % 100)}` }],
      });
    const client = async (c: number) => {
      const token = [w.users.specialist, w.users.head, w.users.deputy][c % 3]!.token;
      while (!stopClients) {
        const i = n++;
        const key = `fault:${String(i).padStart(6, "0")}`;
        const r = await post({ query: REGISTER, variables: { input: registration(i, key) } }, token);
        const id = r.json?.data?.registerAppeal?.id;
        samples.push({ at: Date.now() - t0, ms: r.ms, kind: 'register', status: r.status, code: id ? 'ok' : String(r.json?.errors?.[0]?.extensions?.code ?? `HTTP_${r.status}`), key, id });
        const q = await post({ query: '{ appeals(first: 5) { totalCount edges { node { id status } } } }' }, w.users.analyst.token);
        samples.push({ at: Date.now() - t0, ms: q.ms, kind: 'read', status: q.status, code: q.json?.data?.appeals ? 'ok' : String(q.json?.errors?.[0]?.extensions?.code ?? `HTTP_${q.status}`) });
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));

    await new Promise((r) => setTimeout(r, WARMUP_MS));
    const downAt = Date.now() - t0;
    cluster.stop(STOP_MODE);
    const stoppedAt = Date.now() - t0;
    console.log(`fault: PostgreSQL stopped (${STOP_MODE}) at ${(downAt / 1000).toFixed(1)} s (took ${stoppedAt - downAt} ms)`);
    await new Promise((r) => setTimeout(r, 1_000));
    const healthDown = await fetch(`${base}/health`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await new Promise((r) => setTimeout(r, DOWN_MS - 1_000));
    const startingAt = Date.now() - t0;
    cluster.start();
    const upAt = Date.now() - t0;
    console.log(`fault: PostgreSQL back at ${(upAt / 1000).toFixed(1)} s (start took ${upAt - startingAt} ms)`);
    await new Promise((r) => setTimeout(r, AFTER_MS));
    stopClients = true;
    await Promise.all(clients);
    const healthUp = await fetch(`${base}/health`).then((r) => r.status);

    // ---- what happened ----
    const during = samples.filter((s) => s.at - s.ms >= stoppedAt && s.at <= startingAt);
    const failuresDuring = during.filter((s) => s.code !== 'ok');
    const codesDuring = [...new Set(failuresDuring.map((s) => `${s.code}/${s.status}`))];
    const allFailures = samples.filter((s) => s.code !== 'ok');
    const otherFailures = allFailures.filter((s) => s.code !== 'SERVICE_UNAVAILABLE');
    const firstOkAfter = samples.filter((s) => s.code === 'ok' && s.at - s.ms >= upAt).sort((a, b) => a.at - b.at)[0];
    const recoveryMs = firstOkAfter ? firstOkAfter.at - upAt : Infinity;
    const tail = samples.filter((s) => s.at - s.ms >= upAt + RECOVERY_MS);
    const tailFailures = tail.filter((s) => s.code !== 'ok');

    // ---- no acknowledged write lost; retries create nothing twice ----
    const acknowledged = samples.filter((s) => s.kind === 'register' && s.id);
    const failedRegistrations = samples.filter((s) => s.kind === 'register' && !s.id);
    const check = await openDatabase({ databaseUrl: cluster.url, dataDir: null, poolMax: 2, migrate: false });
    const em = check.orm.em.fork() as any;
    const rows = await query<{ id: string; idempotency_key: string }>(em, "select id, idempotency_key from appeal where idempotency_key like 'fault:%'");
    const byKey = new Map<string, string[]>();
    for (const r of rows) byKey.set(r.idempotency_key, [...(byKey.get(r.idempotency_key) ?? []), r.id]);
    const lost = acknowledged.filter((s) => !byKey.get(s.key!)?.includes(s.id!));
    const committedButUnanswered = failedRegistrations.filter((s) => byKey.has(s.key!)).length;
    let retriedOk = 0;
    for (const s of failedRegistrations) {
      const i = Number(s.key!.slice('fault:'.length));
      const r = await post({ query: REGISTER, variables: { input: registration(i, s.key!) } }, w.users.specialist.token);
      if (r.json?.data?.registerAppeal?.id) retriedOk++;
    }
    const [{ keys, appeals }] = await query<{ keys: number; appeals: number }>(
      em,
      "select count(distinct idempotency_key)::int as keys, count(*)::int as appeals from appeal where idempotency_key like 'fault:%'",
    );
    await check.close();

    // ---- SIGTERM with a request in flight ----
    const port = Number(new URL(base).port);
    const body = JSON.stringify({ query: '{ topics { code } }' });
    const socket = connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    let response = '';
    socket.on('data', (c) => (response += c));
    const socketClosed = new Promise((r) => socket.once('close', r));
    socket.write(
      `POST /graphql HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\nauthorization: Bearer ${w.users.head.token}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 12)}`,
    );
    await new Promise((r) => setTimeout(r, 300));
    const exited = new Promise<number | null>((r) => service!.child.once('exit', (code) => r(code)));
    service.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    const refusedNew = await fetch(`${base}/health`).then(() => false, () => true);
    socket.write(body.slice(12));
    await socketClosed;
    const exitCode = await exited;
    const unexpected = service.output().split('\n').filter((l) => l.includes('"unexpected error"') || l.includes('request failed'));
    if (unexpected.length) console.error(`fault: the service logged ${unexpected.length} unexpected errors, e.g.\n${unexpected.slice(0, 3).join('\n')}`);
    service = null;

    const latDuring = failuresDuring.map((s) => s.ms);
    const summary = {
      clients: CLIENTS,
      requests: samples.length,
      ok: samples.filter((s) => s.code === 'ok').length,
      databaseDownSeconds: Math.round((upAt - stoppedAt) / 100) / 10,
      duringOutage: {
        requests: during.length,
        failed: failuresDuring.length,
        codes: codesDuring,
        latencyMs: { p50: percentile(latDuring, 50), p99: percentile(latDuring, 99), max: Math.max(0, ...latDuring) },
        health: healthDown,
      },
      failuresOutsideServiceUnavailable: otherFailures.map((s) => `${s.code}/${s.status} at ${s.at} ms`).slice(0, 10),
      recovery: { firstSuccessMsAfterDatabaseBack: recoveryMs, failuresLaterThan5s: tailFailures.length, healthAfter: healthUp },
      writes: {
        acknowledged: acknowledged.length,
        lost: lost.length,
        failedRegistrations: failedRegistrations.length,
        committedButUnanswered,
        retriedWithSameKeyOk: retriedOk,
        keysInDatabase: keys,
        appealsInDatabase: appeals,
      },
      sigterm: { inFlightAnswered: /^HTTP\/1.1 200 OK/.test(response) && /"code":"/.test(response), newConnectionsRefused: refusedNew, exitCode },
    };
    console.log(JSON.stringify(summary, null, 2));

    if (during.length === 0) problems.push('no request ran while the database was down');
    if (failuresDuring.some((s) => s.code !== 'SERVICE_UNAVAILABLE' || s.status !== 503)) problems.push(`outage answers other than SERVICE_UNAVAILABLE/503: ${codesDuring.join(', ')}`);
    if (percentile(latDuring, 99) > FAST_MS) problems.push(`outage answers are not fast: p99 ${percentile(latDuring, 99)} ms`);
    if (healthDown.status !== 503) problems.push(`/health said ${healthDown.status} while the database was down`);
    if (otherFailures.length) problems.push(`failures other than SERVICE_UNAVAILABLE: ${summary.failuresOutsideServiceUnavailable.join('; ')}`);
    if (!(recoveryMs <= RECOVERY_MS)) problems.push(`no recovery within ${RECOVERY_MS} ms (${recoveryMs})`);
    if (tailFailures.length) problems.push(`${tailFailures.length} failures after recovery`);
    if (healthUp !== 200) problems.push(`/health said ${healthUp} after recovery`);
    if (lost.length) problems.push(`${lost.length} acknowledged registrations are missing`);
    if (appeals !== keys) problems.push(`${appeals - keys} registrations are in the database twice`);
    if (retriedOk !== failedRegistrations.length) problems.push(`${failedRegistrations.length - retriedOk} retries failed`);
    if (!summary.sigterm.inFlightAnswered) problems.push(`the request in flight at SIGTERM was not answered: ${response.slice(0, 200)}`);
    if (!refusedNew) problems.push('new connections were accepted after SIGTERM');
    if (exitCode !== 0) problems.push(`the service exited with ${exitCode} after SIGTERM`);
  } catch (e: any) {
    problems.push(`crashed: ${e?.stack ?? e}`);
  } finally {
    if (service) {
      service.child.kill('SIGKILL');
      if (problems.length) console.error(service.output().slice(-3000));
    }
    cluster.remove();
  }
  if (problems.length) {
    console.error(`fault: FAILED\n - ${problems.join('\n - ')}`);
    process.exit(1);
  }
  console.log('fault: passed — outage answered fast with SERVICE_UNAVAILABLE, recovered by itself, no acknowledged write lost, SIGTERM finished the request in flight');
  process.exit(0);
}

void main();

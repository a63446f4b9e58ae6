import type { EntityManager } from '@mikro-orm/postgresql';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerAuthenticator } from '../../src/auth/tokens';
import type { Config } from '../../src/config';
import { query } from '../../src/db/sql';
import { createApp, type App } from '../../src/http/server';
import { createLogger } from '../../src/logger';
import {
  AppealFullDocument,
  AssignAppealDocument,
  RegisterAppealDocument,
  ReviewResponseDocument,
  SubmitResponseDocument,
  type RegisterAppealInput,
} from '../generated/graphql';
import { TEST_AUTH, startTestApp, type TestApp } from '../support/app';
import { appealInput } from '../support/fixtures';
import { createWorld, tableCounts, type TestWorld } from '../support/world';
import { codesOf } from './access-support';

/**
 * Hardening: limits on what one request may ask, production mode, CSRF, the per-user rate limit, two people
 * acting at once, logs without personal data, /metrics, and a graceful stop.
 */
let app: TestApp;
let w: TestWorld;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  app.clock.set('2026-03-02T11:00:00+05:00');
});
afterAll(() => app?.close());

interface ExtraApp {
  app: App;
  url: string;
  post(body: unknown, token?: string | null, headers?: Record<string, string>): Promise<{ status: number; json: any; headers: Headers }>;
  stop(): Promise<void>;
}

/** Another app on a test database, configured like a deployment (production mode, limits, its own logger). */
async function extraApp(
  on: TestApp,
  config: Pick<Config, 'nodeEnv'> & Partial<Pick<Config, 'rateLimit' | 'queryLimits' | 'metricsToken' | 'graphqlExecutor'>>,
  logger = pino({ level: 'silent' }),
): Promise<ExtraApp> {
  const a = await createApp({
    config,
    orm: on.database.db.orm,
    databaseKind: on.database.db.kind,
    calendar: on.calendar,
    classifiers: on.classifiers,
    logger,
    authenticate: bearerAuthenticator(TEST_AUTH, on.database.db.orm),
    now: on.clock.now,
  });
  await new Promise<void>((r) => a.server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(a.server.address() as AddressInfo).port}/graphql`;
  return {
    app: a,
    url,
    async post(body, token, headers = {}) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let json: any;
      try {
        json = JSON.parse(text);
      } catch {
        json = { text };
      }
      return { status: res.status, json, headers: res.headers };
    },
    stop: () => a.stop(),
  };
}

describe('limits on what one request may ask for', () => {
  it('a query nested deeper than 12 levels is refused before it runs', async () => {
    const nested = (n: number) => `{ organizations { ${'parent { '.repeat(n)}id${' }'.repeat(n)} } }`;
    expect((await app.raw({ query: nested(10) }, w.users.head.token)).json.errors).toBeUndefined();
    const r = await app.raw({ query: nested(12) }, w.users.head.token);
    expect(r.status).toBe(400);
    expect(r.json.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', measure: 'depth', limit: 12, actual: 14 });
  });

  it('more than 30 aliases are refused', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `t${i}: topics { id }`).join(' ')} }`;
    expect((await app.raw({ query: aliases(30) }, w.users.head.token)).json.errors).toBeUndefined();
    const r = await app.raw({ query: aliases(31) }, w.users.head.token);
    expect(r.json.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', measure: 'aliases', limit: 30, actual: 31 });
  });

  it('a query that would fetch too much (lists inside lists of a 100-appeal page) is refused by its cost', async () => {
    const q = `{ appeals(first: 100) { edges { node { instructions { appeals { instructions { appeals { id text } } } } } } } }`;
    const r = await app.raw({ query: q }, w.users.head.token);
    expect(r.status).toBe(400);
    expect(r.json.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', measure: 'cost', limit: 50_000 });
    // the same shape for a page of 5 is fine
    expect((await app.raw({ query: q.replace('first: 100', 'first: 5') }, w.users.head.token)).json.errors).toBeUndefined();
  });

  it('a document over 5,000 tokens is not even parsed', async () => {
    const r = await app.raw({ query: `{ topics { ${'id '.repeat(5_001)} } }` }, w.users.head.token);
    expect(r.status).toBe(400);
    expect(r.json.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(r.json.errors[0].message).toMatch(/Document contains more tha[nt] 5000 tokens/);
  });

  it('pages hold at most 100', async () => {
    for (const q of ['{ appeals(first: 101) { totalCount } }', '{ instructions(first: 101) { totalCount } }', '{ auditEvents(first: 101) { totalCount } }']) {
      expect(codesOf((await app.raw({ query: q }, w.users.head.token)).json), q).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('IDs and texts are checked before anything runs: an overlong ID, a NUL character', async () => {
    const before = await tableCounts(app);
    const longId = await app.raw({ query: `{ appeal(id: "${'a'.repeat(200)}") { id } }` }, w.users.head.token);
    expect(longId.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const nul = await app.gql(RegisterAppealDocument, { input: appealInput(w, { summary: 'Нет воды\u0000' }) }, w.users.specialist.token);
    expect(nul.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.summary' });
    const search = await app.raw({ query: '{ appeals(filter: { search: "вода\\u0000" }) { totalCount } }' }, w.users.head.token);
    expect(search.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    expect(await tableCounts(app)).toEqual(before);
  });
});

describe('production mode', () => {
  let prod: ExtraApp;
  let broken: TestApp;
  let brokenProd: ExtraApp;
  beforeAll(async () => {
    prod = await extraApp(app, { nodeEnv: 'production' });
    broken = await startTestApp();
    brokenProd = await extraApp(broken, { nodeEnv: 'production' });
  });
  afterAll(async () => {
    await prod?.stop();
    await brokenProd?.stop();
    await broken?.close();
  });

  it('has no introspection and no landing page', async () => {
    const r = await prod.post({ query: '{ __schema { types { name } } }' }, w.users.head.token);
    expect(r.json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(r.json.errors[0].message).toMatch(/introspection/i);
    const page = await fetch(prod.url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).not.toMatch(/html/);
    expect(await page.text()).not.toMatch(/<html|<script/i);
    // development mode keeps introspection for tools
    expect((await app.raw({ query: '{ __schema { queryType { name } } }' }, w.users.head.token)).json.data.__schema.queryType.name).toBe('Query');
  });

  it('answers an unexpected failure with a bare INTERNAL_SERVER_ERROR: no stack, no SQL, no table names', async () => {
    const head = (await createWorld(broken)).users.head.token;
    const em = broken.database.db.orm.em.fork() as EntityManager;
    await query(em, 'alter table topic rename to topic_moved');
    const r = await brokenProd.post({ query: '{ topics { id code } }' }, head);
    expect(r.json.errors).toEqual([{ message: 'Internal server error', path: ['topics'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(JSON.stringify(r.json)).not.toMatch(/topic_moved|relation|select|stack|\.ts:|at /i);
    await query(em, 'alter table topic_moved rename to topic');
  });
});

describe('CSRF protection', () => {
  it('refuses a simple cross-site POST (text/plain, form-encoded) and a GET without a preflight header, and runs nothing', async () => {
    const before = await tableCounts(app);
    const mutation = JSON.stringify({ query: 'mutation { registerAppeal(input: {}) { id } }' });
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${w.users.specialist.token}` }, body: mutation });
      expect(res.status, contentType).toBe(400);
      expect(await res.text()).toMatch(/CSRF|preflight/i);
    }
    const get = await fetch(`${app.url}?query=${encodeURIComponent('{ topics { id } }')}`, { headers: { authorization: `Bearer ${w.users.head.token}` } });
    expect(get.status).toBe(400);
    const withHeader = await fetch(`${app.url}?query=${encodeURIComponent('{ topics { id } }')}`, {
      headers: { authorization: `Bearer ${w.users.head.token}`, 'apollo-require-preflight': 'true' },
    });
    expect(withHeader.status).toBe(200);
    expect(await tableCounts(app)).toEqual(before);
  });
});

describe('the rate limit for changes', () => {
  let limited: ExtraApp;
  beforeAll(async () => {
    limited = await extraApp(app, { nodeEnv: 'test', rateLimit: { perMinute: 6, burst: 3 } });
  });
  afterAll(() => limited?.stop());

  it('gives each official a burst of changes, then RATE_LIMITED (429, Retry-After) until the bucket refills; reads and others are unaffected', async () => {
    const close = (token: string) => limited.post({ query: 'mutation { closeAppeal(appealId: "00000000-0000-4000-8000-000000000000") { id } }' }, token);
    const first = [await close(w.users.specialist.token), await close(w.users.specialist.token), await close(w.users.specialist.token)];
    expect(first.map((r) => codesOf(r.json)[0])).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    const fourth = await close(w.users.specialist.token);
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get('retry-after')).toBe('10');
    expect(fourth.json.errors[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED', details: { retryAfterSeconds: 10 } } });
    expect(codesOf((await close(w.users.head.token)).json)).toEqual(['NOT_FOUND']);
    expect((await limited.post({ query: '{ topics { id } }' }, w.users.specialist.token)).json.errors).toBeUndefined();
    const metrics = await (await fetch(limited.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/^baqylau_rate_limited_total 1$/m);
  });
});

describe('two people acting on one appeal at once', () => {
  async function answeredAppeal() {
    const id = (await app.ok(RegisterAppealDocument, { input: appealInput(w) }, w.users.specialist.token)).registerAppeal.id;
    await app.ok(AssignAppealDocument, { input: { appealId: id, organizationId: w.orgs.enbekshikazakhAkimat } }, w.users.specialist.token);
    const r = await app.ok(
      SubmitResponseDocument,
      { input: { appealId: id, text: 'Водопровод отремонтирован 3 марта, подача воды восстановлена.', decision: 'SATISFIED' } },
      w.users.executorEnbek.token,
    );
    return { id, responseId: r.submitResponse.id };
  }

  it('accepting and returning the same response in parallel: exactly one wins, the other gets CONFLICT', async () => {
    for (let round = 0; round < 3; round++) {
      const { id, responseId } = await answeredAppeal();
      const [accept, ret] = await Promise.all([
        app.gql(ReviewResponseDocument, { input: { responseId, verdict: 'ACCEPTED' } }, w.users.specialist.token),
        app.gql(ReviewResponseDocument, { input: { responseId, verdict: 'RETURNED', reasons: ['OTHER'], comment: 'Нет подтверждающих документов.' } }, w.users.head.token),
      ]);
      const outcomes = [accept, ret].map((r) => (r.errors ? r.errors[0]!.extensions!.code : 'ok'));
      expect([...outcomes].sort()).toEqual(['CONFLICT', 'ok']);
      const a = (await app.ok(AppealFullDocument, { id }, w.users.head.token)).appeal!;
      expect(a.responses[0]!.reviews).toHaveLength(1);
      expect(a.responses[0]!.reviewState).toBe(accept.errors ? 'RETURNED' : 'ACCEPTED');
      expect(a.status).toBe(accept.errors ? 'RETURNED_FOR_REWORK' : 'ANSWERED');
    }
  });

  it('two closes of the same appeal in parallel: one closes it, the other gets CONFLICT', async () => {
    const { id, responseId } = await answeredAppeal();
    await app.ok(ReviewResponseDocument, { input: { responseId, verdict: 'ACCEPTED' } }, w.users.specialist.token);
    const close = `mutation { closeAppeal(appealId: "${id}") { id status } }`;
    const results = await Promise.all([app.raw({ query: close }, w.users.specialist.token), app.raw({ query: close }, w.users.head.token)]);
    expect(results.map((r) => codesOf(r.json)[0] ?? 'ok').sort()).toEqual(['CONFLICT', 'ok']);
    const em = app.database.db.orm.em.fork() as EntityManager;
    expect(await query(em, "select count(*)::int as n from history_event where appeal_id = ? and action = 'close'", [id])).toEqual([{ n: 1 }]);
  });

  it('retries of one registration with the same idempotency key, in parallel, create one appeal', async () => {
    const input: RegisterAppealInput = appealInput(w, { idempotencyKey: 'eotinish:2026-03-02:000123' });
    const results = await Promise.all(Array.from({ length: 8 }, () => app.gql(RegisterAppealDocument, { input }, w.users.specialist.token)));
    expect(results.map((r) => r.errors)).toEqual(Array(8).fill(undefined));
    const ids = new Set(results.map((r) => r.data!.registerAppeal.id));
    expect(ids.size).toBe(1);
    const em = app.database.db.orm.em.fork() as EntityManager;
    expect(await query(em, 'select count(*)::int as n from appeal where idempotency_key = ?', [input.idempotencyKey])).toEqual([{ n: 1 }]);
    expect(await query(em, "select count(*)::int as n from history_event where appeal_id = ? and action = 'register'", [[...ids][0]])).toEqual([{ n: 1 }]);
  });
});

describe('logs', () => {
  it('one JSON line per request with its request id, operation, duration, status and error codes — and no personal data', async () => {
    const lines: string[] = [];
    const logger = createLogger('trace', { write: (s: string) => void lines.push(s) });
    const logged = await startTestApp();
    const lw = await createWorld(logged);
    logged.clock.set('2026-03-02T11:00:00+05:00');
    const a = await extraApp(logged, { nodeEnv: 'production' }, logger);
    try {
      const person = { fullName: 'Тулегенов Марат Серикович', iin: '850215300025', phone: '+7 705 987 65 43', email: 'marat.tulegenov@mail.kz', address: 'с. Шелек, ул. Жибек Жолы, 45' };
      const input = appealInput(lw, {
        text: `Я, ${person.fullName}, ИИН ${person.iin}, тел. ${person.phone}, прошу провести воду.`,
        applicants: [{ kind: 'INDIVIDUAL', ...person }],
      });
      const REGISTER = 'mutation Register($input: RegisterAppealInput!) { registerAppeal(input: $input) { id } }';
      const ok = await a.post({ query: REGISTER, operationName: 'Register', variables: { input } }, lw.users.specialist.token, { 'x-request-id': 'client-42' });
      expect(ok.json.errors).toBeUndefined();
      const bad = await a.post({ query: REGISTER, variables: { input: { ...input, applicants: [{ ...input.applicants[0], iin: '850215300026' }] } } }, lw.users.specialist.token);
      expect(codesOf(bad.json)).toEqual(['BAD_USER_INPUT']);
      // a database failure in the middle of the insert: the driver's error carries the statement and its values
      const em = logged.database.db.orm.em.fork() as EntityManager;
      await query(em, 'alter table applicant rename column full_name to full_name_moved');
      const failed = await a.post({ query: REGISTER, variables: { input: { ...input, idempotencyKey: 'log-test-0001' } } }, lw.users.specialist.token);
      expect(codesOf(failed.json)).toEqual(['INTERNAL_SERVER_ERROR']);
      await query(em, 'alter table applicant rename column full_name_moved to full_name');

      const text = lines.join('');
      for (const secret of ['Тулегенов', 'Марат Серикович', person.iin, '987 65 43', '7059876543', 'marat.tulegenov', 'Жибек Жолы', lw.users.specialist.token]) {
        expect(text, secret).not.toContain(secret);
      }
      const entries = lines.map((l) => JSON.parse(l));
      const requests = entries.filter((e) => e.msg === 'request');
      expect(requests).toHaveLength(3);
      expect(requests[0]).toMatchObject({
        level: 30,
        service: 'baqylau',
        requestId: ok.headers.get('x-request-id'),
        clientRequestId: 'client-42',
        method: 'POST',
        path: '/graphql',
        status: 200,
        operationName: 'Register',
        operation: 'registerAppeal',
        kind: 'mutation',
        actorId: lw.users.specialist.id,
        role: 'specialist',
      });
      expect(requests[0].durationMs).toBeGreaterThan(0);
      expect(requests[1].errorCodes).toEqual(['BAD_USER_INPUT']);
      expect(requests[2].errorCodes).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(requests.every((r) => !('variables' in r) && !('body' in r) && !('query' in r))).toBe(true);
      const failure = entries.find((e) => e.msg === 'unexpected error');
      expect(failure.requestId).toBe(requests[2].requestId);
      expect(failure.err.message).toMatch(/full_name/);
      expect(failure.err.message).not.toMatch(/insert into/i);
    } finally {
      await a.stop();
      await logged.close();
    }
  });
});

describe('/metrics', () => {
  it('serves Prometheus text: operations by root field and outcome, latencies, errors by code, the database pool, the process', async () => {
    await app.raw({ query: '{ topics { id } }' }, w.users.head.token);
    await app.raw({ query: 'mutation { closeAppeal(appealId: "00000000-0000-4000-8000-000000000000") { id } }' }, w.users.specialist.token);
    const res = await fetch(app.url.replace('/graphql', '/metrics'));
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const m = await res.text();
    expect(m).toMatch(/^baqylau_graphql_operations_total\{operation="topics",kind="query",outcome="ok"\} \d+$/m);
    expect(m).toMatch(/^baqylau_graphql_operations_total\{operation="closeAppeal",kind="mutation",outcome="NOT_FOUND"\} 1$/m);
    expect(m).toMatch(/^baqylau_graphql_operation_duration_seconds_bucket\{le="0.1",operation="topics",kind="query"\} \d+$/m);
    expect(m).toMatch(/^baqylau_graphql_errors_total\{code="NOT_FOUND"\} \d+$/m);
    expect(m).toMatch(/^baqylau_http_requests_total\{route="\/graphql",method="POST",status="200"\} \d+$/m);
    expect(m).toMatch(/^baqylau_db_pool_connections\{state="used"\} \d+$/m);
    expect(m).toMatch(/^baqylau_db_pool_connections\{state="pending_acquires"\} \d+$/m);
    // the pool the test database was opened with: 5 connections to PostgreSQL, 1 to the embedded PGlite
    expect(m).toMatch(new RegExp(`^baqylau_db_pool_max ${app.database.db.kind === 'pglite' ? 1 : 5}$`, 'm'));
    expect(m).toMatch(/^baqylau_process_resident_memory_bytes \d+/m);
    expect(m).toMatch(/^baqylau_nodejs_eventloop_lag_seconds /m);
  });

  it('asks for METRICS_TOKEN when one is set', async () => {
    const guarded = await extraApp(app, { nodeEnv: 'production', metricsToken: 'metrics-token-0123456789' });
    try {
      const url = guarded.url.replace('/graphql', '/metrics');
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: 'Bearer metrics-token-0123456789' } })).status).toBe(200);
    } finally {
      await guarded.stop();
    }
  });
});

describe('graceful stop', () => {
  it('finishes a request in flight, refuses new connections, then stops', async () => {
    const a = await extraApp(app, { nodeEnv: 'production' });
    const port = (a.app.server.address() as AddressInfo).port;
    const body = JSON.stringify({ query: '{ topics { code } }' });
    const socket = connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    let response = '';
    socket.on('data', (c) => (response += c));
    const ended = new Promise((r) => socket.once('end', r));
    socket.write(
      `POST /graphql HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\nauthorization: Bearer ${w.users.head.token}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n` +
        body.slice(0, 10),
    );
    while (a.app.inFlight() === 0) await new Promise((r) => setTimeout(r, 10));
    let stopped = false;
    const stopping = a.app.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(stopped).toBe(false);
    await expect(fetch(a.url, { method: 'POST', body })).rejects.toThrow();
    socket.write(body.slice(10));
    await ended; // the server closes the connection once its answer is sent
    await stopping;
    expect(response).toMatch(/^HTTP\/1.1 200 OK/);
    expect(response).toMatch(/"code":"WATER"/);
  });
});

describe('the compiled executor (graphql-jit) answers as graphql-js does', () => {
  it('the same nested list, masked the same way per role, and the same errors with the same codes', async () => {
    for (let i = 0; i < 3; i++) await app.ok(RegisterAppealDocument, { input: appealInput(w, { text: `Во дворе дома ${i + 3} по улице Абая нет освещения, просим установить фонари.` }) }, w.users.specialist.token);
    const interpreted = await extraApp(app, { nodeEnv: 'test', graphqlExecutor: 'graphql-js' });
    const compiled = await extraApp(app, { nodeEnv: 'test', graphqlExecutor: 'jit' });
    try {
      const list = `query L($first: Int) { appeals(first: $first) { totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { id registrationNumber status text receivedAt dueDate isOverdue workingDaysLeft
          adminUnit { kato nameRu } topic { code } applicants { fullName iin phone }
          assignments { role organization { nameRu } } responses { round reviews { verdict reviewer { fullName } } } history { action } } } } }`;
      const asks: [unknown, string | null][] = [
        [{ query: list, variables: { first: 10 } }, w.users.head.token],
        [{ query: list, variables: { first: 10 } }, w.users.analyst.token],
        [{ query: list, variables: { first: 10 } }, w.users.liaison.token],
        [{ query: list, variables: { first: 10 } }, w.users.executorEnbek.token],
        [{ query: list, variables: { first: 1000 } }, w.users.head.token], // BAD_USER_INPUT from the resolver
        [{ query: list, variables: { first: 'ten' } }, w.users.head.token], // variables that do not coerce
        [{ query: list, variables: { first: 1 } }, null], // UNAUTHENTICATED
        [{ query: '{ appeal(id: "00000000-0000-4000-8000-000000000000") { id } }' }, w.users.head.token], // NOT_FOUND
      ];
      for (const [body, token] of asks) {
        const a = await interpreted.post(body, token);
        const b = await compiled.post(body, token);
        expect({ status: b.status, json: b.json }).toEqual({ status: a.status, json: a.json });
      }
      const head = (await compiled.post(asks[0][0], w.users.head.token)).json;
      expect(head.data.appeals.edges.length).toBeGreaterThanOrEqual(3);
      expect(codesOf((await compiled.post(asks[6][0], null)).json)).toEqual(['UNAUTHENTICATED']);
    } finally {
      await interpreted.stop();
      await compiled.stop();
    }
  });
});

import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../src/db/sql';
import { AssignAppealDocument, AuditEventsDocument, RegisterAppealDocument } from '../generated/graphql';
import { startTestApp, type TestApp } from '../support/app';
import { appealInput } from '../support/fixtures';
import { createWorld, tableCounts, type TestWorld } from '../support/world';
import { codesOf } from './access-support';

/**
 * The audit trail (issue 5): every mutation call — whatever its outcome — leaves one append-only record of who,
 * what, on what, when, in which request and how it ended; what it changed is the history of that request.
 */
let app: TestApp;
let w: TestWorld;
let em: EntityManager;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  em = app.database.db.orm.em.fork() as EntityManager;
  app.clock.set('2026-03-02T11:00:00+05:00');
});
afterAll(() => app?.close());

/** Posts a mutation and returns the body and the request id the server gave it. */
async function post(body: unknown, token: string | null) {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { json: (await res.json()) as any, requestId: res.headers.get('x-request-id')! };
}

const REGISTER = `mutation Register($input: RegisterAppealInput!) { registerAppeal(input: $input) { id registrationNumber } }`;
const audit = (filter: Record<string, unknown> = {}, token = w.users.auditor.token, first = 50) =>
  app.ok(AuditEventsDocument, { filter, first }, token);

describe('every mutation call is recorded', () => {
  let appealId: string;
  let registered: { requestId: string };

  beforeAll(async () => {
    const r = await post({ query: REGISTER, operationName: 'Register', variables: { input: appealInput(w) } }, w.users.specialist.token);
    appealId = r.json.data.registerAppeal.id;
    registered = r;
  });

  it('a registration: who, role, organization, action, target, time, request id, outcome and what it changed', async () => {
    const { auditEvents } = await audit({ requestId: registered.requestId });
    expect(auditEvents.totalCount).toBe(1);
    const e = auditEvents.edges[0]!.node;
    expect(e).toMatchObject({
      action: 'registerAppeal',
      operationName: 'Register',
      outcome: 'ok',
      errorField: null,
      actorId: w.users.specialist.id,
      actorRole: 'specialist',
      organizationId: w.orgs.department,
      targetType: 'Appeal',
      targetId: appealId,
      requestId: registered.requestId,
      at: '2026-03-02T06:00:00.000Z',
      actor: { id: w.users.specialist.id, fullName: 'Ким Ольга Викторовна' },
      organization: { id: w.orgs.department },
    });
    expect(e.targetIds).toMatchObject({ 'input.adminUnitId': w.districts.enbekshikazakh.id, 'input.addresseeId': w.orgs.apparatus, 'result.id': appealId });
    expect(e.durationMs).toBeGreaterThanOrEqual(0);
    // before/after: the history records the same request wrote
    expect(e.changes.map((c) => c.action)).toContain('register');
    expect(e.changes.find((c) => c.action === 'register')!.after).toMatchObject({ status: 'registered', dueDate: '2026-03-27' }) // 15 working days; 21–23 March (Nauryz) are holidays;
  });

  it('refused and failed calls too, with the code the caller got; anonymous attempts are not written', async () => {
    const before = await tableCounts(app);
    const forbidden = await post({ query: REGISTER, variables: { input: appealInput(w) } }, w.users.executorEnbek.token);
    expect(codesOf(forbidden.json)).toEqual(['FORBIDDEN']);
    const conflict = await post({ query: `mutation { closeAppeal(appealId: "${appealId}") { id } }` }, w.users.specialist.token);
    expect(codesOf(conflict.json)).toEqual(['CONFLICT']);
    const bad = await post({ query: REGISTER, variables: { input: appealInput(w, { text: '' }) } }, w.users.specialist.token);
    expect(codesOf(bad.json)).toEqual(['BAD_USER_INPUT']);
    const auditedBefore = Number((await query<{ n: string }>(em, 'select count(*) as n from audit_event'))[0].n);
    const nobody = await post({ query: REGISTER, variables: { input: appealInput(w) } }, null);
    expect(codesOf(nobody.json)).toEqual(['UNAUTHENTICATED']);
    expect(Number((await query<{ n: string }>(em, 'select count(*) as n from audit_event'))[0].n)).toBe(auditedBefore);
    expect(await tableCounts(app)).toEqual(before);

    const one = async (requestId: string) => (await audit({ requestId })).auditEvents.edges.map((x) => x.node);
    expect(await one(forbidden.requestId)).toMatchObject([{ action: 'registerAppeal', outcome: 'FORBIDDEN', actorRole: 'executor', organizationId: w.orgs.enbekshikazakhAkimat, targetId: null, changes: [] }]);
    expect(await one(conflict.requestId)).toMatchObject([{ action: 'closeAppeal', outcome: 'CONFLICT', targetType: 'Appeal', targetId: appealId, changes: [] }]);
    expect(await one(bad.requestId)).toMatchObject([{ action: 'registerAppeal', outcome: 'BAD_USER_INPUT', errorField: 'text' }]);
  });

  it('several mutations in one request: one record each, in the same request', async () => {
    const r = await post(
      {
        query: `mutation { a: takeAppealOnControl(appealId: "${appealId}") { id onControl } b: closeAppeal(appealId: "${appealId}") { id } }`,
      },
      w.users.head.token,
    );
    // closeAppeal's CONFLICT nulls the whole answer (its field is non-null), but the first change is made and kept.
    expect(codesOf(r.json)).toEqual(['CONFLICT']);
    const now = await app.raw({ query: `{ appeal(id: "${appealId}") { onControl } }` }, w.users.head.token);
    expect(now.json.data.appeal.onControl).toBe(true);
    const events = (await audit({ requestId: r.requestId })).auditEvents.edges.map((x) => x.node);
    expect(events.map((e) => `${e.action}:${e.outcome}`).sort()).toEqual(['closeAppeal:CONFLICT', 'takeAppealOnControl:ok']);
    // Both records of the request show the one change it made (history is joined by request id).
    expect(events.find((e) => e.action === 'takeAppealOnControl')!.changes.map((c) => c.action)).toEqual(['take_on_control']);
  });

  it('is filtered by action, official, object, outcome and time, newest first, page by page', async () => {
    const all = (await audit({}, w.users.head.token)).auditEvents;
    expect(all.totalCount).toBeGreaterThanOrEqual(6);
    const times = all.edges.map((e) => e.node.at);
    expect([...times].sort().reverse()).toEqual(times);
    const byAction = (await audit({ action: 'registerAppeal' })).auditEvents;
    expect(byAction.edges.every((e) => e.node.action === 'registerAppeal')).toBe(true);
    expect((await audit({ actorId: w.users.executorEnbek.id })).auditEvents.edges.map((e) => e.node.outcome)).toEqual(['FORBIDDEN']);
    expect((await audit({ targetId: appealId, outcome: 'ok' })).auditEvents.edges.map((e) => e.node.action).sort()).toEqual(['registerAppeal', 'takeAppealOnControl']);
    expect((await audit({ from: '2026-03-02T07:00:00Z' })).auditEvents.totalCount).toBe(0);
    const page1 = await app.ok(AuditEventsDocument, { first: 2 }, w.users.auditor.token);
    const page2 = await app.ok(AuditEventsDocument, { first: 2, after: page1.auditEvents.pageInfo.endCursor }, w.users.auditor.token);
    expect(page1.auditEvents.pageInfo.hasNextPage).toBe(true);
    const ids = [...page1.auditEvents.edges, ...page2.auditEvents.edges].map((e) => e.node.id);
    expect(ids).toEqual(all.edges.slice(0, 4).map((e) => e.node.id));
  });

  it('is read by the auditor, the head and the administrator only', async () => {
    for (const who of ['auditor', 'head', 'admin'] as const) {
      expect((await app.gql(AuditEventsDocument, { first: 1 }, w.users[who].token)).errors).toBeUndefined();
    }
    for (const who of ['deputy', 'specialist', 'executorEnbek', 'analyst', 'liaison'] as const) {
      expect(codesOf(await app.gql(AuditEventsDocument, { first: 1 }, w.users[who].token))).toEqual(['FORBIDDEN']);
    }
    expect(codesOf(await app.gql(AuditEventsDocument, { first: 1 }, null))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await app.gql(AuditEventsDocument, { first: 101 }, w.users.auditor.token))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await app.gql(AuditEventsDocument, { after: 'bm90LWEtY3Vyc29y' }, w.users.auditor.token))).toEqual(['BAD_USER_INPUT']);
  });

  it("shows the auditor the changes with personal data masked (a reviewer's comment naming the applicant)", async () => {
    const id = (await app.ok(RegisterAppealDocument, { input: appealInput(w) }, w.users.specialist.token)).registerAppeal.id;
    await app.ok(AssignAppealDocument, { input: { appealId: id, organizationId: w.orgs.enbekshikazakhAkimat } }, w.users.specialist.token);
    const submit = await app.raw(
      { query: `mutation { submitResponse(input: { appealId: "${id}", text: "Подача воды восстановлена, акт прилагается к ответу.", decision: SATISFIED }) { id } }` },
      w.users.executorEnbek.token,
    );
    const responseId = submit.json.data.submitResponse.id;
    const review = await post(
      {
        query: `mutation($i: ReviewResponseInput!) { reviewResponse(input: $i) { id } }`,
        variables: { i: { responseId, verdict: 'RETURNED', reasons: ['OTHER'], comment: 'Позвоните Сапаровой Айгерим Нурлановне: +7 701 123 45 67' } },
      },
      w.users.specialist.token,
    );
    const forAuditor = (await audit({ requestId: review.requestId })).auditEvents.edges[0]!.node;
    const change = forAuditor.changes.find((c) => c.action === 'return_for_rework')!;
    expect(change.after).toMatchObject({ comment: 'Позвоните [name]: [phone]' });
    const forHead = (await audit({ requestId: review.requestId }, w.users.head.token)).auditEvents.edges[0]!.node;
    expect(forHead.changes.find((c) => c.action === 'return_for_rework')!.after).toMatchObject({ comment: 'Позвоните Сапаровой Айгерим Нурлановне: +7 701 123 45 67' });
  });
});

describe('reading the trail', () => {
  it('a page with officials, organizations and changes costs the same SQL statements for 3 records as for 40 (no N+1)', async () => {
    for (let i = 0; i < 20; i++) {
      await app.ok(RegisterAppealDocument, { input: appealInput(w) }, i % 2 ? w.users.specialist.token : w.users.deputy.token);
      await app.raw({ query: 'mutation { closeAppeal(appealId: "00000000-0000-4000-8000-000000000000") { id } }' }, w.users.head.token);
    }
    const count = async (first: number) => {
      app.database.statements.length = 0;
      const page = (await audit({}, w.users.auditor.token, first)).auditEvents;
      expect(page.edges).toHaveLength(first);
      expect(page.edges.some((e) => e.node.changes.length > 0 && e.node.actor && e.node.organization)).toBe(true);
      return app.database.statements.length;
    };
    const few = await count(3);
    const many = await count(40);
    expect(many).toBe(few);
    // authentication, the page, the total, then one each for officials, organizations and changes
    expect(few).toBeLessThanOrEqual(6);
  });
});

describe('the record is append-only', () => {
  it('the database itself refuses UPDATE, DELETE and TRUNCATE on it', async () => {
    await app.ok(RegisterAppealDocument, { input: appealInput(w) }, w.users.specialist.token);
    await expect(query(em, "update audit_event set outcome = 'ok'")).rejects.toThrow(/append-only/);
    await expect(query(em, 'delete from audit_event')).rejects.toThrow(/append-only/);
    await expect(query(em, 'truncate audit_event')).rejects.toThrow(/append-only/);
    const [{ n }] = await query<{ n: string }>(em, 'select count(*) as n from audit_event');
    expect(Number(n)).toBeGreaterThan(0);
  });
});

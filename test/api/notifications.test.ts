import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { query } from '../../src/db/sql';
import { LoggingSender, type NoticeSender, type OutgoingNotice } from '../../src/notifications/senders';
import { NotificationWorker } from '../../src/notifications/worker';
import {
  AppealNotificationsDocument,
  AssignAppealDocument,
  ExtendAppealDeadlineDocument,
  ForwardAppealDocument,
  RegisterAppealDocument,
  StartAppealWorkDocument,
  SubmitResponseDocument,
} from '../generated/graphql';
import { startTestApp, type TestApp } from '../support/app';
import { appealInput, IIN } from '../support/fixtures';
import { createWorld, tableCounts, type TestWorld } from '../support/world';

let app: TestApp;
let w: TestWorld;
const em = () => app.database.db.orm.em.fork() as EntityManager;

/** A gateway that remembers every hand-over and, like a real one, delivers a message once per idempotency key. */
class RecordingGateway implements NoticeSender {
  readonly name = 'recording';
  readonly channels = ['email', 'sms', 'post'] as const;
  handovers: OutgoingNotice[] = [];
  delivered = new Map<string, OutgoingNotice>();
  failNext = 0;
  async send(n: OutgoingNotice) {
    this.handovers.push(n);
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('gateway timeout');
    }
    if (!this.delivered.has(n.idempotencyKey)) this.delivered.set(n.idempotencyKey, n);
    return { externalId: `ext-${n.idempotencyKey.slice(0, 8)}` };
  }
}

const worker = (senders: NoticeSender[], extra: Partial<ConstructorParameters<typeof NotificationWorker>[0]> = {}) =>
  new NotificationWorker({ orm: app.database.db.orm, senders, now: app.clock.now, ...extra });

/** Registers an appeal received now (by the test clock) unless the test says otherwise. */
const register = async (over = {}) =>
  (await app.ok(RegisterAppealDocument, { input: appealInput(w, { receivedAt: app.clock.now().toISOString(), ...over }) }, w.users.specialist.token)).registerAppeal;
const notices = async (appealId: string, token = w.users.head.token) => (await app.ok(AppealNotificationsDocument, { appealId }, token)).notifications;
const pendingCount = async () => Number((await query<{ n: string }>(em(), "select count(*) as n from notification where status = 'pending'"))[0].n);

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
});
afterAll(() => app?.close());

describe('the notices the law requires are written with the change that causes them', () => {
  it('registration writes the talon (number, date and time, receiving official) due the same day; one per applicant; none for an anonymous appeal', async () => {
    app.clock.set('2026-03-02T11:00:00+05:00');
    const a = await register();
    const [n] = await notices(a.id);
    expect(n).toMatchObject({ kind: 'REGISTRATION', status: 'PENDING', dueDate: '2026-03-02', attempts: 0, sentAt: null, isLate: false, channel: null });
    expect(n.subject).toBe(`Обращение ${a.registrationNumber} зарегистрировано`);
    const [payload] = await query<{ payload: any }>(em(), 'select payload from notification where id = ?', [n.id]);
    expect(payload.payload).toMatchObject({ registrationNumber: a.registrationNumber, registeredAt: '2026-03-02T11:00:00', receivingOfficial: 'Ким Ольга Викторовна, specialist' });

    const collective = await register({
      applicants: [
        { kind: 'INDIVIDUAL', fullName: 'Сапарова Айгерим Нурлановна', iin: IIN.aigerim, address: 'с. Шелек, ул. Абая, 12', email: 'aigerim@example.kz' },
        { kind: 'INDIVIDUAL', fullName: 'Ахметов Болат', iin: IIN.bolat, address: 'с. Шелек, ул. Абая, 14', phone: '+77017654321' },
      ],
    });
    expect((await notices(collective.id)).map((x) => x.kind)).toEqual(['REGISTRATION', 'REGISTRATION']);
    const anonymous = await register({ anonymous: true, applicants: [] });
    expect(await notices(anonymous.id)).toEqual([]);
  });

  it('forwarding (art. 65: due 3 working days after receipt), extension (art. 76: 3 working days after the decision) and the answer (due with the deadline) each write a notice', async () => {
    app.clock.set('2026-03-03T10:00:00+05:00');
    const f = await register({ receivedAt: '2026-03-03T09:30:00+05:00' });
    await app.ok(ForwardAppealDocument, { input: { appealId: f.id, to: 'Департамент полиции Алматинской области', reason: 'Вопрос относится к компетенции органов внутренних дел' } }, w.users.specialist.token);
    expect((await notices(f.id)).map((x) => [x.kind, x.dueDate])).toEqual([
      ['REGISTRATION', '2026-03-03'],
      ['FORWARDING', '2026-03-06'],
    ]);

    const e = await register({ receivedAt: '2026-03-03T09:40:00+05:00' });
    await app.ok(AssignAppealDocument, { input: { appealId: e.id, organizationId: w.orgs.enbekshikazakhAkimat } }, w.users.specialist.token);
    app.clock.set('2026-03-10T10:00:00+05:00');
    await app.ok(ExtendAppealDeadlineDocument, { input: { appealId: e.id, newDueDate: '2026-04-15', reason: 'Требуется комиссионное обследование сетей' } }, w.users.head.token);
    await app.ok(StartAppealWorkDocument, { appealId: e.id }, w.users.executorEnbek.token);
    app.clock.set('2026-04-01T10:00:00+05:00');
    await app.ok(SubmitResponseDocument, { input: { appealId: e.id, text: 'Водоснабжение восстановлено 30 марта, акт приёмки работ прилагается.', decision: 'SATISFIED' } }, w.users.executorEnbek.token);
    expect((await notices(e.id)).map((x) => [x.kind, x.dueDate])).toEqual([
      ['REGISTRATION', '2026-03-03'],
      ['EXTENSION', '2026-03-13'],
      ['ANSWER', '2026-04-15'],
    ]);
  });

  it('a refused move writes no notice', async () => {
    app.clock.set('2026-03-03T10:00:00+05:00');
    const before = await tableCounts(app);
    const [{ n: n0 }] = await query<{ n: string }>(em(), 'select count(*) as n from notification');
    const r = await app.gql(RegisterAppealDocument, { input: appealInput(w, { text: 'ну' }) }, w.users.specialist.token);
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const a = await register();
    const bad = await app.gql(ExtendAppealDeadlineDocument, { input: { appealId: a.id, newDueDate: '2026-03-04', reason: 'короткая' } }, w.users.head.token);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const [{ n: n1 }] = await query<{ n: string }>(em(), 'select count(*) as n from notification');
    expect(Number(n1) - Number(n0)).toBe(1); // only the registration of `a`
    expect((await tableCounts(app)).appeal).toBe(before.appeal + 1);
  });

  it('the notice and the change commit together: when the notice cannot be written, the registration is not either', async () => {
    app.clock.set('2026-03-03T12:00:00+05:00');
    await query(em(), "alter table notification add constraint test_no_talons check (kind <> 'registration') not valid");
    try {
      const before = await tableCounts(app);
      const r = await app.gql(RegisterAppealDocument, { input: appealInput(w, { receivedAt: '2026-03-03T11:30:00+05:00' }) }, w.users.specialist.token);
      expect(r.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await tableCounts(app)).toEqual(before);
    } finally {
      await query(em(), 'alter table notification drop constraint test_no_talons');
    }
  });

  it('only roles that read appeals see notices; an executor only those of appeals assigned to it', async () => {
    app.clock.set('2026-03-04T10:00:00+05:00');
    const a = await register();
    await app.ok(AssignAppealDocument, { input: { appealId: a.id, organizationId: w.orgs.zhambylAkimat } }, w.users.specialist.token);
    expect(await notices(a.id, w.users.executorZhambyl.token)).toHaveLength(1);
    expect(await notices(a.id, w.users.analyst.token)).toHaveLength(1);
    const other = await app.gql(AppealNotificationsDocument, { appealId: a.id }, w.users.executorEnbek.token);
    expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const liaison = await app.gql(AppealNotificationsDocument, { appealId: a.id }, w.users.liaison.token);
    expect(liaison.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the worker delivers each notice once, with retries, and loses none', () => {
  // Each scenario starts with an empty outbox: what earlier ones left is delivered first.
  beforeEach(async () => {
    const at = app.clock.now();
    app.clock.set('2026-12-31T12:00:00+05:00');
    await worker([new RecordingGateway()]).runOnce();
    app.clock.set(at);
  });

  it('delivers through the sender for the channel and marks the notice sent; the logging sender logs no personal data', async () => {
    app.clock.set('2026-03-05T10:00:00+05:00');
    const a = await register();
    const lines: string[] = [];
    const logger = { info: (obj: unknown, msg: string) => lines.push(JSON.stringify(obj) + msg) };
    app.clock.set('2026-03-05T10:00:30+05:00');
    const r = await worker([new LoggingSender(logger as any)]).runOnce();
    expect(r).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0 });
    const [n] = await notices(a.id);
    expect(n).toMatchObject({ status: 'SENT', channel: 'EMAIL', sender: 'log', attempts: 1, sentAt: '2026-03-05T05:00:30.000Z', isLate: false, lastError: null });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(a.registrationNumber);
    for (const secret of ['aigerim@example.kz', IIN.aigerim, '+77011234567', '7011234567', 'Сапарова', 'Абая']) expect(lines[0]).not.toContain(secret);
    expect(await pendingCount()).toBe(0);
  });

  it('retries a failing delivery with exponential backoff, then delivers; a permanent failure is marked failed at once', async () => {
    app.clock.set('2026-03-06T10:00:00+05:00');
    const a = await register();
    const gw = new RecordingGateway();
    gw.failNext = 2;
    const wk = worker([gw], { retry: { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 3_600_000 } });
    expect(await wk.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    expect(await wk.runOnce()).toMatchObject({ claimed: 0 }); // not before the backoff
    app.clock.set('2026-03-06T10:01:00+05:00');
    expect(await wk.runOnce()).toMatchObject({ claimed: 1, retried: 1 }); // second failure: next in 2 minutes
    app.clock.set('2026-03-06T10:02:30+05:00');
    expect(await wk.runOnce()).toMatchObject({ claimed: 0 });
    app.clock.set('2026-03-06T10:03:00+05:00');
    expect(await wk.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    const [n] = await notices(a.id);
    expect(n).toMatchObject({ status: 'SENT', attempts: 3, lastError: null, sentAt: '2026-03-06T05:03:00.000Z' });
    expect(gw.handovers).toHaveLength(3);

    // no contact at all: nothing to retry
    const b = await register({ applicants: [{ kind: 'INDIVIDUAL', fullName: 'Ахметов Болат', iin: IIN.bolat, address: 'с. Шелек, ул. Абая, 14' }] });
    await query(em(), "update applicant set address = null, phone = null, email = null where iin = ?", [IIN.bolat]);
    expect(await wk.runOnce()).toMatchObject({ claimed: 1, failed: 1 });
    const [f] = await notices(b.id);
    expect(f.status).toBe('FAILED');
    expect(f.lastError).toMatch(/no e-mail, phone or postal address/);
    await query(em(), "update applicant set address = 'с. Шелек, ул. Абая, 14' where iin = ?", [IIN.bolat]);
  });

  it('a worker that dies after claiming leaves the notice to another, which delivers it exactly once', async () => {
    app.clock.set('2026-03-09T10:00:00+05:00');
    const a = await register();
    const gw = new RecordingGateway();
    const dying = worker([gw], { leaseMs: 60_000, workerId: 'dying' });
    const claimed = await dying.claim();
    expect(claimed.map((c) => c.id)).toHaveLength(1);
    // … the process dies here: nothing delivered, nothing marked.
    const next = worker([gw], { leaseMs: 60_000, workerId: 'next' });
    expect(await next.runOnce()).toMatchObject({ claimed: 0 }); // the lease still holds
    app.clock.set('2026-03-09T10:01:01+05:00');
    expect(await next.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await next.runOnce()).toMatchObject({ claimed: 0 });
    expect(gw.handovers.map((h) => h.idempotencyKey)).toEqual([claimed[0].id]);
    const [n] = await notices(a.id);
    expect(n).toMatchObject({ status: 'SENT', attempts: 2 });
    // the dead worker's late mark cannot change what the new one recorded
    await dying.markSent(claimed[0], 'email', 'recording');
    expect((await notices(a.id))[0].sentAt).toBe('2026-03-09T05:01:01.000Z');
  });

  it('a worker that dies between the gateway accepting and marking: the notice is handed over again with the same key and delivered once', async () => {
    app.clock.set('2026-03-10T10:00:00+05:00');
    await register();
    const gw = new RecordingGateway();
    const dying = worker([gw], { leaseMs: 60_000 });
    const [c] = await dying.claim();
    await gw.send({ idempotencyKey: c.id, kind: c.kind, channel: 'email', registrationNumber: c.payload.registrationNumber, recipient: c.recipient, subject: 's', body: 'b' });
    // … dies before marking.
    app.clock.set('2026-03-10T10:02:00+05:00');
    expect(await worker([gw]).runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(gw.handovers.map((h) => h.idempotencyKey)).toEqual([c.id, c.id]);
    expect(gw.delivered.size).toBe(1);
  });

  it('two workers running at once never claim the same notice', async () => {
    app.clock.set('2026-03-11T10:00:00+05:00');
    for (let i = 0; i < 12; i++) await register({ receivedAt: `2026-03-11T09:${String(10 + i).padStart(2, '0')}:00+05:00` });
    const gw = new RecordingGateway();
    const results = await Promise.all([worker([gw], { batchSize: 3 }).runOnce(), worker([gw], { batchSize: 3 }).runOnce(), worker([gw], { batchSize: 3 }).runOnce()]);
    expect(results.reduce((s, r) => s + r.sent, 0)).toBe(12);
    expect(gw.handovers).toHaveLength(12);
    expect(new Set(gw.handovers.map((h) => h.idempotencyKey)).size).toBe(12);
    expect(await pendingCount()).toBe(0);
  });

  it('a notice delivered after its legal deadline is late', async () => {
    app.clock.set('2026-03-12T17:00:00+05:00');
    const a = await register();
    app.clock.set('2026-03-13T09:00:00+05:00'); // the worker was down overnight
    await worker([new RecordingGateway()]).runOnce();
    const [n] = await notices(a.id);
    expect(n).toMatchObject({ status: 'SENT', dueDate: '2026-03-12', isLate: true });
  });
});

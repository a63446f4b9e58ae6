import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../src/db/sql';
import { NotificationWorker } from '../../src/notifications/worker';
import type { NoticeSender } from '../../src/notifications/senders';
import {
  AssignAppealDocument,
  CompleteOfficeCheckDocument,
  OfficeCheckDocument,
  OfficeChecksDocument,
  PlanOfficeCheckDocument,
  RecordOfficeCheckFollowUpDocument,
  RegisterAppealDocument,
  StartAppealWorkDocument,
  StartOfficeCheckDocument,
  SubmitResponseDocument,
} from '../generated/graphql';
import { startTestApp, type GraphQLResult, type TestApp } from '../support/app';
import { appealInput } from '../support/fixtures';
import { createWorld, tableCounts, type TestWorld } from '../support/world';

let app: TestApp;
let w: TestWorld;
const numbers: Record<string, string> = {};

const sender: NoticeSender = { name: 'test', channels: ['email', 'sms', 'post'], send: async () => ({}) };
const deliver = () => new NotificationWorker({ orm: app.database.db.orm, senders: [sender], now: app.clock.now }).runOnce();

async function counts() {
  const em = app.database.db.orm.em.fork() as EntityManager;
  const out: Record<string, number> = await tableCounts(app);
  for (const t of ['office_check', 'control_violation']) out[t] = Number((await query<{ n: string }>(em, `select count(*) as n from ${t}`))[0].n);
  out.checkVersions = Number((await query<{ n: string }>(em, 'select coalesce(sum(version), 0) as n from office_check'))[0].n);
  return out;
}

async function refused(run: () => Promise<GraphQLResult<unknown>>, code: string, detail?: { field?: string; reason?: string }) {
  const before = await counts();
  const r = await run();
  expect(r.errors, JSON.stringify(r)).toBeDefined();
  expect(r.errors![0].extensions?.code).toBe(code);
  if (detail?.field) expect(r.errors![0].extensions?.field).toBe(detail.field);
  if (detail?.reason) expect((r.errors![0].extensions?.details as any)?.reason).toBe(detail.reason);
  expect(await counts()).toEqual(before);
}

const register = async (key: string, receivedAt: string, over = {}) => {
  const a = (await app.ok(RegisterAppealDocument, { input: appealInput(w, { receivedAt, addresseeId: w.orgs.enbekshikazakhAkimat, ...over }) }, w.users.specialist.token)).registerAppeal;
  numbers[key] = a.registrationNumber;
  return a.id;
};

/**
 * The Enbekshikazakh akimat's March: one appeal registered two days late (and its talon sent late), one left
 * unanswered past its deadline, one answered but never reviewed, and one repeated appeal on an issue it answered.
 */
beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  app.clock.set('2026-03-02T11:00:00+05:00');
  const unanswered = await register('unanswered', '2026-03-02T10:30:00+05:00');
  const answered = await register('answered', '2026-03-02T10:40:00+05:00');
  for (const id of [unanswered, answered]) await app.ok(AssignAppealDocument, { input: { appealId: id, organizationId: w.orgs.enbekshikazakhAkimat } }, w.users.specialist.token);
  await deliver();
  app.clock.set('2026-03-04T10:00:00+05:00');
  await register('late', '2026-03-02T09:00:00+05:00');
  app.clock.set('2026-03-05T10:00:00+05:00');
  await app.ok(StartAppealWorkDocument, { appealId: answered }, w.users.executorEnbek.token);
  await app.ok(SubmitResponseDocument, { input: { appealId: answered, text: 'Водоснабжение восстановлено, график подачи воды доведён до жителей.', decision: 'SATISFIED' } }, w.users.executorEnbek.token);
  await deliver();
  app.clock.set('2026-03-06T10:00:00+05:00');
  await register('repeat', '2026-03-06T09:00:00+05:00', { repeatOfId: answered });
  await deliver();
});
afterAll(() => app?.close());

describe('a check of an organization’s office work on appeals', () => {
  let checkId: string;

  it('is planned for a past period with an inspector of the department; its findings are computed from the record', async () => {
    app.clock.set('2026-03-31T12:00:00+05:00');
    const plan = (over: Record<string, unknown> = {}) =>
      app.gql(PlanOfficeCheckDocument, { input: { organizationId: w.orgs.enbekshikazakhAkimat, periodFrom: '2026-03-01', periodTo: '2026-03-31', plannedOn: '2026-04-01', inspectorId: w.users.auditor.id, ...over } }, w.users.head.token);
    await refused(() => plan({ plannedOn: '2026-03-15' }), 'BAD_USER_INPUT', { field: 'plannedOn' });
    await refused(() => plan({ inspectorId: w.users.executorZhambyl.id }), 'BAD_USER_INPUT', { field: 'inspectorId' });
    await refused(() => app.gql(PlanOfficeCheckDocument, { input: { organizationId: w.orgs.enbekshikazakhAkimat, periodFrom: '2026-03-01', periodTo: '2026-03-31', plannedOn: '2026-04-01', inspectorId: w.users.auditor.id } }, w.users.executorEnbek.token), 'FORBIDDEN');
    const c = (await plan()).data!.planOfficeCheck;
    checkId = c.id;
    expect(c).toMatchObject({ status: 'PLANNED', inspector: { id: w.users.auditor.id }, organization: { id: w.orgs.enbekshikazakhAkimat } });
    const found = Object.fromEntries(c.findings.map((f) => [f.kind, f.items.map((i) => [i.registrationNumber, i.detail])]));
    expect(found).toEqual({
      LATE_REGISTRATION: [[numbers.late, 'registered 2026-03-04, due 2026-03-02']],
      MISSED_DEADLINE: [[numbers.unanswered, 'still open, due 2026-03-27']],
      ANSWER_WITHOUT_REVIEW: [[numbers.answered, 'answer of 2026-03-05 not reviewed by 2026-03-11']],
      REPEATED_APPEAL: [[numbers.repeat, `repeats ${numbers.answered}`]],
      LATE_NOTICE: [[numbers.late, 'registration notice due 2026-03-02, sent 2026-03-05']],
    });
    await refused(() => plan({ periodFrom: '2026-03-15', periodTo: '2026-03-20' }), 'CONFLICT', { reason: 'OVERLAPPING_CHECK' });
  });

  it('is conducted by its inspector: completed with recommendations and a follow-up date; what it found is recorded as violations', async () => {
    app.clock.set('2026-04-01T10:00:00+05:00');
    await refused(() => app.gql(StartOfficeCheckDocument, { checkId }, w.users.specialist.token), 'FORBIDDEN');
    await refused(() => app.gql(CompleteOfficeCheckDocument, { input: { checkId, recommendations: 'Обеспечить своевременную регистрацию обращений.', followUpDate: '2026-04-30' } }, w.users.auditor.token), 'CONFLICT', { reason: 'FORBIDDEN_TRANSITION' });
    await app.ok(StartOfficeCheckDocument, { checkId }, w.users.auditor.token);
    await refused(() => app.gql(CompleteOfficeCheckDocument, { input: { checkId, recommendations: 'Обеспечить своевременную регистрацию обращений.', followUpDate: '2026-04-01' } }, w.users.auditor.token), 'BAD_USER_INPUT', { field: 'followUpDate' });
    const done = (
      await app.ok(
        CompleteOfficeCheckDocument,
        {
          input: {
            checkId,
            inspectorFindings: 'Журнал регистрации ведётся с пропусками; ответственный за делопроизводство не назначен приказом.',
            recommendations: 'Назначить ответственного за регистрацию обращений, регистрировать в день поступления, уведомлять заявителей в срок.',
            followUpDate: '2026-04-30',
          },
        },
        w.users.auditor.token,
      )
    ).completeOfficeCheck;
    expect(done).toMatchObject({ status: 'COMPLETED', followUpDate: '2026-04-30', completedAt: '2026-04-01T05:00:00.000Z' });
    expect(done.violations.map((v) => v.kind).sort()).toEqual(['INCOMPLETE_EXECUTION', 'LATE_NOTICE', 'LATE_REGISTRATION', 'MISSED_DEADLINE', 'OFFICE_WORK']);
    expect(done.violations.find((v) => v.kind === 'LATE_NOTICE')!.description).toContain(numbers.late);

    // the findings are frozen at completion: answering later does not change the report
    app.clock.set('2026-04-02T10:00:00+05:00');
    const ids = (await query<{ id: string }>(app.database.db.orm.em.fork() as any, 'select id from appeal where registration_number = ?', [numbers.unanswered]))[0].id;
    await app.ok(StartAppealWorkDocument, { appealId: ids }, w.users.executorEnbek.token);
    await app.ok(SubmitResponseDocument, { input: { appealId: ids, text: 'Ответ дан с опозданием, вопрос решён 2 апреля.', decision: 'SATISFIED' } }, w.users.executorEnbek.token);
    const again = (await app.ok(OfficeCheckDocument, { id: checkId }, w.users.head.token)).officeCheck;
    expect(again.findings.find((f) => f.kind === 'MISSED_DEADLINE')!.items[0].detail).toBe('still open, due 2026-03-27');
  });

  it('records the follow-up once, on or after its date; the akimat checked sees its check, others do not', async () => {
    await refused(() => app.gql(RecordOfficeCheckFollowUpDocument, { input: { checkId, result: 'Ответственный назначен приказом №12, нарушений не выявлено.' } }, w.users.auditor.token), 'CONFLICT', { reason: 'FOLLOW_UP_NOT_DUE' });
    app.clock.set('2026-04-30T10:00:00+05:00');
    const f = (await app.ok(RecordOfficeCheckFollowUpDocument, { input: { checkId, result: 'Ответственный назначен приказом №12, нарушений не выявлено.' } }, w.users.auditor.token)).recordOfficeCheckFollowUp;
    expect(f.followUpResult).toBe('Ответственный назначен приказом №12, нарушений не выявлено.');
    await refused(() => app.gql(RecordOfficeCheckFollowUpDocument, { input: { checkId, result: 'Повторная запись результатов контроля исполнения.' } }, w.users.auditor.token), 'CONFLICT', { reason: 'ALREADY_RECORDED' });
    expect((await app.ok(OfficeChecksDocument, {}, w.users.executorEnbek.token)).officeChecks.map((c) => c.id)).toEqual([checkId]);
    expect((await app.ok(OfficeChecksDocument, {}, w.users.executorZhambyl.token)).officeChecks).toEqual([]);
    await refused(() => app.gql(OfficeCheckDocument, { id: checkId }, w.users.executorZhambyl.token), 'NOT_FOUND');
    await refused(() => app.gql(OfficeChecksDocument, {}, w.users.liaison.token), 'FORBIDDEN');
  });

  it('lists checks with their live findings in a constant number of statements', async () => {
    app.clock.set('2026-05-04T10:00:00+05:00');
    const plan = (organizationId: string, periodFrom: string) =>
      app.ok(PlanOfficeCheckDocument, { input: { organizationId, periodFrom, periodTo: '2026-04-30', plannedOn: '2026-05-05', inspectorId: w.users.auditor.id } }, w.users.head.token);
    await plan(w.orgs.zhambylAkimat, '2026-03-01');
    const count = async () => {
      app.database.statements.length = 0;
      const r = await app.ok(OfficeChecksDocument, {}, w.users.head.token);
      return [r.officeChecks.length, app.database.statements.length];
    };
    const [n1, s1] = await count();
    await plan(w.orgs.ruralAkimat, '2026-03-01');
    await plan(w.orgs.energyDept, '2026-03-01');
    await plan(w.orgs.enbekshikazakhAkimat, '2026-04-01');
    const [n2, s2] = await count();
    expect([n1, n2]).toEqual([2, 5]);
    expect(s2).toBe(s1);
    // the live findings of the new check of April: the unanswered appeal was answered late on 2 April (received in March: outside)
    const april = (await app.ok(OfficeChecksDocument, { organizationId: w.orgs.enbekshikazakhAkimat }, w.users.head.token)).officeChecks.find((c) => c.periodFrom === '2026-04-01')!;
    expect(april.findings.map((f) => f.count)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('the follow-up of a check', () => {
  it('is recorded before its date when the organization has already fixed the findings, and only then', async () => {
    app.clock.set('2026-06-01T10:00:00+05:00');
    const c = (
      await app.ok(
        PlanOfficeCheckDocument,
        { input: { organizationId: w.orgs.police, periodFrom: '2026-05-01', periodTo: '2026-05-31', plannedOn: '2026-06-02', inspectorId: w.users.auditor.id } },
        w.users.head.token,
      )
    ).planOfficeCheck;
    app.clock.set('2026-06-02T10:00:00+05:00');
    await app.ok(StartOfficeCheckDocument, { checkId: c.id }, w.users.auditor.token);
    await app.ok(
      CompleteOfficeCheckDocument,
      { input: { checkId: c.id, recommendations: 'Назначить ответственного за регистрацию обращений приказом руководителя.', followUpDate: '2026-07-15' } },
      w.users.auditor.token,
    );
    app.clock.set('2026-06-20T10:00:00+05:00');
    const result = 'Ответственный назначен приказом №45 от 15.06.2026; журнал регистрации приведён в порядок.';
    await refused(() => app.gql(RecordOfficeCheckFollowUpDocument, { input: { checkId: c.id, result } }, w.users.auditor.token), 'CONFLICT', { reason: 'FOLLOW_UP_NOT_DUE' });
    await refused(() => app.gql(RecordOfficeCheckFollowUpDocument, { input: { checkId: c.id, result, findingsFixed: false } }, w.users.auditor.token), 'CONFLICT', { reason: 'FOLLOW_UP_NOT_DUE' });
    const f = (await app.ok(RecordOfficeCheckFollowUpDocument, { input: { checkId: c.id, result, findingsFixed: true } }, w.users.auditor.token)).recordOfficeCheckFollowUp;
    expect(f).toMatchObject({ followUpDate: '2026-07-15', followUpResult: result, followUpRecordedAt: '2026-06-20T05:00:00.000Z' });
    const [h] = await query<{ after: any }>(app.database.db.orm.em.fork() as EntityManager, `select after from history_event where entity_id = ? and action = 'follow_up'`, [c.id]);
    expect(h.after).toMatchObject({ followUpDate: '2026-07-15', recordedEarly: true, findingsFixed: true });
    await refused(() => app.gql(RecordOfficeCheckFollowUpDocument, { input: { checkId: c.id, result, findingsFixed: true } }, w.users.auditor.token), 'CONFLICT', { reason: 'ALREADY_RECORDED' });
  });
});

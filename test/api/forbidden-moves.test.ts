import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AppealFullDocument,
  AssignAppealDocument,
  CloseAppealDocument,
  ExtendAppealDeadlineDocument,
  LeaveAppealDocument,
  RegisterAppealDocument,
  ReviewResponseDocument,
  StartAppealWorkDocument,
  SubmitResponseDocument,
  TakeAppealOnControlDocument,
  type RegisterAppealInput,
} from '../generated/graphql';
import { startTestApp, type GraphQLResult, type TestApp } from '../support/app';
import { appealInput } from '../support/fixtures';
import { createWorld, tableCounts, type TestWorld } from '../support/world';

let app: TestApp;
let w: TestWorld;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  app.clock.set('2026-03-02T11:00:00+05:00');
});
afterAll(() => app?.close());

/** Runs a move that must fail: asserts the code (and field) and that not one row anywhere changed. */
async function refused(run: () => Promise<GraphQLResult<unknown>>, code: string, field?: string) {
  const before = await tableCounts(app);
  const r = await run();
  expect(r.errors, JSON.stringify(r)).toBeDefined();
  expect(r.errors![0].extensions?.code).toBe(code);
  if (field) expect(r.errors![0].extensions?.field).toBe(field);
  expect(JSON.stringify(r)).not.toMatch(/at \/|\.ts:\d+|select |insert into/i); // no stack traces or SQL
  expect(await tableCounts(app)).toEqual(before);
  return r.errors![0];
}

const register = (input: RegisterAppealInput, token = w.users.specialist.token) => app.gql(RegisterAppealDocument, { input }, token);

describe('registration rejects what APPK art. 63 requires and is missing, and writes nothing', () => {
  it('an individual without an IIN', async () => {
    const e = await refused(() => register(appealInput(w, { applicants: [{ kind: 'INDIVIDUAL', fullName: 'Ахметов Болат', address: 'с. Шелек, ул. Абая, 1' }] })), 'BAD_USER_INPUT', 'applicants[0].iin');
    expect(e.message).toMatch(/IIN/);
  });

  it('an IIN with a wrong check digit', async () => {
    await refused(
      () => register(appealInput(w, { applicants: [{ kind: 'INDIVIDUAL', fullName: 'Ахметов Болат', iin: '900101400014', address: 'с. Шелек, ул. Абая, 1' }] })),
      'BAD_USER_INPUT',
      'applicants[0].iin',
    );
  });

  it('a legal entity with an invalid BIN', async () => {
    await refused(
      () => register(appealInput(w, { applicants: [{ kind: 'LEGAL', organizationName: 'ТОО «Арна»', bin: '123456789012', address: 'г. Конаев, ул. Абая, 1' }] })),
      'BAD_USER_INPUT',
      'applicants[0].bin',
    );
  });

  it('no postal address', async () => {
    await refused(() => register(appealInput(w, { applicants: [{ kind: 'INDIVIDUAL', fullName: 'Ахметов Болат', iin: '850215300025' }] })), 'BAD_USER_INPUT', 'applicants[0].address');
  });

  it('no essence', async () => {
    await refused(() => register(appealInput(w, { text: '   ...   ' })), 'BAD_USER_INPUT', 'text');
  });

  it('several problems at once are all reported', async () => {
    const e = await refused(() => register(appealInput(w, { text: '', applicants: [{ kind: 'INDIVIDUAL' }] })), 'BAD_USER_INPUT');
    const fields = (e.extensions?.details as any).problems.map((p: any) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['text', 'applicants[0].fullName', 'applicants[0].iin', 'applicants[0].address']));
  });

  it('a receipt time in the future', async () => {
    await refused(() => register(appealInput(w, { receivedAt: '2026-03-05T10:00:00+05:00' })), 'BAD_USER_INPUT', 'receivedAt');
  });

  it('an unknown admin unit, addressee or earlier appeal', async () => {
    await refused(() => register(appealInput(w, { adminUnitId: '999999' })), 'BAD_USER_INPUT', 'adminUnitId');
    await refused(() => register(appealInput(w, { addresseeId: '00000000-0000-4000-8000-000000000000' })), 'BAD_USER_INPUT', 'addresseeId');
    await refused(() => register(appealInput(w, { repeatOfId: 'not-an-id' })), 'BAD_USER_INPUT', 'repeatOfId');
  });

  it('a value outside an enum never reaches the resolver', async () => {
    const before = await tableCounts(app);
    const r = await app.raw(
      { query: 'mutation($i: RegisterAppealInput!) { registerAppeal(input: $i) { id } }', variables: { i: { ...appealInput(w), form: 'PETITION' } } },
      w.users.specialist.token,
    );
    expect(r.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await tableCounts(app)).toEqual(before);
  });

  it('an executor or an analyst may not register appeals', async () => {
    await refused(() => register(appealInput(w), w.users.executorEnbek.token), 'FORBIDDEN');
    await refused(() => register(appealInput(w), w.users.analyst.token), 'FORBIDDEN');
  });

  it('nobody unauthenticated', async () => {
    await refused(() => app.gql(RegisterAppealDocument, { input: appealInput(w) }, null), 'UNAUTHENTICATED');
    const bad = await app.raw({ query: '{ __typename }' }, 'not.a.token');
    expect(bad.status).toBe(401);
    expect(bad.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('forbidden moves are CONFLICT (or NOT_FOUND/FORBIDDEN) and change nothing', () => {
  let id: string;
  beforeAll(async () => {
    id = (await app.ok(RegisterAppealDocument, { input: appealInput(w) }, w.users.specialist.token)).registerAppeal.id;
  });

  it('closing an appeal that has no answer', async () => {
    const e = await refused(() => app.gql(CloseAppealDocument, { appealId: id }, w.users.specialist.token), 'CONFLICT');
    expect(e.extensions?.details).toMatchObject({ code: 'FORBIDDEN_TRANSITION', from: 'registered', action: 'close' });
  });

  it('answering an appeal before it is assigned', async () => {
    await refused(
      () => app.gql(SubmitResponseDocument, { input: { appealId: id, text: 'Вопрос решён: водопровод отремонтирован 5 марта.', decision: 'SATISFIED' } }, w.users.specialist.token),
      'CONFLICT',
    );
  });

  it('an executor acting on an appeal that is not assigned to it sees NOT_FOUND, not FORBIDDEN', async () => {
    await app.ok(AssignAppealDocument, { input: { appealId: id, organizationId: w.orgs.enbekshikazakhAkimat } }, w.users.specialist.token);
    await refused(() => app.gql(StartAppealWorkDocument, { appealId: id }, w.users.executorZhambyl.token), 'NOT_FOUND');
    await refused(() => app.gql(AppealFullDocument, { id }, w.users.executorZhambyl.token), 'NOT_FOUND');
  });

  it('a specialist may not extend the deadline', async () => {
    await refused(
      () => app.gql(ExtendAppealDeadlineDocument, { input: { appealId: id, newDueDate: '2026-04-10', reason: 'Нужна проверка на месте' } }, w.users.specialist.token),
      'FORBIDDEN',
    );
  });

  it('an extension to a day off, before the current deadline, or without a reason', async () => {
    const ext = (newDueDate: string, reason = 'Нужна проверка на месте с участием ТОО') =>
      app.gql(ExtendAppealDeadlineDocument, { input: { appealId: id, newDueDate, reason } }, w.users.head.token);
    await refused(() => ext('2026-04-11'), 'BAD_USER_INPUT', 'newDueDate'); // a Saturday
    await refused(() => ext('2026-03-20'), 'BAD_USER_INPUT', 'newDueDate');
    await refused(() => ext('2026-04-10', 'надо'), 'BAD_USER_INPUT', 'reason');
  });

  it('reviewing a response twice, and closing after it was returned', async () => {
    await app.ok(StartAppealWorkDocument, { appealId: id }, w.users.executorEnbek.token);
    const r = (
      await app.ok(SubmitResponseDocument, { input: { appealId: id, text: 'Водопровод отремонтирован, подача воды восстановлена.', decision: 'SATISFIED' } }, w.users.executorEnbek.token)
    ).submitResponse;
    await app.ok(ReviewResponseDocument, { input: { responseId: r.id, verdict: 'RETURNED', reasons: ['NO_LEGAL_BASIS'], comment: 'Нет ссылки на акт выполненных работ.' } }, w.users.specialist.token);
    await refused(() => app.gql(ReviewResponseDocument, { input: { responseId: r.id, verdict: 'ACCEPTED' } }, w.users.specialist.token), 'CONFLICT');
    await refused(() => app.gql(CloseAppealDocument, { appealId: id }, w.users.specialist.token), 'CONFLICT');
  });

  it('returning a response without reasons or a comment', async () => {
    const r = (
      await app.ok(SubmitResponseDocument, { input: { appealId: id, text: 'Подача воды восстановлена, акт выполненных работ прилагается.', decision: 'SATISFIED' } }, w.users.executorEnbek.token)
    ).submitResponse;
    await refused(() => app.gql(ReviewResponseDocument, { input: { responseId: r.id, verdict: 'RETURNED', comment: 'Плохо' } }, w.users.specialist.token), 'BAD_USER_INPUT', 'reasons');
    await refused(
      () => app.gql(ReviewResponseDocument, { input: { responseId: r.id, verdict: 'RETURNED', reasons: ['OTHER'] } }, w.users.specialist.token),
      'BAD_USER_INPUT',
      'comment',
    );
  });

  it('a stale version loses with CONFLICT', async () => {
    const a = (await app.ok(AppealFullDocument, { id }, w.users.head.token)).appeal!;
    await refused(() => app.gql(StartAppealWorkDocument, { appealId: id, expectedVersion: a.version - 1 }, w.users.executorEnbek.token), 'CONFLICT');
  });

  it('acting on an appeal that does not exist', async () => {
    await refused(() => app.gql(TakeAppealOnControlDocument, { appealId: '00000000-0000-4000-8000-000000000000' }, w.users.head.token), 'NOT_FOUND');
    await refused(() => app.gql(LeaveAppealDocument, { input: { appealId: 'x', reason: 'WITHDRAWN' } }, w.users.specialist.token), 'BAD_USER_INPUT', 'appealId');
  });

  it('leaving an appeal that is already answered', async () => {
    await refused(() => app.gql(LeaveAppealDocument, { input: { appealId: id, reason: 'WITHDRAWN' } }, w.users.specialist.token), 'CONFLICT');
  });
});

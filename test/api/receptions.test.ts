import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../src/db/sql';
import {
  AppealFullDocument,
  AppealNotificationsDocument,
  BookReceptionDocument,
  CancelReceptionSessionDocument,
  InstructionFullDocument,
  ReceptionMonitoringDocument,
  ReceptionSessionDocument,
  ReceptionSessionsDocument,
  RecordReceptionAttendanceDocument,
  RecordReceptionOutcomeDocument,
  ScheduleReceptionSessionDocument,
  type ScheduleReceptionSessionInput,
} from '../generated/graphql';
import { startTestApp, type GraphQLResult, type TestApp } from '../support/app';
import { IIN } from '../support/fixtures';
import { createWorld, tableCounts, type TestWorld } from '../support/world';

let app: TestApp;
let w: TestWorld;

const RECEPTION_TABLES = ['reception_session', 'reception_booking', 'reception_instruction', 'notification'];
async function counts() {
  const em = app.database.db.orm.em.fork() as EntityManager;
  const out: Record<string, number> = await tableCounts(app);
  for (const t of RECEPTION_TABLES) out[t] = Number((await query<{ n: string }>(em, `select count(*) as n from ${t}`))[0].n);
  const [v] = await query<{ v: string }>(em, 'select coalesce(sum(version), 0) as v from reception_booking');
  out.bookingVersions = Number(v.v);
  return out;
}

/** A move that must fail: the code (and field / reason), and not one row changed anywhere. */
async function refused(run: () => Promise<GraphQLResult<unknown>>, code: string, detail?: { field?: string; reason?: string }) {
  const before = await counts();
  const r = await run();
  expect(r.errors, JSON.stringify(r)).toBeDefined();
  expect(r.errors![0].extensions?.code).toBe(code);
  if (detail?.field) expect(r.errors![0].extensions?.field).toBe(detail.field);
  if (detail?.reason) expect((r.errors![0].extensions?.details as any)?.reason).toBe(detail.reason);
  expect(await counts()).toEqual(before);
  return r.errors![0];
}

const session = (over: Partial<ScheduleReceptionSessionInput> = {}): ScheduleReceptionSessionInput => ({
  organizationId: w.orgs.apparatus,
  officialKind: 'AKIM',
  officialName: 'Аким Алматинской области Бозумбаев К. А.',
  kind: 'OFFICE',
  startsAt: '2026-03-13T10:00:00+05:00',
  endsAt: '2026-03-13T13:00:00+05:00',
  place: 'г. Конаев, Дом правительства, зал приёмов',
  capacity: 2,
  supervisingDeputy: 'Заместитель акима области Ахметов Е. Б.',
  ...over,
});
const schedule = async (over: Partial<ScheduleReceptionSessionInput> = {}, token = w.users.specialist.token) =>
  (await app.ok(ScheduleReceptionSessionDocument, { input: session(over) }, token)).scheduleReceptionSession;
const person = (over: Record<string, unknown> = {}) => ({
  fullName: 'Сапарова Айгерим Нурлановна',
  iin: IIN.aigerim,
  phone: '8 701 123 45 67',
  email: 'aigerim@example.kz',
  address: 'Енбекшиказахский район, с. Шелек, ул. Абая, 12',
  ...over,
});
const book = (sessionId: string, p = person(), token = w.users.specialist.token) =>
  app.gql(BookReceptionDocument, { input: { sessionId, person: p, subject: 'Отсутствие питьевой воды в с. Шелек', topicId: w.topics.water } }, token);

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
});
afterAll(() => app?.close());

describe('a personal reception of the akim, from scheduling to what came of it', () => {
  it('is scheduled, booked to capacity, held; the person who came leaves an appeal and an instruction under control', async () => {
    app.clock.set('2026-03-02T10:00:00+05:00');
    const s = await schedule();
    expect(s).toMatchObject({ officialKind: 'AKIM', kind: 'OFFICE', capacity: 2, state: 'SCHEDULED', placesTaken: 0, organization: { id: w.orgs.apparatus } });

    const first = (await book(s.id)).data!.bookReception!;
    expect(first).toMatchObject({ status: 'BOOKED', person: { fullName: 'Сапарова Айгерим Нурлановна', phone: '+77011234567', masked: false }, topic: { id: w.topics.water } });
    const second = (await book(s.id, person({ fullName: 'Ахметов Болат', iin: IIN.bolat, phone: null, email: null }))).data!.bookReception!;
    expect(second.status).toBe('BOOKED');

    await refused(() => book(s.id, person({ fullName: 'Ким Сергей', iin: IIN.serik })), 'CONFLICT', { reason: 'SESSION_FULL' });
    await refused(() => book(s.id), 'CONFLICT', { reason: 'SESSION_FULL' });
    // the same person at an overlapping time elsewhere: a clear clash
    const deputyHour = await schedule({ officialKind: 'DEPUTY_AKIM', officialName: 'Заместитель акима области Ахметов Е. Б.', startsAt: '2026-03-13T12:00:00+05:00', endsAt: '2026-03-13T14:00:00+05:00', capacity: 10, supervisingDeputy: null });
    const clash = await refused(() => book(deputyHour.id), 'CONFLICT', { reason: 'BOOKING_CLASH' });
    expect(clash.message).toMatch(/overlapping time/);
    // … but the next day is fine
    const nextDay = await schedule({ startsAt: '2026-03-16T10:00:00+05:00', endsAt: '2026-03-16T12:00:00+05:00', capacity: 5 });
    expect((await book(nextDay.id)).data!.bookReception!.status).toBe('BOOKED');

    // attendance is marked once the reception has started
    await refused(() => app.gql(RecordReceptionAttendanceDocument, { input: { bookingId: first.id, mark: 'CAME' } }, w.users.specialist.token), 'CONFLICT', { reason: 'SESSION_NOT_STARTED' });
    app.clock.set('2026-03-13T10:20:00+05:00');
    expect((await app.ok(ReceptionSessionDocument, { id: s.id }, w.users.head.token)).receptionSession.state).toBe('IN_PROGRESS');
    const came = (await app.ok(RecordReceptionAttendanceDocument, { input: { bookingId: first.id, mark: 'CAME' } }, w.users.specialist.token)).recordReceptionAttendance;
    expect(came).toMatchObject({ status: 'ATTENDED', attendanceAt: '2026-03-13T05:20:00.000Z' });
    await app.ok(RecordReceptionAttendanceDocument, { input: { bookingId: second.id, mark: 'DID_NOT_COME' } }, w.users.specialist.token);
    await refused(() => app.gql(RecordReceptionAttendanceDocument, { input: { bookingId: second.id, mark: 'CAME' } }, w.users.specialist.token), 'CONFLICT', { reason: 'ATTENDANCE_ALREADY_RECORDED' });
    await refused(
      () => app.gql(RecordReceptionOutcomeDocument, { input: { bookingId: second.id, note: 'Не явился на приём' } }, w.users.specialist.token),
      'CONFLICT',
      { reason: 'NOT_ATTENDED' },
    );

    app.clock.set('2026-03-13T14:00:00+05:00');
    const outcome = (
      await app.ok(
        RecordReceptionOutcomeDocument,
        {
          input: {
            bookingId: first.id,
            note: 'Аким поручил восстановить водоснабжение до конца месяца.',
            appeal: {
              form: 'APPLICATION',
              text: 'На личном приёме заявитель сообщила, что в с. Шелек по ул. Абая две недели нет питьевой воды.',
              summary: 'Нет воды в с. Шелек (личный приём)',
              adminUnitId: w.districts.enbekshikazakh.id,
              addresseeId: w.orgs.apparatus,
            },
            instructions: [
              {
                number: 'ЛП-2026/17',
                text: 'Восстановить водоснабжение по ул. Абая с. Шелек и проинформировать заявителя о результатах.',
                dueDate: '2026-03-31',
                assigneeIds: [w.orgs.enbekshikazakhAkimat],
              },
            ],
          },
        },
        w.users.specialist.token,
      )
    ).recordReceptionOutcome;
    expect(outcome.outcomeNote).toBe('Аким поручил восстановить водоснабжение до конца месяца.');
    expect(outcome.appeal).toMatchObject({ channel: 'PERSONAL_RECEPTION' });
    expect(outcome.instructions).toEqual([{ id: expect.any(String), number: 'ЛП-2026/17', source: 'PERSONAL_RECEPTION', status: 'ON_CONTROL' }]);
    const appeal = (await app.ok(AppealFullDocument, { id: outcome.appealId! }, w.users.head.token)).appeal!;
    expect(appeal).toMatchObject({ receivedAt: '2026-03-13T05:00:00.000Z', registrationDate: '2026-03-13', channel: 'PERSONAL_RECEPTION' });
    expect(appeal.instructions.map((i) => i.number)).toEqual(['ЛП-2026/17']);
    const ins = (await app.ok(InstructionFullDocument, { id: outcome.instructions[0].id }, w.users.head.token)).instruction!;
    expect(ins).toMatchObject({ issuer: 'Аким Алматинской области Бозумбаев К. А.', dueDate: '2026-03-31' });
    expect(ins.assignees.map((a) => a.id)).toEqual([w.orgs.enbekshikazakhAkimat]);
    // the applicant gets the talon like any other
    const notices = (await app.ok(AppealNotificationsDocument, { appealId: appeal.id }, w.users.head.token)).notifications;
    expect(notices.map((n) => n.kind)).toEqual(['REGISTRATION']);

    await refused(
      () =>
        app.gql(
          RecordReceptionOutcomeDocument,
          { input: { bookingId: first.id, appeal: { form: 'APPLICATION', text: 'Повторная регистрация того же обращения с приёма.', adminUnitId: w.districts.enbekshikazakh.id, addresseeId: w.orgs.apparatus } } },
          w.users.specialist.token,
        ),
      'CONFLICT',
      { reason: 'APPEAL_ALREADY_RECORDED' },
    );
    // a bad instruction inside the outcome rolls the whole outcome back
    await refused(
      () =>
        app.gql(
          RecordReceptionOutcomeDocument,
          { input: { bookingId: first.id, instructions: [{ number: 'ЛП-2026/18', text: 'коротко', dueDate: '2026-03-31', assigneeIds: [w.orgs.enbekshikazakhAkimat] }] } },
          w.users.specialist.token,
        ),
      'BAD_USER_INPUT',
      { field: 'instructions[0].text' },
    );
    const held = (await app.ok(ReceptionSessionDocument, { id: s.id }, w.users.head.token)).receptionSession;
    expect(held).toMatchObject({ state: 'HELD', placesTaken: 1 });
    expect(Object.fromEntries(held.bookings.map((b) => [b.id, b.status]))).toEqual({ [first.id]: 'ATTENDED', [second.id]: 'NO_SHOW' });
  });

  it('two people racing for the last place: one gets it, the other a clear SESSION_FULL; one person racing into two overlapping receptions gets one', async () => {
    app.clock.set('2026-06-01T10:00:00+05:00');
    const s = await schedule({ startsAt: '2026-06-05T10:00:00+05:00', endsAt: '2026-06-05T12:00:00+05:00', capacity: 1 });
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => book(s.id, person({ iin: null, phone: `+7701444${String(1000 + i)}`, fullName: `Посетитель ${i}` }))),
    );
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => r.errors).map((r) => (r.errors![0].extensions?.details as any)?.reason)).toEqual(['SESSION_FULL', 'SESSION_FULL', 'SESSION_FULL']);
    const t = await schedule({ startsAt: '2026-06-08T11:00:00+05:00', endsAt: '2026-06-08T13:00:00+05:00', capacity: 5 });
    const u = await schedule({ startsAt: '2026-06-08T11:30:00+05:00', endsAt: '2026-06-08T12:30:00+05:00', capacity: 5 });
    const same = person({ iin: null, phone: '+77014449999', fullName: 'Один и тот же человек' });
    const race = await Promise.all([book(t.id, same), book(u.id, same)]);
    expect(race.filter((r) => !r.errors).length).toBe(1);
    expect(race.filter((r) => r.errors).map((r) => (r.errors![0].extensions?.details as any)?.reason)).toEqual(['BOOKING_CLASH']);
  });

  it('a cancelled reception cancels its bookings and takes no more; cancelling needs a reason and comes before the start', async () => {
    app.clock.set('2026-03-17T10:00:00+05:00');
    const s = await schedule({ startsAt: '2026-03-20T10:00:00+05:00', endsAt: '2026-03-20T12:00:00+05:00', capacity: 5 });
    const b = (await book(s.id, person({ iin: IIN.serik, fullName: 'Серик Жумабаев' }))).data!.bookReception!;
    await refused(() => app.gql(CancelReceptionSessionDocument, { input: { sessionId: s.id, reason: 'нет' } }, w.users.specialist.token), 'BAD_USER_INPUT', { field: 'reason' });
    const c = (await app.ok(CancelReceptionSessionDocument, { input: { sessionId: s.id, reason: 'Аким выезжает в район по поручению Правительства' } }, w.users.specialist.token)).cancelReceptionSession;
    expect(c).toMatchObject({ state: 'CANCELLED', cancelReason: 'Аким выезжает в район по поручению Правительства' });
    const after = (await app.ok(ReceptionSessionDocument, { id: s.id }, w.users.head.token)).receptionSession;
    expect(after.bookings.map((x) => [x.id, x.status])).toEqual([[b.id, 'CANCELLED']]);
    await refused(() => book(s.id, person({ iin: IIN.bolat, fullName: 'Ахметов Болат' })), 'CONFLICT', { reason: 'SESSION_CANCELLED' });
    await refused(() => app.gql(CancelReceptionSessionDocument, { input: { sessionId: s.id, reason: 'Повторная отмена приёма' } }, w.users.specialist.token), 'CONFLICT', { reason: 'SESSION_CANCELLED' });
  });

  it('refuses a plan that does not hold together, and a person who cannot be told apart', async () => {
    app.clock.set('2026-03-02T10:00:00+05:00');
    const s = (over: Partial<ScheduleReceptionSessionInput>) => () => app.gql(ScheduleReceptionSessionDocument, { input: session(over) }, w.users.specialist.token);
    await refused(s({ kind: 'VIDEOCONFERENCE', place: null, link: null }), 'BAD_USER_INPUT', { field: 'link' });
    await refused(s({ withPaAppealsHead: true }), 'BAD_USER_INPUT', { field: 'withPaAppealsHead' });
    await refused(s({ kind: 'VISITING', settlementUnitId: null }), 'BAD_USER_INPUT', { field: 'settlementUnitId' });
    await refused(s({ endsAt: '2026-03-13T09:00:00+05:00' }), 'BAD_USER_INPUT', { field: 'endsAt' });
    await refused(s({ capacity: 0 }), 'BAD_USER_INPUT', { field: 'capacity' });
    await refused(s({ organizationId: '00000000-0000-4000-8000-000000000000' }), 'BAD_USER_INPUT', { field: 'organizationId' });
    const video = await schedule({
      kind: 'VIDEOCONFERENCE',
      place: null,
      link: 'https://vks.gov.kz/room/akim-almaty-obl',
      withPaAppealsHead: true,
      officialName: 'Аким области совместно с руководителем Отдела АП',
      startsAt: '2026-04-10T15:00:00+05:00',
      endsAt: '2026-04-10T17:00:00+05:00',
    });
    expect(video).toMatchObject({ kind: 'VIDEOCONFERENCE', withPaAppealsHead: true, place: null });
    await refused(() => book(video.id, person({ iin: null, phone: null })), 'BAD_USER_INPUT', { field: 'person.iin' });
    await refused(() => book(video.id, person({ iin: '900101400014' })), 'BAD_USER_INPUT', { field: 'person.iin' });
  });
});

describe('district akimats hold their own receptions; the department monitors them', () => {
  it('an executor schedules and keeps the receptions of its own akimat only, and does not record appeals', async () => {
    app.clock.set('2026-03-02T10:00:00+05:00');
    const own = await schedule(
      {
        organizationId: w.orgs.zhambylAkimat,
        officialKind: 'DISTRICT_AKIM',
        officialName: 'Аким Жамбылского района',
        kind: 'VISITING',
        settlementUnitId: w.districts.zhambyl.id,
        place: 'с. Узынагаш, Дом культуры',
        startsAt: '2026-03-05T10:00:00+05:00',
        endsAt: '2026-03-05T12:00:00+05:00',
        capacity: 20,
        supervisingDeputy: null,
      },
      w.users.executorZhambyl.token,
    );
    expect(own.settlementUnit?.id).toBe(w.districts.zhambyl.id);
    await refused(
      () => app.gql(ScheduleReceptionSessionDocument, { input: session({ organizationId: w.orgs.enbekshikazakhAkimat, officialKind: 'DISTRICT_AKIM' }) }, w.users.executorZhambyl.token),
      'NOT_FOUND',
    );
    const others = (await app.ok(ReceptionSessionsDocument, { filter: { includeCancelled: true } }, w.users.executorZhambyl.token)).receptionSessions;
    expect(others.map((s) => s.id)).toEqual([own.id]);
    const akims = (await app.ok(ReceptionSessionsDocument, { filter: { organizationId: w.orgs.apparatus } }, w.users.head.token)).receptionSessions;
    await refused(() => app.gql(ReceptionSessionDocument, { id: akims[0].id }, w.users.executorZhambyl.token), 'NOT_FOUND');
    await refused(() => book(akims[0].id, person(), w.users.executorZhambyl.token), 'NOT_FOUND');

    const b = (await book(own.id, person({ iin: IIN.bolat, fullName: 'Ахметов Болат' }), w.users.executorZhambyl.token)).data!.bookReception!;
    app.clock.set('2026-03-05T10:30:00+05:00');
    await app.ok(RecordReceptionAttendanceDocument, { input: { bookingId: b.id, mark: 'CAME' } }, w.users.executorZhambyl.token);
    await refused(() => app.gql(RecordReceptionOutcomeDocument, { input: { bookingId: b.id, note: 'Разъяснено на месте' } }, w.users.executorZhambyl.token), 'FORBIDDEN');
    await refused(() => app.gql(RecordReceptionAttendanceDocument, { input: { bookingId: b.id, mark: 'CANCELLED', reason: 'по просьбе' } }, w.users.executorEnbek.token), 'NOT_FOUND');
    await app.ok(RecordReceptionOutcomeDocument, { input: { bookingId: b.id, note: 'Порядок получения субсидии разъяснён на месте.' } }, w.users.specialist.token);
  });

  it('personal data of people who book is masked for the analyst and withheld from the liaison', async () => {
    const [s] = (await app.ok(ReceptionSessionsDocument, { filter: { organizationId: w.orgs.zhambylAkimat } }, w.users.analyst.token)).receptionSessions;
    expect(s.bookings[0].person).toEqual({ fullName: 'А. Б.', iin: '************', phone: '***********', email: '***', address: null, organizationName: null, bin: null, masked: true });
    // the liaison of the Presidential Administration (seated in the akim's apparatus) sees the akim's receptions, never who came
    const l = (await app.ok(ReceptionSessionsDocument, { filter: { organizationId: w.orgs.apparatus } }, w.users.liaison.token)).receptionSessions.find((x) => x.bookings.length)!;
    expect(l.bookings.every((b) => b.person === null)).toBe(true);
    expect(l.bookings[0].subject).toBeTruthy();
  });

  it('monitoring counts receptions held, people who came and outcomes per akimat, and says whether they were regular', async () => {
    app.clock.set('2026-04-30T18:00:00+05:00');
    const rows = (await app.ok(ReceptionMonitoringDocument, { from: '2026-03-01', to: '2026-04-30' }, w.users.head.token)).receptionMonitoring;
    const zh = rows.find((r) => r.organizationId === w.orgs.zhambylAkimat)!;
    expect(zh).toEqual({
      organizationId: w.orgs.zhambylAkimat,
      organizationName: 'Аппарат акима Жамбылского района',
      organizationKind: 'DISTRICT_AKIMAT',
      sessionsHeld: 1,
      visitingSessions: 1,
      videoconferenceSessions: 0,
      sessionsCancelled: 0,
      peopleBooked: 1,
      peopleCame: 1,
      peopleDidNotCome: 0,
      appealsRegistered: 0,
      instructionsGiven: 0,
      monthsInPeriod: 2,
      monthsWithReceptions: 1,
      regular: false,
      longestGapDays: null,
      lastHeldOn: '2026-03-05',
    });
    const rural = rows.find((r) => r.organizationId === w.orgs.ruralAkimat)!;
    expect(rural).toMatchObject({ sessionsHeld: 0, regular: false, lastHeldOn: null });
    expect(rows.some((r) => r.organizationId === w.orgs.apparatus)).toBe(false);
    const apparatus = (await app.ok(ReceptionMonitoringDocument, { from: '2026-03-01', to: '2026-03-31', organizationKinds: ['AKIM_APPARATUS'] }, w.users.head.token)).receptionMonitoring;
    expect(apparatus[0]).toMatchObject({ sessionsHeld: 3, peopleBooked: 3, peopleCame: 1, peopleDidNotCome: 1, appealsRegistered: 1, instructionsGiven: 1, sessionsCancelled: 1, regular: true });
    const liaison = await app.gql(ReceptionMonitoringDocument, { from: '2026-03-01', to: '2026-04-30' }, w.users.liaison.token);
    expect(liaison.errors).toBeUndefined();
    await refused(() => app.gql(ReceptionMonitoringDocument, { from: '2026-03-01', to: '2026-04-30' }, w.users.executorEnbek.token), 'FORBIDDEN');
  });

  it('lists sessions with their bookings and instructions in a constant number of statements', async () => {
    app.clock.set('2026-05-04T09:00:00+05:00');
    for (let i = 0; i < 8; i++) {
      const s = await schedule({ startsAt: `2026-05-${String(11 + i).padStart(2, '0')}T10:00:00+05:00`, endsAt: `2026-05-${String(11 + i).padStart(2, '0')}T12:00:00+05:00`, capacity: 3 });
      await book(s.id, person({ iin: null, phone: `+7701555${String(1000 + i)}`, fullName: `Посетитель ${i}` }));
    }
    const count = async (first: number) => {
      app.database.statements.length = 0;
      const r = await app.ok(ReceptionSessionsDocument, { first }, w.users.head.token);
      expect(r.receptionSessions.length).toBe(first);
      return app.database.statements.length;
    };
    const few = await count(2);
    const many = await count(10);
    expect(many).toBe(few);
  });
});

describe('a reception is planned ahead, not back-filled', () => {
  it('refuses a session that began before it is entered (a month back, or earlier today), takes one entered as it starts', async () => {
    app.clock.set('2026-12-04T11:00:00+05:00');
    const zhambyl = {
      organizationId: w.orgs.zhambylAkimat,
      officialKind: 'DISTRICT_AKIM' as const,
      officialName: 'Аким Жамбылского района',
      supervisingDeputy: null,
    };
    const err = await refused(
      () => app.gql(ScheduleReceptionSessionDocument, { input: session({ ...zhambyl, startsAt: '2026-11-04T10:00:00+05:00', endsAt: '2026-11-04T12:00:00+05:00' }) }, w.users.executorZhambyl.token),
      'BAD_USER_INPUT',
      { field: 'startsAt', reason: 'STARTS_IN_THE_PAST' },
    );
    expect(err.message).toMatch(/15 minutes/);
    await refused(
      () => app.gql(ScheduleReceptionSessionDocument, { input: session({ ...zhambyl, startsAt: '2026-12-04T09:00:00+05:00', endsAt: '2026-12-04T10:30:00+05:00' }) }, w.users.specialist.token),
      'BAD_USER_INPUT',
      { field: 'startsAt', reason: 'STARTS_IN_THE_PAST' },
    );
    // Entered ten minutes after the official sat down: in progress, and held once it is over.
    const now = await schedule({ ...zhambyl, startsAt: '2026-12-04T10:50:00+05:00', endsAt: '2026-12-04T12:00:00+05:00' });
    expect(now.state).toBe('IN_PROGRESS');
    app.clock.set('2026-12-04T12:00:00+05:00');
    expect((await app.ok(ReceptionSessionDocument, { id: now.id }, w.users.head.token)).receptionSession.state).toBe('HELD');
  });

  it('monitoring does not count a session written in after it took place (a row from before the rule) as held', async () => {
    app.clock.set('2026-12-04T15:00:00+05:00');
    const em = app.database.db.orm.em.fork() as EntityManager;
    const monitor = async () =>
      (await app.ok(ReceptionMonitoringDocument, { from: '2026-11-01', to: '2026-12-04' }, w.users.head.token)).receptionMonitoring.find((r) => r.organizationId === w.orgs.zhambylAkimat)!;
    const before = await monitor();
    expect(before).toMatchObject({ sessionsHeld: 1, lastHeldOn: '2026-12-04' });
    // A session of 4 November that was only entered on 3 December.
    await query(
      em,
      `insert into reception_session (id, region_id, organization_id, official_kind, official_name, kind, starts_at, ends_at, place, capacity, status, created_at)
       select gen_random_uuid(), region_id, id, 'district_akim', 'Аким Жамбылского района', 'office', '2026-11-04T10:00:00+05:00', '2026-11-04T12:00:00+05:00',
              'с. Узынагаш', 10, 'scheduled', '2026-12-03T10:00:00+05:00' from organization where id = ?`,
      [w.orgs.zhambylAkimat],
    );
    expect(await monitor()).toEqual(before);
  });

  it("an executor sees the appeal registered at its own akimat's reception", async () => {
    app.clock.set('2026-12-07T09:00:00+05:00');
    const s = await schedule(
      {
        organizationId: w.orgs.zhambylAkimat,
        officialKind: 'DISTRICT_AKIM',
        officialName: 'Аким Жамбылского района',
        startsAt: '2026-12-08T10:00:00+05:00',
        endsAt: '2026-12-08T12:00:00+05:00',
        supervisingDeputy: null,
      },
      w.users.executorZhambyl.token,
    );
    const b = (await book(s.id, person({ iin: IIN.bolat, fullName: 'Ахметов Болат' }), w.users.executorZhambyl.token)).data!.bookReception!;
    app.clock.set('2026-12-08T10:10:00+05:00');
    await app.ok(RecordReceptionAttendanceDocument, { input: { bookingId: b.id, mark: 'CAME' } }, w.users.executorZhambyl.token);
    const outcome = (
      await app.ok(
        RecordReceptionOutcomeDocument,
        {
          input: {
            bookingId: b.id,
            appeal: {
              form: 'APPLICATION',
              text: 'На приёме заявитель сообщил, что в с. Узынагаш не вывозят мусор третью неделю.',
              adminUnitId: w.districts.zhambyl.id,
              addresseeId: w.orgs.zhambylAkimat,
            },
          },
        },
        w.users.specialist.token,
      )
    ).recordReceptionOutcome;
    expect(outcome.appealId).toBeTruthy();
    const seen = (await app.ok(ReceptionSessionDocument, { id: s.id }, w.users.executorZhambyl.token)).receptionSession.bookings[0];
    expect(seen.appeal).toEqual({ id: outcome.appealId, channel: 'PERSONAL_RECEPTION', registrationNumber: outcome.appeal!.registrationNumber });
    // Another akimat's executor does not reach the session at all.
    await refused(() => app.gql(ReceptionSessionDocument, { id: s.id }, w.users.executorEnbek.token), 'NOT_FOUND');
  });
});

import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../src/db/sql';
import { ConsultationsDocument, ConsultationStatisticsDocument, RecordConsultationDocument, RegisterAppealDocument, type RecordConsultationInput } from '../generated/graphql';
import { startTestApp, type GraphQLResult, type TestApp } from '../support/app';
import { appealInput, IIN } from '../support/fixtures';
import { createWorld, tableCounts, type TestWorld } from '../support/world';

let app: TestApp;
let w: TestWorld;

async function refused(run: () => Promise<GraphQLResult<unknown>>, code: string, field?: string) {
  const em = app.database.db.orm.em.fork() as EntityManager;
  const n = async () => Number((await query<{ n: string }>(em, 'select count(*) as n from consultation'))[0].n);
  const before = { ...(await tableCounts(app)), consultation: await n() };
  const r = await run();
  expect(r.errors?.[0].extensions?.code, JSON.stringify(r)).toBe(code);
  if (field) expect(r.errors![0].extensions?.field).toBe(field);
  expect({ ...(await tableCounts(app)), consultation: await n() }).toEqual(before);
}

const input = (over: Partial<RecordConsultationInput> = {}): RecordConsultationInput => ({
  channel: 'PHONE',
  givenAt: '2026-03-03T11:00:00+05:00',
  durationMinutes: 12,
  person: { fullName: 'Сапарова Айгерим Нурлановна', iin: IIN.aigerim, phone: '87011234567' },
  adminUnitId: w.districts.enbekshikazakh.id,
  topicId: w.topics.water,
  question: 'Куда обращаться при отсутствии воды в селе?',
  advice: 'Разъяснён порядок подачи заявления в акимат района и сроки его рассмотрения (15 рабочих дней).',
  ...over,
});
const record = (over: Partial<RecordConsultationInput> = {}, token = w.users.specialist.token) => app.gql(RecordConsultationDocument, { input: input(over) }, token);

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
});
afterAll(() => app?.close());

describe('consultations (advisory assistance, 5.8)', () => {
  it('are recorded by the official who gave them: in person, by phone, online; the person is protected like an applicant', async () => {
    app.clock.set('2026-03-03T12:00:00+05:00');
    const c = (await record()).data!.recordConsultation;
    expect(c).toMatchObject({
      channel: 'PHONE',
      durationMinutes: 12,
      person: { fullName: 'Сапарова Айгерим Нурлановна', iin: IIN.aigerim, phone: '+77011234567', masked: false },
      official: { id: w.users.specialist.id },
      organization: { id: w.orgs.department },
      topic: { id: w.topics.water },
    });
    await record({ channel: 'IN_PERSON', givenAt: '2026-03-03T09:30:00+05:00', person: null, topicId: w.topics.roads, question: 'Кто ремонтирует дорогу?' }, w.users.executorEnbek.token);
    await record({ channel: 'ONLINE', givenAt: '2026-02-27T16:00:00+05:00', person: { fullName: 'Ахметов Болат' } });

    const analyst = (await app.ok(ConsultationsDocument, { filter: { channel: ['PHONE'] } }, w.users.analyst.token)).consultations;
    expect(analyst[0].person).toEqual({ fullName: 'С. А. Н.', iin: '************', phone: '***********', email: null, masked: true });
    const mine = (await app.ok(ConsultationsDocument, {}, w.users.executorEnbek.token)).consultations;
    expect(mine.map((x) => [x.channel, x.person])).toEqual([['IN_PERSON', { fullName: null, iin: null, phone: null, email: null, masked: false }]]);
    expect((await app.ok(ConsultationsDocument, {}, w.users.executorZhambyl.token)).consultations).toEqual([]);
    await refused(() => app.gql(ConsultationsDocument, {}, w.users.liaison.token), 'FORBIDDEN');
    await refused(() => record({}, w.users.analyst.token), 'FORBIDDEN');
  });

  it('refuses what cannot be right, writing nothing', async () => {
    await refused(() => record({ givenAt: '2026-03-04T10:00:00+05:00' }), 'BAD_USER_INPUT', 'givenAt');
    await refused(() => record({ person: { fullName: 'Ахметов Болат', iin: '900101400014' } }), 'BAD_USER_INPUT', 'person.iin');
    await refused(() => record({ advice: 'Ясно.' }), 'BAD_USER_INPUT', 'advice');
    await refused(() => record({ durationMinutes: 0 }), 'BAD_USER_INPUT', 'durationMinutes');
    await refused(() => record({ topicId: '999999' }), 'BAD_USER_INPUT', 'topicId');
  });

  it('are counted beside appeals by period, topic and channel', async () => {
    app.clock.set('2026-03-05T12:00:00+05:00');
    await app.ok(RegisterAppealDocument, { input: appealInput(w, { receivedAt: '2026-03-02T10:00:00+05:00', topicId: w.topics.water }) }, w.users.specialist.token);
    await app.ok(RegisterAppealDocument, { input: appealInput(w, { receivedAt: '2026-03-04T10:00:00+05:00', topicId: w.topics.water }) }, w.users.specialist.token);
    const month = (await app.ok(ConsultationStatisticsDocument, { from: '2026-02-01', to: '2026-03-31', period: 'MONTH' }, w.users.liaison.token)).consultationStatistics;
    expect(month).toMatchObject({
      consultations: 3,
      appeals: 2,
      byPeriod: [
        { period: '2026-02-01', consultations: 1, appeals: 0 },
        { period: '2026-03-01', consultations: 2, appeals: 2 },
      ],
      byChannel: [
        { channel: 'IN_PERSON', consultations: 1 },
        { channel: 'ONLINE', consultations: 1 },
        { channel: 'PHONE', consultations: 1 },
      ],
    });
    expect(month.byTopic.map((t) => [t.topicId, t.consultations, t.appeals])).toEqual([
      [w.topics.water, 2, 2],
      [w.topics.roads, 1, 0],
    ]);
    const week = (await app.ok(ConsultationStatisticsDocument, { from: '2026-02-23', to: '2026-03-08', period: 'WEEK' }, w.users.head.token)).consultationStatistics;
    expect(week.byPeriod).toEqual([
      { period: '2026-02-23', consultations: 1, appeals: 0 },
      { period: '2026-03-02', consultations: 2, appeals: 2 },
    ]);
    await refused(() => app.gql(ConsultationStatisticsDocument, { from: '2026-03-31', to: '2026-03-01' }, w.users.head.token), 'BAD_USER_INPUT', 'to');
    await refused(() => app.gql(ConsultationStatisticsDocument, { from: '2026-03-01', to: '2026-03-31' }, w.users.executorEnbek.token), 'FORBIDDEN');
  });
});

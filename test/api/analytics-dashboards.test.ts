import type { EntityManager } from '@mikro-orm/postgresql';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor';
import { parseFilter } from '../../src/analytics/analytics.filter';
import { appealStats } from '../../src/analytics/appeal-stats.queries';
import { executiveDiscipline } from '../../src/analytics/discipline.queries';
import { unusualness } from '../../src/analytics/domain/unusualness';
import { problemMap } from '../../src/analytics/problem-map.queries';
import { staleDailyCounts, staleFacts } from '../../src/analytics/rollup';
import { AppealCommands } from '../../src/appeals/appeal.commands';
import { makeIin } from '../../src/applicants/identity-number';
import { query } from '../../src/db/sql';
import {
  AppealStatsDocument,
  ExecutiveDisciplineDocument,
  IssueInstructionDocument,
  PeriodReportDocument,
  PeriodSummaryDocument,
  ProblemMapDocument,
  ProblemMapGeoJsonDocument,
  RemoveInstructionFromControlDocument,
  ReviewInstructionReportDocument,
  SubmitInstructionReportDocument,
} from '../generated/graphql';
import { startTestApp, type TestApp } from '../support/app';
import { createWorld, tableCounts, type TestWorld, type WorldUser } from '../support/world';

/**
 * A small fixed region, made through the use cases: Enbekshikazakh (E) and Zhambyl (Z) districts of Almaty region.
 *
 * History, 6 weeks from Monday 12 January 2026: every week 2 appeals in E and 2 in Z (roads, heating), each
 * answered the next working day and accepted (on time, 1 working day).
 * The week of 23 February – 1 March 2026 ("this week"), all received on Monday 23 February:
 *   E1–E4   water, answered on 24.02, accepted, closed              (on time, 1 working day)
 *   E5      water, answered 24.02, returned 25.02, answered 26.02    (reworked, on time, 3 working days)
 *   E6      water, answered on 1 April                               (late)
 *   E7, E8  water, assigned, never answered                          (overdue after 17.03)
 *   E9      roads, forwarded to the police                           (never overdue)
 *   E10     roads, repeats a history appeal, answered 25.02          (on time, 2 working days)
 *   E11     heating, complaint, withdrawn (left without consideration)
 *   E12     heating, proposal, registered only                       (overdue after 17.03)
 *   Z1      roads, answered 24.02, closed;  Z2 heating, complaint, assigned only
 *   R1      about the region as a whole (no district), request by mail, answered by the department itself
 * E1 and E2 come from the same applicant. Three instructions issued on 24.02 (one overdue, one executed on time,
 * one removed from control). "Today" for the queries is 15 April 2026 unless a test says otherwise.
 */
let app: TestApp;
let w: TestWorld;
let em: EntityManager;
const ids: Record<string, string> = {};
const PERSONAL: string[] = [];
const WEEK = { from: '2026-02-23', to: '2026-03-01' };
const SEVEN_WEEKS = { from: '2026-01-12', to: '2026-03-01' };
const TODAY = '2026-04-15T12:00:00+05:00';

const at = (date: string, hour = 10, minute = 0) =>
  new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+05:00`);

function actor(key: WorldUser): Actor {
  const roles: Record<WorldUser, Actor['roles']> = {
    admin: ['admin'],
    head: ['head'],
    deputy: ['deputy_head'],
    specialist: ['specialist'],
    executorEnbek: ['executor'],
    executorZhambyl: ['executor'],
    executorRural: ['executor'],
    analyst: ['analyst'],
    liaison: ['liaison'],
    auditor: ['auditor'],
  };
  return { userId: w.users[key].id, roles: roles[key], organizationId: w.users[key].orgId, regionId: Number(w.region.id), system: false };
}

const as = (key: WorldUser, when: Date) =>
  new AppealCommands({ em: em.fork() as EntityManager, actor: actor(key), calendar: app.calendar, now: () => when, requestId: 'analytics-test' });

let applicantSerial = 0;
function applicant(name: string) {
  applicantSerial++;
  const iin = makeIin(`198${applicantSerial % 10}-0${(applicantSerial % 9) + 1}-1${applicantSerial % 10}`, applicantSerial % 2 ? 'male' : 'female', applicantSerial);
  const person = {
    kind: 'individual' as const,
    fullName: name,
    iin,
    address: `Алматинская область, с. Шелек, ул. Абая, ${applicantSerial}`,
    phone: `+7701555${String(1000 + applicantSerial).slice(-4)}`,
    email: `person${applicantSerial}@example.kz`,
    adminUnitId: null,
  };
  PERSONAL.push(person.fullName, person.iin, person.address, person.phone, person.email);
  return person;
}

interface Spec {
  key: string;
  unit: 'E' | 'Z' | 'R';
  received: Date;
  topic: string | null;
  form?: 'application' | 'complaint' | 'proposal' | 'request';
  channel?: 'eotinish' | 'paper' | 'personal_reception' | 'mail' | 'electronic';
  person?: ReturnType<typeof applicant>;
  repeatOf?: string;
}

async function register(s: Spec): Promise<string> {
  const unitId = s.unit === 'E' ? w.districts.enbekshikazakh.id : s.unit === 'Z' ? w.districts.zhambyl.id : w.region.id;
  const a = await as('specialist', s.received).register({
    form: s.form ?? 'application',
    channel: s.channel ?? 'eotinish',
    receivedAt: s.received,
    text: `Обращение ${s.key}: просим рассмотреть вопрос и принять меры по существу.`,
    summary: null,
    language: 'ru',
    adminUnitId: unitId,
    addresseeId: w.orgs.apparatus,
    applicants: [s.person ?? applicant(`Заявитель ${s.key} Тестов`)],
    topicId: s.topic,
    repeatOfId: s.repeatOf ? ids[s.repeatOf] : null,
    outOfScope: null,
  });
  ids[s.key] = a.id;
  return a.id;
}

const leadOf = (unit: 'E' | 'Z') =>
  unit === 'E'
    ? { org: w.orgs.enbekshikazakhAkimat, user: 'executorEnbek' as WorldUser }
    : { org: w.orgs.zhambylAkimat, user: 'executorZhambyl' as WorldUser };

async function assign(key: string, org: string, when: Date) {
  await as('specialist', when).assign(ids[key], { organizationId: org, role: 'lead' });
}
async function answer(key: string, user: WorldUser, when: Date) {
  return as(user, when).submitResponse(ids[key], { text: 'Вопрос рассмотрен по существу, работы выполнены, акт приложен.', decision: 'satisfied' });
}
async function accept(responseId: string, when: Date) {
  await as('specialist', when).reviewResponse(responseId, { verdict: 'accepted' });
}

async function buildRegion() {
  // six weeks of ordinary history
  const mondays = ['2026-01-12', '2026-01-19', '2026-01-26', '2026-02-02', '2026-02-09', '2026-02-16'];
  for (const [wk, monday] of mondays.entries()) {
    const tuesday = `${monday.slice(0, 8)}${String(Number(monday.slice(8)) + 1).padStart(2, '0')}`;
    const wednesday = `${monday.slice(0, 8)}${String(Number(monday.slice(8)) + 2).padStart(2, '0')}`;
    for (const unit of ['E', 'Z'] as const) {
      for (const [n, day] of [monday, tuesday].entries()) {
        const key = `H${wk}${unit}${n}`;
        const received = at(day, unit === 'E' ? 10 : 11);
        await register({ key, unit, received, topic: n === 0 ? w.topics.roads : w.topics.heating });
        const lead = leadOf(unit);
        await assign(key, lead.org, new Date(received.getTime() + 60_000));
        const r = await answer(key, lead.user, at(n === 0 ? tuesday : wednesday, 10));
        await accept(r.id, at(n === 0 ? tuesday : wednesday, 12));
      }
    }
  }

  // this week
  const mon = '2026-02-23';
  const shared = applicant('Сапарова Айгерим Нурлановна');
  const water = w.topics.waterInterruption;
  const specs: Spec[] = [
    { key: 'E1', unit: 'E', received: at(mon, 9, 10), topic: water, person: shared },
    { key: 'E2', unit: 'E', received: at(mon, 9, 20), topic: water, person: shared },
    { key: 'E3', unit: 'E', received: at(mon, 9, 30), topic: water },
    { key: 'E4', unit: 'E', received: at(mon, 9, 40), topic: water },
    { key: 'E5', unit: 'E', received: at(mon, 9, 50), topic: water },
    { key: 'E6', unit: 'E', received: at(mon, 10, 0), topic: water },
    { key: 'E7', unit: 'E', received: at(mon, 10, 10), topic: water, channel: 'paper' },
    { key: 'E8', unit: 'E', received: at(mon, 10, 20), topic: water, channel: 'paper' },
    { key: 'E9', unit: 'E', received: at(mon, 10, 30), topic: w.topics.roads, channel: 'paper' },
    { key: 'E10', unit: 'E', received: at(mon, 10, 40), topic: w.topics.roads, channel: 'personal_reception', repeatOf: 'H5E0' },
    { key: 'E11', unit: 'E', received: at(mon, 10, 50), topic: w.topics.heating, form: 'complaint', channel: 'personal_reception' },
    { key: 'E12', unit: 'E', received: at(mon, 11, 0), topic: w.topics.heating, form: 'proposal', channel: 'personal_reception' },
    { key: 'Z1', unit: 'Z', received: at(mon, 11, 10), topic: w.topics.roads, channel: 'electronic' },
    { key: 'Z2', unit: 'Z', received: at(mon, 11, 20), topic: w.topics.heating, form: 'complaint' },
    { key: 'R1', unit: 'R', received: at(mon, 11, 30), topic: null, form: 'request', channel: 'mail' },
  ];
  for (const s of specs) await register(s);
  const tue = '2026-02-24';
  for (const k of ['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'E10']) await assign(k, w.orgs.enbekshikazakhAkimat, at(mon, 14));
  for (const k of ['Z1', 'Z2']) await assign(k, w.orgs.zhambylAkimat, at(mon, 14));
  await assign('R1', w.orgs.department, at(mon, 14));
  for (const k of ['E1', 'E2', 'E3', 'E4']) {
    const r = await answer(k, 'executorEnbek', at(tue, 10));
    await accept(r.id, at(tue, 12));
    await as('specialist', at(tue, 14)).close(ids[k]);
  }
  const first = await answer('E5', 'executorEnbek', at(tue, 10));
  await as('specialist', at('2026-02-25', 10)).reviewResponse(first.id, {
    verdict: 'returned',
    reasons: ['formal_reply'],
    comment: 'Нет конкретных сроков восстановления водоснабжения.',
  });
  const second = await answer('E5', 'executorEnbek', at('2026-02-26', 10));
  await accept(second.id, at('2026-02-26', 12));
  await answer('E6', 'executorEnbek', at('2026-04-01', 10));
  await as('specialist', at(tue, 9)).forward(ids.E9, { to: 'Департамент полиции Алматинской области', reason: 'Вопрос относится к компетенции полиции.' });
  const e10 = await answer('E10', 'executorEnbek', at('2026-02-25', 10));
  await accept(e10.id, at('2026-02-25', 12));
  await as('specialist', at(tue, 9)).leaveWithoutConsideration(ids.E11, { reason: 'withdrawn', comment: 'Заявитель отозвал обращение.' });
  const z1 = await answer('Z1', 'executorZhambyl', at(tue, 10));
  await accept(z1.id, at(tue, 12));
  await as('specialist', at(tue, 14)).close(ids.Z1);
  const r1 = await answer('R1', 'specialist', at(tue, 10));
  await accept(r1.id, at(tue, 12));

  // instructions issued on 24 February, through the API
  app.clock.set(at(tue, 15));
  const issue = async (number: string, org: string, due: string) =>
    (
      await app.ok(
        IssueInstructionDocument,
        {
          input: {
            number,
            source: 'AKIM',
            issuer: 'Аким Алматинской области',
            text: 'Восстановить водоснабжение и доложить о принятых мерах в установленный срок.',
            issuedAt: at(tue, 15).toISOString(),
            dueDate: due,
            assigneeIds: [org],
          },
        },
        w.users.specialist.token,
      )
    ).issueInstruction.id;
  const i1 = await issue('A-1', w.orgs.enbekshikazakhAkimat, '2026-03-10');
  const i2 = await issue('A-2', w.orgs.zhambylAkimat, '2026-03-10');
  const i3 = await issue('A-3', w.orgs.enbekshikazakhAkimat, '2026-03-31');
  ids.I1 = i1;
  app.clock.set(at('2026-03-05', 10));
  const report = (
    await app.ok(
      SubmitInstructionReportDocument,
      { input: { instructionId: i2, kind: 'FINAL', text: 'Водоснабжение восстановлено 4 марта, акт приложен к отчёту.' } },
      w.users.executorZhambyl.token,
    )
  ).submitInstructionReport.id;
  app.clock.set(at('2026-03-06', 10));
  await app.ok(ReviewInstructionReportDocument, { input: { reportId: report, verdict: 'ACCEPTED' } }, w.users.specialist.token);
  app.clock.set(at('2026-03-02', 10));
  await app.ok(RemoveInstructionFromControlDocument, { input: { instructionId: i3, reason: 'Поручение поглощено более поздним поручением акима.' } }, w.users.head.token);
}

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  em = app.database.db.orm.em.fork() as EntityManager;
  await buildRegion();
  app.clock.set(TODAY);
}, 240_000);
afterAll(() => app?.close());

const mapOf = async (filter: Record<string, unknown>, token = w.users.analyst.token) =>
  (await app.ok(ProblemMapDocument, { filter: { ...WEEK, regionId: w.region.id, level: 'DISTRICT', ...filter } as any }, token)).problemMap;
const cellOf = (map: Awaited<ReturnType<typeof mapOf>>, districtId: string) => map.cells.find((c) => c.unitId === districtId)!;
const stats = async (groupBy: any[], filter: Record<string, unknown> = {}, token = w.users.analyst.token) =>
  (await app.ok(AppealStatsDocument, { filter: { ...WEEK, ...filter } as any, groupBy }, token)).appealStats;

describe('the rollup', () => {
  it('is kept current by the use cases themselves: every appeal has exactly the fact row its source tables say', async () => {
    const [{ n }] = await query<{ n: number }>(em, 'select count(*)::int as n from appeal_fact');
    expect(n).toBe(24 + 15);
    expect(await staleFacts(em)).toEqual([]);
    expect(await staleDailyCounts(em)).toEqual([]); // and the daily counts the map reads the history from
    const [{ days }] = await query<{ days: number }>(em, 'select count(*)::int as days from appeal_daily_count where appeals > 0');
    expect(days).toBe(6 * 2 * 2 + 2 + 1); // history: 6 weeks × 2 days × 2 districts; this week: Monday × (E, Z, region)
    const [e5] = await query<any>(em, 'select reworked, working_days_to_answer, status from appeal_fact where appeal_id = ?', [ids.E5]);
    expect(e5).toMatchObject({ reworked: true, working_days_to_answer: 3, status: 'answered' });
    const [e10] = await query<any>(em, 'select repeated, working_days_to_answer, lead_org_id from appeal_fact where appeal_id = ?', [ids.E10]);
    expect(e10).toMatchObject({ repeated: true, working_days_to_answer: 2, lead_org_id: w.orgs.enbekshikazakhAkimat });
  });

  it('gives the same numbers as the same queries computed from the source tables (the naive path)', async () => {
    const f = parseFilter({ ...SEVEN_WEEKS, regionId: w.region.id });
    const today = '2026-04-15';
    const opts = { today, language: 'ru' as const };
    for (const dims of [['district', 'topic'], ['executor', 'status'], ['week'], ['form', 'channel', 'month']] as const) {
      const rollup = await appealStats(em, f, [...dims], { ...opts, source: 'rollup' });
      const naive = await appealStats(em, f, [...dims], { ...opts, source: 'naive' });
      expect(rollup).toEqual(naive);
    }
    const mapOpts = { level: 'district' as const, language: 'ru' as const, today };
    expect(await problemMap(em, parseFilter({ ...WEEK, regionId: w.region.id }), { ...mapOpts, source: 'rollup' })).toEqual(
      await problemMap(em, parseFilter({ ...WEEK, regionId: w.region.id }), { ...mapOpts, source: 'naive' }),
    );
    const period = { from: SEVEN_WEEKS.from, to: SEVEN_WEEKS.to };
    const dOpts = { today, language: 'ru' as const, minSample: 10, regionId: null };
    expect(await executiveDiscipline(em, period, { ...dOpts, source: 'rollup' })).toEqual(await executiveDiscipline(em, period, { ...dOpts, source: 'naive' }));
  });
});

describe('district problem map', () => {
  it('has one cell per district of the region, with the week’s appeals, applicants, the previous week and the change', async () => {
    const map = await mapOf({});
    expect(map).toMatchObject({
      from: WEEK.from,
      to: WEEK.to,
      level: 'DISTRICT',
      previousFrom: '2026-02-16',
      previousTo: '2026-02-22',
      baselinePeriods: 6,
      historyStart: '2026-01-12',
      totalAppeals: 15,
      appealsWithoutDistrict: 1,
    });
    const [{ n: districts }] = await query<{ n: number }>(em, "select count(*)::int as n from admin_unit where parent_id = ? and level = 'district'", [w.region.id]);
    expect(districts).toBe(11);
    expect(map.cells).toHaveLength(11);
    const e = cellOf(map, w.districts.enbekshikazakh.id);
    expect(e).toMatchObject({
      kato: '194000000',
      appeals: 12,
      uniqueApplicants: 11,
      ratePer10k: null,
      previousAppeals: 2,
      change: 10,
      changePercent: 500,
      history: [2, 2, 2, 2, 2, 2],
      expected: 2.08,
      overdue: 4,
      overdueShare: 0.3333,
      repeated: 1,
      repeatedShare: 0.0833,
    });
    expect(e.unit).toMatchObject({ id: w.districts.enbekshikazakh.id, kato: '194000000' });
    const z = cellOf(map, w.districts.zhambyl.id);
    expect(z).toMatchObject({ appeals: 2, uniqueApplicants: 2, previousAppeals: 2, change: 0, changePercent: 0, overdue: 1, overdueShare: 0.5, repeated: 0 });
    const quiet = map.cells.filter((c) => c.unitId !== w.districts.enbekshikazakh.id && c.unitId !== w.districts.zhambyl.id);
    expect(quiet.every((c) => c.appeals === 0 && c.previousAppeals === 0 && c.changePercent === null && c.overdueShare === null)).toBe(true);
  });

  it('lists the three most frequent topics with their counts', async () => {
    const e = cellOf(await mapOf({}), w.districts.enbekshikazakh.id);
    const [roads, heating] = [Number(w.topics.roads), Number(w.topics.heating)].sort((a, b) => a - b).map(String);
    expect(e.topTopics.map((t) => [t.topicId, t.appeals])).toEqual([
      [w.topics.waterInterruption, 8],
      [roads, 2],
      [heating, 2],
    ]);
    expect(e.topTopics[0].topic.id).toBe(w.topics.waterInterruption);
    expect(e.topTopics[0].name.length).toBeGreaterThan(3);
  });

  it('flags the district whose week is unusual for itself, and only that one', async () => {
    const map = await mapOf({});
    const e = cellOf(map, w.districts.enbekshikazakh.id);
    const z = cellOf(map, w.districts.zhambyl.id);
    const expected = unusualness({ observed: 12, baseline: [2, 2, 2, 2, 2, 2] })!;
    expect(e.unusualness).toBe(expected.score);
    expect(e.unusualness!).toBeGreaterThan(4);
    expect(e.unusual).toBe(true);
    expect(z.unusualness!).toBeLessThan(1);
    expect(z.unusual).toBe(false);
    expect(map.unusualThreshold).toBeCloseTo(0.05 / 11, 12);
    expect(map.cells.filter((c) => c.unusual).map((c) => c.unitId)).toEqual([w.districts.enbekshikazakh.id]);
  });

  it('counts overdue against today, not against the day the rollup was written', async () => {
    app.clock.set('2026-03-10T12:00:00+05:00'); // before the deadline of 17 March: only the late answer (E6) is overdue
    const early = await mapOf({});
    expect(cellOf(early, w.districts.enbekshikazakh.id).overdue).toBe(1);
    expect(cellOf(early, w.districts.zhambyl.id).overdue).toBe(0);
    app.clock.set(TODAY);
    const late = await mapOf({});
    expect(cellOf(late, w.districts.enbekshikazakh.id).overdue).toBe(4);
    expect(cellOf(late, w.districts.zhambyl.id).overdue).toBe(1);
  });

  it('narrows by topic (with its subtopics), form and channel', async () => {
    const water = await mapOf({ topicId: w.topics.water });
    expect(cellOf(water, w.districts.enbekshikazakh.id).appeals).toBe(8);
    expect(cellOf(water, w.districts.zhambyl.id).appeals).toBe(0);
    const complaints = await mapOf({ form: ['COMPLAINT'] });
    expect(cellOf(complaints, w.districts.enbekshikazakh.id).appeals).toBe(1);
    expect(cellOf(complaints, w.districts.zhambyl.id).appeals).toBe(1);
    const paper = await mapOf({ channel: ['PAPER'] });
    expect(cellOf(paper, w.districts.enbekshikazakh.id).appeals).toBe(3);
    expect(paper.totalAppeals).toBe(3);
  });

  it('at region level has one cell for the region, with everything in it', async () => {
    const map = await mapOf({ level: 'REGION' });
    expect(map.cells).toHaveLength(1);
    expect(map.cells[0]).toMatchObject({ unitId: w.region.id, kato: '190000000', appeals: 15, previousAppeals: 4, history: [4, 4, 4, 4, 4, 4] });
    const everywhere = (await app.ok(ProblemMapDocument, { filter: { ...WEEK, level: 'REGION' } }, w.users.liaison.token)).problemMap;
    expect(everywhere.cells.map((c) => c.kato)).toEqual(['190000000']); // only regions with appeals on record
  });

  it('as GeoJSON: a FeatureCollection with each district’s boundary and figures, keyed by KATO', async () => {
    const fc = (await app.ok(ProblemMapGeoJsonDocument, { filter: { ...WEEK, regionId: w.region.id, level: 'DISTRICT' } }, w.users.liaison.token))
      .problemMapGeoJSON as any;
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(11);
    const e = fc.features.find((f: any) => f.properties.KATO === '194000000');
    expect(e.id).toBe('194000000');
    expect(e.properties).toMatchObject({ appeals: 12, previousAppeals: 2, unusual: true, overdue: 4 });
    expect(['Polygon', 'MultiPolygon']).toContain(e.geometry.type);
    expect(fc.features.every((f: any) => f.geometry && f.geometry.coordinates.length > 0)).toBe(true);
    expect(fc.metadata).toMatchObject({ from: WEEK.from, to: WEEK.to, level: 'district', appealsWithoutDistrict: 1 });
  });

  it('refuses a reversed or too long period and a malformed unit id, with BAD_USER_INPUT', async () => {
    const reversed = await app.gql(ProblemMapDocument, { filter: { from: '2026-03-01', to: '2026-02-01', level: 'DISTRICT' } }, w.users.analyst.token);
    expect(reversed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to' });
    const long = await app.gql(ProblemMapDocument, { filter: { from: '2020-01-01', to: '2026-03-01', level: 'DISTRICT' } }, w.users.analyst.token);
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to' });
    const badUnit = await app.gql(ProblemMapDocument, { filter: { ...WEEK, level: 'DISTRICT', regionId: 'abc' } }, w.users.analyst.token);
    expect(badUnit.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionId' });
  });
});

describe('appeal statistics', () => {
  it('grouped by nothing: one total row with every measure', async () => {
    const [total] = await stats([]);
    const e6 = app.calendar.workingDaysBetween('2026-02-23', '2026-04-01');
    expect(total).toMatchObject({
      keys: [],
      appeals: 15,
      overdue: 5, // E6 (late), E7, E8, E12, Z2
      overdueShare: 0.3333,
      answered: 9, // E1–E6, E10, Z1, R1
      answeredOnTime: 8,
      onTimeRate: 0.8889,
      medianWorkingDaysToAnswer: 1,
      meanWorkingDaysToAnswer: Math.round(((4 + 3 + e6 + 2 + 1 + 1) / 9) * 100) / 100,
      reworked: 1,
      reworkRate: 0.1111,
      repeated: 1,
      repeatedShare: 0.0667,
    });
  });

  it('by region and by district (appeals about the region as a whole have no district)', async () => {
    expect((await stats(['REGION'])).map((r) => [r.regionId, r.keys[0].label, r.appeals])).toEqual([[w.region.id, 'Алматинская', 15]]);
    const byDistrict = await stats(['DISTRICT']);
    const [first, second] = [w.districts.enbekshikazakh.id, w.districts.zhambyl.id].sort((a, b) => Number(a) - Number(b));
    expect(byDistrict.map((r) => [r.districtId, r.appeals])).toEqual([
      [first, first === w.districts.enbekshikazakh.id ? 12 : 2],
      [second, second === w.districts.enbekshikazakh.id ? 12 : 2],
      [null, 1],
    ]);
    expect(byDistrict[2].keys[0].label).toBe('Без района (область в целом)');
    const e = byDistrict.find((r) => r.districtId === w.districts.enbekshikazakh.id)!;
    expect(e).toMatchObject({ overdue: 4, answered: 7, answeredOnTime: 6, onTimeRate: 0.8571, reworked: 1, reworkRate: 0.1429, medianWorkingDaysToAnswer: 1 });
    expect(e.district?.nameRu).toBe(e.keys[0].label);
  });

  it('by topic, form, channel and status', async () => {
    const topic = Object.fromEntries((await stats(['TOPIC'])).map((r) => [r.topicId ?? 'none', r.appeals]));
    expect(topic).toEqual({ [w.topics.waterInterruption]: 8, [w.topics.roads]: 3, [w.topics.heating]: 3, none: 1 });
    const form = Object.fromEntries((await stats(['FORM'])).map((r) => [r.form, r.appeals]));
    expect(form).toEqual({ APPLICATION: 11, COMPLAINT: 2, PROPOSAL: 1, REQUEST: 1 });
    const channel = Object.fromEntries((await stats(['CHANNEL'])).map((r) => [r.channel, r.appeals]));
    expect(channel).toEqual({ EOTINISH: 7, PAPER: 3, PERSONAL_RECEPTION: 3, MAIL: 1, ELECTRONIC: 1 });
    const status = await stats(['STATUS']);
    expect(Object.fromEntries(status.map((r) => [r.status, r.appeals]))).toEqual({
      CLOSED: 5,
      ANSWERED: 4,
      ASSIGNED: 3,
      FORWARDED: 1,
      LEFT_WITHOUT_CONSIDERATION: 1,
      REGISTERED: 1,
    });
    expect(status.find((r) => r.status === 'FORWARDED')).toMatchObject({ overdue: 0, keys: [{ dimension: 'STATUS', value: 'forwarded', label: 'Перенаправлено по компетенции' }] });
    // an even number of answers (R1 1, E10 2, E5 3, E6 late): the median is the mean of the middle two, as percentile_cont
    const e6 = app.calendar.workingDaysBetween('2026-02-23', '2026-04-01');
    expect(status.find((r) => r.status === 'ANSWERED')).toMatchObject({ answered: 4, medianWorkingDaysToAnswer: 2.5, meanWorkingDaysToAnswer: Math.round(((1 + 2 + 3 + e6) / 4) * 100) / 100 });
    const direct = await query<{ status: string; median: number }>(
      em,
      `select status, percentile_cont(0.5) within group (order by working_days_to_answer) as median from appeal_fact
        where received_date between '2026-02-23' and '2026-03-01' group by status`,
    );
    for (const d of direct) expect(status.find((r) => r.status === d.status.toUpperCase())!.medianWorkingDaysToAnswer).toBe(d.median);
  });

  it('by lead executor', async () => {
    const rows = await stats(['EXECUTOR']);
    expect(Object.fromEntries(rows.map((r) => [r.executorId ?? 'none', r.appeals]))).toEqual({
      [w.orgs.enbekshikazakhAkimat]: 9,
      [w.orgs.zhambylAkimat]: 2,
      [w.orgs.department]: 1,
      none: 3,
    });
    const enbek = rows.find((r) => r.executorId === w.orgs.enbekshikazakhAkimat)!;
    expect(enbek.executor?.nameRu).toBe('Аппарат акима Енбекшиказахского района');
    expect(rows.find((r) => r.executorId === null)!.keys[0].label).toBe('Исполнитель не назначен');
  });

  it('by week and by month over seven weeks', async () => {
    const weeks = await stats(['WEEK'], SEVEN_WEEKS);
    expect(weeks.map((r) => [r.week, r.appeals])).toEqual([
      ['2026-01-12', 4],
      ['2026-01-19', 4],
      ['2026-01-26', 4],
      ['2026-02-02', 4],
      ['2026-02-09', 4],
      ['2026-02-16', 4],
      ['2026-02-23', 15],
    ]);
    expect(weeks[6].keys[0].label).toBe('2026-W09 (23.02–01.03)');
    const months = await stats(['MONTH'], SEVEN_WEEKS);
    expect(months.map((r) => [r.month, r.keys[0].label, r.appeals])).toEqual([
      ['2026-01', 'январь 2026', 12],
      ['2026-02', 'февраль 2026', 27],
    ]);
  });

  it('by several dimensions at once, with labels in the language asked for', async () => {
    const rows = (await app.ok(AppealStatsDocument, { filter: WEEK, groupBy: ['DISTRICT', 'FORM'], language: 'EN' }, w.users.analyst.token)).appealStats;
    const zComplaint = rows.find((r) => r.districtId === w.districts.zhambyl.id && r.form === 'COMPLAINT')!;
    expect(zComplaint.appeals).toBe(1);
    expect(zComplaint.keys.map((k) => k.label)).toEqual([expect.stringMatching(/Zhambyl/), 'Complaint']);
    expect(rows.reduce((s, r) => s + r.appeals, 0)).toBe(15);
  });

  it('refuses a dimension given twice', async () => {
    const r = await app.gql(AppealStatsDocument, { filter: WEEK, groupBy: ['FORM', 'FORM'] }, w.users.analyst.token);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy' });
  });
});

describe('executive discipline', () => {
  it('counts each lead executor’s appeals and instructions, and ranks only those with enough decided appeals', async () => {
    const rows = (await app.ok(ExecutiveDisciplineDocument, { ...SEVEN_WEEKS }, w.users.head.token)).executiveDiscipline;
    const by = Object.fromEntries(rows.map((r) => [r.organizationId, r]));
    expect(by[w.orgs.enbekshikazakhAkimat]).toMatchObject({
      assigned: 21,
      answered: 19,
      answeredOnTime: 18,
      overdue: 3,
      onTimeRate: 0.8571,
      returnedForRework: 1,
      instructionsAssigned: 2,
      instructionsOverdue: 1,
      rank: 2,
    });
    expect(by[w.orgs.zhambylAkimat]).toMatchObject({ assigned: 14, answeredOnTime: 13, overdue: 1, onTimeRate: 0.9286, instructionsAssigned: 1, instructionsOverdue: 0, rank: 1 });
    // one appeal answered on time: a perfect rate, but no rank below the minimum sample
    expect(by[w.orgs.department]).toMatchObject({ assigned: 1, answeredOnTime: 1, overdue: 0, onTimeRate: 1, rank: null, score: null });
    expect(rows.map((r) => r.organizationId)).toEqual([w.orgs.zhambylAkimat, w.orgs.enbekshikazakhAkimat, w.orgs.department]);
    expect(by[w.orgs.department].organization.kind).toBe('MONITORING_DEPARTMENT');
  });

  it('even with a minimum sample of one, a single fast answer does not top the table', async () => {
    const rows = (await app.ok(ExecutiveDisciplineDocument, { ...SEVEN_WEEKS, minSample: 1 }, w.users.head.token)).executiveDiscipline;
    expect(rows.map((r) => [r.organizationId, r.rank])).toEqual([
      [w.orgs.zhambylAkimat, 1],
      [w.orgs.enbekshikazakhAkimat, 2],
      [w.orgs.department, 3],
    ]);
  });
});

describe('period summary and report', () => {
  it('sums up the period: totals, breakdowns, districts, instructions', async () => {
    const s = (await app.ok(PeriodSummaryDocument, { ...WEEK, regionId: w.region.id }, w.users.liaison.token)).periodSummary;
    expect(s.scope).toBe('Алматинская');
    expect(s.totals).toMatchObject({
      appeals: 15,
      uniqueApplicants: 14,
      overdue: 5,
      answered: 9,
      answeredOnTime: 8,
      reworked: 1,
      repeated: 1,
      forwarded: 1,
      leftWithoutConsideration: 1,
      previousPeriodAppeals: 4,
      changePercent: 275,
    });
    // by count, then by label (З before П)
    expect(s.byForm.map((i) => [i.key, i.appeals, i.share])).toEqual([
      ['application', 11, 0.7333],
      ['complaint', 2, 0.1333],
      ['request', 1, 0.0667],
      ['proposal', 1, 0.0667],
    ]);
    expect(Object.fromEntries(s.byChannel.map((i) => [i.key, i.appeals]))).toEqual({ eotinish: 7, paper: 3, personal_reception: 3, mail: 1, electronic: 1 });
    const byTopic = Object.fromEntries(s.byTopic.map((i) => [i.key ?? 'none', i.appeals]));
    expect(byTopic).toEqual({ [w.topics.water]: 8, [w.topics.roads]: 3, [w.topics.heating]: 3, none: 1 });
    expect(s.bySubtopic[0]).toMatchObject({ key: w.topics.waterInterruption, appeals: 8 });
    expect(s.byDistrict.cells).toHaveLength(11);
    expect(s.byDistrict.appealsWithoutDistrict).toBe(1);
    expect(s.byRegion.cells.map((c) => [c.kato, c.appeals])).toEqual([['190000000', 15]]);
    expect(s.monthly.map((m) => [m.month, m.appeals])).toEqual([['2026-02', 15]]);
    expect(s.instructions).toEqual({ issued: 3, executed: 1, executedOnTime: 1, executedLate: 0, onControl: 1, overdue: 1, removed: 1 });
  });

  it('shows the most severe problem cards seen in the period, titles masked', async () => {
    await ensureProblemCard({
      title: 'Нет питьевой воды в с. Каракемер, звонить +7 701 555 12 34',
      region_id: Number(w.region.id),
      topic_id: Number(w.topics.waterInterruption),
      status: 'new',
      severity: 7.5,
      appeals_count: 8,
      applicants_count: 7,
      first_seen: '2026-02-23',
      last_seen: '2026-02-23',
    });
    const s = (await app.ok(PeriodSummaryDocument, { ...WEEK, regionId: w.region.id }, w.users.liaison.token)).periodSummary;
    expect(s.problemCardsAvailable).toBe(true);
    expect(s.topProblemCards).toHaveLength(1);
    expect(s.topProblemCards[0]).toMatchObject({ severity: 7.5, appeals: 8, applicants: 7, region: 'Алматинская', status: 'new', firstSeen: '2026-02-23' });
    expect(s.topProblemCards[0].title).toBe('Нет питьевой воды в с. Каракемер, звонить [phone]');
  });

  it('carries no personal data at all, in the summary or in any report format', async () => {
    const officials = ['Ахметов Ерлан Болатович', 'Ким Ольга Викторовна', 'Жумабеков Данияр', 'Омарова Гульнар', 'Исаева Дана', 'Бекова Сауле'];
    const summary = JSON.stringify(await app.ok(PeriodSummaryDocument, { ...SEVEN_WEEKS, regionId: w.region.id }, w.users.liaison.token));
    const reports = await Promise.all(
      (['MARKDOWN', 'CSV', 'HTML'] as const).map(async (format) =>
        JSON.stringify(await app.ok(PeriodReportDocument, { ...SEVEN_WEEKS, regionId: w.region.id, format }, w.users.liaison.token)),
      ),
    );
    expect(PERSONAL.length).toBeGreaterThan(100);
    for (const text of [summary, ...reports]) {
      for (const p of [...PERSONAL, ...officials]) expect(text).not.toContain(p);
      expect(text).not.toMatch(/(?<!\d)\d{12}(?!\d)/); // no IIN/BIN-like numbers
      expect(text).not.toMatch(/@example\.kz/);
      expect(text).not.toMatch(/\+7701/);
    }
  });

  it('renders HTML with a district map (one path per district) and trend charts, printable', async () => {
    const r = (await app.ok(PeriodReportDocument, { ...WEEK, regionId: w.region.id, format: 'HTML' }, w.users.liaison.token)).periodReport;
    expect(r.contentType).toBe('text/html; charset=utf-8');
    expect(r.filename).toBe('appeals-summary_2026-02-23_2026-03-01.html');
    const map = /<svg[^>]*class="choropleth"[\s\S]*?<\/svg>/.exec(r.content)![0];
    expect(map.match(/<path /g)).toHaveLength(11);
    expect(map).toContain('data-kato="194000000"');
    expect(/<path d="[^"]+" fill="[^"]+" stroke="#1f2a7a"[^>]*data-kato="194000000"/.test(map)).toBe(true); // unusual: dark blue outline
    expect(r.content).toMatch(/<svg[^>]*class="chart monthly"/);
    expect(r.content).toContain('@page');
    expect(r.content).toContain('@media print');
    expect(r.content).toContain('Енбекшиказахский');
  });

  it('renders CSV that parses into one figure per line, and Markdown tables', async () => {
    const csv = (await app.ok(PeriodReportDocument, { ...WEEK, regionId: w.region.id, format: 'CSV' }, w.users.liaison.token)).periodReport;
    const rows = parseCsv(csv.content, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(['section', 'key', 'label', 'measure', 'value']);
    expect(rows.find((x) => x.section === 'totals' && x.measure === 'appeals')!.value).toBe('15');
    expect(rows.find((x) => x.section === 'district' && x.key === '194000000' && x.measure === 'appeals')!.value).toBe('12');
    expect(rows.find((x) => x.section === 'district' && x.key === '194000000' && x.measure === 'unusual')!.value).toBe('1');
    expect(rows.find((x) => x.section === 'instructions' && x.measure === 'overdue')!.value).toBe('1');
    const md = (await app.ok(PeriodReportDocument, { ...WEEK, regionId: w.region.id, format: 'MARKDOWN', language: 'EN' }, w.users.liaison.token)).periodReport;
    expect(md.content).toContain('# Summary of the consideration of appeals');
    expect(md.content).toMatch(/\| Enbekshikazakh[^|]*\| 12 \| 2 \| \+500\.0% \|/);
  });
});

describe('who may read analytics', () => {
  it('every department role, the auditor and the liaison; executors are refused and nothing is written', async () => {
    for (const key of ['admin', 'head', 'deputy', 'specialist', 'analyst', 'auditor', 'liaison'] as const) {
      const r = await app.gql(AppealStatsDocument, { filter: WEEK, groupBy: [] }, w.users[key].token);
      expect(r.errors, key).toBeUndefined();
    }
    const before = await tableCounts(app);
    for (const key of ['executorEnbek', 'executorZhambyl', 'executorRural'] as const) {
      for (const r of [
        await app.gql(AppealStatsDocument, { filter: WEEK, groupBy: [] }, w.users[key].token),
        await app.gql(ProblemMapDocument, { filter: { ...WEEK, level: 'DISTRICT' } }, w.users[key].token),
        await app.gql(ExecutiveDisciplineDocument, { ...WEEK }, w.users[key].token),
        await app.gql(PeriodReportDocument, { ...WEEK, format: 'CSV' }, w.users[key].token),
      ]) {
        expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
        expect(r.data?.[Object.keys(r.data ?? {})[0] as never] ?? null).toBeNull();
      }
    }
    const anonymous = await app.gql(AppealStatsDocument, { filter: WEEK, groupBy: [] }, null);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await tableCounts(app)).toEqual(before);
  });
});

describe('no N+1', () => {
  it('the map, stats with their objects, and the summary issue a constant number of statements', async () => {
    const count = async (run: () => Promise<unknown>) => {
      app.database.statements.length = 0;
      await run();
      return app.database.statements.length;
    };
    const mapWeek = await count(() => mapOf({}));
    const mapSeven = await count(() => mapOf({ ...SEVEN_WEEKS }));
    expect(mapSeven).toBe(mapWeek);
    expect(mapWeek).toBeLessThanOrEqual(5); // auth, units, facts, admin units of the cells, topics of the top lists
    const few = await count(() => stats(['REGION']));
    const many = await count(() => stats(['DISTRICT', 'TOPIC', 'EXECUTOR', 'WEEK'], SEVEN_WEEKS));
    expect(many).toBeLessThanOrEqual(few + 3); // + one loader statement each for districts, topics, organizations
    const sWeek = await count(() => app.ok(PeriodSummaryDocument, { ...WEEK, regionId: w.region.id }, w.users.liaison.token));
    const sSeven = await count(() => app.ok(PeriodSummaryDocument, { ...SEVEN_WEEKS, regionId: w.region.id }, w.users.liaison.token));
    expect(sSeven).toBe(sWeek);
  });
});

/**
 * The problem cards belong to the detection feature. When its table is absent in this database, a stand-in with
 * the columns the summary relies on is created (this test file's own database); when present, the row is
 * written with those columns and harmless values for any other required column.
 */
async function ensureProblemCard(card: Record<string, unknown>) {
  const [{ present }] = await query<{ present: boolean }>(em, `select to_regclass('problem_card') is not null as present`);
  if (!present) {
    await query(
      em,
      `create table problem_card (id uuid primary key default gen_random_uuid(), region_id int not null, title text not null, topic_id int null,
         status text not null, severity double precision not null, appeals_count int not null, applicants_count int not null,
         first_seen date not null, last_seen date not null)`,
    );
  }
  const required = await query<{ column_name: string; data_type: string; udt_name: string }>(
    em,
    `select column_name, data_type, udt_name from information_schema.columns
      where table_name = 'problem_card' and is_nullable = 'NO' and column_default is null`,
  );
  const checks = await query<{ def: string }>(
    em,
    `select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'problem_card'::regclass and contype = 'c'`,
  );
  /** The first value a CHECK (column IN (…)) constraint allows, if there is one. */
  const allowed = (column: string) => {
    for (const { def } of checks) {
      if (!new RegExp(`\\b${column}\\b`).test(def)) continue;
      const m = /'([^']*)'/.exec(def);
      if (m) return m[1];
    }
    return null;
  };
  const values: Record<string, unknown> = { ...card };
  for (const c of required) {
    if (c.column_name in values) continue;
    if (c.column_name === 'id' || c.udt_name === 'uuid') values[c.column_name] = crypto.randomUUID();
    else if (/int|numeric|float|double|real/.test(c.udt_name)) values[c.column_name] = 0;
    else if (c.udt_name === 'bool') values[c.column_name] = false;
    else if (/timestamp/.test(c.udt_name)) values[c.column_name] = new Date('2026-02-24T10:00:00Z');
    else if (c.udt_name === 'date') values[c.column_name] = '2026-02-23';
    else if (c.udt_name === 'jsonb' || c.udt_name === 'json') values[c.column_name] = '{}';
    else if (c.data_type === 'ARRAY') values[c.column_name] = '{}';
    else values[c.column_name] = allowed(c.column_name) ?? 'test';
  }
  const cols = Object.keys(values);
  await query(em, `insert into problem_card (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`, cols.map((k) => values[k]));
}

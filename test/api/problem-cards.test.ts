/**
 * Problem cards through the API (issue 4). A small fixed history: a quiet baseline of appeals spread over fifteen
 * weeks in two districts, then, in the week of 2 March 2026, a burst of the same water
 * problem in the village of Shelek (Enbekshikazakh district) — five copies of one letter and three appeals in
 * people's own words — and a smaller burst about a washed-out bridge in Zhambyl district.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../src/db/sql';
import { detectionScheduleFromEnv, runScheduledDetection } from '../../src/problem-cards/detection.schedule';
import {
  AddProblemCardNoteDocument,
  ChangeProblemCardStatusDocument,
  DetectSystemicIssuesDocument,
  IssueInstructionDocument,
  LinkProblemCardInstructionDocument,
  ProblemCardFullDocument,
  ProblemCardsDocument,
  RegisterAppealDocument,
  ReviewProblemCardDocument,
  type RegisterAppealInput,
} from '../generated/graphql';
import { startTestApp, type TestApp } from '../support/app';
import { createWorld, type TestWorld } from '../support/world';

/** A valid IIN for person n (born 1980–1999, check digit computed as the law says). */
function iinFor(n: number): string {
  for (let serial = n * 7; ; serial++) {
    const yy = 80 + (n % 20);
    const mm = 1 + (n % 12);
    const dd = 1 + (n % 28);
    const first11 = `${String(yy).padStart(2, '0')}${String(mm).padStart(2, '0')}${String(dd).padStart(2, '0')}3${String(serial % 10000).padStart(4, '0')}`;
    let s = 0;
    for (let i = 0; i < 11; i++) s += Number(first11[i]) * (i + 1);
    let c = s % 11;
    if (c === 10) {
      const w = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
      s = 0;
      for (let i = 0; i < 11; i++) s += Number(first11[i]) * w[i];
      c = s % 11;
      if (c === 10) continue;
    }
    return first11 + c;
  }
}

const SURNAMES = ['Ахметов', 'Сапарова', 'Ким', 'Омаров', 'Иванова', 'Жумабаев', 'Касымова', 'Бекова', 'Нурланов', 'Садыкова'];
const NAMES = ['Ерлан', 'Айгерим', 'Ольга', 'Марат', 'Елена', 'Данияр', 'Динара', 'Сауле', 'Асхат', 'Гульнара'];

const CAMPAIGN_LETTER =
  'Уважаемый аким области! Мы, жители села Шелек Енбекшиказахского района, с 20 февраля остались без питьевой воды. ' +
  'Насос на скважине сгорел, водопровод по улицам Абая и Жансугурова не работает, воду возим канистрами. ' +
  'Районный акимат мер не принимает. Просим срочно отремонтировать насос и организовать подвоз воды.';

const OWN_WORDS = [
  'В Шелеке с 20 февраля нет воды в кранах, говорят сгорел насос на скважине. Дома маленькие дети, воду покупаем бочками по 8000 тенге.',
  'Я живу в селе Шелек, улица Абая. Уже десять дней нет питьевой воды, насос так и не отремонтировали. Прошу разобраться, мой телефон +7 701 555 12 34.',
  'Шелек ауылында ақпанның 20-нан бері ауыз су жоқ, ұңғымадағы сорап күйіп кетті. Суды канистрмен тасимыз, шара қолдануды сұраймыз.',
];

const BRIDGE = [
  'В селе Узынагаш паводком размыло мост через речку на улице Толе би, дети не могут попасть в школу. Просим восстановить мост.',
  'Узынагаш: мост на Толе би разрушен водой, скорая и автобусы не проезжают, люди ходят в обход по 3 километра.',
  'Просим срочно восстановить размытый мост в Узынагаше на улице Толе би, это единственная дорога к школе и больнице.',
  'После паводка в Узынагаше нет моста через речку по Толе би, машины стоят. Когда начнут ремонт моста?',
  'Узынағаштағы Төле би көшесіндегі көпірді су шайып кетті, балалар мектепке бара алмайды. Көпірді қалпына келтіруді сұраймыз.',
];

/** Quiet weeks: one appeal a week in each district, topics taking turns. */
const BASELINE: Record<'water' | 'roads' | 'heating', string[]> = {
  water: [
    'Прошу заменить старый водопроводный колодец во дворе дома по улице Ленина, крышка проломлена.',
    'Вода из крана идёт ржавая по утрам, просим проверить качество воды в нашем микрорайоне.',
    'Просим провести водопровод к новым домам на окраине села, воду носим с колонки.',
  ],
  roads: [
    'На улице Мира большие ямы на дороге после зимы, просим сделать ямочный ремонт.',
    'Нет уличного освещения на остановке автобуса у школы, вечером опасно.',
    'Просим установить дорожный знак и лежачий полицейский у детского сада.',
  ],
  heating: [
    'В квартире холодно, батареи еле тёплые, управляющая компания не реагирует.',
    'Просим проверить котельную школы, в классах плюс четырнадцать градусов.',
    'Прошу помочь с оплатой угля на зиму, я пенсионер и живу одна.',
  ],
};

interface FixtureAppeals {
  baseline: string[];
  campaign: string[];
  ownWords: string[];
  bridge: string[];
  /** Three more copies of the letter the next week. */
  followUp: string[];
  /** The applicant of ownWords[1] writes again the next week. */
  repeat: string;
}

let person = 0;
function applicant(w: TestWorld, district: 'enbekshikazakh' | 'zhambyl', extra: Partial<RegisterAppealInput['applicants'][number]> = {}) {
  const n = ++person;
  return {
    kind: 'INDIVIDUAL' as const,
    fullName: `${SURNAMES[n % 10]} ${NAMES[(n * 3) % 10]}`,
    iin: iinFor(n),
    address: `${district === 'zhambyl' ? 'Жамбылский' : 'Енбекшиказахский'} район, ул. Абая, ${n}`,
    phone: `+7701${String(10_000_000 + n).slice(1)}`,
    ...extra,
  };
}

/** Registers the whole history through the API (the clock is set to the end of it). */
async function registerFixtureHistory(app: TestApp, w: TestWorld): Promise<FixtureAppeals> {
  person = 0;
  app.clock.set('2026-03-20T18:00:00+05:00');
  const register = async (input: Partial<RegisterAppealInput> & Pick<RegisterAppealInput, 'text' | 'receivedAt' | 'adminUnitId' | 'applicants'>) =>
    (
      await app.ok(
        RegisterAppealDocument,
        { input: { form: 'APPLICATION', channel: 'EOTINISH', addresseeId: w.orgs.apparatus, ...input } },
        w.users.specialist.token,
      )
    ).registerAppeal.id;
  const out: FixtureAppeals = { baseline: [], campaign: [], ownWords: [], bridge: [], followUp: [], repeat: '' };
  const topics = ['water', 'roads', 'heating'] as const;
  // weeks of 17 Nov 2025 … 23 Feb 2026: Tuesday in Enbekshikazakh, Thursday in Zhambyl
  for (let k = 0; k < 15; k++) {
    const monday = new Date(Date.UTC(2025, 10, 17) + k * 7 * 86_400_000);
    const day = (offset: number) => new Date(monday.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const te = topics[k % 3];
    const tz = topics[(k + 1) % 3];
    out.baseline.push(
      await register({
        text: BASELINE[te][Math.floor(k / 3) % 3],
        receivedAt: `${day(1)}T10:00:00+05:00`,
        adminUnitId: w.districts.enbekshikazakh.id,
        topicId: w.topics[te],
        applicants: [applicant(w, 'enbekshikazakh')],
      }),
    );
    out.baseline.push(
      await register({
        text: BASELINE[tz][(Math.floor(k / 3) + 1) % 3],
        receivedAt: `${day(3)}T11:00:00+05:00`,
        adminUnitId: w.districts.zhambyl.id,
        topicId: w.topics[tz],
        applicants: [applicant(w, 'zhambyl')],
      }),
    );
  }
  // the week of 2 March: the water problem in Shelek
  for (let i = 0; i < 5; i++) {
    const tail = i === 0 ? ' Мой телефон для связи +7 701 555 12 34, ИИН 900101400013.' : i === 1 ? ' Проживаю по ул. Абая, 12.' : '';
    out.campaign.push(
      await register({
        text: CAMPAIGN_LETTER + tail,
        receivedAt: `2026-03-0${2 + (i % 4)}T${10 + i}:00:00+05:00`,
        adminUnitId: w.districts.enbekshikazakh.id,
        topicId: w.topics.water,
        applicants: [applicant(w, 'enbekshikazakh')],
      }),
    );
  }
  const ownWordsApplicants = OWN_WORDS.map(() => applicant(w, 'enbekshikazakh'));
  for (let i = 0; i < OWN_WORDS.length; i++) {
    out.ownWords.push(
      await register({
        text: OWN_WORDS[i],
        receivedAt: `2026-03-0${3 + i}T15:00:00+05:00`,
        adminUnitId: w.districts.enbekshikazakh.id,
        topicId: w.topics.water,
        language: i === 2 ? 'KK' : 'RU',
        applicants: [ownWordsApplicants[i]],
      }),
    );
  }
  // the same week in Zhambyl: the bridge
  for (let i = 0; i < BRIDGE.length; i++) {
    out.bridge.push(
      await register({
        text: BRIDGE[i],
        receivedAt: `2026-03-0${2 + (i % 5)}T12:00:00+05:00`,
        adminUnitId: w.districts.zhambyl.id,
        topicId: w.topics.roads,
        language: i === 4 ? 'KK' : 'RU',
        applicants: [applicant(w, 'zhambyl')],
      }),
    );
  }
  // the next week the letter keeps coming (three more copies), and one who wrote before writes again
  for (let i = 0; i < 3; i++) {
    out.followUp.push(
      await register({
        text: CAMPAIGN_LETTER,
        receivedAt: `2026-03-1${0 + i}T11:00:00+05:00`,
        adminUnitId: w.districts.enbekshikazakh.id,
        topicId: w.topics.water,
        applicants: [applicant(w, 'enbekshikazakh')],
      }),
    );
  }
  out.repeat = await register({
    text: 'Повторно обращаюсь: в Шелеке так и нет воды, насос на скважине не отремонтирован.',
    receivedAt: '2026-03-10T09:30:00+05:00',
    adminUnitId: w.districts.enbekshikazakh.id,
    topicId: w.topics.water,
    repeatOfId: out.ownWords[1],
    applicants: [ownWordsApplicants[1]],
  });
  return out;
}

/** Rows in the problem-card tables and the history: "nothing was written" is this snapshot unchanged. */
async function problemCardCounts(app: TestApp): Promise<Record<string, number>> {
  const em = app.database.db.orm.em.fork() as EntityManager;
  const out: Record<string, number> = {};
  for (const t of ['problem_card', 'problem_card_unit', 'problem_card_appeal', 'problem_card_note', 'problem_card_instruction', 'history_event']) {
    out[t] = Number((await query<{ n: string }>(em, `select count(*) as n from ${t}`))[0].n);
  }
  const [v] = await query<{ v: string }>(em, 'select coalesce(sum(version), 0) as v from problem_card');
  out.cardVersions = Number(v.v);
  return out;
}

let app: TestApp;
let w: TestWorld;
let fx: FixtureAppeals;
let waterCard: string;
let bridgeCard: string;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  fx = await registerFixtureHistory(app, w);
});
afterAll(() => app?.close());

const em = () => app.database.db.orm.em.fork() as EntityManager;
const cardAppeals = async (id: string) =>
  (await query<{ appeal_id: string }>(em(), 'select appeal_id from problem_card_appeal where card_id = ? order by appeal_id', [id])).map((r) => r.appeal_id);
const sorted = (ids: string[]) => [...ids].sort();

describe('detecting systemic issues', () => {
  it('a burst of one water problem in one district, against a quiet baseline, becomes exactly one card (and the bridge in the other district another)', async () => {
    app.clock.set('2026-03-09T09:00:00+05:00');
    const run = (await app.ok(DetectSystemicIssuesDocument, { from: '2026-02-16', to: '2026-03-08' }, w.users.analyst.token)).detectSystemicIssues;
    expect(run).toMatchObject({
      from: '2026-02-16',
      to: '2026-03-08',
      regions: 1,
      // the period and the three weeks before it: 10 quiet appeals, 8 about water, 5 about the bridge
      appealsScanned: 23,
      // 2 districts × 3 topics × 3 weeks, plus the 2 clusters large enough to test
      testsRun: 20,
      spikeAlarms: 2,
      cusumAlarms: 0,
      clusterAlarms: 2,
      cardsCreated: 2,
      cardsUpdated: 0,
      cardsUnchanged: 0,
      // the default alarm budget (from the evaluation)
      alarmsPerWeek: 1,
      falseDiscoveryRate: 0.01,
    });
    const list = await app.ok(ProblemCardsDocument, {}, w.users.analyst.token);
    expect(list.problemCards.totalCount).toBe(2);
    const [water, bridge] = list.problemCards.edges.map((e) => e.node);
    waterCard = water.id;
    bridgeCard = bridge.id;
    expect(sorted(run.cardIds)).toEqual(sorted([water.id, bridge.id]));
    expect(water).toMatchObject({
      title: 'Водоснабжение и водоотведение: Шелек, насос, абая — Енбекшиказахский',
      status: 'NEW',
      appealsCount: 8,
      applicantsCount: 8,
      firstSeen: '2026-03-02',
      lastSeen: '2026-03-05',
      observed: 8,
      source: 'SPIKE_AND_CLUSTER',
      topic: { id: w.topics.water, code: 'WATER' },
      adminUnits: [{ appealsCount: 8, adminUnit: { id: w.districts.enbekshikazakh.id } }],
      version: 1,
    });
    expect(water.keyTerms.slice(0, 2)).toEqual(['шелек', 'насос']);
    expect(water.expected).toBeGreaterThan(0.2);
    expect(water.expected).toBeLessThan(0.5);
    expect(await cardAppeals(water.id)).toEqual(sorted([...fx.campaign, ...fx.ownWords]));
    expect(bridge).toMatchObject({
      title: 'Дороги и транспорт: Узынагаш, мост, толе — Жамбылский',
      appealsCount: 5,
      applicantsCount: 5,
      firstSeen: '2026-03-02',
      lastSeen: '2026-03-06',
      topic: { code: 'ROADS' },
      adminUnits: [{ appealsCount: 5, adminUnit: { id: w.districts.zhambyl.id } }],
    });
    expect(await cardAppeals(bridge.id)).toEqual(sorted(fx.bridge));
    expect(water.severity).toBeGreaterThan(bridge.severity);

    const full = (await app.ok(ProblemCardFullDocument, { id: water.id }, w.users.analyst.token)).problemCard!;
    // the evidence: the weekly test (held to the alarm budget) and the cluster of copies of one letter
    const nb = full.evidence.find((e) => e.test === 'weekly_count')!;
    expect(nb).toMatchObject({ week: '2026-03-02', adminUnitId: w.districts.enbekshikazakh.id, topicId: w.topics.water, observed: 8 });
    expect(nb.pValue).toBeLessThan(1e-6);
    expect(nb.qValue).toBeLessThan(0.01);
    const cluster = full.evidence.find((e) => e.test === 'cluster')!;
    expect(cluster).toMatchObject({ clusterKind: 'near_copy', clusterSize: 5, uniqueApplicants: 5 });
    expect(full.weeklyTrend.map((p) => [p.week, p.count])).toEqual([
      ['2026-02-02', 0],
      ['2026-02-09', 1],
      ['2026-02-16', 0],
      ['2026-02-23', 0],
      ['2026-03-02', 8],
    ]);
    expect(full.severityParts.spread).toBe(0);
    expect(full.severityParts.excess).toBeGreaterThan(0.9);
    // five representatives, not five copies of the letter
    expect(full.representativeAppeals).toHaveLength(5);
    expect(full.representativeAppeals.filter((a) => fx.ownWords.includes(a.appealId)).length).toBeGreaterThanOrEqual(2);
    expect(full.history.map((h) => [h.action, h.actorRole])).toEqual([['detect', 'analyst']]);
  });

  it('re-running the same period changes nothing; a later run that sees the problem go on updates its card instead of adding one', async () => {
    const before = await problemCardCounts(app);
    const again = (await app.ok(DetectSystemicIssuesDocument, { from: '2026-02-16', to: '2026-03-08' }, w.users.head.token)).detectSystemicIssues;
    expect(again).toMatchObject({ cardsCreated: 0, cardsUpdated: 0, cardsUnchanged: 2 });
    expect(sorted(again.cardIds)).toEqual(sorted([waterCard, bridgeCard]));
    expect(await problemCardCounts(app)).toEqual(before);

    app.clock.set('2026-03-16T09:00:00+05:00');
    const later = (await app.ok(DetectSystemicIssuesDocument, { from: '2026-02-23', to: '2026-03-15' }, w.users.analyst.token)).detectSystemicIssues;
    expect(later).toMatchObject({ cardsCreated: 0, cardsUpdated: 1, cardsUnchanged: 1 });
    const list = await app.ok(ProblemCardsDocument, {}, w.users.analyst.token);
    expect(list.problemCards.totalCount).toBe(2);
    const water = list.problemCards.edges.find((e) => e.node.id === waterCard)!.node;
    // three more copies of the letter and the repeated appeal; the repeat's author is counted once
    expect(water).toMatchObject({ appealsCount: 12, applicantsCount: 11, firstSeen: '2026-03-02', lastSeen: '2026-03-12', version: 2 });
    expect(await cardAppeals(waterCard)).toEqual(sorted([...fx.campaign, ...fx.ownWords, ...fx.followUp, fx.repeat]));
    const full = (await app.ok(ProblemCardFullDocument, { id: waterCard }, w.users.analyst.token)).problemCard!;
    expect(full.history.map((h) => h.action)).toEqual(['detect', 'redetect']);
    expect(full.history[1].before).toMatchObject({ appealsCount: 8, lastSeen: '2026-03-05' });
    expect(full.history[1].after).toMatchObject({ appealsCount: 12, lastSeen: '2026-03-12', appealsAdded: 4 });
  });

  it('only analysts, the head and the administrator run it; a wrong period is refused; nothing is written', async () => {
    const before = await problemCardCounts(app);
    for (const who of ['specialist', 'deputy', 'executorEnbek', 'liaison', 'auditor'] as const) {
      const r = await app.gql(DetectSystemicIssuesDocument, { from: '2026-02-16', to: '2026-03-08' }, w.users[who].token);
      expect([who, r.errors?.[0].extensions?.code]).toEqual([who, 'FORBIDDEN']);
    }
    const reversed = await app.gql(DetectSystemicIssuesDocument, { from: '2026-03-08', to: '2026-02-16' }, w.users.analyst.token);
    expect(reversed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const tooLong = await app.gql(DetectSystemicIssuesDocument, { from: '2023-01-01', to: '2026-03-08' }, w.users.analyst.token);
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    // the alarm budget: more than nothing, at most 100 alarms a week
    for (const alarmsPerWeek of [0, -1, 101]) {
      const bad = await app.gql(DetectSystemicIssuesDocument, { from: '2026-02-16', to: '2026-03-08', alarmsPerWeek }, w.users.analyst.token);
      expect([alarmsPerWeek, bad.errors?.[0].extensions?.code, bad.errors?.[0].extensions?.field]).toEqual([alarmsPerWeek, 'BAD_USER_INPUT', 'alarmsPerWeek']);
    }
    const anonymous = await app.gql(DetectSystemicIssuesDocument, { from: '2026-02-16', to: '2026-03-08' }, null);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await problemCardCounts(app)).toEqual(before);
  });
});

describe('the life of a problem card', () => {
  it('goes new → under review → working group formed → proposal submitted → resolved, with notes and an instruction, every step in its history', async () => {
    let before = await problemCardCounts(app);
    const jump = await app.gql(ChangeProblemCardStatusDocument, { input: { cardId: waterCard, status: 'RESOLVED', comment: 'Насос заменён, вода подаётся.' } }, w.users.analyst.token);
    expect(jump.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', details: { reason: 'FORBIDDEN_TRANSITION', from: 'new', to: 'resolved' } });
    const stale = await app.gql(ReviewProblemCardDocument, { cardId: waterCard, expectedVersion: 1 }, w.users.analyst.token);
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', details: { reason: 'STALE_VERSION' } });
    for (const who of ['executorEnbek', 'liaison', 'auditor'] as const) {
      const r = await app.gql(ReviewProblemCardDocument, { cardId: waterCard }, w.users[who].token);
      expect([who, r.errors?.[0].extensions?.code]).toEqual([who, 'FORBIDDEN']);
    }
    const unknown = await app.gql(ReviewProblemCardDocument, { cardId: '00000000-0000-4000-8000-000000000000' }, w.users.analyst.token);
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await problemCardCounts(app)).toEqual(before);

    const reviewed = (await app.ok(ReviewProblemCardDocument, { cardId: waterCard, expectedVersion: 2 }, w.users.analyst.token)).reviewProblemCard;
    expect(reviewed).toMatchObject({ status: 'UNDER_REVIEW', version: 3 });
    const note = (
      await app.ok(AddProblemCardNoteDocument, { input: { cardId: waterCard, text: 'Выезд на место 17.03: насос на скважине сгорел, резервного нет.' } }, w.users.analyst.token)
    ).addProblemCardNote;
    expect(note.author.id).toBe(w.users.analyst.id);
    const group = await app.ok(ChangeProblemCardStatusDocument, { input: { cardId: waterCard, status: 'WORKING_GROUP_FORMED' } }, w.users.head.token);
    expect(group.changeProblemCardStatus.status).toBe('WORKING_GROUP_FORMED');

    const instruction = (
      await app.ok(
        IssueInstructionDocument,
        {
          input: {
            number: '07-15/112',
            source: 'AKIM',
            issuer: 'Аким Алматинской области',
            text: 'Обеспечить подвоз питьевой воды в село Шелек и замену насоса на скважине до 1 апреля.',
            issuedAt: '2026-03-16T08:00:00+05:00',
            dueDate: '2026-04-01',
            assigneeIds: [w.orgs.enbekshikazakhAkimat],
          },
        },
        w.users.specialist.token,
      )
    ).issueInstruction;
    const linked = (await app.ok(LinkProblemCardInstructionDocument, { input: { cardId: waterCard, instructionId: instruction.id } }, w.users.deputy.token))
      .linkProblemCardInstruction;
    expect(linked.instructions.map((i) => i.number)).toEqual(['07-15/112']);
    before = await problemCardCounts(app);
    const twice = await app.gql(LinkProblemCardInstructionDocument, { input: { cardId: waterCard, instructionId: instruction.id } }, w.users.deputy.token);
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', details: { reason: 'ALREADY_LINKED' } });
    const noNote = await app.gql(AddProblemCardNoteDocument, { input: { cardId: waterCard, text: 'Я тоже хочу написать.' } }, w.users.liaison.token);
    expect(noNote.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await problemCardCounts(app)).toEqual(before);

    await app.ok(ChangeProblemCardStatusDocument, { input: { cardId: waterCard, status: 'PROPOSAL_SUBMITTED' } }, w.users.deputy.token);
    const silent = await app.gql(ChangeProblemCardStatusDocument, { input: { cardId: waterCard, status: 'RESOLVED' } }, w.users.analyst.token);
    expect(silent.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'comment' });
    const resolved = await app.ok(
      ChangeProblemCardStatusDocument,
      { input: { cardId: waterCard, status: 'RESOLVED', comment: 'Насос заменён 28.03, вода подаётся, подвоз прекращён.' } },
      w.users.analyst.token,
    );
    expect(resolved.changeProblemCardStatus.status).toBe('RESOLVED');
    const reopen = await app.gql(ReviewProblemCardDocument, { cardId: waterCard }, w.users.analyst.token);
    expect(reopen.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', details: { reason: 'FORBIDDEN_TRANSITION' } });

    const full = (await app.ok(ProblemCardFullDocument, { id: waterCard }, w.users.auditor.token)).problemCard!;
    expect(full.status).toBe('RESOLVED');
    expect(full.notes.map((n) => n.author.id)).toEqual([w.users.analyst.id]);
    expect(full.history.map((h) => [h.action, h.actorRole, h.after?.status ?? null])).toEqual([
      ['detect', 'analyst', 'new'],
      ['redetect', 'analyst', null],
      ['change_status', 'analyst', 'under_review'],
      ['add_note', 'analyst', null],
      ['change_status', 'head', 'working_group_formed'],
      ['link_instruction', 'deputy_head', null],
      ['change_status', 'deputy_head', 'proposal_submitted'],
      ['change_status', 'analyst', 'resolved'],
    ]);
  });

  it('a dismissed card needs a reason; the cards list filters by status, topic, district and severity and pages by cursor', async () => {
    const dismissed = await app.ok(
      ChangeProblemCardStatusDocument,
      { input: { cardId: bridgeCard, status: 'DISMISSED', comment: 'Мост восстановлен дорожной службой до рассмотрения.' } },
      w.users.specialist.token,
    );
    expect(dismissed.changeProblemCardStatus.status).toBe('DISMISSED');
    const byStatus = await app.ok(ProblemCardsDocument, { filter: { status: ['DISMISSED'] } }, w.users.head.token);
    expect(byStatus.problemCards.edges.map((e) => e.node.id)).toEqual([bridgeCard]);
    const byTopic = await app.ok(ProblemCardsDocument, { filter: { topicId: w.topics.waterInterruption } }, w.users.head.token);
    expect(byTopic.problemCards.edges.map((e) => e.node.id)).toEqual([waterCard]);
    const byDistrict = await app.ok(ProblemCardsDocument, { filter: { adminUnitId: w.districts.zhambyl.id } }, w.users.head.token);
    expect(byDistrict.problemCards.edges.map((e) => e.node.id)).toEqual([bridgeCard]);
    const severe = await app.ok(ProblemCardsDocument, { filter: { minSeverity: 99 } }, w.users.head.token);
    expect(severe.problemCards.totalCount).toBe(0);
    const page1 = await app.ok(ProblemCardsDocument, { first: 1 }, w.users.head.token);
    expect(page1.problemCards.pageInfo.hasNextPage).toBe(true);
    const page2 = await app.ok(ProblemCardsDocument, { first: 1, after: page1.problemCards.pageInfo.endCursor }, w.users.head.token);
    expect([...page1.problemCards.edges, ...page2.problemCards.edges].map((e) => e.node.id)).toEqual([waterCard, bridgeCard]);
    expect(page2.problemCards.pageInfo.hasNextPage).toBe(false);
    const bad = await app.gql(ProblemCardsDocument, { after: 'not-a-cursor' }, w.users.head.token);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const executor = await app.gql(ProblemCardsDocument, {}, w.users.executorEnbek.token);
    expect(executor.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('a resolved problem that comes back is a new card (resolved and dismissed cards are closed)', async () => {
    const run = (await app.ok(DetectSystemicIssuesDocument, { from: '2026-02-23', to: '2026-03-15' }, w.users.admin.token)).detectSystemicIssues;
    expect(run).toMatchObject({ cardsCreated: 2, cardsUpdated: 0, cardsUnchanged: 0 });
    const open = await app.ok(ProblemCardsDocument, { filter: { status: ['NEW'] } }, w.users.head.token);
    expect(open.problemCards.totalCount).toBe(2);
    expect(open.problemCards.edges.map((e) => e.node.id)).not.toContain(waterCard);
  });

  it('the in-process schedule runs the same detection as the system: the open cards are confirmed, none added', async () => {
    const summary = await runScheduledDetection(app.database.db.orm, app.calendar, 28, new Date('2026-03-16T10:00:00+05:00'));
    expect(summary).toMatchObject({ from: '2026-02-16', to: '2026-03-16', cardsCreated: 0 });
    expect(summary.cardsUpdated + summary.cardsUnchanged).toBe(2);
    expect(detectionScheduleFromEnv({})).toBeNull();
    expect(detectionScheduleFromEnv({ DETECTION_SCHEDULE_HOURS: '6' })).toEqual({ hours: 6, lookbackDays: 28 });
    expect(() => detectionScheduleFromEnv({ DETECTION_SCHEDULE_HOURS: 'often' })).toThrow(/DETECTION_SCHEDULE_HOURS/);
  });
});

describe('what each role sees on a card', () => {
  const PERSONAL = /(?<![\w-])\d{12}(?![\w-])|\+7 ?701|[А-Я][а-я]+ (Ерлан|Айгерим|Ольга|Марат|Елена|Данияр|Динара|Сауле|Асхат|Гульнара)/;

  it('the liaison reads cards without personal data: texts masked, no appeals, no applicants', async () => {
    const r = await app.gql(ProblemCardFullDocument, { id: waterCard }, w.users.liaison.token);
    expect(r.errors).toBeUndefined();
    const card = r.data!.problemCard!;
    expect(card.representativeAppeals.length).toBe(5);
    expect(card.representativeAppeals.every((a) => a.appeal === null)).toBe(true);
    expect(JSON.stringify(r.data)).not.toMatch(PERSONAL);
    const withPhone = card.representativeAppeals.find((a) => a.appealId === fx.ownWords[1])!;
    expect(withPhone.text).toContain('мой телефон [phone].');
    const list = await app.gql(ProblemCardsDocument, {}, w.users.liaison.token);
    expect(list.errors).toBeUndefined();
    expect(JSON.stringify(list.data)).not.toMatch(PERSONAL);
  });

  it('the specialist sees the representative appeals in full; the analyst sees them with personal data masked', async () => {
    const specialist = (await app.ok(ProblemCardFullDocument, { id: waterCard }, w.users.specialist.token)).problemCard!;
    expect(specialist.representativeAppeals.every((a) => a.appeal !== null)).toBe(true);
    expect(specialist.representativeAppeals.every((a) => a.appeal!.applicants.every((p) => p.iin && /^\d{12}$/.test(p.iin)))).toBe(true);
    const analyst = (await app.ok(ProblemCardFullDocument, { id: waterCard }, w.users.analyst.token)).problemCard!;
    expect(JSON.stringify(analyst.representativeAppeals)).not.toMatch(/900101400013|\+7701/);
    expect(analyst.representativeAppeals.every((a) => a.appeal!.applicants.every((p) => !p.iin || /^\*+$/.test(p.iin)))).toBe(true);
  });

  it('lists cards with their districts, topics and representative appeals in a constant number of statements (no N+1)', async () => {
    const count = async (first: number) => {
      app.database.statements.length = 0;
      const d = await app.ok(ProblemCardsDocument, { first }, w.users.head.token);
      expect(d.problemCards.edges).toHaveLength(first);
      expect(d.problemCards.edges.every((e) => e.node.representativeAppeals.length > 0 && e.node.adminUnits.length > 0)).toBe(true);
      return app.database.statements.length;
    };
    const all = (await app.ok(ProblemCardsDocument, {}, w.users.head.token)).problemCards.totalCount;
    expect(all).toBeGreaterThanOrEqual(3);
    const one = await count(1);
    const many = await count(all);
    expect(many).toBe(one);
    // authentication, the page, then one each: topics, districts of cards, admin units, representatives
    expect(one).toBeLessThanOrEqual(7);
  });
});

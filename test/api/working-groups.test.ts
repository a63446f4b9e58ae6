import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../src/db/sql';
import {
  AddWorkingGroupMemberDocument,
  CloseWorkingGroupDocument,
  CreateWorkingGroupDocument,
  FollowUpWorkingGroupDecisionDocument,
  LinkWorkingGroupProblemCardsDocument,
  ProblemCardsWithWorkingGroupsDocument,
  ProblemCardWorkingGroupsDocument,
  RecordWorkingGroupMeetingDocument,
  WorkingGroupDocument,
  WorkingGroupsDocument,
} from '../generated/graphql';
import { startTestApp, type GraphQLResult, type TestApp } from '../support/app';
import { createWorld, tableCounts, type TestWorld } from '../support/world';

let app: TestApp;
let w: TestWorld;
let cardId: string | null = null;
const em = () => app.database.db.orm.em.fork() as EntityManager;

const TABLES = ['working_group', 'working_group_problem_card', 'working_group_member', 'working_group_meeting', 'working_group_decision'];
async function counts() {
  const out: Record<string, number> = await tableCounts(app);
  for (const t of TABLES) out[t] = Number((await query<{ n: string }>(em(), `select count(*) as n from ${t}`))[0].n);
  out.cardVersions = Number((await query<{ n: string }>(em(), 'select coalesce(sum(version), 0) as n from problem_card'))[0].n);
  out.versions = Number((await query<{ n: string }>(em(), 'select (select coalesce(sum(version), 0) from working_group) + (select coalesce(sum(version), 0) from working_group_decision) as n'))[0].n);
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

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  // A problem card of the analytics feature, when its table is there.
  const [t] = await query<{ t: string | null }>(em(), "select to_regclass('problem_card')::text as t");
  if (t.t) {
    cardId = randomUUID();
    await query(
      em(),
      `insert into problem_card (id, region_id, title, status, severity, severity_parts, appeals_count, applicants_count, first_seen, last_seen,
         observed, expected, source, weekly_trend, key_terms, evidence, detected_from, detected_to, created_at, updated_at)
       values (?, ?, 'Нет питьевой воды в с. Шелек', 'new', 0.9, '{}', 34, 31, '2026-02-01', '2026-02-14', 34, 3.5, 'spike', '[]', '{}', '[]', '2026-02-01', '2026-02-14', now(), now())`,
      [cardId, w.region.id],
    );
  }
});
afterAll(() => app?.close());

describe('a working group on an issue of wide public outcry', () => {
  it('is formed on the problem cards it addresses, with officials, civil society and experts; meets, decides, follows up, closes', async () => {
    app.clock.set('2026-02-20T10:00:00+05:00');
    await refused(() => app.gql(CreateWorkingGroupDocument, { input: { kind: 'WORKING_GROUP', name: 'Вода', issue: 'коротко' } }, w.users.specialist.token), 'BAD_USER_INPUT', { field: 'name' });
    await refused(
      () => app.gql(CreateWorkingGroupDocument, { input: { kind: 'WORKING_GROUP', name: 'Рабочая группа по водоснабжению', issue: 'Массовые обращения жителей с. Шелек об отсутствии питьевой воды.' } }, w.users.executorEnbek.token),
      'FORBIDDEN',
    );
    const g = (
      await app.ok(
        CreateWorkingGroupDocument,
        { input: { kind: 'WORKING_GROUP', name: 'Рабочая группа по водоснабжению с. Шелек', issue: 'Массовые обращения жителей с. Шелек об отсутствии питьевой воды с начала февраля.', problemCardIds: cardId ? [cardId] : [] } },
        w.users.specialist.token,
      )
    ).createWorkingGroup;
    expect(g).toMatchObject({ kind: 'WORKING_GROUP', status: 'ACTIVE', problemCardIds: cardId ? [cardId] : [] });
    if (cardId) {
      await refused(() => app.gql(LinkWorkingGroupProblemCardsDocument, { groupId: g.id, problemCardIds: [randomUUID()] }, w.users.specialist.token), 'BAD_USER_INPUT', { field: 'problemCardIds' });
    }

    const add = (input: Record<string, unknown>) => app.gql(AddWorkingGroupMemberDocument, { input: { groupId: g.id, ...input } as any }, w.users.specialist.token);
    await add({ kind: 'OFFICIAL', role: 'CHAIR', fullName: 'Ахметов Ерлан Болатович', userId: w.users.deputy.id, organizationId: w.orgs.department });
    await add({ kind: 'STATE_BODY', role: 'MEMBER', fullName: 'Жумабеков Данияр', organizationId: w.orgs.enbekshikazakhAkimat, affiliation: 'Акимат Енбекшиказахского района' });
    await add({ kind: 'CIVIL_SOCIETY', role: 'MEMBER', fullName: 'Касымова Гульнара', affiliation: 'ОО «Шелек — наш дом»' });
    const full = (await add({ kind: 'EXPERT', role: 'SECRETARY', fullName: 'Сулейменов Арман', affiliation: 'КазНИИ водного хозяйства' })).data!.addWorkingGroupMember;
    expect(full.members.map((m) => `${m.kind}/${m.role}`).sort()).toEqual(['CIVIL_SOCIETY/MEMBER', 'EXPERT/SECRETARY', 'OFFICIAL/CHAIR', 'STATE_BODY/MEMBER']);
    await refused(() => add({ kind: 'EXPERT', role: 'CHAIR', fullName: 'Ещё один председатель' }), 'CONFLICT', { reason: 'CHAIR_EXISTS' });
    await refused(() => add({ kind: 'EXPERT', role: 'MEMBER', fullName: 'касымова гульнара' }), 'CONFLICT', { reason: 'ALREADY_MEMBER' });
    await refused(() => add({ kind: 'OFFICIAL', role: 'MEMBER', fullName: 'Должностное лицо без органа' }), 'BAD_USER_INPUT', { field: 'organizationId' });

    const ids = full.members.filter((m) => m.kind !== 'EXPERT').map((m) => m.id);
    const meeting = (over: Record<string, unknown> = {}) =>
      app.gql(
        RecordWorkingGroupMeetingDocument,
        {
          input: {
            groupId: g.id,
            heldAt: '2026-02-20T15:00:00+05:00',
            place: 'с. Шелек, акимат сельского округа',
            minutesNumber: '1',
            minutes: 'Заслушана информация акимата района о причинах перебоев. Решено организовать подвоз воды и заменить насос.',
            attendeeIds: ids,
            decisions: [
              { text: 'Организовать подвоз питьевой воды до восстановления водоснабжения.', responsibleOrganizationId: w.orgs.enbekshikazakhAkimat, dueDate: '2026-02-23' },
              { text: 'Заменить насос на водозаборе с. Шелек.', responsibleOrganizationId: w.orgs.energyDept, dueDate: '2026-03-10' },
            ],
            ...over,
          } as any,
        },
        w.users.specialist.token,
      );
    await refused(() => meeting(), 'BAD_USER_INPUT', { field: 'heldAt' }); // not held yet
    app.clock.set('2026-02-20T18:00:00+05:00');
    await refused(() => meeting({ attendeeIds: [randomUUID()] }), 'BAD_USER_INPUT', { field: 'attendeeIds' });
    await refused(() => meeting({ minutes: 'Обсудили.' }), 'BAD_USER_INPUT', { field: 'minutes' });
    const met = (await meeting()).data!.recordWorkingGroupMeeting;
    expect(met.meetings).toHaveLength(1);
    expect(met.meetings[0]).toMatchObject({ minutesNumber: '1', attendeeIds: ids });
    expect(met.decisions.map((d) => [d.status, d.responsibleOrganization?.id, d.meetingId])).toEqual([
      ['OPEN', w.orgs.enbekshikazakhAkimat, met.meetings[0].id],
      ['OPEN', w.orgs.energyDept, met.meetings[0].id],
    ]);

    // the akimat responsible sees the group and marks its own decision done; not the other one
    expect((await app.ok(WorkingGroupsDocument, {}, w.users.executorEnbek.token)).workingGroups.map((x) => x.id)).toEqual([g.id]);
    expect((await app.ok(WorkingGroupsDocument, {}, w.users.executorZhambyl.token)).workingGroups).toEqual([]);
    await refused(() => app.gql(WorkingGroupDocument, { id: g.id }, w.users.executorZhambyl.token), 'NOT_FOUND');
    const [own, other] = met.decisions;
    app.clock.set('2026-02-23T12:00:00+05:00');
    await refused(() => app.gql(FollowUpWorkingGroupDecisionDocument, { input: { decisionId: other.id, status: 'DONE', followUp: 'Насос заменён силами акимата.' } }, w.users.executorEnbek.token), 'NOT_FOUND');
    const done = (await app.ok(FollowUpWorkingGroupDecisionDocument, { input: { decisionId: own.id, status: 'DONE', followUp: 'Подвоз воды организован с 21 февраля, 2 автоцистерны.' } }, w.users.executorEnbek.token)).followUpWorkingGroupDecision;
    expect(done).toMatchObject({ status: 'DONE' });
    await refused(() => app.gql(FollowUpWorkingGroupDecisionDocument, { input: { decisionId: own.id, status: 'CANCELLED', followUp: 'Отменено решением группы.' } }, w.users.specialist.token), 'CONFLICT', { reason: 'ALREADY_FOLLOWED_UP' });

    await refused(() => app.gql(CloseWorkingGroupDocument, { groupId: g.id, note: 'Вопрос решён, водоснабжение восстановлено.' }, w.users.specialist.token), 'CONFLICT', { reason: 'OPEN_DECISIONS' });
    app.clock.set('2026-03-10T12:00:00+05:00');
    await app.ok(FollowUpWorkingGroupDecisionDocument, { input: { decisionId: other.id, status: 'DONE', followUp: 'Насос заменён 9 марта, вода подаётся круглосуточно.' } }, w.users.specialist.token);
    const closed = (await app.ok(CloseWorkingGroupDocument, { groupId: g.id, note: 'Вопрос решён, водоснабжение восстановлено.' }, w.users.specialist.token)).closeWorkingGroup;
    expect(closed).toMatchObject({ status: 'CLOSED', closedAt: '2026-03-10T07:00:00.000Z' });
    await refused(() => add({ kind: 'EXPERT', role: 'MEMBER', fullName: 'Поздний участник' }), 'CONFLICT', { reason: 'GROUP_CLOSED' });
    const [{ n }] = await query<{ n: string }>(em(), "select count(*) as n from history_event where entity_type in ('working_group', 'working_group_decision')");
    expect(Number(n)).toBe(9); // create, 4 members, meeting, 2 follow-ups, close
  });

  it('a hearing (8.7) with the media and public figures is readable by the liaison; lists load members, meetings and decisions in a constant number of statements', async () => {
    app.clock.set('2026-03-12T10:00:00+05:00');
    for (let i = 0; i < 4; i++) {
      const h = (await app.ok(CreateWorkingGroupDocument, { input: { kind: 'HEARING', name: `Слушания по вопросам ЖКХ №${i + 1}`, issue: 'Встреча руководителей местных исполнительных органов с общественностью и СМИ.' } }, w.users.specialist.token)).createWorkingGroup;
      await app.ok(AddWorkingGroupMemberDocument, { input: { groupId: h.id, kind: 'MEDIA', role: 'MEMBER', fullName: `Корреспондент ${i}`, affiliation: 'Газета «Жетісу»' } }, w.users.specialist.token);
    }
    const count = async (token: string) => {
      app.database.statements.length = 0;
      const r = await app.ok(WorkingGroupsDocument, {}, token);
      return [r.workingGroups.length, app.database.statements.length];
    };
    const [n1, s1] = await count(w.users.head.token);
    expect(n1).toBe(5);
    const hearings = (await app.ok(WorkingGroupsDocument, { status: 'ACTIVE' }, w.users.liaison.token)).workingGroups;
    expect(hearings.map((x) => x.kind)).toEqual(['HEARING', 'HEARING', 'HEARING', 'HEARING']);
    app.database.statements.length = 0;
    await app.ok(WorkingGroupsDocument, { status: 'CLOSED' }, w.users.head.token);
    expect(app.database.statements.length).toBe(s1);
  });
});

describe('a working group and the problem cards it works on', () => {
  const card = async (title: string, status: string) => {
    const id = randomUUID();
    await query(
      em(),
      `insert into problem_card (id, region_id, title, status, severity, severity_parts, appeals_count, applicants_count, first_seen, last_seen,
         observed, expected, source, weekly_trend, key_terms, evidence, detected_from, detected_to, created_at, updated_at)
       values (?, ?, ?, ?, 0.7, '{}', 20, 18, '2026-03-01', '2026-03-14', 20, 4, 'spike', '[]', '{}', '[]', '2026-03-01', '2026-03-14', now(), now())`,
      [id, w.region.id, title, status],
    );
    return id;
  };
  const create = (name: string, problemCardIds: string[]) =>
    app.gql(
      CreateWorkingGroupDocument,
      { input: { kind: 'WORKING_GROUP', name, issue: 'Массовые обращения жителей района по одной и той же проблеме за две недели.', problemCardIds } },
      w.users.specialist.token,
    );
  const read = async (id: string) => (await app.ok(ProblemCardWorkingGroupsDocument, { id }, w.users.analyst.token)).problemCard!;

  it('forming a group moves a new or reviewed card to WORKING_GROUP_FORMED in the same transaction, with a history record naming the group', async () => {
    app.clock.set('2026-03-16T10:00:00+05:00');
    const reviewed = await card('Подтопление улиц в г. Есик', 'under_review');
    const fresh = await card('Нет освещения на трассе Есик — Шелек', 'new');
    const g = (await create('Рабочая группа по паводкам в Енбекшиказахском районе', [reviewed, fresh])).data!.createWorkingGroup;
    for (const [id, from] of [[reviewed, 'under_review'], [fresh, 'new']] as const) {
      const c = await read(id);
      expect(c).toMatchObject({ status: 'WORKING_GROUP_FORMED', workingGroups: [{ id: g.id, name: 'Рабочая группа по паводкам в Енбекшиказахском районе', status: 'ACTIVE' }] });
      expect(c.history.at(-1)).toMatchObject({
        action: 'change_status',
        before: { status: from },
        after: { status: 'working_group_formed', workingGroupId: g.id, comment: 'Working group formed: Рабочая группа по паводкам в Енбекшиказахском районе' },
      });
    }
    // A second group on a card already worked on keeps its status and lists both groups.
    app.clock.set('2026-03-16T15:00:00+05:00');
    const second = (await create('Рабочая группа по дренажу г. Есик', [reviewed])).data!.createWorkingGroup;
    const again = await read(reviewed);
    expect(again.status).toBe('WORKING_GROUP_FORMED');
    expect(again.workingGroups.map((x) => x.id)).toEqual([g.id, second.id]);
    expect(again.history.filter((h) => h.action === 'change_status')).toHaveLength(1);
  });

  it('no group is formed on a dismissed or resolved card: CONFLICT PROBLEM_CARD_CLOSED, nothing written', async () => {
    app.clock.set('2026-03-17T10:00:00+05:00');
    const dismissed = await card('Ложная тревога: дубли обращений', 'dismissed');
    const resolved = await card('Решено: ремонт моста в с. Байсерке', 'resolved');
    const open = await card('Очереди в поликлинике г. Есик', 'under_review');
    await refused(() => create('Рабочая группа по отклонённой карте', [dismissed]), 'CONFLICT', { reason: 'PROBLEM_CARD_CLOSED' });
    await refused(() => create('Рабочая группа по двум картам', [open, resolved]), 'CONFLICT', { reason: 'PROBLEM_CARD_CLOSED' });
    expect(await read(open)).toMatchObject({ status: 'UNDER_REVIEW', workingGroups: [] });
    const g = (await create('Рабочая группа по поликлинике г. Есик', [open])).data!.createWorkingGroup;
    await refused(() => app.gql(LinkWorkingGroupProblemCardsDocument, { groupId: g.id, problemCardIds: [dismissed] }, w.users.specialist.token), 'CONFLICT', { reason: 'PROBLEM_CARD_CLOSED' });
    expect(await read(dismissed)).toMatchObject({ status: 'DISMISSED', workingGroups: [] });
  });

  it("lists every card's working groups in a constant number of statements", async () => {
    const count = async (first: number) => {
      app.database.statements.length = 0;
      const r = await app.ok(ProblemCardsWithWorkingGroupsDocument, { first }, w.users.analyst.token);
      expect(r.problemCards.edges).toHaveLength(first);
      expect(r.problemCards.edges.some((e) => e.node.workingGroups.length > 0)).toBe(true);
      return app.database.statements.length;
    };
    expect(await count(6)).toBe(await count(2));
  });
});

import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppealCommands } from '../../src/appeals/appeal.commands';
import type { Actor } from '../../src/access/actor';
import {
  AppealByNumberDocument,
  AppealIdsDocument,
  AppealsListDocument,
  AssignAppealDocument,
  RegisterAppealDocument,
} from '../generated/graphql';
import { startTestApp, type TestApp } from '../support/app';
import { appealInput, IIN } from '../support/fixtures';
import { createWorld, type TestWorld, type WorldUser } from '../support/world';

let app: TestApp;
let w: TestWorld;

const actorOf = (key: WorldUser, roles: Actor['roles']): Actor => ({
  userId: w.users[key].id,
  roles,
  organizationId: w.users[key].orgId,
  regionId: Number(w.region.id),
  system: false,
});

/**
 * 120 appeals with everything a list shows: two applicants each, a lead and a co-executor, two response rounds
 * (the first returned with a review, the second accepted), a topic; made through the use cases, fast.
 */
async function fillRegion(n: number) {
  const em = app.database.db.orm.em.fork() as EntityManager;
  const base = new Date('2026-02-02T10:00:00+05:00').getTime();
  for (let i = 0; i < n; i++) {
    let clock = new Date(base + i * 3_600_000);
    const ctx = (key: WorldUser, roles: Actor['roles']) => ({ em: em.fork() as EntityManager, actor: actorOf(key, roles), calendar: app.calendar, now: () => clock, requestId: 't' });
    const input = appealInput(w, {
      receivedAt: clock.toISOString(),
      text: i % 2 ? `Жол жөнделмеген, ${i}-үй маңында шұңқырлар көп, көлік жүре алмайды.` : `На улице Абая ${i} нет воды уже неделю, просим помочь.`,
      adminUnitId: i % 3 ? w.districts.enbekshikazakh.id : w.districts.zhambyl.id,
      topicId: i % 2 ? w.topics.roads : w.topics.water,
      summary: null,
      applicants: [
        { kind: 'INDIVIDUAL', fullName: 'Сапарова Айгерим', iin: IIN.aigerim, address: 'с. Шелек, ул. Абая, 12' },
        { kind: 'INDIVIDUAL', fullName: 'Ахметов Болат', iin: IIN.bolat, address: 'с. Шелек, ул. Абая, 14' },
      ],
    });
    const a = await new AppealCommands(ctx('specialist', ['specialist'])).register({
      ...input,
      form: 'application',
      channel: 'eotinish',
      receivedAt: clock,
      language: null,
      outOfScope: null,
      applicants: input.applicants.map((p) => ({ ...p, kind: 'individual' as const, adminUnitId: null })),
    });
    const lead = i % 3 ? w.orgs.enbekshikazakhAkimat : w.orgs.zhambylAkimat;
    const leadUser: WorldUser = i % 3 ? 'executorEnbek' : 'executorZhambyl';
    clock = new Date(clock.getTime() + 60_000);
    await new AppealCommands(ctx('specialist', ['specialist'])).assign(a.id, { organizationId: lead, role: 'lead' });
    await new AppealCommands(ctx('specialist', ['specialist'])).assign(a.id, { organizationId: w.orgs.energyDept, role: 'co_executor' });
    clock = new Date(clock.getTime() + 86_400_000);
    const r1 = await new AppealCommands(ctx(leadUser, ['executor'])).submitResponse(a.id, { text: 'Вопрос рассмотрен, работы запланированы на следующий год.', decision: 'explained' });
    await new AppealCommands(ctx('specialist', ['specialist'])).reviewResponse(r1.id, { verdict: 'returned', reasons: ['formal_reply'], comment: 'Нет конкретных сроков выполнения работ.' });
    const r2 = await new AppealCommands(ctx(leadUser, ['executor'])).submitResponse(a.id, { text: 'Ремонт выполнен 20 февраля, акт приёмки приложен к ответу.', decision: 'satisfied' });
    await new AppealCommands(ctx('specialist', ['specialist'])).reviewResponse(r2.id, { verdict: 'accepted' });
  }
}

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  app.clock.set('2026-03-20T12:00:00+05:00');
  await fillRegion(120);
}, 180_000);
afterAll(() => app?.close());

describe('listing appeals', () => {
  it('issues the same number of SQL statements for 10 and for 100 appeals with all their relations (no N+1)', async () => {
    const count = async (first: number) => {
      app.database.statements.length = 0;
      const d = await app.ok(AppealsListDocument, { first }, w.users.head.token);
      expect(d.appeals.edges).toHaveLength(first);
      const node = d.appeals.edges[0].node;
      expect(node.applicants).toHaveLength(2);
      expect(node.assignments).toHaveLength(2);
      expect(node.responses.map((r) => r.reviews.length)).toEqual([1, 1]);
      expect(node.topic).not.toBeNull();
      return app.database.statements.length;
    };
    const ten = await count(10);
    const hundred = await count(100);
    expect(ten).toBeGreaterThan(0);
    expect(hundred).toBe(ten);
    // auth, page, count, then one per relation: applicants, assignments (+ organizations), responses (+ organizations,
    // authors), reviews (+ reviewers), topics, admin units
    expect(ten).toBeLessThanOrEqual(10);
  });

  it('pages through everything with cursors, each appeal exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const d: any = await app.ok(AppealIdsDocument, { first: 25, after }, w.users.head.token);
      seen.push(...d.appeals.edges.map((e: any) => e.node.id));
      expect(d.appeals.totalCount).toBe(120);
      after = d.appeals.pageInfo.hasNextPage ? d.appeals.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(120);
  });

  it('refuses a page larger than 100 and a forged cursor', async () => {
    const big = await app.gql(AppealIdsDocument, { first: 1000 }, w.users.head.token);
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const forged = await app.gql(AppealIdsDocument, { first: 5, after: 'bm90LWEtY3Vyc29y' }, w.users.head.token);
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('filters by district, by region (everything under it), topic, status and period', async () => {
    const ids = async (filter: any) => (await app.ok(AppealIdsDocument, { filter, first: 100 }, w.users.head.token)).appeals.totalCount;
    expect(await ids({ adminUnitId: w.districts.zhambyl.id })).toBe(40);
    expect(await ids({ adminUnitId: w.districts.enbekshikazakh.id })).toBe(80);
    expect(await ids({ adminUnitId: w.region.id })).toBe(120);
    expect(await ids({ topicId: w.topics.roads })).toBe(60);
    expect(await ids({ status: ['ANSWERED'] })).toBe(120);
    expect(await ids({ status: ['CLOSED', 'REGISTERED'] })).toBe(0);
    expect(await ids({ receivedFrom: '2026-02-02T05:00:00Z', receivedTo: '2026-02-02T15:00:00Z' })).toBe(10);
    expect(await ids({ organizationId: w.orgs.energyDept })).toBe(120);
  });

  it('finds appeals by words in Russian and in Kazakh', async () => {
    const search = async (s: string) => (await app.ok(AppealIdsDocument, { filter: { search: s }, first: 100 }, w.users.head.token)).appeals.totalCount;
    expect(await search('нет воды')).toBe(60);
    expect(await search('шұңқырлар')).toBe(60);
    expect(await search('жөнделмеген 107-үй')).toBe(1);
    expect(await search('100%_')).toBe(0); // LIKE wildcards are literal
  });

  it('finds one appeal by its registration number', async () => {
    const first = (await app.ok(AppealIdsDocument, { first: 1 }, w.users.head.token)).appeals.edges[0].node;
    const byNumber = await app.ok(AppealByNumberDocument, { number: first.registrationNumber }, w.users.head.token);
    expect(byNumber.appealByNumber?.id).toBe(first.id);
  });

  it('an executor lists only what is assigned to its organization or below it', async () => {
    const zhambyl = await app.ok(AppealIdsDocument, { first: 100 }, w.users.executorZhambyl.token);
    expect(zhambyl.appeals.totalCount).toBe(40);
    const energy = await app.ok(AppealIdsDocument, { first: 100 }, w.users.executorRural.token);
    expect(energy.appeals.totalCount).toBe(0);
    // an appeal assigned to the rural akimat is visible to the district akimat above it
    app.clock.set('2026-03-20T12:00:00+05:00');
    const a = (await app.ok(RegisterAppealDocument, { input: appealInput(w, { receivedAt: '2026-03-19T10:00:00+05:00' }) }, w.users.specialist.token)).registerAppeal;
    await app.ok(AssignAppealDocument, { input: { appealId: a.id, organizationId: w.orgs.ruralAkimat } }, w.users.specialist.token);
    const rural = await app.ok(AppealIdsDocument, { first: 100 }, w.users.executorRural.token);
    expect(rural.appeals.edges.map((e) => e.node.id)).toEqual([a.id]);
    const district = await app.ok(AppealIdsDocument, { first: 100 }, w.users.executorEnbek.token);
    expect(district.appeals.edges.map((e) => e.node.id)).toContain(a.id);
  });

  it('masks personal data for the analyst, and gives the liaison no applicants at all', async () => {
    const analyst = await app.ok(AppealsListDocument, { first: 1 }, w.users.analyst.token);
    const p = analyst.appeals.edges[0].node.applicants[0];
    expect(p.masked).toBe(true);
    expect(p.iin).toBe('************');
    expect(p.fullName).not.toContain('Сапарова');
    expect(p.address).toBeNull();
    const liaison = await app.gql(AppealIdsDocument, { first: 1 }, w.users.liaison.token);
    expect(liaison.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

/**
 * The demo world's planted concentrations (seeds/demo/generator.ts: a village without water, low gas pressure, a
 * cancelled bus, low voltage) come out of detectSystemicIssues as the top problem cards.
 *
 * The world (2,000 appeals over a year) is inserted directly: detection reads only appeals, their topics and
 * applicants, and playing every appeal's life through the use cases (seeds/demo/load.ts) takes minutes, too long
 * for the suite. With 600 appeals the planted concentrations are 3–7 appeals each, which a year of 5,000
 * district × topic × week tests at a 1% false discovery rate cannot tell from chance; with 2,000 they are 10–24.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../src/db/sql';
import { generateDemoWorld, type DemoWorld } from '../../seeds/demo/generator';
import { DetectSystemicIssuesDocument, ProblemCardFullDocument, ProblemCardsDocument } from '../generated/graphql';
import { startTestApp, type TestApp } from '../support/app';
import { createWorld, type TestWorld } from '../support/world';

let app: TestApp;
let w: TestWorld;
let world: DemoWorld;
/** appeal id → the concentration it was planted for (or undefined). */
const planted = new Map<string, string | undefined>();
const unitIdByKato = new Map<string, string>();

async function insertWorld(em: EntityManager) {
  const units = await query<{ id: number; kato: string }>(em, 'select id, kato from admin_unit');
  for (const u of units) unitIdByKato.set(u.kato, String(u.id));
  const topics = new Map((await query<{ id: number; code: string }>(em, 'select id, code from topic')).map((t) => [t.code, t.id]));
  const regionId = Number(unitIdByKato.get(world.regionKato));
  const applicantIds = new Map(world.applicants.map((a) => [a.key, randomUUID()]));
  const insert = async (table: string, columns: string[], rows: unknown[][]) => {
    for (let i = 0; i < rows.length; i += 400) {
      const chunk = rows.slice(i, i + 400);
      await query(em, `insert into ${table} (${columns.join(', ')}) values ${chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')}`, chunk.flat());
    }
  };
  await insert(
    'applicant',
    ['id', 'region_id', 'kind', 'full_name', 'iin', 'organization_name', 'bin', 'phone', 'address', 'created_at'],
    world.applicants.map((a) => [applicantIds.get(a.key), regionId, a.kind, a.fullName ?? null, a.iin ?? null, a.organizationName ?? null, a.bin ?? null, a.phone ?? null, a.address, '2025-01-01T00:00:00Z']),
  );
  const appealRows: unknown[][] = [];
  const links: unknown[][] = [];
  world.appeals.forEach((a, i) => {
    const id = randomUUID();
    planted.set(id, a.concentration);
    const day = a.receivedAt.slice(0, 10);
    appealRows.push([
      id, regionId, `DEMO-${String(i).padStart(6, '0')}`, a.form, a.channel, a.receivedAt, a.receivedAt, day, a.text, a.summary, a.language,
      Number(unitIdByKato.get(a.adminUnitKato)), w.orgs.apparatus, topics.get(a.topicCode) ?? null, 'person', day, day, a.anonymous ?? false,
      a.signatoriesCount ?? null, a.outOfScope ?? null, a.receivedAt, a.receivedAt,
    ]);
    if (!a.anonymous) a.applicantKeys.forEach((k, position) => links.push([randomUUID(), regionId, id, applicantIds.get(k), position]));
  });
  await insert(
    'appeal',
    ['id', 'region_id', 'registration_number', 'form', 'channel', 'received_at', 'registered_at', 'registration_date', 'text', 'summary', 'language', 'admin_unit_id', 'addressee_id', 'topic_id', 'topic_source', 'due_date', 'forward_due_date', 'anonymous', 'signatories_count', 'out_of_scope', 'created_at', 'updated_at'],
    appealRows,
  );
  await insert('appeal_applicant', ['id', 'region_id', 'appeal_id', 'applicant_id', 'position'], links);
}

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  // the world's history ends on 2026-11-20 whatever today is
  world = generateDemoWorld({ appeals: 2000, endDate: '2026-11-20' });
  await insertWorld(app.database.db.orm.em.fork() as EntityManager);
});
afterAll(() => app?.close());

describe('detection on the demo region', () => {
  it('the planted concentrations come out as the top cards — and as the only ones', async () => {
    app.clock.set('2026-11-21T09:00:00+05:00');
    const run = (await app.ok(DetectSystemicIssuesDocument, { from: '2026-05-25', to: '2026-11-20' }, w.users.analyst.token)).detectSystemicIssues;
    expect(run).toMatchObject({ regions: 1, cardsCreated: 4, cardsUpdated: 0 });
    expect(run.testsRun).toBeGreaterThan(4000);

    const cards = (await app.ok(ProblemCardsDocument, { first: 10 }, w.users.analyst.token)).problemCards;
    expect(cards.totalCount).toBe(4);
    const em = app.database.db.orm.em.fork() as EntityManager;
    const byCard = new Map<string, string[]>();
    for (const r of await query<{ card_id: string; appeal_id: string }>(em, 'select card_id, appeal_id from problem_card_appeal')) {
      byCard.set(r.card_id, [...(byCard.get(r.card_id) ?? []), r.appeal_id]);
    }
    const found = cards.edges.map(({ node }) => {
      const appeals = byCard.get(node.id)!;
      const keys = appeals.map((a) => planted.get(a)).filter(Boolean) as string[];
      return { node, concentration: keys[0], purity: keys.length / appeals.length, caught: keys.length };
    });
    expect(found.map((f) => f.concentration).sort()).toEqual(world.concentrations.map((c) => c.key).sort());
    for (const f of found) {
      const c = world.concentrations.find((x) => x.key === f.concentration)!;
      // the card is about the concentration's district and topic, in its fortnight
      expect(f.node.adminUnits.map((u) => u.adminUnit.id)).toEqual([unitIdByKato.get(c.adminUnitKato)]);
      expect(f.node.topic!.code).toBe(c.topicCode.split('.')[0]);
      expect(f.node.firstSeen >= addDays(c.from, -7) && f.node.firstSeen <= c.to).toBe(true);
      // most of its appeals are the planted ones, and most planted ones are in it
      expect(f.purity).toBeGreaterThan(0.75);
      expect(f.caught / c.appeals).toBeGreaterThan(0.7);
      expect(f.node.severity).toBeGreaterThan(50);
    }
    // the village's name is the first key term of the water and gas cards
    const water = found.find((f) => f.concentration === 'C1-water-karakemer')!.node;
    expect(water.keyTerms[0]).toMatch(/^қ?каракемер|^қаракемер/i);
    const full = (await app.ok(ProblemCardFullDocument, { id: water.id }, w.users.liaison.token)).problemCard!;
    expect(full.evidence.some((e) => e.test === 'weekly_count' && e.pValue < 1e-4 && e.pValue <= e.threshold!)).toBe(true);
    expect(full.representativeAppeals.every((a) => a.appeal === null)).toBe(true);
  });

  it('running it again over the same period adds nothing', async () => {
    const again = (await app.ok(DetectSystemicIssuesDocument, { from: '2026-05-25', to: '2026-11-20' }, w.users.head.token)).detectSystemicIssues;
    expect(again).toMatchObject({ cardsCreated: 0, cardsUpdated: 0, cardsUnchanged: 4 });
  });

  it('a later window that covers the four makes no fifth card from appeals received before it', async () => {
    // 2026-06-08 … 2026-12-03 once made a card of a three-appeal cluster, two of its appeals received before `from`
    app.clock.set('2026-12-04T09:00:00+05:00');
    const run = (await app.ok(DetectSystemicIssuesDocument, { from: '2026-06-08', to: '2026-12-03' }, w.users.analyst.token)).detectSystemicIssues;
    expect(run).toMatchObject({ cardsCreated: 0, cardsUpdated: 0, cardsUnchanged: 4 });
    const cards = (await app.ok(ProblemCardsDocument, { first: 10 }, w.users.analyst.token)).problemCards;
    expect(cards.totalCount).toBe(4);
  });
});

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

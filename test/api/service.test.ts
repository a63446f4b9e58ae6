import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../src/db/sql';
import { AdminUnitsDocument, OrganizationsDocument, RegisterAppealDocument, TopicsDocument } from '../generated/graphql';
import { startTestApp, type TestApp } from '../support/app';
import { appealInput } from '../support/fixtures';
import { createWorld, type TestWorld } from '../support/world';

let app: TestApp;
let w: TestWorld;
beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
});
afterAll(() => app?.close());

describe('the service', () => {
  it('answers /health with the state of its database', async () => {
    const res = await fetch(app.url.replace('/graphql', '/health'));
    expect(res.status).toBe(200);
    const body: any = await res.json();
    expect(body).toMatchObject({ status: 'ok', database: { ok: true, kind: app.database.db.kind } });
  });

  it('serves the 20 regions and 224 districts of the KATO, with names in three languages', async () => {
    const regions = await app.ok(AdminUnitsDocument, { level: 'REGION' }, w.users.analyst.token);
    expect(regions.adminUnits).toHaveLength(20);
    const all = await app.ok(AdminUnitsDocument, {}, w.users.analyst.token);
    expect(all.adminUnits).toHaveLength(244);
    const shymkent = regions.adminUnits.find((u) => u.nameEn === 'Shymkent (city)')!;
    expect(shymkent.nameRu).toBe('Шымкент');
    const almatyRegion = regions.adminUnits.find((u) => u.kato === '190000000')!;
    const districts = await app.ok(AdminUnitsDocument, { parentId: almatyRegion.id }, w.users.analyst.token);
    expect(districts.adminUnits.length).toBeGreaterThan(5);
    expect(districts.adminUnits.every((d) => d.parent?.kato === '190000000')).toBe(true);
  });

  it('serves the topic tree with Kazakh, Russian and English names', async () => {
    const t = await app.ok(TopicsDocument, {}, w.users.liaison.token);
    expect(t.topics.length).toBeGreaterThan(30);
    const water = t.topics.find((x) => x.code === 'WATER')!;
    expect(water.nameKk).toMatch(/[әғқңөұүһі]/i);
    expect(t.topics.filter((x) => x.parent?.code === 'WATER').length).toBeGreaterThan(2);
  });

  it('lists organizations of a district and of the whole region', async () => {
    const region = await app.ok(OrganizationsDocument, { adminUnitId: w.region.id }, w.users.specialist.token);
    expect(region.organizations).toHaveLength(7);
    const rural = await app.ok(OrganizationsDocument, { kind: 'RURAL_AKIMAT' }, w.users.specialist.token);
    expect(rural.organizations.map((o) => o.parent?.id)).toEqual([w.orgs.enbekshikazakhAkimat]);
  });

  it('refuses a body over 1 MB and a body that is not JSON, with a code', async () => {
    const huge = await app.raw({ query: '{ __typename }', padding: 'x'.repeat(1_100_000) }, w.users.head.token);
    expect(huge.status).toBe(413);
    expect(huge.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    const broken = await app.raw('{"query": ', w.users.head.token);
    expect(broken.status).toBe(400);
    expect(broken.json.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('keeps the history append-only: the database itself refuses UPDATE and DELETE', async () => {
    app.clock.set('2026-03-02T11:00:00+05:00');
    await app.ok(RegisterAppealDocument, { input: appealInput(w) }, w.users.specialist.token);
    const em = app.database.db.orm.em.fork() as EntityManager;
    await expect(query(em, "update history_event set action = 'forged'")).rejects.toThrow(/append-only/);
    await expect(query(em, 'delete from history_event')).rejects.toThrow(/append-only/);
    const [{ n }] = await query<{ n: string }>(em, "select count(*) as n from history_event where action = 'register'");
    expect(Number(n)).toBe(1);
  });

  it('never shows a stack trace or SQL for an unexpected failure', async () => {
    const r = await app.raw({ query: '{ appeals(first: 5) { edges { node { id } } } }' }, w.users.head.token, { 'x-request-id': 'abc-123' });
    expect(r.status).toBe(200);
    const bad = await app.raw({ query: '{ appeals(filter: { adminUnitId: "1; drop table appeal" }) { totalCount } }' }, w.users.head.token);
    expect(bad.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.json)).not.toMatch(/stack|select|\.ts:/i);
  });
});

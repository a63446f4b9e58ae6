/**
 * The demo region is what a newcomer sees first, and the service builds it from "today": it must hold on any day.
 * For each day below a small demo (100 appeals: enough for the four planted concentrations) is generated with that
 * day as today and loaded; no story step may be refused and the register must keep the department's rules.
 * And the fast path (stories planned in memory, written in bulk) must write exactly what the use cases write.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { WorkingCalendar } from '../../src/calendar/working-calendar';
import { generateDemoWorld } from '../../seeds/demo/generator';
import { loadDemoWorld } from '../../seeds/demo/load';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { appealTruth } from '../support/demo-truth';
import { demoWorldProblems } from '../support/demo-invariants';

const calendar = WorkingCalendar.default();
const opened: TestDatabase[] = [];
afterAll(async () => {
  for (const d of opened) await d.drop();
});

async function freshDatabase() {
  const d = await createTestDatabase(inject('testDatabase'));
  opened.push(d);
  return d;
}

const DAYS = [
  // each month of a year, several of them the day after a public holiday (Nauryz 21–23 March, Victory Day,
  // Republic Day, Independence Day), on one (Capital Day) or on a weekend
  '2027-01-15', '2027-02-10', '2027-03-24', '2027-04-21', '2027-05-10', '2027-06-05',
  '2027-07-06', '2027-08-18', '2027-09-15', '2027-10-26', '2027-11-17', '2027-12-17',
  // the turn of a year, and a leap day
  '2027-12-31', '2028-01-01', '2028-02-29',
];

describe('the demo world on any day', () => {
  it.each(DAYS)('made on %s: no step refused, the four concentrations planted, the rules kept', async (today) => {
    const d = await freshDatabase();
    const world = generateDemoWorld({ appeals: 100, endDate: today });
    const result = await loadDemoWorld(d.db.orm.em.fork() as any, calendar, world, { writeMode: d.db.kind === 'pglite' ? 'insert' : 'copy' });
    expect(result.refused).toEqual([]);
    expect(result.appeals).toBe(100);
    expect(world.concentrations).toHaveLength(4);
    expect(await demoWorldProblems(d.db.orm.em.fork() as any, calendar, world)).toEqual([]);
    expect(result.extras.receptions).toBeGreaterThan(5);
    expect(result.extras.consultations).toBeGreaterThan(0);
    await d.drop();
    opened.splice(opened.indexOf(d), 1);
  }, 180_000);
});

describe('the fast demo load', () => {
  it('writes the same appeals, history, notices and analytics facts as playing every story through the use cases', async () => {
    const world = generateDemoWorld({ appeals: 150, seed: 3, endDate: '2026-12-04' });
    const truths = [];
    for (const appeals of ['use-cases', 'bulk'] as const) {
      const d = await freshDatabase();
      const r = await loadDemoWorld(d.db.orm.em.fork() as any, calendar, world, { appeals, writeMode: d.db.kind === 'pglite' ? 'insert' : 'copy' });
      expect(r.refused).toEqual([]);
      truths.push(await appealTruth(d.db.orm.em.fork() as any));
    }
    const [slow, fast] = truths;
    expect(slow.appeal.length).toBe(150);
    expect(slow.history_event.length).toBeGreaterThan(1000);
    expect(slow.notification.some((n: any) => n.status === 'sent')).toBe(true);
    for (const table of Object.keys(slow)) expect({ table, rows: fast[table] }).toEqual({ table, rows: slow[table] });
  }, 600_000);
});

import { describe, expect, it } from 'vitest';
import { generateDemoWorld } from '../../seeds/demo/generator';

const END = '2026-11-20';
const world = generateDemoWorld({ appeals: 600, seed: 3, endDate: END });
const x = world.extras;
const limit = Date.parse(`${END}T18:00:00+05:00`);

describe('the demo world’s receptions, consultations, control, office checks and working groups', () => {
  it('is the same for the same seed, and leaves the rest of the world as it was', () => {
    expect(generateDemoWorld({ appeals: 600, seed: 3, endDate: END }).extras).toEqual(x);
    const { extras: _e, ...rest } = world;
    const { extras: _f, ...again } = generateDemoWorld({ appeals: 600, seed: 3, endDate: END });
    expect(again).toEqual(rest);
  });

  it('has a few of each, naming only existing officials, bodies and applicants, nothing after the end date except a reception ahead', () => {
    const users = new Set(world.users.map((u) => u.key));
    const orgs = new Set(world.organizations.map((o) => o.key));
    const applicants = new Set(world.applicants.map((a) => a.key));
    expect(x.receptions.length).toBeGreaterThanOrEqual(10);
    expect(new Set(x.receptions.map((r) => r.kind))).toEqual(new Set(['office', 'visiting', 'videoconference']));
    expect(x.receptions.some((r) => r.cancel)).toBe(true);
    expect(x.receptions.filter((r) => Date.parse(r.startsAt) > limit)).toHaveLength(1);
    for (const r of x.receptions) {
      expect(orgs.has(r.orgKey)).toBe(true);
      expect(users.has(r.scheduledBy)).toBe(true);
      expect(Date.parse(r.scheduledAt)).toBeLessThanOrEqual(limit);
      for (const b of r.bookings) {
        expect(applicants.has(b.applicantKey)).toBe(true);
        expect(Date.parse(b.bookedAt)).toBeLessThan(Date.parse(r.endsAt));
        if (b.attendance && b.attendance.mark !== 'cancelled') expect(Date.parse(b.attendance.at)).toBeGreaterThanOrEqual(Date.parse(r.startsAt));
        if (b.outcome) {
          expect(b.attendance?.mark).toBe('attended');
          for (const i of b.outcome.instructions ?? []) for (const k of i.assigneeOrgKeys) expect(orgs.has(k)).toBe(true);
        }
      }
    }
    expect(x.receptions.flatMap((r) => r.bookings).filter((b) => b.outcome?.appeal).length).toBeGreaterThanOrEqual(5);
    expect(x.consultations.length).toBeGreaterThanOrEqual(30);
    expect(new Set(x.consultations.map((c) => c.channel)).size).toBe(3);
    for (const c of x.consultations) {
      expect(users.has(c.official)).toBe(true);
      expect(Date.parse(c.at)).toBeLessThanOrEqual(limit);
    }
    expect(x.verifications.length).toBeGreaterThanOrEqual(1);
    expect(x.verifications.some((v) => v.proposal?.decision)).toBe(true);
    expect(x.officeChecks.some((c) => c.complete)).toBe(true);
    expect(x.workingGroups[0].meetings[0].decisions.length).toBeGreaterThanOrEqual(2);
    expect(x.noticeOutage.from <= x.noticeOutage.to).toBe(true);
  });
});

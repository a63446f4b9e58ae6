import { describe, expect, it } from 'vitest';
import { isValidBin, isValidIin } from '../../src/applicants/identity-number';
import { loadAdminUnits } from '../../seeds/geo/admin-units';
import { loadTopics } from '../../seeds/topics';
import { generateDemoWorld, type DemoWorld, type Role } from '../../seeds/demo/generator';

const END = '2026-11-20';
const world: DemoWorld = generateDemoWorld({ appeals: 3000, seed: 7, endDate: END });
const limitMs = Date.parse(`${END}T18:00:00+05:00`);

describe('seed reference data', () => {
  it('has the 20 top-level units and 224 districts, each district under an existing region', () => {
    const units = loadAdminUnits();
    const regions = units.filter((u) => u.level === 'region');
    const districts = units.filter((u) => u.level === 'district');
    expect(regions).toHaveLength(20);
    expect(districts).toHaveLength(224);
    const regionKatos = new Set(regions.map((r) => r.kato));
    for (const d of districts) expect(regionKatos.has(d.parentKato!)).toBe(true);
    expect(regions.every((r) => /^KZ-[A-Z]{3}$/.test(r.isoCode ?? ''))).toBe(true);
    expect(units.some((u) => u.nameRu.includes('Чимкент'))).toBe(false);
    expect(regions.find((r) => r.kato === '790000000')!.nameRu).toBe('Шымкент');
  });

  it('has a two-level topic tree with parents before children and names in three languages', () => {
    const topics = loadTopics();
    const seen = new Set<string>();
    for (const t of topics) {
      if (t.parentCode) {
        expect(seen.has(t.parentCode)).toBe(true);
        expect(t.code.startsWith(`${t.parentCode}.`)).toBe(true);
      }
      expect(t.nameKk && t.nameRu && t.nameEn).toBeTruthy();
      seen.add(t.code);
    }
    expect(seen.size).toBe(topics.length);
    const top = topics.filter((t) => !t.parentCode);
    expect(top.length).toBeGreaterThanOrEqual(14);
    for (const p of top) {
      const children = topics.filter((t) => t.parentCode === p.code).length;
      expect(children).toBeGreaterThanOrEqual(3);
      expect(children).toBeLessThanOrEqual(8);
    }
    // Kazakh names use the Kazakh letters
    expect(topics.some((t) => /[әғқңөұүһі]/.test(t.nameKk))).toBe(true);
  });
});

describe('demo world generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateDemoWorld({ appeals: 3000, seed: 7, endDate: END })).toEqual(world);
    const other = generateDemoWorld({ appeals: 3000, seed: 8, endDate: END });
    expect(other.appeals.map((a) => a.text)).not.toEqual(world.appeals.map((a) => a.text));
  });

  it('generates exactly the number of appeals asked for', () => {
    const w = generateDemoWorld({ appeals: 5000, seed: 1 });
    expect(w.appeals).toHaveLength(5000);
  });

  it('copes with tiny and empty worlds', () => {
    expect(generateDemoWorld({ appeals: 0 }).appeals).toHaveLength(0);
    const small = generateDemoWorld({ appeals: 30, seed: 3 });
    expect(small.appeals).toHaveLength(30);
    expect(small.concentrations).toHaveLength(0);
  });

  it('gives every applicant a valid IIN or BIN, unique, and a phone in +77XXXXXXXXX form', () => {
    const ids = new Set<string>();
    for (const a of world.applicants) {
      if (a.kind === 'individual') {
        expect(isValidIin(a.iin!), a.iin).toBe(true);
        expect(a.fullName).toBeTruthy();
        ids.add(a.iin!);
      } else {
        expect(isValidBin(a.bin!), a.bin).toBe(true);
        expect(a.bin![4]).toBe('4');
        expect(a.organizationName).toBeTruthy();
        ids.add(a.bin!);
      }
      if (a.phone) expect(a.phone).toMatch(/^\+77\d{9}$/);
      expect(a.address).toContain('Алматинская область');
    }
    expect(ids.size).toBe(world.applicants.length);
    expect(world.applicants.some((a) => a.kind === 'legal')).toBe(true);
  });

  it('uses only existing admin units, inside the demo region', () => {
    const units = new Map(loadAdminUnits().map((u) => [u.kato, u]));
    expect(units.get(world.regionKato)?.level).toBe('region');
    const inRegion = (kato: string) => kato === world.regionKato || units.get(kato)?.parentKato === world.regionKato;
    for (const o of world.organizations) expect(inRegion(o.adminUnitKato), o.key).toBe(true);
    for (const a of world.applicants) expect(inRegion(a.adminUnitKato), a.key).toBe(true);
    for (const a of world.appeals) expect(inRegion(a.adminUnitKato), a.key).toBe(true);
    for (const c of world.concentrations) expect(units.get(c.adminUnitKato)?.parentKato).toBe(world.regionKato);
    // every district of the region has its akimat
    const districts = [...units.values()].filter((u) => u.parentKato === world.regionKato);
    for (const d of districts) {
      expect(world.organizations.some((o) => (o.kind === 'district_akimat' || o.kind === 'city_akimat') && o.adminUnitKato === d.kato)).toBe(true);
      expect(world.organizations.filter((o) => o.kind === 'rural_akimat' && o.adminUnitKato === d.kato).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('references only existing keys, with unique keys everywhere', () => {
    const orgs = new Map(world.organizations.map((o) => [o.key, o]));
    const users = new Map(world.users.map((u) => [u.key, u]));
    const applicants = new Set(world.applicants.map((a) => a.key));
    const appeals = new Map(world.appeals.map((a) => [a.key, a]));
    expect(orgs.size).toBe(world.organizations.length);
    expect(users.size).toBe(world.users.length);
    expect(applicants.size).toBe(world.applicants.length);
    expect(appeals.size).toBe(world.appeals.length);
    expect(new Set(world.users.map((u) => u.email)).size).toBe(world.users.length);
    for (const o of world.organizations) if (o.parentKey) expect(orgs.has(o.parentKey), o.key).toBe(true);
    for (const u of world.users) expect(orgs.has(u.orgKey), u.key).toBe(true);
    const stateBodyNames = new Set(world.organizations.filter((o) => o.kind === 'state_body').map((o) => o.nameRu));
    for (const a of world.appeals) {
      expect(orgs.has(a.addresseeOrgKey), a.key).toBe(true);
      expect(users.get(a.registeredBy)?.roles).toContain('specialist');
      for (const k of a.applicantKeys) expect(applicants.has(k), `${a.key} → ${k}`).toBe(true);
      if (a.anonymous) expect(a.applicantKeys).toEqual([]);
      else expect(a.applicantKeys.length).toBeGreaterThan(0);
      for (const s of a.steps) {
        expect(users.has(s.actor), `${a.key} ${s.action} by ${s.actor}`).toBe(true);
        if (s.action === 'assign' || s.action === 'respond') expect(orgs.has(s.orgKey)).toBe(true);
        if (s.action === 'forward') expect(stateBodyNames.has(s.toBody)).toBe(true);
      }
    }
    for (const i of world.instructions) {
      expect(users.get(i.issuedBy)?.roles).toContain('specialist');
      for (const k of i.assigneeOrgKeys) expect(orgs.has(k)).toBe(true);
      for (const k of i.appealKeys) expect(appeals.has(k)).toBe(true);
      for (const s of i.steps) {
        expect(users.has(s.actor)).toBe(true);
        if (s.action === 'report') expect(i.assigneeOrgKeys).toContain(s.orgKey);
      }
    }
  });

  it('gives every step an actor with the right role (executors act only for their own organisation)', () => {
    const users = new Map(world.users.map((u) => [u.key, u]));
    const has = (key: string, ...roles: Role[]) => roles.some((r) => users.get(key)!.roles.includes(r));
    for (const a of world.appeals) {
      const leads = a.steps.filter((s) => s.action === 'assign' && s.role === 'lead').map((s) => (s.action === 'assign' ? s.orgKey : ''));
      for (const s of a.steps) {
        switch (s.action) {
          case 'assign': case 'review': case 'close': case 'forward': case 'leave':
            expect(has(s.actor, 'specialist'), `${a.key} ${s.action}`).toBe(true);
            break;
          case 'extend': case 'take_on_control':
            expect(has(s.actor, 'head', 'deputy_head'), `${a.key} ${s.action}`).toBe(true);
            break;
          case 'start_work':
            expect(has(s.actor, 'executor')).toBe(true);
            expect(leads).toContain(users.get(s.actor)!.orgKey);
            break;
          case 'respond':
            expect(has(s.actor, 'executor')).toBe(true);
            expect(users.get(s.actor)!.orgKey).toBe(s.orgKey);
            expect(leads).toContain(s.orgKey);
            break;
        }
      }
    }
    for (const i of world.instructions) {
      for (const s of i.steps) {
        if (s.action === 'report') expect(users.get(s.actor)!.orgKey).toBe(s.orgKey);
        if (s.action === 'review_report') expect(has(s.actor, 'specialist', 'head', 'deputy_head')).toBe(true);
        if (s.action === 'extend' || s.action === 'remove_from_control') expect(has(s.actor, 'head', 'deputy_head')).toBe(true);
      }
    }
  });

  it('keeps every story in order: steps after receipt, strictly increasing, never after the end date at 18:00', () => {
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:00$/;
    for (const a of world.appeals) {
      expect(a.receivedAt).toMatch(iso);
      let prev = Date.parse(a.receivedAt);
      expect(prev).toBeLessThanOrEqual(limitMs);
      for (const s of a.steps) {
        expect(s.at).toMatch(iso);
        const t = Date.parse(s.at);
        expect(t, `${a.key} ${s.action}`).toBeGreaterThan(prev);
        expect(t).toBeLessThanOrEqual(limitMs);
        prev = t;
      }
    }
    for (const i of world.instructions) {
      let prev = Date.parse(i.issuedAt);
      expect(prev).toBeLessThanOrEqual(limitMs);
      for (const s of i.steps) {
        const t = Date.parse(s.at);
        expect(t, `${i.key} ${s.action}`).toBeGreaterThan(prev);
        expect(t).toBeLessThanOrEqual(limitMs);
        prev = t;
      }
    }
    // appeal keys follow the order of receipt
    const times = world.appeals.map((a) => Date.parse(a.receivedAt));
    expect([...times].sort((x, y) => x - y)).toEqual(times);
  });

  it('follows the lifecycle: assign before work, respond, review, close; terminal steps end the story', () => {
    for (const a of world.appeals) {
      const actions = a.steps.map((s) => s.action);
      const terminal = actions.findIndex((x) => x === 'forward' || x === 'leave' || x === 'close');
      if (terminal >= 0) expect(terminal, a.key).toBe(actions.length - 1);
      if (actions.includes('start_work')) expect(actions.indexOf('assign')).toBeLessThan(actions.indexOf('start_work'));
      if (actions.includes('respond')) expect(actions.indexOf('start_work')).toBeLessThan(actions.indexOf('respond'));
      if (actions.includes('close')) {
        const last = [...a.steps].reverse().find((s) => s.action === 'review');
        expect(last && last.action === 'review' && last.verdict).toBe('accepted');
      }
      for (const s of a.steps) {
        if (s.action === 'review' && s.verdict === 'returned') {
          expect(s.reasons!.length).toBeGreaterThan(0);
          expect(s.comment).toBeTruthy();
        }
        if (s.action === 'extend') {
          const recv = a.receivedAt.slice(0, 10);
          const [y, m, d] = recv.split('-').map(Number);
          const twoMonths = new Date(Date.UTC(y, m + 1, Math.min(d, new Date(Date.UTC(y, m + 2, 0)).getUTCDate()))).toISOString().slice(0, 10);
          expect(s.newDueDate <= twoMonths, `${a.key} ${s.newDueDate} > ${twoMonths}`).toBe(true);
          const wd = new Date(`${s.newDueDate}T00:00:00Z`).getUTCDay();
          expect(wd !== 0 && wd !== 6).toBe(true);
        }
      }
      if (a.outOfScope) {
        expect(actions.includes('assign')).toBe(false);
        if (a.steps.length) expect(a.steps[0]).toMatchObject({ action: 'leave', reason: 'out_of_scope' });
      }
      if (a.anonymous && a.steps.length) expect(a.steps[0]).toMatchObject({ action: 'leave', reason: 'anonymous' });
    }
  });

  it('has the intended mix of stories', () => {
    const n = world.appeals.length;
    const share = (pred: (a: DemoWorld['appeals'][number]) => boolean) => world.appeals.filter(pred).length / n;
    const has = (action: string) => (a: DemoWorld['appeals'][number]) => a.steps.some((s) => s.action === action);
    expect(share(has('close'))).toBeGreaterThan(0.7);
    expect(share((a) => a.steps.some((s) => s.action === 'review' && s.verdict === 'returned'))).toBeGreaterThan(0.08);
    expect(share(has('forward'))).toBeGreaterThan(0.015);
    expect(share(has('leave'))).toBeGreaterThan(0.03);
    expect(share(has('extend'))).toBeGreaterThan(0.005);
    expect(share(has('take_on_control'))).toBeGreaterThan(0.03);
    expect(share((a) => !!a.outOfScope)).toBeGreaterThan(0.003);
    expect(share((a) => !!a.repeatOfKey)).toBeGreaterThan(0.02);
    expect(share((a) => a.applicantKeys.length > 1 || !!a.signatoriesCount)).toBeGreaterThan(0.01);
    const unanswered = share((a) => !a.steps.some((s) => ['respond', 'forward', 'leave'].includes(s.action)));
    expect(unanswered).toBeGreaterThan(0.05);
    expect(unanswered).toBeLessThan(0.16);
    const forms = new Set(world.appeals.map((a) => a.form));
    const channels = new Set(world.appeals.map((a) => a.channel));
    expect(forms.size).toBe(6);
    expect(channels.size).toBe(5);
  });

  it('points repeated appeals at an earlier, closed appeal of the same applicant on the same topic', () => {
    const byKey = new Map(world.appeals.map((a) => [a.key, a]));
    const repeats = world.appeals.filter((a) => a.repeatOfKey);
    expect(repeats.length).toBeGreaterThan(0);
    for (const r of repeats) {
      const prev = byKey.get(r.repeatOfKey!)!;
      expect(prev.topicCode).toBe(r.topicCode);
      expect(prev.applicantKeys.some((k) => r.applicantKeys.includes(k))).toBe(true);
      const close = prev.steps.find((s) => s.action === 'close');
      expect(close).toBeDefined();
      expect(Date.parse(close!.at)).toBeLessThan(Date.parse(r.receivedAt));
    }
  });

  it('uses topics from the topic tree only', () => {
    const codes = new Set(loadTopics().map((t) => t.code));
    for (const a of world.appeals) expect(codes.has(a.topicCode), a.topicCode).toBe(true);
    for (const c of world.concentrations) expect(codes.has(c.topicCode)).toBe(true);
  });

  it('plants concentrations with the stated counts, in one village, within one fortnight', () => {
    expect(world.concentrations.length).toBeGreaterThanOrEqual(3);
    for (const c of world.concentrations) {
      const members = world.appeals.filter((a) => a.concentration === c.key);
      expect(members).toHaveLength(c.appeals);
      expect(c.appeals).toBeGreaterThanOrEqual(10);
      const fromMs = Date.parse(`${c.from}T00:00:00+05:00`);
      const toMs = Date.parse(`${c.to}T23:59:59+05:00`);
      expect(toMs - fromMs).toBeLessThan(14 * 86_400_000);
      for (const a of members) {
        expect(a.topicCode).toBe(c.topicCode);
        expect(a.adminUnitKato).toBe(c.adminUnitKato);
        const t = Date.parse(a.receivedAt);
        expect(t >= fromMs && t <= toMs).toBe(true);
      }
      // most Russian texts name the village (by its Russian name); the texts vary (a campaign text may repeat, not most)
      const ru = members.filter((a) => a.language === 'ru');
      expect(ru.filter((a) => a.text.includes(c.village) || a.summary.includes(c.village)).length).toBeGreaterThanOrEqual(ru.length * 0.5);
      expect(new Set(members.map((a) => a.text)).size).toBeGreaterThan(members.length * 0.6);
      // distinct people, mostly
      expect(new Set(members.map((a) => a.applicantKeys[0])).size).toBe(members.length);
    }
    const water = world.concentrations.find((c) => c.topicCode.startsWith('WATER'))!;
    expect(water.appeals).toBeGreaterThanOrEqual(30);
    const endMs = Date.parse(`${END}T00:00:00+05:00`);
    const daysBefore = (endMs - Date.parse(`${water.from}T00:00:00+05:00`)) / 86_400_000;
    expect(daysBefore).toBeGreaterThan(45);
    expect(daysBefore).toBeLessThan(80);
  });

  it('links instructions to appeals, with reports, a return, an extension and a removal from control', () => {
    const ins = world.instructions;
    expect(ins.length).toBeGreaterThanOrEqual(15);
    expect(ins.length).toBeLessThanOrEqual(25);
    const sources = new Set(ins.map((i) => i.source));
    for (const s of ['president', 'akim', 'deputy_akim', 'pa_appeals_department', 'personal_reception'] as const) expect(sources.has(s)).toBe(true);
    const steps = ins.flatMap((i) => i.steps);
    expect(steps.some((s) => s.action === 'report' && s.kind === 'interim')).toBe(true);
    expect(steps.some((s) => s.action === 'report' && s.kind === 'final')).toBe(true);
    expect(steps.some((s) => s.action === 'review_report' && s.verdict === 'returned')).toBe(true);
    expect(steps.filter((s) => s.action === 'extend')).toHaveLength(1);
    expect(steps.filter((s) => s.action === 'remove_from_control')).toHaveLength(1);
    const concentrated = new Set(world.appeals.filter((a) => a.concentration).map((a) => a.key));
    expect(ins.some((i) => i.appealKeys.some((k) => concentrated.has(k)))).toBe(true);
    for (const i of ins) {
      expect(i.dueDate > i.issuedAt.slice(0, 10)).toBe(true);
      expect(new Set(i.appealKeys).size).toBe(i.appealKeys.length);
    }
  });

  it('writes texts in both Russian and Kazakh, and they vary', () => {
    const ru = world.appeals.filter((a) => a.language === 'ru');
    const kk = world.appeals.filter((a) => a.language === 'kk');
    expect(ru.length / world.appeals.length).toBeGreaterThan(0.5);
    expect(kk.length / world.appeals.length).toBeGreaterThan(0.25);
    expect(kk.every((a) => /[әғқңөұүһі]/i.test(a.text))).toBe(true);
    expect(ru.filter((a) => /[әғқңөұүһі]/.test(a.text)).length / ru.length).toBeLessThan(0.05);
    for (const a of world.appeals) {
      expect(a.text.length).toBeGreaterThan(20);
      expect(a.summary.length).toBeGreaterThan(5);
      expect(a.summary.length).toBeLessThan(a.text.length + 1);
      expect(a.text).not.toMatch(/\{[a-z0-9]+\}/);
      expect(a.summary).not.toMatch(/\{[a-z0-9]+\}/);
    }
    expect(new Set(world.appeals.map((a) => a.text)).size).toBeGreaterThan(world.appeals.length * 0.9);
  });
});

import { describe, expect, it } from 'vitest';
import { cardTitle, detectSystemicIssues, severityOf } from '../../src/analytics/detection/detect';
import { matchOpenCard, type OpenCardRef } from '../../src/analytics/detection/matching';
import type { ClusterDoc } from '../../src/analytics/detection/clusters';
import { seededRandom } from '../../src/analytics/detection/negative-binomial';
import { dayOfDate, localDayOf, weekOf, weekOfDate } from '../../src/analytics/detection/weeks';
import {
  OPEN_PROBLEM_CARD_STATUSES,
  PROBLEM_CARD_STATUSES,
  PROBLEM_CARD_TRANSITIONS,
  canMoveProblemCard,
  cardStatusWhenGroupFormed,
  moveNeedsComment,
  moveProblemCard,
} from '../../src/problem-cards/domain/card-status';
import { DomainError } from '../../src/shared/errors';
import { generateDemoWorld } from '../../seeds/demo/generator';

describe('the severity of a problem card', () => {
  it('is 100 × (0.20 size + 0.25 applicants + 0.10 spread + 0.30 excess + 0.15 recency)', () => {
    const s = severityOf({ appeals: 10, applicants: 10, units: 3, observed: 20, expected: 5, daysSinceLast: 0 });
    const size = 1 - Math.exp(-1);
    const expected = 100 * (0.2 * size + 0.25 * size + 0.1 * (1 - Math.exp(-1)) + 0.3 * 0.75 + 0.15 * 1);
    expect(s.severity).toBe(Math.round(expected * 10) / 10);
    expect(s.parts.excess).toBe(0.75);
  });

  it('grows with size, applicants, spread, excess and recency; nothing above the baseline scores no excess', () => {
    const base = { appeals: 8, applicants: 6, units: 1, observed: 8, expected: 2, daysSinceLast: 10 };
    const s = severityOf(base).severity;
    expect(severityOf({ ...base, appeals: 30 }).severity).toBeGreaterThan(s);
    expect(severityOf({ ...base, applicants: 20 }).severity).toBeGreaterThan(s);
    expect(severityOf({ ...base, units: 3 }).severity).toBeGreaterThan(s);
    expect(severityOf({ ...base, expected: 0.5 }).severity).toBeGreaterThan(s);
    expect(severityOf({ ...base, daysSinceLast: 90 }).severity).toBeLessThan(s);
    expect(severityOf({ ...base, expected: 12 }).parts.excess).toBe(0);
  });

  it('takes its title from the topic, the key terms and the districts', () => {
    expect(cardTitle('Водоснабжение', ['каракемер', 'воды', 'насос', 'скважина'], ['Енбекшиказахский район'])).toBe(
      'Водоснабжение: Каракемер, воды, насос — Енбекшиказахский район',
    );
    expect(cardTitle(null, [], ['А', 'Б', 'В'])).toBe('Рост числа обращений — А и ещё 2');
  });
});

describe('re-running detection updates open cards', () => {
  const open: OpenCardRef[] = [
    { id: 'water', topic: '1', units: ['10'], firstSeen: '2026-09-14', lastSeen: '2026-09-25', appealIds: new Set(['a1', 'a2', 'a3']) },
    { id: 'gas', topic: '2', units: ['11'], firstSeen: '2026-10-27', lastSeen: '2026-11-08', appealIds: new Set(['g1']) },
  ];
  it('by shared appeals (cluster membership)', () => {
    expect(matchOpenCard({ topic: '9', units: ['99'], firstSeen: '2026-01-01', lastSeen: '2026-01-02', appealIds: ['x', 'a2'] }, open)).toBe('water');
  });
  it('or by the same topic, a shared district and an overlapping period (two weeks of slack)', () => {
    expect(matchOpenCard({ topic: '1', units: ['10', '12'], firstSeen: '2026-10-05', lastSeen: '2026-10-10', appealIds: ['new'] }, open)).toBe('water');
    expect(matchOpenCard({ topic: '1', units: ['10'], firstSeen: '2026-10-15', lastSeen: '2026-10-20', appealIds: ['new'] }, open)).toBeNull();
    expect(matchOpenCard({ topic: '1', units: ['12'], firstSeen: '2026-09-15', lastSeen: '2026-09-20', appealIds: ['new'] }, open)).toBeNull();
    expect(matchOpenCard({ topic: '2', units: ['10'], firstSeen: '2026-09-15', lastSeen: '2026-09-20', appealIds: ['new'] }, open)).toBeNull();
  });
});

describe('the life of a problem card', () => {
  it('new → under review → working group formed → proposal submitted → resolved', () => {
    let s = moveProblemCard('new', 'under_review');
    s = moveProblemCard(s, 'working_group_formed');
    s = moveProblemCard(s, 'proposal_submitted');
    expect(moveProblemCard(s, 'resolved')).toBe('resolved');
  });

  it('may be dismissed before a proposal; a resolved or dismissed card is final', () => {
    for (const from of ['new', 'under_review', 'working_group_formed'] as const) expect(canMoveProblemCard(from, 'dismissed')).toBe(true);
    expect(canMoveProblemCard('proposal_submitted', 'dismissed')).toBe(false);
    for (const to of PROBLEM_CARD_STATUSES) {
      expect(canMoveProblemCard('resolved', to)).toBe(false);
      expect(canMoveProblemCard('dismissed', to)).toBe(false);
    }
    expect(OPEN_PROBLEM_CARD_STATUSES).not.toContain('resolved');
    expect(OPEN_PROBLEM_CARD_STATUSES).not.toContain('dismissed');
  });

  it('refuses a forbidden move with CONFLICT / FORBIDDEN_TRANSITION (a new card cannot be resolved at once)', () => {
    try {
      moveProblemCard('new', 'resolved');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('CONFLICT');
      expect((e as DomainError).details).toMatchObject({ code: 'FORBIDDEN_TRANSITION', from: 'new', to: 'resolved' });
    }
  });

  it('has ten allowed moves, none to itself; dismissing and resolving need a reason', () => {
    expect(PROBLEM_CARD_TRANSITIONS).toHaveLength(10);
    expect(PROBLEM_CARD_TRANSITIONS.every((t) => t.from !== t.to)).toBe(true);
    expect(moveNeedsComment('dismissed')).toBe(true);
    expect(moveNeedsComment('resolved')).toBe(true);
    expect(moveNeedsComment('under_review')).toBe(false);
  });
});

describe('forming a working group on a card (8.3)', () => {
  it('moves a new or reviewed card to working_group_formed, keeps one already worked on, refuses a final one', () => {
    expect(cardStatusWhenGroupFormed('new')).toBe('working_group_formed');
    expect(cardStatusWhenGroupFormed('under_review')).toBe('working_group_formed');
    expect(cardStatusWhenGroupFormed('working_group_formed')).toBeNull();
    expect(cardStatusWhenGroupFormed('proposal_submitted')).toBeNull();
    for (const s of ['dismissed', 'resolved'] as const) {
      try {
        cardStatusWhenGroupFormed(s);
        expect.unreachable();
      } catch (e) {
        expect((e as DomainError).code).toBe('CONFLICT');
        expect((e as DomainError).details).toMatchObject({ reason: 'PROBLEM_CARD_CLOSED', status: s });
      }
    }
  });
});

describe('campaigns', () => {
  it('one long letter from ten or more people within a fortnight is a card even where the counts are unremarkable', () => {
    const letter =
      'Уважаемый аким области! Мы, жители микрорайона Самал, против вырубки сквера по улице Абая под строительство ' +
      'торгового центра. Сквер — единственное место отдыха для детей и пенсионеров района. Просим отменить разрешение ' +
      'на строительство и провести общественные слушания.';
    const rand = seededRandom(4);
    const weeklyCounts: { unit: string; topic: string; week: number; count: number }[] = [];
    const docs: ClusterDoc[] = [];
    const w0 = weekOfDate('2026-03-02');
    // a busy district: about 30 appeals a week on this topic for a year
    for (let w = w0 - 52; w <= w0; w++) weeklyCounts.push({ unit: 'city', topic: 'ECOLOGY', week: w, count: 26 + Math.floor(rand() * 9) });
    for (let i = 0; i < 12; i++) {
      docs.push({ id: `copy${i}`, text: letter + (i % 4 === 0 ? ` Адрес: ул. Абая, ${i}.` : ''), topic: 'ECOLOGY', unit: 'city', day: dayOfDate('2026-03-02') + (i % 6), applicants: [`p${i}`] });
    }
    const result = detectSystemicIssues({
      from: '2026-03-02',
      to: '2026-03-08',
      historyStart: '2025-02-01',
      units: ['city'],
      topics: ['ECOLOGY'],
      weeklyCounts,
      docs,
    });
    expect(result.spikeAlarms).toBe(0);
    expect(result.candidates).toHaveLength(1);
    const [c] = result.candidates;
    expect(c.appealsCount).toBe(12);
    expect(c.evidence[0]).toMatchObject({ test: 'cluster', clusterKind: 'campaign', uniqueApplicants: 12, statistic: 12, threshold: 10 });
    // ten people are needed: nine copies are not a campaign
    const nine = detectSystemicIssues({ from: '2026-03-02', to: '2026-03-08', historyStart: '2025-02-01', units: ['city'], topics: ['ECOLOGY'], weeklyCounts, docs: docs.slice(0, 9) });
    expect(nine.candidates).toHaveLength(0);
  });
});

describe('detection on the demo world (no database)', () => {
  // the history ends on 2026-11-20 whatever today is
  const world = generateDemoWorld({ appeals: 2000, endDate: '2026-11-20' });
  const docs = world.appeals.map((a) => ({
    id: a.key,
    text: a.text,
    topic: a.topicCode.split('.')[0],
    unit: a.adminUnitKato,
    day: localDayOf(new Date(a.receivedAt)),
    applicants: a.anonymous ? [] : a.applicantKeys,
  }));
  const counts = new Map<string, { unit: string; topic: string; week: number; count: number }>();
  for (const a of world.appeals) {
    const week = weekOf(new Date(a.receivedAt));
    const key = `${a.adminUnitKato}|${a.topicCode.split('.')[0]}|${week}`;
    const c = counts.get(key) ?? { unit: a.adminUnitKato, topic: a.topicCode.split('.')[0], week, count: 0 };
    c.count++;
    counts.set(key, c);
  }
  const concentrationOf = new Map(world.appeals.map((a) => [a.key, a.concentration]));
  const detect = (from: string, to: string) =>
    detectSystemicIssues({
      from,
      to,
      historyStart: world.appeals[0].receivedAt.slice(0, 10),
      units: [...new Set(docs.map((d) => d.unit))],
      topics: [...new Set(docs.map((d) => d.topic))],
      // only what received before `to` is known on `to`; the texts from three weeks before `from` (the cluster window)
      weeklyCounts: [...counts.values()].filter((c) => c.week <= weekOf(new Date(`${to}T23:59:59+05:00`))),
      docs: docs.filter((d) => d.day >= dayOfDate(from) - 21 && d.day <= dayOfDate(to)),
    });

  // every window that covers the four concentrations, including the one that once made a fifth card out of a
  // three-appeal cluster with two of its appeals received before `from`
  const windows = [
    ['2026-06-01', '2026-11-20'],
    ['2026-05-25', '2026-11-20'],
    ['2026-06-08', '2026-12-03'],
    ['2026-07-01', '2026-11-30'],
    ['2026-04-01', '2026-11-20'],
  ];
  it.each(windows)('the planted concentrations are exactly the cards for %s … %s, most of their appeals in each', (from, to) => {
    const first = Math.min(...world.concentrations.map((c) => dayOfDate(c.from)));
    const last = Math.max(...world.concentrations.map((c) => dayOfDate(c.to)));
    expect(dayOfDate(from) <= first && dayOfDate(to) >= last).toBe(true);
    const result = detect(from, to);
    const found = result.candidates.map((c) => {
      const keys = c.appealIds.map((id) => concentrationOf.get(id)).filter(Boolean);
      return { main: keys[0], share: keys.length / c.appealsCount, covered: keys.length };
    });
    expect(found.map((f) => f.main).sort()).toEqual(world.concentrations.map((c) => c.key).sort());
    for (const f of found) expect(f.share).toBeGreaterThan(0.75);
    for (const c of world.concentrations) expect(found.find((f) => f.main === c.key)!.covered / c.appeals).toBeGreaterThan(0.7);
  });

  it('a card holds only appeals received inside the window', () => {
    const from = '2026-06-08';
    const to = '2026-12-03';
    const result = detect(from, to);
    const dayOf = new Map(docs.map((d) => [d.id, d.day]));
    for (const c of result.candidates) {
      for (const id of c.appealIds) expect(dayOf.get(id)! >= dayOfDate(from) && dayOf.get(id)! <= dayOfDate(to)).toBe(true);
    }
  });
});

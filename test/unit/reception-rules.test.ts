import { describe, expect, it } from 'vitest';
import { assertBookable, enteredInAdvance, nextBookingStatus, overlaps, regularity, sessionState, validateSessionPlan, type SessionPlan } from '../../src/receptions/domain/reception-rules';
import { checkVisitor } from '../../src/receptions/domain/visitor';

const at = (s: string) => new Date(s);
const NOW = at('2026-03-02T10:00:00+05:00');
const plan = (over: Partial<SessionPlan> = {}): SessionPlan => ({
  official: 'akim',
  kind: 'office',
  startsAt: at('2026-03-13T10:00:00+05:00'),
  endsAt: at('2026-03-13T13:00:00+05:00'),
  place: 'Дом правительства',
  link: null,
  capacity: 10,
  withPaAppealsHead: false,
  settlementUnitId: null,
  ...over,
});
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e: any) {
    return [e.code, e.field ?? e.details?.reason];
  }
  return null;
};

describe('a reception session plan', () => {
  it('accepts an office reception, a visiting one with its settlement, a videoconference with the PA appeals head', () => {
    expect(code(() => validateSessionPlan(plan(), NOW))).toBeNull();
    expect(code(() => validateSessionPlan(plan({ kind: 'visiting', settlementUnitId: 12 }), NOW))).toBeNull();
    expect(code(() => validateSessionPlan(plan({ kind: 'videoconference', place: null, link: 'https://vks.kz/1', withPaAppealsHead: true }), NOW))).toBeNull();
  });
  it('refuses what does not hold together, naming the field', () => {
    expect(code(() => validateSessionPlan(plan({ endsAt: at('2026-03-13T10:00:00+05:00') }), NOW))).toEqual(['BAD_USER_INPUT', 'endsAt']);
    expect(code(() => validateSessionPlan(plan({ endsAt: at('2026-03-14T10:00:00+05:00') }), NOW))).toEqual(['BAD_USER_INPUT', 'endsAt']);
    expect(code(() => validateSessionPlan(plan({ capacity: 501 }), NOW))).toEqual(['BAD_USER_INPUT', 'capacity']);
    expect(code(() => validateSessionPlan(plan({ place: null }), NOW))).toEqual(['BAD_USER_INPUT', 'place']);
    expect(code(() => validateSessionPlan(plan({ kind: 'videoconference', link: 'http://insecure' }), NOW))).toEqual(['BAD_USER_INPUT', 'link']);
    expect(code(() => validateSessionPlan(plan({ kind: 'visiting' }), NOW))).toEqual(['BAD_USER_INPUT', 'settlementUnitId']);
    expect(code(() => validateSessionPlan(plan({ withPaAppealsHead: true }), NOW))).toEqual(['BAD_USER_INPUT', 'withPaAppealsHead']);
    expect(code(() => validateSessionPlan(plan({ startsAt: at('2027-04-01T10:00:00+05:00'), endsAt: at('2027-04-01T11:00:00+05:00') }), NOW))).toEqual(['BAD_USER_INPUT', 'startsAt']);
  });
  it('is planned ahead: a start more than 15 minutes before now is refused, one just begun is taken', () => {
    const plan13 = (startsAt: string, endsAt: string) => plan({ startsAt: at(startsAt), endsAt: at(endsAt) });
    const now = at('2026-03-13T10:15:00+05:00');
    expect(code(() => validateSessionPlan(plan13('2026-03-13T10:00:00+05:00', '2026-03-13T12:00:00+05:00'), now))).toBeNull();
    expect(code(() => validateSessionPlan(plan13('2026-03-13T09:59:00+05:00', '2026-03-13T12:00:00+05:00'), now))).toEqual(['BAD_USER_INPUT', 'startsAt']);
    expect(code(() => validateSessionPlan(plan13('2026-02-13T10:00:00+05:00', '2026-02-13T12:00:00+05:00'), now))).toEqual(['BAD_USER_INPUT', 'startsAt']);
    expect(enteredInAdvance({ startsAt: at('2026-03-13T10:00:00+05:00'), createdAt: now })).toBe(true);
    expect(enteredInAdvance({ startsAt: at('2026-03-13T10:00:00+05:00'), createdAt: at('2026-03-13T10:16:00+05:00') })).toBe(false);
  });
  it('is scheduled, in progress, held or cancelled as time passes', () => {
    const s = { status: 'scheduled' as const, startsAt: at('2026-03-13T10:00:00+05:00'), endsAt: at('2026-03-13T13:00:00+05:00') };
    expect(sessionState(s, at('2026-03-13T09:59:00+05:00'))).toBe('scheduled');
    expect(sessionState(s, at('2026-03-13T10:00:00+05:00'))).toBe('in_progress');
    expect(sessionState(s, at('2026-03-13T13:00:00+05:00'))).toBe('held');
    expect(sessionState({ ...s, status: 'cancelled' }, at('2026-03-13T11:00:00+05:00'))).toBe('cancelled');
  });
});

describe('booking', () => {
  const s = { id: 's1', status: 'scheduled' as const, startsAt: at('2026-03-13T10:00:00+05:00'), endsAt: at('2026-03-13T13:00:00+05:00'), capacity: 2 };
  it('touching intervals do not overlap; crossing ones do', () => {
    expect(overlaps(s, { startsAt: at('2026-03-13T13:00:00+05:00'), endsAt: at('2026-03-13T14:00:00+05:00') })).toBe(false);
    expect(overlaps(s, { startsAt: at('2026-03-13T12:59:00+05:00'), endsAt: at('2026-03-13T14:00:00+05:00') })).toBe(true);
  });
  it('a full session, a clash, a cancelled or finished session are clear conflicts', () => {
    expect(code(() => assertBookable(s, 1, [], NOW))).toBeNull();
    expect(code(() => assertBookable(s, 2, [], NOW))).toEqual(['CONFLICT', 'SESSION_FULL']);
    expect(code(() => assertBookable(s, 0, [{ sessionId: 's2', startsAt: at('2026-03-13T12:00:00+05:00'), endsAt: at('2026-03-13T15:00:00+05:00') }], NOW))).toEqual(['CONFLICT', 'BOOKING_CLASH']);
    expect(code(() => assertBookable({ ...s, status: 'cancelled' }, 0, [], NOW))).toEqual(['CONFLICT', 'SESSION_CANCELLED']);
    expect(code(() => assertBookable(s, 0, [], at('2026-03-13T13:00:00+05:00')))).toEqual(['CONFLICT', 'SESSION_OVER']);
  });
  it('attendance is marked once, after the start; a cancellation before the end', () => {
    expect(nextBookingStatus('booked', 'attended', s, at('2026-03-13T10:05:00+05:00'))).toBe('attended');
    expect(nextBookingStatus('booked', 'cancelled', s, NOW)).toBe('cancelled');
    expect(code(() => nextBookingStatus('booked', 'no_show', s, NOW))).toEqual(['CONFLICT', 'SESSION_NOT_STARTED']);
    expect(code(() => nextBookingStatus('attended', 'no_show', s, at('2026-03-13T11:00:00+05:00')))).toEqual(['CONFLICT', 'ATTENDANCE_ALREADY_RECORDED']);
    expect(code(() => nextBookingStatus('booked', 'cancelled', s, at('2026-03-13T14:00:00+05:00')))).toEqual(['CONFLICT', 'SESSION_OVER']);
  });
  it('a person is told apart by the IIN, else the phone', () => {
    expect(checkVisitor({ fullName: 'Сапарова Айгерим', iin: '900101400013', phone: '8 701 123 45 67' }).personKey).toBe('iin:900101400013');
    expect(checkVisitor({ fullName: 'Ахметов Болат', phone: '+7 (701) 765-43-21' }).personKey).toBe('phone:+77017654321');
    expect(code(() => checkVisitor({ fullName: 'Ахметов Болат' }))).toEqual(['BAD_USER_INPUT', 'person.iin']);
    expect(code(() => checkVisitor({ fullName: 'ТОО', iin: '900101400013', bin: '150440012344' }))).toEqual(['BAD_USER_INPUT', 'person.organizationName']);
  });
});

describe('regularity of receptions', () => {
  it('is regular when every month of the period had one; the longest gap is measured in days', () => {
    expect(regularity(['2026-01-15', '2026-02-10', '2026-03-05'], '2026-01-01', '2026-03-31')).toEqual({ monthsInPeriod: 3, monthsWithReceptions: 3, regular: true, longestGapDays: 26 });
    expect(regularity(['2026-01-15'], '2026-01-01', '2026-03-31')).toEqual({ monthsInPeriod: 3, monthsWithReceptions: 1, regular: false, longestGapDays: null });
    expect(regularity([], '2025-12-01', '2026-01-31').monthsInPeriod).toBe(2);
  });
});

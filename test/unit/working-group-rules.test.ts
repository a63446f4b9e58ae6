import { describe, expect, it } from 'vitest';
import { assertActive, assertClosable, assertMemberAddable, nextDecisionStatus, validateMeeting } from '../../src/working-groups/domain/working-group-rules';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e: any) {
    return [e.code, e.field ?? e.details?.reason];
  }
  return null;
};

describe('a working group', () => {
  const members = [
    { fullName: 'Ахметов Ерлан', role: 'chair' as const, userId: 'u1' },
    { fullName: 'Касымова Гульнара', role: 'member' as const, userId: null },
  ];
  it('has one chair, and each member once (by official or by name)', () => {
    expect(code(() => assertMemberAddable(members, { fullName: 'Сулейменов Арман', role: 'secretary', userId: null }))).toBeNull();
    expect(code(() => assertMemberAddable(members, { fullName: 'Сулейменов Арман', role: 'chair', userId: null }))).toEqual(['CONFLICT', 'CHAIR_EXISTS']);
    expect(code(() => assertMemberAddable(members, { fullName: 'КАСЫМОВА ГУЛЬНАРА', role: 'member', userId: null }))).toEqual(['CONFLICT', 'ALREADY_MEMBER']);
    expect(code(() => assertMemberAddable(members, { fullName: 'Другое имя', role: 'member', userId: 'u1' }))).toEqual(['CONFLICT', 'ALREADY_MEMBER']);
  });
  it('records meetings after they are held, with minutes and those present', () => {
    const now = new Date('2026-02-20T18:00:00+05:00');
    const m = { heldAt: new Date('2026-02-20T15:00:00+05:00'), minutes: 'Заслушана информация акимата о причинах перебоев.', attendeeIds: ['m1'] };
    expect(code(() => validateMeeting(m, now))).toBeNull();
    expect(code(() => validateMeeting({ ...m, heldAt: new Date('2026-02-21T10:00:00+05:00') }, now))).toEqual(['BAD_USER_INPUT', 'heldAt']);
    expect(code(() => validateMeeting({ ...m, minutes: 'Обсудили.' }, now))).toEqual(['BAD_USER_INPUT', 'minutes']);
    expect(code(() => validateMeeting({ ...m, attendeeIds: [] }, now))).toEqual(['BAD_USER_INPUT', 'attendeeIds']);
  });
  it('follows each decision up once, and closes only when none is open', () => {
    expect(nextDecisionStatus('open', 'done')).toBe('done');
    expect(code(() => nextDecisionStatus('done', 'cancelled'))).toEqual(['CONFLICT', 'ALREADY_FOLLOWED_UP']);
    expect(code(() => assertClosable(0))).toBeNull();
    expect(code(() => assertClosable(2))).toEqual(['CONFLICT', 'OPEN_DECISIONS']);
    expect(code(() => assertActive({ status: 'closed' }))).toEqual(['CONFLICT', 'GROUP_CLOSED']);
  });
});

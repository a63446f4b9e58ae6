import { describe, expect, it } from 'vitest';
import { validateConsultation, validateStatisticsRange } from '../../src/consultations/domain/consultation-rules';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e: any) {
    return [e.code, e.field];
  }
  return null;
};

describe('a consultation', () => {
  const now = new Date('2026-03-03T12:00:00+05:00');
  it('is recorded after it was given, lasting 1–480 minutes when said', () => {
    expect(code(() => validateConsultation({ givenAt: new Date('2026-03-03T11:00:00+05:00'), durationMinutes: 12 }, now))).toBeNull();
    expect(code(() => validateConsultation({ givenAt: new Date('2026-03-03T11:00:00+05:00'), durationMinutes: null }, now))).toBeNull();
    expect(code(() => validateConsultation({ givenAt: new Date('2026-03-03T13:00:00+05:00'), durationMinutes: 5 }, now))).toEqual(['BAD_USER_INPUT', 'givenAt']);
    expect(code(() => validateConsultation({ givenAt: now, durationMinutes: 481 }, now))).toEqual(['BAD_USER_INPUT', 'durationMinutes']);
  });
  it('statistics cover at most two years, in order', () => {
    expect(code(() => validateStatisticsRange('2026-01-01', '2026-12-31'))).toBeNull();
    expect(code(() => validateStatisticsRange('2026-12-31', '2026-01-01'))).toEqual(['BAD_USER_INPUT', 'to']);
    expect(code(() => validateStatisticsRange('2022-01-01', '2026-01-01'))).toEqual(['BAD_USER_INPUT', 'to']);
  });
});

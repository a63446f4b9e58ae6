import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/calendar/working-calendar';
import { assertFollowUpRecordable, nextCheckStatus, reviewDueDate, validateCompletion, validatePlan } from '../../src/office-checks/domain/office-check-rules';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e: any) {
    return [e.code, e.field ?? e.details?.reason];
  }
  return null;
};

describe('an office-work check', () => {
  it('looks back on a period that has ended', () => {
    expect(code(() => validatePlan({ periodFrom: '2026-03-01', periodTo: '2026-03-31', plannedOn: '2026-04-01' }))).toBeNull();
    expect(code(() => validatePlan({ periodFrom: '2026-03-31', periodTo: '2026-03-01', plannedOn: '2026-04-01' }))).toEqual(['BAD_USER_INPUT', 'periodTo']);
    expect(code(() => validatePlan({ periodFrom: '2026-03-01', periodTo: '2026-03-31', plannedOn: '2026-03-15' }))).toEqual(['BAD_USER_INPUT', 'plannedOn']);
  });
  it('goes planned → in progress → completed; the follow-up comes after completion', () => {
    expect(nextCheckStatus('planned', 'start')).toBe('in_progress');
    expect(nextCheckStatus('in_progress', 'complete')).toBe('completed');
    expect(nextCheckStatus('completed', 'record_follow_up')).toBe('completed');
    expect(code(() => nextCheckStatus('planned', 'complete'))).toEqual(['CONFLICT', 'FORBIDDEN_TRANSITION']);
    expect(code(() => nextCheckStatus('in_progress', 'record_follow_up'))).toEqual(['CONFLICT', 'FORBIDDEN_TRANSITION']);
  });
  it('is completed with recommendations and a follow-up date after today', () => {
    const r = 'Назначить ответственного за регистрацию обращений.';
    expect(code(() => validateCompletion({ recommendations: r, followUpDate: '2026-04-30' }, '2026-04-01'))).toBeNull();
    expect(code(() => validateCompletion({ recommendations: r, followUpDate: '2026-04-01' }, '2026-04-01'))).toEqual(['BAD_USER_INPUT', 'followUpDate']);
    expect(code(() => validateCompletion({ recommendations: 'Учесть.', followUpDate: '2026-04-30' }, '2026-04-01'))).toEqual(['BAD_USER_INPUT', 'recommendations']);
  });
  it('an answer waits three working days for review', () => {
    expect(reviewDueDate(WorkingCalendar.default(), '2026-03-05')).toBe('2026-03-11');
  });
});

describe('the follow-up of a check', () => {
  it('is recorded on or after its date; earlier only when the findings are already fixed', () => {
    expect(assertFollowUpRecordable('2026-07-15', '2026-07-15', false)).toEqual({ early: false });
    expect(assertFollowUpRecordable('2026-07-15', '2026-08-01', false)).toEqual({ early: false });
    expect(assertFollowUpRecordable('2026-07-15', '2026-06-20', true)).toEqual({ early: true });
    try {
      assertFollowUpRecordable('2026-07-15', '2026-06-20', false);
      expect.unreachable();
    } catch (e: any) {
      expect([e.code, e.details?.reason]).toEqual(['CONFLICT', 'FOLLOW_UP_NOT_DUE']);
    }
  });
});

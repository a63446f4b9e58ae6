import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/calendar/working-calendar';
import {
  assertCompletable,
  assertConclusionVerdict,
  nextConclusionStatus,
  nextProposalStatus,
  onTimeRate,
  reminderHorizon,
} from '../../src/control/domain/control-rules';

const cal = WorkingCalendar.default();
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e: any) {
    return [e.code, e.field ?? e.details?.reason];
  }
  return null;
};

describe('reminders of approaching deadlines', () => {
  it('look N working days ahead, over weekends and holidays', () => {
    expect(reminderHorizon(cal, '2026-03-04', 2)).toBe('2026-03-06');
    expect(reminderHorizon(cal, '2026-03-06', 1)).toBe('2026-03-10'); // 8 March falls on a Sunday: Monday 9th is off
    expect(reminderHorizon(cal, '2026-03-04', 0)).toBe('2026-03-04');
    expect(code(() => reminderHorizon(cal, '2026-03-04', 61))).toEqual(['BAD_USER_INPUT', 'days']);
    expect(code(() => reminderHorizon(cal, '2026-03-04', -1))).toEqual(['BAD_USER_INPUT', 'days']);
  });
});

describe('executive discipline', () => {
  it('the on-time rate is on time among those that came due, rounded to a thousandth', () => {
    expect(onTimeRate(2, 3)).toBe(0.667);
    expect(onTimeRate(0, 0)).toBeNull();
  });
});

describe('verifications, proposals and conclusions', () => {
  it('a verification is completed once, after the visit, with findings', () => {
    const findings = 'Насосная станция не работает, подвоз воды не организован.';
    expect(code(() => assertCompletable({ status: 'planned', visitedOn: '2026-03-10' }, findings, '2026-03-10'))).toBeNull();
    expect(code(() => assertCompletable({ status: 'planned', visitedOn: '2026-03-10' }, findings, '2026-03-09'))).toEqual(['CONFLICT', 'NOT_YET_CARRIED_OUT']);
    expect(code(() => assertCompletable({ status: 'completed', visitedOn: '2026-03-10' }, findings, '2026-03-11'))).toEqual(['CONFLICT', 'ALREADY_COMPLETED']);
    expect(code(() => assertCompletable({ status: 'planned', visitedOn: '2026-03-10' }, 'Всё плохо.', '2026-03-11'))).toEqual(['BAD_USER_INPUT', 'findings']);
  });
  it('a proposal is decided once', () => {
    expect(nextProposalStatus('proposed', 'applied')).toBe('applied');
    expect(nextProposalStatus('proposed', 'rejected')).toBe('rejected');
    expect(code(() => nextProposalStatus('applied', 'rejected'))).toEqual(['CONFLICT', 'ALREADY_DECIDED']);
  });
  it('"executed" only for an executed instruction; a conclusion is approved once', () => {
    expect(code(() => assertConclusionVerdict('executed', 'executed'))).toBeNull();
    expect(code(() => assertConclusionVerdict('not_executed', 'on_control'))).toBeNull();
    expect(code(() => assertConclusionVerdict('executed', 'report_submitted'))).toEqual(['CONFLICT', 'INSTRUCTION_NOT_EXECUTED']);
    expect(nextConclusionStatus('draft')).toBe('approved');
    expect(code(() => nextConclusionStatus('approved'))).toEqual(['CONFLICT', 'ALREADY_APPROVED']);
  });
});

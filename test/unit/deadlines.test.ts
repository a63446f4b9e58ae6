import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/calendar/working-calendar';
import {
  deadlineState,
  extensionNoticeDueDate,
  forwardingDueDate,
  initialDueDate,
  maxExtendedDueDate,
  registrationDate,
  validateExtension,
} from '../../src/appeals/domain/deadlines';
import { APPEAL_FORMS, DEADLINE_RULES } from '../../src/appeals/domain/deadline-rules';
import { DomainError } from '../../src/shared/errors';

const cal = WorkingCalendar.default();
/** An instant given in Kazakhstan local time. */
const kz = (local: string) => new Date(`${local}+05:00`);

function thrown(fn: () => void): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('the rules table', () => {
  it('has a rule for every form, 15 working days and two months at most, with a legal basis', () => {
    for (const form of APPEAL_FORMS) {
      const rule = DEADLINE_RULES[form];
      expect(rule.form).toBe(form);
      expect(rule.considerationWorkingDays).toBe(15);
      expect(rule.maxExtensionMonths).toBe(2);
      expect(rule.legalBasis).toMatch(/APPK art\. 76/);
    }
  });
});

describe('registration date (APPK art. 64)', () => {
  it('an appeal received on a working day within hours is registered the same day', () => {
    expect(registrationDate(cal, kz('2026-03-04T18:29'))).toBe('2026-03-04');
  });

  it('an appeal received after 18:30 is registered the next working day', () => {
    expect(registrationDate(cal, kz('2026-03-04T18:30'))).toBe('2026-03-05');
    expect(registrationDate(cal, kz('2026-03-04T23:10'))).toBe('2026-03-05');
  });

  it('an appeal received on Friday 20 March 2026 after hours is registered after Nauryz, on Thursday 26 March', () => {
    expect(registrationDate(cal, kz('2026-03-20T19:00'))).toBe('2026-03-26');
  });

  it('an appeal received on a Saturday is registered on Monday', () => {
    expect(registrationDate(cal, kz('2026-04-18T11:00'))).toBe('2026-04-20');
  });

  it('an appeal received before 09:00 on a working day is registered that day', () => {
    expect(registrationDate(cal, kz('2026-03-04T07:45'))).toBe('2026-03-04');
  });

  it('uses Kazakhstan time: 20:30 UTC on 4 March is 01:30 on 5 March in Astana', () => {
    expect(registrationDate(cal, new Date('2026-03-04T20:30:00Z'))).toBe('2026-03-05');
  });
});

describe('due dates', () => {
  it('an appeal received on Friday 20 March 2026 is due after Nauryz, on Wednesday 15 April', () => {
    // Not counted: 21-22 Mar (weekend), 23 Mar (Nauryz), 24-25 Mar (Nauryz days moved off the weekend).
    // 26 Thu(1) 27 Fri(2) | 30 Mon(3) 31 Tue(4) 1 Apr(5) 2(6) 3 Fri(7) | 6 Mon(8) 7(9) 8(10) 9(11) 10 Fri(12) |
    // 13 Mon(13) 14 Tue(14) 15 Wed(15)
    expect(initialDueDate(cal, 'application', kz('2026-03-20T10:00'))).toBe('2026-04-15');
  });

  it('counts from the local date of receipt, even when received after hours', () => {
    expect(initialDueDate(cal, 'complaint', kz('2026-03-20T21:00'))).toBe('2026-04-15');
  });

  it('an appeal outside competence received on Wednesday 6 May 2026 must be forwarded by Wednesday 13 May', () => {
    // 7 May (Defender Day) no; 8 Fri (1); 9-10 weekend; 11 Mon (Victory Day moved) no; 12 Tue (2); 13 Wed (3)
    expect(forwardingDueDate(cal, kz('2026-05-06T12:00'))).toBe('2026-05-13');
  });

  it('an extension can reach at most two calendar months after receipt', () => {
    expect(maxExtendedDueDate('application', kz('2026-03-20T10:00'))).toBe('2026-05-20');
    expect(maxExtendedDueDate('application', kz('2025-12-31T10:00'))).toBe('2026-02-28');
  });

  it('the applicant must be told of an extension within 3 working days', () => {
    expect(extensionNoticeDueDate(cal, '2026-04-10')).toBe('2026-04-15'); // Fri → Mon(1) Tue(2) Wed(3)
  });
});

describe('extending the deadline (APPK art. 76)', () => {
  const base = {
    form: 'application' as const,
    receivedAt: kz('2026-03-20T10:00'),
    currentDueDate: '2026-04-15',
    newDueDate: '2026-05-20',
    reason: 'An on-site inspection of the water supply is needed',
    today: '2026-04-10',
  };

  it('an extension to a working day within two months, with a reason, is accepted', () => {
    expect(() => validateExtension(cal, base)).not.toThrow();
  });

  it('an extension beyond two months from receipt is refused', () => {
    const e = thrown(() => validateExtension(cal, { ...base, newDueDate: '2026-05-21' }));
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.field).toBe('newDueDate');
    expect(e.message).toMatch(/two months from receipt.*2026-05-20/);
  });

  it('an extension to a non-working day is refused, suggesting the next working day', () => {
    // Saturday 9 May 2026 (Victory Day); Sunday 10; Monday 11 is the moved day off → Tuesday 12 May
    const e = thrown(() => validateExtension(cal, { ...base, newDueDate: '2026-05-09' }));
    expect(e.field).toBe('newDueDate');
    expect(e.details).toMatchObject({ suggestedDueDate: '2026-05-12' });
  });

  it('suggests the previous working day when the next one would pass the two-month limit', () => {
    // received Tue 30 June 2026: limit Sun 30 August (Constitution Day); Mon 31 Aug is its moved day off
    const args = {
      ...base,
      receivedAt: kz('2026-06-30T10:00'),
      currentDueDate: initialDueDate(cal, 'application', kz('2026-06-30T10:00')),
      today: '2026-07-15',
    };
    expect(args.currentDueDate).toBe('2026-07-22');
    const e = thrown(() => validateExtension(cal, { ...args, newDueDate: '2026-08-29' }));
    expect(e.details).toMatchObject({ suggestedDueDate: '2026-08-28' });
    const beyond = thrown(() => validateExtension(cal, { ...args, newDueDate: '2026-08-31' }));
    expect(beyond.details).toMatchObject({ maxDueDate: '2026-08-28' });
  });

  it('an extension that does not move the deadline later is refused', () => {
    expect(thrown(() => validateExtension(cal, { ...base, newDueDate: '2026-04-15' })).field).toBe('newDueDate');
    expect(thrown(() => validateExtension(cal, { ...base, newDueDate: '2026-04-14' })).field).toBe('newDueDate');
  });

  it('an overdue appeal cannot be extended after the fact', () => {
    const e = thrown(() => validateExtension(cal, { ...base, today: '2026-04-16' }));
    expect(e.field).toBe('newDueDate');
    expect(e.message).toMatch(/expired on 2026-04-15/);
  });

  it('an extension may still be decided on the due date itself', () => {
    expect(() => validateExtension(cal, { ...base, today: '2026-04-15' })).not.toThrow();
  });

  it('an extension without a real reason is refused', () => {
    const e = thrown(() => validateExtension(cal, { ...base, reason: '  need  time ' }));
    expect(e.field).toBe('reason');
  });

  it('a malformed date is refused', () => {
    expect(thrown(() => validateExtension(cal, { ...base, newDueDate: '20.05.2026' })).field).toBe('newDueDate');
  });
});

describe('deadline state (never stored, always derived)', () => {
  const due = '2026-04-15';

  it('two working days before the due date, 2 days are left', () => {
    expect(deadlineState(cal, due, kz('2026-04-13T12:00'))).toEqual({ dueDate: due, isOverdue: false, workingDaysLeft: 2 });
  });

  it('on the due date the appeal is not yet overdue, even late in the evening', () => {
    expect(deadlineState(cal, due, kz('2026-04-15T23:30'))).toMatchObject({ isOverdue: false, workingDaysLeft: 0 });
  });

  it('an appeal not answered by the end of the due date is overdue', () => {
    expect(deadlineState(cal, due, kz('2026-04-16T00:30'))).toMatchObject({ isOverdue: true, workingDaysLeft: -1 });
    // 16 Thu, 17 Fri, 20 Mon
    expect(deadlineState(cal, due, kz('2026-04-20T10:00'))).toMatchObject({ isOverdue: true, workingDaysLeft: -3 });
  });

  it('an appeal due on Friday is overdue on Saturday, by at least one day', () => {
    expect(deadlineState(cal, '2026-04-17', kz('2026-04-18T10:00'))).toMatchObject({ isOverdue: true, workingDaysLeft: -1 });
  });

  it('an appeal answered on time stays on time, with days-left frozen at the answer', () => {
    expect(deadlineState(cal, due, kz('2026-06-01T10:00'), kz('2026-04-14T16:00'))).toEqual({
      dueDate: due,
      isOverdue: false,
      workingDaysLeft: 1,
    });
  });

  it('an appeal answered after 15 working days is overdue, and stays so', () => {
    expect(deadlineState(cal, due, kz('2026-06-01T10:00'), kz('2026-04-17T09:00'))).toMatchObject({
      isOverdue: true,
      workingDaysLeft: -2,
    });
  });
});

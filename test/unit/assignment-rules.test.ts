import { describe, expect, it } from 'vitest';
import { assignmentDueDate } from '../../src/appeals/domain/assignment-rules';
import { DomainError } from '../../src/shared/errors';

const refusal = (f: () => unknown) => {
  try {
    f();
    return null;
  } catch (e) {
    return [(e as DomainError).field, (e as DomainError).details?.reason];
  }
};

describe("an executor's due date when an appeal is routed", () => {
  it("is the appeal's own by default, even when it has passed: the appeal stays overdue", () => {
    expect(assignmentDueDate(null, '2026-03-27', '2026-03-10')).toEqual({ dueDate: '2026-03-27', overdue: false });
    expect(assignmentDueDate(null, '2026-03-27', '2026-03-27')).toEqual({ dueDate: '2026-03-27', overdue: false });
    expect(assignmentDueDate(null, '2026-03-27', '2026-04-06')).toEqual({ dueDate: '2026-03-27', overdue: true });
    expect(assignmentDueDate('2026-03-27', '2026-03-27', '2026-04-06')).toEqual({ dueDate: '2026-03-27', overdue: true });
  });
  it('may be earlier, never later than the appeal’s, and not an earlier day already gone', () => {
    expect(assignmentDueDate('2026-03-20', '2026-03-27', '2026-03-10')).toEqual({ dueDate: '2026-03-20', overdue: false });
    expect(refusal(() => assignmentDueDate('2026-03-30', '2026-03-27', '2026-03-10'))).toEqual(['dueDate', 'AFTER_APPEAL_DUE_DATE']);
    expect(refusal(() => assignmentDueDate('2026-04-20', '2026-03-27', '2026-04-06'))).toEqual(['dueDate', 'AFTER_APPEAL_DUE_DATE']);
    expect(refusal(() => assignmentDueDate('2026-03-20', '2026-03-27', '2026-04-06'))).toEqual(['dueDate', 'IN_THE_PAST']);
    expect(refusal(() => assignmentDueDate('20.03.2026', '2026-03-27', '2026-03-10'))).toEqual(['dueDate', undefined]);
  });
});

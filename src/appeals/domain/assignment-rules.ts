/**
 * The due date an executor gets when an appeal is routed to it (5.2, 5.3). Pure rule: no database, no clock.
 */
import { badInput } from '../../shared/errors';

export interface AssignmentDue {
  dueDate: string;
  /** The appeal's own deadline had already passed when it was routed: it stays overdue, and that is recorded. */
  overdue: boolean;
}

/**
 * By default the executor gets the appeal's own deadline, even when that has already passed (an appeal registered
 * late must still reach an executor; it stays overdue). An explicit date may be earlier than the appeal's, never
 * later (only a head's extension moves the appeal's deadline), and not in the past unless it is the appeal's own.
 */
export function assignmentDueDate(requested: string | null | undefined, appealDueDate: string, today: string): AssignmentDue {
  const dueDate = requested ?? appealDueDate;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) throw badInput('dueDate', 'dueDate must be YYYY-MM-DD');
  if (dueDate > appealDueDate) {
    throw badInput('dueDate', `An executor's due date cannot be after the appeal's (${appealDueDate}); a later date needs the head's extension`, {
      reason: 'AFTER_APPEAL_DUE_DATE',
    });
  }
  if (dueDate < today && dueDate !== appealDueDate) throw badInput('dueDate', 'dueDate is in the past', { reason: 'IN_THE_PAST' });
  return { dueDate, overdue: dueDate < today };
}

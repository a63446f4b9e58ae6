import { describe, expect, it } from 'vitest';
import {
  APPEAL_ACTIONS,
  APPEAL_STATUSES,
  FINAL_STATUSES,
  TRANSITIONS,
  allowedActions,
  canDo,
  nextStatus,
  type AppealAction,
  type AppealStatus,
} from '../../src/appeals/domain/appeal-status';
import { DomainError } from '../../src/shared/errors';

const allowed = new Set(TRANSITIONS.map((t) => `${t.from}|${t.action}`));

function walk(start: AppealStatus, actions: AppealAction[]): AppealStatus {
  return actions.reduce((s, a) => nextStatus(s, a), start);
}

describe('the life of an appeal', () => {
  it('goes registered → assigned → in progress → answered → returned for rework → in progress → answered → closed', () => {
    expect(
      walk('registered', ['assign', 'start_work', 'submit_response', 'return_for_rework', 'start_work', 'submit_response', 'accept_response', 'close']),
    ).toBe('closed');
  });

  it('an executor may answer straight from assigned, and again straight after a return for rework', () => {
    expect(walk('registered', ['assign', 'submit_response', 'return_for_rework', 'submit_response'])).toBe('answered');
  });

  it('co-executors can be added while the appeal is being worked on, without changing its status', () => {
    expect(nextStatus('assigned', 'assign')).toBe('assigned');
    expect(nextStatus('in_progress', 'assign')).toBe('in_progress');
    expect(nextStatus('returned_for_rework', 'assign')).toBe('returned_for_rework');
  });

  it('accepting a response keeps the appeal answered until it is closed', () => {
    expect(nextStatus('answered', 'accept_response')).toBe('answered');
  });

  it('an appeal outside competence is forwarded from registered or assigned', () => {
    expect(nextStatus('registered', 'forward')).toBe('forwarded');
    expect(nextStatus('assigned', 'forward')).toBe('forwarded');
    expect(canDo('in_progress', 'forward')).toBe(false);
  });

  it('an appeal can be left without consideration before it is answered', () => {
    for (const s of ['registered', 'assigned', 'in_progress'] as const) expect(nextStatus(s, 'leave_without_consideration')).toBe('left_without_consideration');
    expect(canDo('answered', 'leave_without_consideration')).toBe(false);
  });

  it('the deadline can be extended and the appeal taken on control in any open status, without changing it', () => {
    for (const s of APPEAL_STATUSES.filter((x) => !FINAL_STATUSES.includes(x))) {
      expect(nextStatus(s, 'extend_deadline')).toBe(s);
      expect(nextStatus(s, 'take_on_control')).toBe(s);
    }
  });

  it('an appeal cannot be closed before it is answered', () => {
    expect(canDo('in_progress', 'close')).toBe(false);
    expect(canDo('returned_for_rework', 'close')).toBe(false);
  });

  it('a closed, forwarded or left appeal allows nothing', () => {
    for (const s of FINAL_STATUSES) expect(allowedActions(s)).toEqual([]);
  });

  it('every forbidden transition is rejected with CONFLICT / FORBIDDEN_TRANSITION', () => {
    let forbidden = 0;
    for (const from of APPEAL_STATUSES)
      for (const action of APPEAL_ACTIONS) {
        if (allowed.has(`${from}|${action}`)) continue;
        forbidden++;
        expect(canDo(from, action)).toBe(false);
        let error: unknown;
        try {
          nextStatus(from, action);
        } catch (e) {
          error = e;
        }
        expect(error, `${from} --${action}-->`).toBeInstanceOf(DomainError);
        const de = error as DomainError;
        expect(de.code).toBe('CONFLICT');
        expect(de.details).toEqual({ code: 'FORBIDDEN_TRANSITION', from, action });
        expect(de.message).toBe(`Cannot ${action} an appeal that is ${from}`);
      }
    expect(forbidden).toBe(APPEAL_STATUSES.length * APPEAL_ACTIONS.length - TRANSITIONS.length);
  });

  it('the table has no duplicate moves and only known statuses and actions', () => {
    expect(allowed.size).toBe(TRANSITIONS.length);
    for (const t of TRANSITIONS) {
      expect(APPEAL_STATUSES).toContain(t.from);
      expect(APPEAL_STATUSES).toContain(t.to);
      expect(APPEAL_ACTIONS).toContain(t.action);
      expect(FINAL_STATUSES).not.toContain(t.from);
    }
  });
});

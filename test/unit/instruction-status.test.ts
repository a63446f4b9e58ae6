import { describe, expect, it } from 'vitest';
import {
  INSTRUCTION_ACTIONS,
  INSTRUCTION_SOURCES,
  INSTRUCTION_STATUSES,
  INSTRUCTION_TRANSITIONS,
  REPORT_KINDS,
  REPORT_VERDICTS,
  canDoInstruction,
  nextInstructionStatus,
  reviewAction,
} from '../../src/instructions/domain/instruction-status';
import { DomainError } from '../../src/shared/errors';

const allowed = new Set(INSTRUCTION_TRANSITIONS.map((t) => `${t.from}|${t.action}`));

describe('an instruction on control', () => {
  it('comes from the President, the State Adviser, the Presidential Administration, the akim or a reception', () => {
    expect(INSTRUCTION_SOURCES).toHaveLength(7);
    expect(REPORT_KINDS).toEqual(['interim', 'final']);
    expect(REPORT_VERDICTS).toEqual(['accepted', 'returned']);
  });

  it('an accepted interim report keeps it on control; an accepted final report makes it executed', () => {
    let s = nextInstructionStatus('on_control', 'submit_report');
    expect(s).toBe('report_submitted');
    s = nextInstructionStatus(s, reviewAction('interim', 'accepted'));
    expect(s).toBe('on_control');
    s = nextInstructionStatus(nextInstructionStatus(s, 'submit_report'), reviewAction('final', 'accepted'));
    expect(s).toBe('executed');
  });

  it('a returned report puts it back on control', () => {
    expect(reviewAction('final', 'returned')).toBe('return_report');
    expect(nextInstructionStatus('report_submitted', 'return_report')).toBe('on_control');
  });

  it('can be extended while on control or awaiting review, without changing status', () => {
    expect(nextInstructionStatus('on_control', 'extend')).toBe('on_control');
    expect(nextInstructionStatus('report_submitted', 'extend')).toBe('report_submitted');
    expect(canDoInstruction('executed', 'extend')).toBe(false);
  });

  it('can be removed from control from any status but removed', () => {
    for (const s of ['on_control', 'report_submitted', 'executed'] as const)
      expect(nextInstructionStatus(s, 'remove_from_control')).toBe('removed_from_control');
  });

  it('a second report cannot be submitted before the first is reviewed', () => {
    expect(canDoInstruction('report_submitted', 'submit_report')).toBe(false);
  });

  it('every forbidden transition is rejected with CONFLICT / FORBIDDEN_TRANSITION', () => {
    let forbidden = 0;
    for (const from of INSTRUCTION_STATUSES)
      for (const action of INSTRUCTION_ACTIONS) {
        if (allowed.has(`${from}|${action}`)) continue;
        forbidden++;
        expect(canDoInstruction(from, action)).toBe(false);
        let error: unknown;
        try {
          nextInstructionStatus(from, action);
        } catch (e) {
          error = e;
        }
        expect(error, `${from} --${action}-->`).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe('CONFLICT');
        expect((error as DomainError).details).toEqual({ code: 'FORBIDDEN_TRANSITION', from, action });
      }
    expect(forbidden).toBe(INSTRUCTION_STATUSES.length * INSTRUCTION_ACTIONS.length - INSTRUCTION_TRANSITIONS.length);
  });
});

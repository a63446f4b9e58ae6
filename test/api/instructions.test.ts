import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AppealFullDocument,
  ExtendInstructionDocument,
  InstructionFullDocument,
  InstructionsListDocument,
  IssueInstructionDocument,
  RegisterAppealDocument,
  RemoveInstructionFromControlDocument,
  ReviewInstructionReportDocument,
  SubmitInstructionReportDocument,
} from '../generated/graphql';
import { startTestApp, type TestApp } from '../support/app';
import { appealInput } from '../support/fixtures';
import { createWorld, tableCounts, type TestWorld } from '../support/world';

let app: TestApp;
let w: TestWorld;
let appealId: string;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  app.clock.set('2026-03-02T11:00:00+05:00');
  appealId = (await app.ok(RegisterAppealDocument, { input: appealInput(w) }, w.users.specialist.token)).registerAppeal.id;
});
afterAll(() => app?.close());

const issue = (number: string, over: Record<string, unknown> = {}) =>
  app.ok(
    IssueInstructionDocument,
    {
      input: {
        number,
        source: 'AKIM',
        issuer: 'Аким Алматинской области',
        text: 'Обеспечить бесперебойную подачу питьевой воды в селе Шелек и доложить о принятых мерах.',
        issuedAt: '2026-03-02T10:00:00+05:00',
        dueDate: '2026-03-20',
        assigneeIds: [w.orgs.enbekshikazakhAkimat],
        appealIds: [appealId],
        ...over,
      },
    },
    w.users.specialist.token,
  );

describe('control of an instruction', () => {
  it('is issued, reported on (interim, then final — returned once), accepted and executed; every step is in its history', async () => {
    const i = (await issue('01-12/345')).issueInstruction;
    expect(i.status).toBe('ON_CONTROL');
    expect(i.workingDaysLeft).toBe(13);

    app.clock.set('2026-03-06T12:00:00+05:00');
    const interim = (
      await app.ok(
        SubmitInstructionReportDocument,
        { input: { instructionId: i.id, kind: 'INTERIM', text: 'Заключён договор на ремонт водопровода, работы начнутся 10 марта.' } },
        w.users.executorEnbek.token,
      )
    ).submitInstructionReport;
    await app.ok(ReviewInstructionReportDocument, { input: { reportId: interim.id, verdict: 'ACCEPTED' } }, w.users.specialist.token);

    app.clock.set('2026-03-16T12:00:00+05:00');
    const final1 = (
      await app.ok(SubmitInstructionReportDocument, { input: { instructionId: i.id, kind: 'FINAL', text: 'Работы выполнены, вода подаётся в штатном режиме.' } }, w.users.executorEnbek.token)
    ).submitInstructionReport;
    const returned = await app.ok(
      ReviewInstructionReportDocument,
      { input: { reportId: final1.id, verdict: 'RETURNED', comment: 'Приложите акт выполненных работ и протокол анализа воды.' } },
      w.users.specialist.token,
    );
    expect(returned.reviewInstructionReport.verdict).toBe('RETURNED');
    let full = (await app.ok(InstructionFullDocument, { id: i.id }, w.users.head.token)).instruction!;
    expect(full.status).toBe('ON_CONTROL');

    const final2 = (
      await app.ok(
        SubmitInstructionReportDocument,
        { input: { instructionId: i.id, kind: 'FINAL', text: 'Акт выполненных работ №17 и протокол анализа воды СЭС приложены.' } },
        w.users.executorEnbek.token,
      )
    ).submitInstructionReport;
    await app.ok(ReviewInstructionReportDocument, { input: { reportId: final2.id, verdict: 'ACCEPTED' } }, w.users.specialist.token);
    full = (await app.ok(InstructionFullDocument, { id: i.id }, w.users.head.token)).instruction!;
    expect(full.status).toBe('EXECUTED');
    expect(full.isOverdue).toBe(false);
    expect(full.reports.map((r) => [r.kind, r.verdict])).toEqual([
      ['INTERIM', 'ACCEPTED'],
      ['FINAL', 'RETURNED'],
      ['FINAL', 'ACCEPTED'],
    ]);
    expect(full.appeals.map((a) => a.id)).toEqual([appealId]);
    expect(full.history.map((h) => h.action)).toEqual([
      'issue',
      'submit_report',
      'review_report_accepted',
      'submit_report',
      'review_report_returned',
      'submit_report',
      'review_report_accepted',
    ]);
    const appeal = (await app.ok(AppealFullDocument, { id: appealId }, w.users.head.token)).appeal!;
    expect(appeal.instructions.map((x) => x.number)).toContain('01-12/345');
  });

  it('only the head or a deputy extends it or removes it from control; an executor not assigned cannot see it', async () => {
    app.clock.set('2026-03-03T10:00:00+05:00');
    const i = (await issue('01-12/400', { source: 'PA_APPEALS_DEPARTMENT', issuer: 'Отдел по работе с обращениями АП' })).issueInstruction;
    const bySpecialist = await app.gql(ExtendInstructionDocument, { input: { instructionId: i.id, newDueDate: '2026-04-10', reason: 'Ожидается финансирование' } }, w.users.specialist.token);
    expect(bySpecialist.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const ext = await app.ok(
      ExtendInstructionDocument,
      { input: { instructionId: i.id, newDueDate: '2026-04-10', reason: 'Ожидается выделение средств из местного бюджета' } },
      w.users.deputy.token,
    );
    expect(ext.extendInstruction.dueDate).toBe('2026-04-10');
    const hidden = await app.gql(InstructionFullDocument, { id: i.id }, w.users.executorZhambyl.token);
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const report = await app.gql(
      SubmitInstructionReportDocument,
      { input: { instructionId: i.id, kind: 'FINAL', text: 'Выполнено в полном объёме, вода подаётся.' } },
      w.users.executorZhambyl.token,
    );
    expect(report.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const removed = await app.ok(
      RemoveInstructionFromControlDocument,
      { input: { instructionId: i.id, reason: 'Вопрос решён в рамках другого поручения' } },
      w.users.head.token,
    );
    expect(removed.removeInstructionFromControl.status).toBe('REMOVED_FROM_CONTROL');
    const again = await app.gql(
      SubmitInstructionReportDocument,
      { input: { instructionId: i.id, kind: 'FINAL', text: 'Выполнено в полном объёме, вода подаётся.' } },
      w.users.executorEnbek.token,
    );
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('past its due date an instruction is overdue and the overdue filter lists it', async () => {
    app.clock.set('2026-03-03T10:00:00+05:00');
    const i = (await issue('01-12/500', { dueDate: '2026-03-10' })).issueInstruction;
    app.clock.set('2026-03-12T10:00:00+05:00');
    const list = await app.ok(InstructionsListDocument, { filter: { overdue: true } }, w.users.head.token);
    expect(list.instructions.edges.map((e) => e.node.id)).toContain(i.id);
    expect(list.instructions.edges.find((e) => e.node.id === i.id)!.node.isOverdue).toBe(true);
    const mine = await app.ok(InstructionsListDocument, {}, w.users.executorZhambyl.token);
    expect(mine.instructions.totalCount).toBe(0);
  });

  it('bad input is refused with a field and writes nothing', async () => {
    const before = await tableCounts(app);
    const cases: [Record<string, unknown>, string][] = [
      [{ number: '' }, 'number'],
      [{ text: 'коротко' }, 'text'],
      [{ assigneeIds: [] }, 'assigneeIds'],
      [{ dueDate: '2026-02-01' }, 'dueDate'],
      [{ assigneeIds: ['00000000-0000-4000-8000-000000000000'] }, 'assigneeIds'],
    ];
    for (const [over, field] of cases) {
      const r = await app.gql(
        IssueInstructionDocument,
        {
          input: {
            number: '02/1',
            source: 'AKIM',
            text: 'Обеспечить ремонт дороги в селе Шелек до начала учебного года.',
            issuedAt: '2026-03-02T10:00:00+05:00',
            dueDate: '2026-03-20',
            assigneeIds: [w.orgs.enbekshikazakhAkimat],
            ...over,
          } as any,
        },
        w.users.specialist.token,
      );
      expect(r.errors?.[0].extensions, JSON.stringify(over)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const dup = await app.gql(IssueInstructionDocument, { input: { number: '01-12/345', source: 'AKIM', text: 'Повторная регистрация того же поручения.', issuedAt: '2026-03-02T10:00:00+05:00', dueDate: '2026-03-20', assigneeIds: [w.orgs.enbekshikazakhAkimat] } }, w.users.specialist.token);
    expect(dup.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await tableCounts(app)).toEqual(before);
  });
});

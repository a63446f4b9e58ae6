import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../src/db/sql';
import {
  ApproveExecutionConclusionDocument,
  AssignAppealDocument,
  CompleteOnsiteVerificationDocument,
  DecideDisciplinaryProposalDocument,
  DisciplinaryProposalsDocument,
  ExecutionConclusionsDocument,
  InstructionDisciplineDocument,
  InstructionsDueDocument,
  IssueInstructionDocument,
  OnsiteVerificationDocument,
  OnsiteVerificationsDocument,
  PlanOnsiteVerificationDocument,
  PrepareExecutionConclusionDocument,
  ProposeDisciplinaryActionDocument,
  RecordViolationDocument,
  RegisterAppealDocument,
  ReviewInstructionReportDocument,
  SubmitInstructionReportDocument,
  ViolationsDocument,
} from '../generated/graphql';
import { startTestApp, type GraphQLResult, type TestApp } from '../support/app';
import { appealInput } from '../support/fixtures';
import { createWorld, tableCounts, type TestWorld } from '../support/world';

let app: TestApp;
let w: TestWorld;
let appealId: string;
let otherAppealId: string;
let paInstruction: string;
let zhambylInstruction: string;

const CONTROL_TABLES = ['onsite_verification', 'onsite_verification_participant', 'control_violation', 'disciplinary_proposal', 'execution_conclusion'];
async function counts() {
  const em = app.database.db.orm.em.fork() as EntityManager;
  const out: Record<string, number> = await tableCounts(app);
  for (const t of CONTROL_TABLES) {
    out[t] = Number((await query<{ n: string }>(em, `select count(*) as n from ${t}`))[0].n);
    if (t !== 'onsite_verification_participant' && t !== 'control_violation') {
      out[`${t}_versions`] = Number((await query<{ n: string }>(em, `select coalesce(sum(version), 0) as n from ${t}`))[0].n);
    }
  }
  return out;
}

async function refused(run: () => Promise<GraphQLResult<unknown>>, code: string, detail?: { field?: string; reason?: string }) {
  const before = await counts();
  const r = await run();
  expect(r.errors, JSON.stringify(r)).toBeDefined();
  expect(r.errors![0].extensions?.code).toBe(code);
  if (detail?.field) expect(r.errors![0].extensions?.field).toBe(detail.field);
  if (detail?.reason) expect((r.errors![0].extensions?.details as any)?.reason).toBe(detail.reason);
  expect(await counts()).toEqual(before);
}

const issue = async (number: string, dueDate: string, assignee: string, appealIds: string[], source = 'AKIM' as const) =>
  (
    await app.ok(
      IssueInstructionDocument,
      {
        input: {
          number,
          source,
          text: 'Обеспечить бесперебойную подачу питьевой воды и доложить о принятых мерах.',
          issuedAt: '2026-03-02T10:00:00+05:00',
          dueDate,
          assigneeIds: [assignee],
          appealIds,
        },
      },
      w.users.specialist.token,
    )
  ).issueInstruction.id;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  app.clock.set('2026-03-02T11:00:00+05:00');
  appealId = (await app.ok(RegisterAppealDocument, { input: appealInput(w) }, w.users.specialist.token)).registerAppeal.id;
  otherAppealId = (await app.ok(RegisterAppealDocument, { input: appealInput(w, { receivedAt: '2026-03-02T10:30:00+05:00' }) }, w.users.specialist.token)).registerAppeal.id;
  await app.ok(AssignAppealDocument, { input: { appealId, organizationId: w.orgs.enbekshikazakhAkimat } }, w.users.specialist.token);
  paInstruction = await issue('АП-ОБ-2041', '2026-03-20', w.orgs.enbekshikazakhAkimat, [appealId], 'PA_APPEALS_DEPARTMENT' as any);
  zhambylInstruction = await issue('01-28/77', '2026-03-06', w.orgs.zhambylAkimat, []);
});
afterAll(() => app?.close());

describe('reminders of approaching deadlines', () => {
  it('lists open instructions falling due within N working days, soonest first; an executor sees its own', async () => {
    app.clock.set('2026-03-04T09:00:00+05:00');
    const two = (await app.ok(InstructionsDueDocument, { days: 2 }, w.users.specialist.token)).instructionsDue;
    expect(two.map((i) => [i.number, i.dueDate, i.workingDaysLeft])).toEqual([['01-28/77', '2026-03-06', 2]]);
    const all = (await app.ok(InstructionsDueDocument, { days: 15 }, w.users.specialist.token)).instructionsDue;
    expect(all.map((i) => i.number)).toEqual(['01-28/77', 'АП-ОБ-2041']);
    const mine = (await app.ok(InstructionsDueDocument, { days: 15 }, w.users.executorEnbek.token)).instructionsDue;
    expect(mine.map((i) => i.number)).toEqual(['АП-ОБ-2041']);
    app.clock.set('2026-03-10T09:00:00+05:00');
    expect((await app.ok(InstructionsDueDocument, { days: 2 }, w.users.specialist.token)).instructionsDue).toEqual([]);
    const overdue = (await app.ok(InstructionsDueDocument, { days: 2, includeOverdue: true }, w.users.specialist.token)).instructionsDue;
    expect(overdue.map((i) => [i.id, i.number, i.isOverdue])).toEqual([[zhambylInstruction, '01-28/77', true]]);
    const bad = await app.gql(InstructionsDueDocument, { days: 61 }, w.users.specialist.token);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });
  });
});

describe('on-site verification, the violation it finds, and the disciplinary proposal', () => {
  let verificationId: string;
  let violationId: string;

  it('is planned (who goes, where, on which instruction), carried out, and its findings recorded once', async () => {
    app.clock.set('2026-03-05T09:00:00+05:00');
    await refused(
      () => app.gql(PlanOnsiteVerificationDocument, { input: { organizationId: w.orgs.enbekshikazakhAkimat, place: 'с. Шелек', visitedOn: '2026-03-10', participantIds: [w.users.specialist.id] } }, w.users.specialist.token),
      'BAD_USER_INPUT',
      { field: 'instructionId' },
    );
    await refused(
      () => app.gql(PlanOnsiteVerificationDocument, { input: { organizationId: w.orgs.enbekshikazakhAkimat, place: 'с. Шелек', visitedOn: '2026-03-10', instructionId: paInstruction, participantIds: [] } }, w.users.specialist.token),
      'BAD_USER_INPUT',
      { field: 'participantIds' },
    );
    await refused(
      () => app.gql(PlanOnsiteVerificationDocument, { input: { organizationId: w.orgs.enbekshikazakhAkimat, place: 'с. Шелек', visitedOn: '2026-03-10', instructionId: paInstruction, participantIds: [w.users.specialist.id] } }, w.users.executorEnbek.token),
      'FORBIDDEN',
    );
    const v = (
      await app.ok(
        PlanOnsiteVerificationDocument,
        {
          input: {
            organizationId: w.orgs.enbekshikazakhAkimat,
            place: 'с. Шелек, водозабор и насосная станция',
            adminUnitId: w.districts.enbekshikazakh.id,
            instructionId: paInstruction,
            appealId,
            issue: 'Перебои с подачей питьевой воды',
            visitedOn: '2026-03-10',
            participantIds: [w.users.specialist.id, w.users.deputy.id],
          },
        },
        w.users.specialist.token,
      )
    ).planOnsiteVerification;
    verificationId = v.id;
    expect(v).toMatchObject({ status: 'PLANNED', visitedOn: '2026-03-10', instruction: { id: paInstruction, number: 'АП-ОБ-2041' }, organization: { id: w.orgs.enbekshikazakhAkimat } });
    expect(v.participants.map((p) => p.id).sort()).toEqual([w.users.specialist.id, w.users.deputy.id].sort());
    await refused(
      () => app.gql(CompleteOnsiteVerificationDocument, { input: { verificationId: v.id, findings: 'Насосная станция не работает, подвоз воды не организован.' } }, w.users.specialist.token),
      'CONFLICT',
      { reason: 'NOT_YET_CARRIED_OUT' },
    );
    app.clock.set('2026-03-10T17:00:00+05:00');
    const done = (
      await app.ok(CompleteOnsiteVerificationDocument, { input: { verificationId: v.id, findings: 'Насосная станция не работает с 20 февраля, подвоз воды не организован, отчёт акимата недостоверен.' } }, w.users.deputy.token)
    ).completeOnsiteVerification;
    expect(done).toMatchObject({ status: 'COMPLETED', completedAt: '2026-03-10T12:00:00.000Z' });
    await refused(
      () => app.gql(CompleteOnsiteVerificationDocument, { input: { verificationId: v.id, findings: 'Повторная запись результатов проверки на месте.' } }, w.users.specialist.token),
      'CONFLICT',
      { reason: 'ALREADY_COMPLETED' },
    );
    expect((await app.ok(OnsiteVerificationDocument, { id: v.id }, w.users.executorEnbek.token)).onsiteVerification.status).toBe('COMPLETED');
    await refused(() => app.gql(OnsiteVerificationDocument, { id: v.id }, w.users.executorZhambyl.token), 'NOT_FOUND');
    expect((await app.ok(OnsiteVerificationsDocument, {}, w.users.executorZhambyl.token)).onsiteVerifications).toEqual([]);
  });

  it('records the violation found and a proposal for disciplinary responsibility, decided once by the head', async () => {
    const viol = (
      await app.ok(
        RecordViolationDocument,
        {
          input: {
            organizationId: w.orgs.enbekshikazakhAkimat,
            kind: 'UNRELIABLE_REPORT',
            description: 'В отчёте об исполнении указано, что водоснабжение восстановлено, что не подтвердилось на месте.',
            foundOn: '2026-03-10',
            officialId: w.users.executorEnbek.id,
            verificationId,
            instructionId: paInstruction,
            appealId,
          },
        },
        w.users.specialist.token,
      )
    ).recordViolation;
    violationId = viol.id;
    expect(viol).toMatchObject({ kind: 'UNRELIABLE_REPORT', officialName: 'Жумабеков Данияр', verificationId });
    expect((await app.ok(OnsiteVerificationDocument, { id: verificationId }, w.users.head.token)).onsiteVerification.violations).toEqual([{ id: viol.id, kind: 'UNRELIABLE_REPORT' }]);
    await refused(
      () => app.gql(RecordViolationDocument, { input: { organizationId: w.orgs.enbekshikazakhAkimat, kind: 'OTHER', description: 'Нарушение, найденное в будущем.', foundOn: '2026-04-01' } }, w.users.specialist.token),
      'BAD_USER_INPUT',
      { field: 'foundOn' },
    );
    await refused(
      () => app.gql(ProposeDisciplinaryActionDocument, { input: { organizationId: w.orgs.zhambylAkimat, officialName: 'Жумабеков Данияр', violationId: viol.id, grounds: 'Представление недостоверной информации об исполнении поручения.', measure: 'REPRIMAND' } }, w.users.specialist.token),
      'BAD_USER_INPUT',
      { field: 'violationId' },
    );
    const p = (
      await app.ok(
        ProposeDisciplinaryActionDocument,
        {
          input: {
            organizationId: w.orgs.enbekshikazakhAkimat,
            officialName: 'Жумабеков Данияр',
            officialPosition: 'Руководитель отдела ЖКХ акимата',
            officialId: w.users.executorEnbek.id,
            violationId: viol.id,
            grounds: 'Представление недостоверной информации об исполнении поручения Администрации Президента.',
            measure: 'SEVERE_REPRIMAND',
          },
        },
        w.users.specialist.token,
      )
    ).proposeDisciplinaryAction;
    expect(p).toMatchObject({ status: 'PROPOSED', proposedMeasure: 'SEVERE_REPRIMAND', violationId: viol.id });
    const decide = (token: string, over: Record<string, unknown> = {}) =>
      app.gql(DecideDisciplinaryProposalDocument, { input: { proposalId: p.id, decision: 'APPLIED', appliedMeasure: 'REPRIMAND', text: 'Распоряжением акима района объявлен выговор.', decidedOn: '2026-03-10', ...over } as any }, token);
    await refused(() => decide(w.users.specialist.token), 'FORBIDDEN');
    await refused(() => decide(w.users.head.token, { decision: 'REJECTED' }), 'BAD_USER_INPUT', { field: 'appliedMeasure' });
    await refused(() => decide(w.users.head.token, { appliedMeasure: null }), 'BAD_USER_INPUT', { field: 'appliedMeasure' });
    const decided = (await decide(w.users.head.token)).data!.decideDisciplinaryProposal;
    expect(decided).toMatchObject({ status: 'APPLIED', appliedMeasure: 'REPRIMAND', decidedOn: '2026-03-10' });
    await refused(() => decide(w.users.deputy.token), 'CONFLICT', { reason: 'ALREADY_DECIDED' });
    expect((await app.ok(DisciplinaryProposalsDocument, {}, w.users.executorEnbek.token)).disciplinaryProposals.map((x) => x.id)).toEqual([p.id]);
    expect((await app.ok(DisciplinaryProposalsDocument, {}, w.users.executorZhambyl.token)).disciplinaryProposals).toEqual([]);
    expect((await app.ok(ViolationsDocument, { filter: { verificationId } }, w.users.auditor.token)).violations.map((x) => x.id)).toEqual([violationId]);
  });
});

describe('the conclusion on the execution of an instruction on a specific appeal (9.7)', () => {
  it('says "executed" only once the final report is accepted, one per instruction and appeal, approved by the head', async () => {
    app.clock.set('2026-03-12T10:00:00+05:00');
    const text = 'По результатам мониторинга: водоснабжение восстановлено 11 марта, заявитель проинформирован, ответ дан по существу в установленный срок.';
    const prepare = (over: Record<string, unknown> = {}) =>
      app.gql(PrepareExecutionConclusionDocument, { input: { instructionId: paInstruction, appealId, verdict: 'EXECUTED', text, ...over } as any }, w.users.specialist.token);
    await refused(() => prepare(), 'CONFLICT', { reason: 'INSTRUCTION_NOT_EXECUTED' });
    await refused(() => prepare({ appealId: otherAppealId }), 'CONFLICT', { reason: 'APPEAL_NOT_LINKED' });
    await refused(() => prepare({ text: 'Исполнено.' }), 'BAD_USER_INPUT', { field: 'text' });
    const report = (
      await app.ok(SubmitInstructionReportDocument, { input: { instructionId: paInstruction, kind: 'FINAL', text: 'Насосная станция отремонтирована, вода подаётся с 11 марта.' } }, w.users.executorEnbek.token)
    ).submitInstructionReport;
    await app.ok(ReviewInstructionReportDocument, { input: { reportId: report.id, verdict: 'ACCEPTED' } }, w.users.specialist.token);
    const c = (await prepare()).data!.prepareExecutionConclusion;
    expect(c).toMatchObject({ verdict: 'EXECUTED', status: 'DRAFT', preparedBy: { id: w.users.specialist.id }, approvedBy: null });
    await refused(() => prepare({ verdict: 'PARTLY_EXECUTED' }), 'CONFLICT', { reason: 'ALREADY_CONCLUDED' });
    await refused(() => app.gql(ApproveExecutionConclusionDocument, { conclusionId: c.id }, w.users.specialist.token), 'FORBIDDEN');
    const approved = (await app.ok(ApproveExecutionConclusionDocument, { conclusionId: c.id }, w.users.head.token)).approveExecutionConclusion;
    expect(approved).toMatchObject({ status: 'APPROVED', approvedBy: { id: w.users.head.id }, approvedAt: '2026-03-12T05:00:00.000Z' });
    await refused(() => app.gql(ApproveExecutionConclusionDocument, { conclusionId: c.id }, w.users.deputy.token), 'CONFLICT', { reason: 'ALREADY_APPROVED' });
    expect((await app.ok(ExecutionConclusionsDocument, { appealId }, w.users.executorEnbek.token)).executionConclusions.map((x) => x.id)).toEqual([c.id]);
    expect((await app.ok(ExecutionConclusionsDocument, { appealId }, w.users.executorZhambyl.token)).executionConclusions).toEqual([]);
  });
});

describe('executive discipline', () => {
  it('per organization: on time, late, overdue, returned reports, violations and measures; per official who reported', async () => {
    app.clock.set('2026-03-31T18:00:00+05:00');
    const d = (await app.ok(InstructionDisciplineDocument, { from: '2026-03-01', to: '2026-03-31' }, w.users.head.token)).instructionDiscipline;
    const forLiaison = (await app.ok(InstructionDisciplineDocument, { from: '2026-03-01', to: '2026-03-31' }, w.users.liaison.token)).instructionDiscipline;
    expect(forLiaison.organizations).toHaveLength(d.organizations.length);
    const enbek = d.organizations.find((o) => o.organizationId === w.orgs.enbekshikazakhAkimat)!;
    expect(enbek).toMatchObject({ cameDue: 1, executedOnTime: 1, executedLate: 0, overdueOpen: 0, onTimeRate: 1, violations: 1, disciplinaryProposals: 1, disciplinaryMeasuresApplied: 1 });
    const zh = d.organizations.find((o) => o.organizationId === w.orgs.zhambylAkimat)!;
    // its instruction due 6 March is still on control: control raises the missed deadline as a violation
    expect(zh).toMatchObject({ cameDue: 1, executedOnTime: 0, overdueOpen: 1, onTimeRate: 0, violations: 1 });
    expect(d.officials).toEqual([
      { officialId: w.users.executorEnbek.id, officialName: 'Жумабеков Данияр', organizationId: w.orgs.enbekshikazakhAkimat, reportsSubmitted: 1, reportsReturned: 0, finalReportsLate: 0, violations: 1, disciplinaryProposals: 1 },
    ]);
    const exec = await app.gql(InstructionDisciplineDocument, { from: '2026-03-01', to: '2026-03-31' }, w.users.executorEnbek.token);
    expect(exec.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('control of execution raises an overdue instruction as a violation (9.1, 9.2)', () => {
  it('lists the missed deadline of an instruction on control without anyone recording it; a person confirms it and it is listed once', async () => {
    app.clock.set('2026-04-02T10:00:00+05:00');
    const list = async () => (await app.ok(ViolationsDocument, { filter: { organizationId: w.orgs.zhambylAkimat } }, w.users.head.token)).violations;
    const raised = await list();
    expect(raised).toEqual([
      {
        id: `missed-deadline:${zhambylInstruction}:${w.orgs.zhambylAkimat}`,
        kind: 'MISSED_DEADLINE',
        description: 'Instruction 01-28/77 was due 2026-03-06 and is not executed',
        foundOn: '2026-03-07',
        officialName: null,
        officialId: null,
        verificationId: null,
        officeCheckId: null,
        instructionId: zhambylInstruction,
        appealId: null,
        computed: true,
        organization: { id: w.orgs.zhambylAkimat },
      },
    ]);
    // the executor sees its own; another akimat's executor does not
    expect((await app.ok(ViolationsDocument, {}, w.users.executorZhambyl.token)).violations.map((v) => v.id)).toEqual([raised[0].id]);
    expect((await app.ok(ViolationsDocument, {}, w.users.executorEnbek.token)).violations.some((v) => v.computed)).toBe(false);
    // the period filter applies to the day it was found
    expect((await app.ok(ViolationsDocument, { filter: { organizationId: w.orgs.zhambylAkimat, to: '2026-03-06' } }, w.users.head.token)).violations).toEqual([]);

    const confirmed = (
      await app.ok(
        RecordViolationDocument,
        {
          input: {
            organizationId: w.orgs.zhambylAkimat,
            kind: 'MISSED_DEADLINE',
            description: 'Срок исполнения поручения 01-28/77 сорван: ответственный — заместитель акима района, объяснение запрошено.',
            foundOn: '2026-03-07',
            instructionId: zhambylInstruction,
            officialName: 'Сеитов Б. К., заместитель акима района',
          },
        },
        w.users.specialist.token,
      )
    ).recordViolation;
    expect(confirmed).toMatchObject({ computed: false, instructionId: zhambylInstruction, officialName: 'Сеитов Б. К., заместитель акима района' });
    expect((await list()).map((v) => [v.id, v.computed])).toEqual([[confirmed.id, false]]);
  });

  it('an instruction executed after its deadline stays a missed deadline; one executed in time is none', async () => {
    app.clock.set('2026-04-02T11:00:00+05:00');
    const late = await issue('01-28/90', '2026-04-03', w.orgs.ruralAkimat, []);
    const inTime = await issue('01-28/91', '2026-04-10', w.orgs.ruralAkimat, []);
    app.clock.set('2026-04-06T10:00:00+05:00');
    for (const id of [late, inTime]) {
      const r = (await app.ok(SubmitInstructionReportDocument, { input: { instructionId: id, kind: 'FINAL', text: 'Поручение исполнено, акт выполненных работ прилагается.' } }, w.users.executorRural.token)).submitInstructionReport;
      await app.ok(ReviewInstructionReportDocument, { input: { reportId: r.id, verdict: 'ACCEPTED' } }, w.users.specialist.token);
    }
    const v = (await app.ok(ViolationsDocument, { filter: { organizationId: w.orgs.ruralAkimat } }, w.users.head.token)).violations;
    expect(v.map((x) => [x.instructionId, x.description, x.foundOn, x.computed])).toEqual([[late, 'Instruction 01-28/90 was due 2026-04-03 and was executed on 2026-04-06', '2026-04-04', true]]);
  });
});

describe('executive discipline counts by the rules of 9.6', () => {
  it('an instruction executed early counts as on time at once; a returned report counts on the day it was returned', async () => {
    const report = async (instructionId: string, kind: 'FINAL' | 'INTERIM') =>
      (await app.ok(SubmitInstructionReportDocument, { input: { instructionId, kind, text: 'Работы выполнены, акт приёмки подписан комиссией акимата.' } }, w.users.executorRural.token)).submitInstructionReport.id;
    app.clock.set('2026-04-29T10:00:00+05:00');
    const returned = await issue('01-28/121', '2026-05-29', w.orgs.ruralAkimat, []);
    const sentBack = await report(returned, 'FINAL'); // submitted in April…
    app.clock.set('2026-05-04T10:00:00+05:00');
    await app.ok(ReviewInstructionReportDocument, { input: { reportId: sentBack, verdict: 'RETURNED', comment: 'Не приложены документы, подтверждающие выполнение работ.' } }, w.users.specialist.token); // …returned in May
    const early = await issue('01-28/120', '2026-05-25', w.orgs.ruralAkimat, []);
    app.clock.set('2026-05-05T10:00:00+05:00');
    await app.ok(ReviewInstructionReportDocument, { input: { reportId: await report(early, 'FINAL'), verdict: 'ACCEPTED' } }, w.users.specialist.token);

    app.clock.set('2026-05-06T10:00:00+05:00');
    const discipline = async (from: string, to: string) => (await app.ok(InstructionDisciplineDocument, { from, to }, w.users.head.token)).instructionDiscipline;
    const may = await discipline('2026-05-01', '2026-05-31');
    // executed on 5 May, due on 25 May: on time now, not only once the 25th has passed; the other is not yet due
    expect(may.organizations.find((o) => o.organizationId === w.orgs.ruralAkimat)).toMatchObject({ cameDue: 1, executedOnTime: 1, executedLate: 0, overdueOpen: 0, onTimeRate: 1, reportsReturned: 1 });
    expect(may.officials.find((o) => o.officialId === w.users.executorRural.id)).toMatchObject({ reportsSubmitted: 1, reportsReturned: 1 });
    const april = await discipline('2026-04-01', '2026-04-30');
    expect(april.organizations.find((o) => o.organizationId === w.orgs.ruralAkimat)).toMatchObject({ reportsReturned: 0 });
    expect(april.officials.find((o) => o.officialId === w.users.executorRural.id)).toMatchObject({ reportsSubmitted: 3, reportsReturned: 0 });
  });
});

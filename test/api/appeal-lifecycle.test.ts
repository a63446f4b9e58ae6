import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AppealFullDocument,
  AppealsListDocument,
  AssignAppealDocument,
  CloseAppealDocument,
  ExtendAppealDeadlineDocument,
  ForwardAppealDocument,
  LeaveAppealDocument,
  RegisterAppealDocument,
  ReviewResponseDocument,
  StartAppealWorkDocument,
  SubmitResponseDocument,
  TakeAppealOnControlDocument,
  type RegisterAppealInput,
} from '../generated/graphql';
import { startTestApp, type TestApp } from '../support/app';
import { appealInput, BIN, IIN } from '../support/fixtures';
import { createWorld, type TestWorld } from '../support/world';

let app: TestApp;
let w: TestWorld;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
});
afterAll(() => app?.close());

/** Monday 2 March 2026, 11:00 in Kazakhstan. */
const MONDAY = '2026-03-02T11:00:00+05:00';

async function register(over: Partial<RegisterAppealInput> = {}) {
  app.clock.set(MONDAY);
  const d = await app.ok(RegisterAppealDocument, { input: appealInput(w, over) }, w.users.specialist.token);
  return d.registerAppeal;
}

async function assignToEnbek(id: string) {
  return (await app.ok(AssignAppealDocument, { input: { appealId: id, organizationId: w.orgs.enbekshikazakhAkimat } }, w.users.specialist.token))
    .assignAppeal;
}

const RESPONSE_TEXT =
  'Водоснабжение по улице Абая восстановлено 10 марта: заменён участок водопровода 40 м, качество воды подтверждено СЭС.';

describe('the life of an appeal', () => {
  it('goes registered → assigned → in progress → answered → returned for rework → answered → accepted → closed, and every step is in its history', async () => {
    const appeal = await register();
    expect(appeal.status).toBe('REGISTERED');
    expect(appeal.registrationNumber).toMatch(/^ALM-2026-\d{6}$/);
    // Received Monday 2 March 2026: 15 working days, skipping 9 March (8 March moved) and Nauryz 23–25 March.
    expect(appeal.dueDate).toBe('2026-03-27');
    expect(appeal.forwardDueDate).toBe('2026-03-05');
    expect(appeal.workingDaysLeft).toBe(15);

    const assigned = await assignToEnbek(appeal.id);
    expect(assigned.status).toBe('ASSIGNED');
    expect(assigned.assignments).toHaveLength(1);
    expect(assigned.assignments[0].dueDate).toBe('2026-03-27');

    app.clock.set('2026-03-03T09:30:00+05:00');
    const started = await app.ok(StartAppealWorkDocument, { appealId: appeal.id }, w.users.executorEnbek.token);
    expect(started.startAppealWork.status).toBe('IN_PROGRESS');

    app.clock.set('2026-03-06T16:00:00+05:00');
    const formality = await app.gql(
      SubmitResponseDocument,
      { input: { appealId: appeal.id, text: 'Рассмотрено.', decision: 'EXPLAINED' } },
      w.users.executorEnbek.token,
    );
    expect(formality.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' }); // a one-word formality is not an answer

    const answer1 = (
      await app.ok(
        SubmitResponseDocument,
        { input: { appealId: appeal.id, text: 'Ваше обращение рассмотрено, вопрос будет решён в плановом порядке.', decision: 'EXPLAINED' } },
        w.users.executorEnbek.token,
      )
    ).submitResponse;
    expect(answer1.round).toBe(1);
    expect(answer1.reviewState).toBe('PENDING');

    app.clock.set('2026-03-10T10:00:00+05:00');
    const returned = (
      await app.ok(
        ReviewResponseDocument,
        {
          input: {
            responseId: answer1.id,
            verdict: 'RETURNED',
            reasons: ['FORMAL_REPLY', 'NOT_ON_MERITS'],
            comment: 'Не указаны сроки и конкретные меры по восстановлению водоснабжения.',
          },
        },
        w.users.specialist.token,
      )
    ).reviewResponse;
    expect(returned.reviewState).toBe('RETURNED');
    let full = (await app.ok(AppealFullDocument, { id: appeal.id }, w.users.head.token)).appeal!;
    expect(full.status).toBe('RETURNED_FOR_REWORK');
    expect(full.answeredAt).toBeNull();

    app.clock.set('2026-03-12T15:00:00+05:00');
    const answer2 = (
      await app.ok(SubmitResponseDocument, { input: { appealId: appeal.id, text: RESPONSE_TEXT, decision: 'SATISFIED' } }, w.users.executorEnbek.token)
    ).submitResponse;
    expect(answer2.round).toBe(2);

    app.clock.set('2026-03-13T10:00:00+05:00');
    await app.ok(ReviewResponseDocument, { input: { responseId: answer2.id, verdict: 'ACCEPTED' } }, w.users.specialist.token);
    const closed = (await app.ok(CloseAppealDocument, { appealId: appeal.id }, w.users.specialist.token)).closeAppeal;
    expect(closed.status).toBe('CLOSED');
    expect(closed.isOverdue).toBe(false);

    full = (await app.ok(AppealFullDocument, { id: appeal.id }, w.users.auditor.token)).appeal!;
    expect(full.responses.map((r) => [r.round, r.reviewState])).toEqual([
      [1, 'RETURNED'],
      [2, 'ACCEPTED'],
    ]);
    expect(full.responses[0].reviews[0].reasons).toEqual(['FORMAL_REPLY', 'NOT_ON_MERITS']);
    expect(full.responses[0].reviews[0].reviewer.id).toBe(w.users.specialist.id);
    expect(full.history.map((h) => h.action)).toEqual([
      'register',
      'assign',
      'status_change',
      'start_work',
      'submit_response',
      'status_change',
      'return_for_rework',
      'status_change',
      'submit_response',
      'status_change',
      'accept_response',
      'close',
    ]);
    const rework = full.history.find((h) => h.action === 'return_for_rework')!;
    expect(rework.actorId).toBe(w.users.specialist.id);
    expect(rework.actorRole).toBe('specialist');
    const close = full.history.find((h) => h.action === 'close')!;
    expect(close.before).toMatchObject({ status: 'answered' });
    expect(close.after).toMatchObject({ status: 'closed' });
  });

  it('an appeal still unanswered after its 15 working days is overdue, and the overdue filter finds it', async () => {
    const appeal = await register({ text: 'Второй месяц не вывозят мусор с улицы Жибек жолы в селе Шелек, контейнеры переполнены.' });
    await assignToEnbek(appeal.id);
    app.clock.set('2026-03-27T17:00:00+05:00'); // the due day itself: not yet overdue
    let a = (await app.ok(AppealFullDocument, { id: appeal.id }, w.users.head.token)).appeal!;
    expect(a.isOverdue).toBe(false);
    expect(a.workingDaysLeft).toBe(0);
    app.clock.set('2026-03-30T09:00:00+05:00'); // next Monday
    a = (await app.ok(AppealFullDocument, { id: appeal.id }, w.users.head.token)).appeal!;
    expect(a.isOverdue).toBe(true);
    expect(a.workingDaysLeft).toBeLessThan(0);
    const overdue = await app.ok(AppealsListDocument, { filter: { overdue: true }, first: 100 }, w.users.head.token);
    expect(overdue.appeals.edges.map((e) => e.node.id)).toContain(appeal.id);
    const onTime = await app.ok(AppealsListDocument, { filter: { overdue: false }, first: 100 }, w.users.head.token);
    expect(onTime.appeals.edges.map((e) => e.node.id)).not.toContain(appeal.id);

    // Answered late stays overdue once answered.
    await app.ok(SubmitResponseDocument, { input: { appealId: appeal.id, text: RESPONSE_TEXT, decision: 'SATISFIED' } }, w.users.executorEnbek.token);
    app.clock.set('2026-05-01T09:00:00+05:00');
    a = (await app.ok(AppealFullDocument, { id: appeal.id }, w.users.head.token)).appeal!;
    expect(a.status).toBe('ANSWERED');
    expect(a.isOverdue).toBe(true);
  });

  it('an appeal outside the competence is forwarded within 3 working days, and then nothing more can be done to it', async () => {
    const appeal = await register({
      text: 'Сосед угрожает мне расправой и повредил мой автомобиль, прошу принять меры к нему.',
      form: 'COMPLAINT',
    });
    app.clock.set('2026-03-04T10:00:00+05:00');
    const f = (
      await app.ok(
        ForwardAppealDocument,
        { input: { appealId: appeal.id, to: 'Департамент полиции Алматинской области', reason: 'Сообщение о правонарушении — компетенция полиции' } },
        w.users.specialist.token,
      )
    ).forwardAppeal;
    expect(f.status).toBe('FORWARDED');
    expect(f.forwardedTo).toBe('Департамент полиции Алматинской области');
    expect(f.isOverdue).toBe(false);
    const full = (await app.ok(AppealFullDocument, { id: appeal.id }, w.users.head.token)).appeal!;
    expect(full.history.at(-1)!.after).toMatchObject({ forwardedLate: false, forwardDueDate: '2026-03-05' });

    const again = await app.gql(AssignAppealDocument, { input: { appealId: appeal.id, organizationId: w.orgs.zhambylAkimat } }, w.users.specialist.token);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('forwarding after the 3rd working day is recorded as late', async () => {
    const appeal = await register();
    app.clock.set('2026-03-10T10:00:00+05:00');
    await app.ok(ForwardAppealDocument, { input: { appealId: appeal.id, to: 'Министерство энергетики РК', reason: 'Вопрос тарифов вне компетенции акимата' } }, w.users.specialist.token);
    const full = (await app.ok(AppealFullDocument, { id: appeal.id }, w.users.head.token)).appeal!;
    expect(full.history.at(-1)!.after).toMatchObject({ forwardedLate: true });
  });

  it('the head extends the deadline with a reason, within two months of receipt; the applicant must be told within 3 working days', async () => {
    const appeal = await register();
    await assignToEnbek(appeal.id);
    app.clock.set('2026-03-20T10:00:00+05:00');
    const ext = (
      await app.ok(
        ExtendAppealDeadlineDocument,
        { input: { appealId: appeal.id, newDueDate: '2026-04-24', reason: 'Требуется лабораторный анализ воды и выезд комиссии' } },
        w.users.head.token,
      )
    ).extendAppealDeadline;
    expect(ext.dueDate).toBe('2026-04-24');
    expect(ext.extensions).toEqual([{ previousDueDate: '2026-03-27', newDueDate: '2026-04-24', noticeDueDate: '2026-03-30' }]); // Fri 20 March + 3 working days, across Nauryz
    const full = (await app.ok(AppealFullDocument, { id: appeal.id }, w.users.head.token)).appeal!;
    expect(full.assignments[0].dueDate).toBe('2026-04-24');
    expect(full.history.at(-1)).toMatchObject({ action: 'extend_deadline', before: { dueDate: '2026-03-27' }, after: { dueDate: '2026-04-24' } });
  });

  it('a deputy head may extend too, but not beyond two months from receipt', async () => {
    const appeal = await register();
    app.clock.set('2026-03-20T10:00:00+05:00');
    const beyond = await app.gql(
      ExtendAppealDeadlineDocument,
      { input: { appealId: appeal.id, newDueDate: '2026-05-15', reason: 'Требуется экспертиза проектной документации' } },
      w.users.deputy.token,
    );
    expect(beyond.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newDueDate' });
    const ok = await app.ok(
      ExtendAppealDeadlineDocument,
      { input: { appealId: appeal.id, newDueDate: '2026-04-30', reason: 'Требуется экспертиза проектной документации' } },
      w.users.deputy.token,
    );
    expect(ok.extendAppealDeadline.dueDate).toBe('2026-04-30');
  });

  it('an anonymous appeal is registered and left without consideration; a named one cannot be left as "anonymous"', async () => {
    const anon = await register({ anonymous: true, applicants: [], text: 'Анонимно сообщаю, что в школе №5 не работает отопление в спортзале.' });
    expect(anon.anonymous).toBe(true);
    expect(anon.applicants).toEqual([]);
    const left = await app.ok(LeaveAppealDocument, { input: { appealId: anon.id, reason: 'ANONYMOUS', comment: 'Анонимное обращение (ст. 63 АППК)' } }, w.users.specialist.token);
    expect(left.leaveAppealWithoutConsideration.status).toBe('LEFT_WITHOUT_CONSIDERATION');
    expect(left.leaveAppealWithoutConsideration.leaveReason).toBe('ANONYMOUS');

    const named = await register();
    const wrong = await app.gql(LeaveAppealDocument, { input: { appealId: named.id, reason: 'ANONYMOUS' } }, w.users.specialist.token);
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const withdrawn = await app.ok(LeaveAppealDocument, { input: { appealId: named.id, reason: 'WITHDRAWN', comment: 'Заявитель отозвал обращение' } }, w.users.specialist.token);
    expect(withdrawn.leaveAppealWithoutConsideration.status).toBe('LEFT_WITHOUT_CONSIDERATION');
  });

  it('an out-of-scope appeal (criminal procedure) is registered but never routed', async () => {
    const a = await register({ outOfScope: 'CRIMINAL', text: 'Прошу возбудить уголовное дело по факту мошенничества при продаже земельного участка.' });
    expect(a.outOfScope).toBe('CRIMINAL');
    const r = await app.gql(AssignAppealDocument, { input: { appealId: a.id, organizationId: w.orgs.enbekshikazakhAkimat } }, w.users.specialist.token);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', details: { reason: 'OUT_OF_SCOPE' } });
    const left = await app.ok(LeaveAppealDocument, { input: { appealId: a.id, reason: 'OUT_OF_SCOPE' } }, w.users.specialist.token);
    expect(left.leaveAppealWithoutConsideration.status).toBe('LEFT_WITHOUT_CONSIDERATION');
  });

  it('a repeated appeal links to the earlier one and the same applicant (by IIN) is recognised', async () => {
    const first = await register();
    const second = await register({
      repeatOfId: first.id,
      text: 'Повторно обращаюсь: вода в селе Шелек так и не появилась, ответ от 6 марта не соответствует действительности.',
    });
    expect(second.repeatOfId).toBe(first.id);
    expect(second.applicants[0].id).toBe(first.applicants[0].id);
    const full = (await app.ok(AppealFullDocument, { id: second.id }, w.users.head.token)).appeal!;
    expect(full.repeatOf?.registrationNumber).toBe(first.registrationNumber);
    const repeated = await app.ok(AppealsListDocument, { filter: { repeated: true }, first: 100 }, w.users.head.token);
    expect(repeated.appeals.edges.map((e) => e.node.id)).toContain(second.id);
    expect(repeated.appeals.edges.map((e) => e.node.id)).not.toContain(first.id);
    const notRepeatedWithoutLink = await app.gql(LeaveAppealDocument, { input: { appealId: first.id, reason: 'REPEATED_WITHOUT_NEW_ARGUMENTS' } }, w.users.specialist.token);
    expect(notRepeatedWithoutLink.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const left = await app.ok(LeaveAppealDocument, { input: { appealId: second.id, reason: 'REPEATED_WITHOUT_NEW_ARGUMENTS' } }, w.users.specialist.token);
    expect(left.leaveAppealWithoutConsideration.leaveReason).toBe('REPEATED_WITHOUT_NEW_ARGUMENTS');
  });

  it('a collective appeal has several applicants — people and a farm — and its signatories', async () => {
    const a = await register({
      signatoriesCount: 120,
      applicants: [
        { kind: 'INDIVIDUAL', fullName: 'Ахметов Болат', iin: IIN.bolat, address: 'с. Шелек, ул. Гагарина, 3' },
        { kind: 'INDIVIDUAL', fullName: 'Серик Жанов', iin: IIN.serik, address: 'с. Шелек, ул. Гагарина, 5' },
        { kind: 'LEGAL', organizationName: 'КХ «Береке»', bin: BIN.farm, address: 'с. Шелек, ул. Розыбакиева, 1' },
      ],
    });
    expect(a.isCollective).toBe(true);
    expect(a.signatoriesCount).toBe(120);
    expect(a.applicants.map((p) => p.kind)).toEqual(['INDIVIDUAL', 'INDIVIDUAL', 'LEGAL']);
  });

  it('only the head or a deputy takes an appeal on control, once', async () => {
    const a = await register();
    const bySpecialist = await app.gql(TakeAppealOnControlDocument, { appealId: a.id }, w.users.specialist.token);
    expect(bySpecialist.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byHead = await app.ok(TakeAppealOnControlDocument, { appealId: a.id }, w.users.head.token);
    expect(byHead.takeAppealOnControl.onControl).toBe(true);
    expect(byHead.takeAppealOnControl.controlTakenBy?.id).toBe(w.users.head.id);
    const twice = await app.gql(TakeAppealOnControlDocument, { appealId: a.id }, w.users.deputy.token);
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' });
    const onControl = await app.ok(AppealsListDocument, { filter: { onControl: true }, first: 100 }, w.users.head.token);
    expect(onControl.appeals.edges.map((e) => e.node.id)).toEqual([a.id]);
  });

  it('a co-executor helps the lead executor; the same organization cannot be assigned twice', async () => {
    const a = await register();
    const noLead = await app.gql(AssignAppealDocument, { input: { appealId: a.id, organizationId: w.orgs.energyDept, role: 'CO_EXECUTOR' } }, w.users.specialist.token);
    expect(noLead.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', details: { reason: 'NO_LEAD' } });
    await assignToEnbek(a.id);
    const co = await app.ok(AssignAppealDocument, { input: { appealId: a.id, organizationId: w.orgs.energyDept, role: 'CO_EXECUTOR', dueDate: '2026-03-20' } }, w.users.specialist.token);
    expect(co.assignAppeal.assignments.map((s) => s.role)).toEqual(['LEAD', 'CO_EXECUTOR']);
    expect(co.assignAppeal.assignments[1].dueDate).toBe('2026-03-20');
    const dup = await app.gql(AssignAppealDocument, { input: { appealId: a.id, organizationId: w.orgs.energyDept, role: 'CO_EXECUTOR' } }, w.users.specialist.token);
    expect(dup.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', details: { reason: 'ALREADY_ASSIGNED' } });
    const late = await app.gql(AssignAppealDocument, { input: { appealId: a.id, organizationId: w.orgs.zhambylAkimat, role: 'CO_EXECUTOR', dueDate: '2026-04-30' } }, w.users.specialist.token);
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dueDate' });
  });

  it('an appeal routed after its deadline passed is accepted with its own date, stays overdue and says so; a later date still needs an extension', async () => {
    const a = await register({ text: 'Зарегистрировано с опозданием: разбита дорога по ул. Момышулы в с. Шелек после паводка.' });
    app.clock.set('2026-04-06T10:00:00+05:00'); // the appeal was due on 27 March
    const later = await app.gql(AssignAppealDocument, { input: { appealId: a.id, organizationId: w.orgs.enbekshikazakhAkimat, dueDate: '2026-04-20' } }, w.users.specialist.token);
    expect(later.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dueDate', details: { reason: 'AFTER_APPEAL_DUE_DATE' } });
    const past = await app.gql(AssignAppealDocument, { input: { appealId: a.id, organizationId: w.orgs.enbekshikazakhAkimat, dueDate: '2026-03-20' } }, w.users.specialist.token);
    expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dueDate', details: { reason: 'IN_THE_PAST' } });
    const routed = (await app.ok(AssignAppealDocument, { input: { appealId: a.id, organizationId: w.orgs.enbekshikazakhAkimat, role: 'LEAD' } }, w.users.specialist.token)).assignAppeal;
    expect(routed.status).toBe('ASSIGNED');
    expect(routed.assignments.map((s) => s.dueDate)).toEqual(['2026-03-27']);
    const full = (await app.ok(AppealFullDocument, { id: a.id }, w.users.head.token)).appeal!;
    expect(full).toMatchObject({ dueDate: '2026-03-27', isOverdue: true });
    expect(full.history.find((h) => h.action === 'assign')?.after).toMatchObject({ dueDate: '2026-03-27', overdueWhenAssigned: true });
    // An appeal routed in time carries no such mark.
    const inTime = await register();
    await assignToEnbek(inTime.id);
    const h = (await app.ok(AppealFullDocument, { id: inTime.id }, w.users.head.token)).appeal!.history.find((x) => x.action === 'assign');
    expect(h?.after).not.toHaveProperty('overdueWhenAssigned');
  });

  it('registration numbers are unique per region and year and run in sequence', async () => {
    const a = await register();
    const b = await register();
    const n = (x: string) => Number(x.split('-').at(-1));
    expect(n(b.registrationNumber)).toBe(n(a.registrationNumber) + 1);
    const c = await register({ receivedAt: '2025-12-30T10:00:00+05:00' });
    expect(c.registrationNumber).toBe('ALM-2025-000001');
  });

  it('an appeal received on Saturday is registered on the next working day', async () => {
    const a = await register({ receivedAt: '2026-02-28T12:00:00+05:00' });
    expect(a.registrationDate).toBe('2026-03-02');
  });
});

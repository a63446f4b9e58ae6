import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationOfRootField } from '../../src/access/policy';
import { buildAppSchema } from '../../src/graphql/schema';
import { ROLES, type Role } from '../../src/users/roles';
import {
  AssignAppealDocument,
  IssueInstructionDocument,
  RegisterAppealDocument,
  ReviewResponseDocument,
  StartAppealWorkDocument,
  SubmitInstructionReportDocument,
  SubmitResponseDocument,
} from '../generated/graphql';
import { startTestApp, type TestApp } from '../support/app';
import { appealInput } from '../support/fixtures';
import { createWorld, type TestWorld } from '../support/world';
import {
  auditCount,
  buildCall,
  codesOf,
  dbFingerprint,
  pool,
  rootFields,
  tokenOf,
  type Call,
} from './access-support';

/**
 * Who may do what, tried for real: every Query and Mutation field of the built schema, called by every role and
 * by nobody. The table below is the specification (from issue 5 and the regulation), written apart from
 * src/access/policy.ts so that a wrong policy fails here. A new operation fails the first test until it is
 * declared in this table AND in the policy.
 */
const DEPARTMENT: Role[] = ['admin', 'head', 'deputy_head', 'specialist'];
const EVERYONE: Role[] = [...ROLES];
/** The department and the executors answer appeals and report on instructions; admin does not act for them. */
const ANSWERING: Role[] = ['head', 'deputy_head', 'specialist', 'executor'];
/** Only the head of the department or a deputy (APPK art. 76; regulation 5.4). */
const HEAD_OR_DEPUTY: Role[] = ['head', 'deputy_head'];
/** Everything that carries appeals (applicants' personal data): never the liaison. */
const READS_APPEALS: Role[] = [...DEPARTMENT, 'executor', 'analyst', 'auditor'];
/** Aggregates, maps, summaries, reports: never executors (they compare organizations), always the liaison. */
const READS_AGGREGATES: Role[] = [...DEPARTMENT, 'analyst', 'auditor', 'liaison'];

export const EXPECTED: Record<string, Role[]> = {
  // ---- queries ----
  appeals: READS_APPEALS,
  appeal: READS_APPEALS,
  appealByNumber: READS_APPEALS,
  notifications: READS_APPEALS,
  instructions: EVERYONE,
  instruction: EVERYONE,
  adminUnits: EVERYONE,
  topics: EVERYONE,
  organizations: EVERYONE,
  auditEvents: ['admin', 'head', 'auditor'],
  classifyText: [...DEPARTMENT, 'analyst'],
  classifierModel: [...DEPARTMENT, 'analyst', 'auditor'],
  problemMap: READS_AGGREGATES,
  problemMapGeoJSON: READS_AGGREGATES,
  appealStats: READS_AGGREGATES,
  executiveDiscipline: READS_AGGREGATES,
  periodSummary: READS_AGGREGATES,
  periodReport: READS_AGGREGATES,
  receptionSessions: EVERYONE,
  receptionSession: EVERYONE,
  receptionMonitoring: READS_AGGREGATES,
  // issue 6: control, office checks, working groups, consultations
  instructionsDue: EVERYONE,
  instructionDiscipline: READS_AGGREGATES,
  onsiteVerifications: READS_APPEALS,
  onsiteVerification: READS_APPEALS,
  violations: READS_APPEALS,
  disciplinaryProposals: READS_APPEALS,
  executionConclusions: READS_APPEALS,
  officeChecks: READS_APPEALS,
  officeCheck: READS_APPEALS,
  workingGroups: EVERYONE,
  workingGroup: EVERYONE,
  consultations: READS_APPEALS,
  consultationStatistics: READS_AGGREGATES,
  // problem cards (issue 4): aggregates the liaison reads; similar appeals carry appeals
  problemCards: READS_AGGREGATES,
  problemCard: READS_AGGREGATES,
  similarAppeals: READS_APPEALS,
  // ---- mutations ----
  registerAppeal: DEPARTMENT,
  assignAppeal: DEPARTMENT,
  forwardAppeal: DEPARTMENT,
  reviewResponse: DEPARTMENT,
  closeAppeal: DEPARTMENT,
  leaveAppealWithoutConsideration: DEPARTMENT,
  startAppealWork: ANSWERING,
  submitResponse: ANSWERING,
  extendAppealDeadline: HEAD_OR_DEPUTY,
  takeAppealOnControl: HEAD_OR_DEPUTY,
  issueInstruction: DEPARTMENT,
  submitInstructionReport: ANSWERING,
  reviewInstructionReport: DEPARTMENT,
  extendInstruction: HEAD_OR_DEPUTY,
  removeInstructionFromControl: HEAD_OR_DEPUTY,
  confirmAppealTopic: [...DEPARTMENT, 'analyst'],
  trainClassifier: ['admin'],
  scheduleReceptionSession: [...DEPARTMENT, 'executor'],
  cancelReceptionSession: [...DEPARTMENT, 'executor'],
  bookReception: [...DEPARTMENT, 'executor'],
  recordReceptionAttendance: [...DEPARTMENT, 'executor'],
  recordReceptionOutcome: DEPARTMENT,
  // issue 6: control, office checks, working groups, consultations
  planOnsiteVerification: DEPARTMENT,
  completeOnsiteVerification: DEPARTMENT,
  recordViolation: [...DEPARTMENT, 'auditor'],
  proposeDisciplinaryAction: ['head', 'deputy_head', 'specialist'],
  decideDisciplinaryProposal: HEAD_OR_DEPUTY,
  prepareExecutionConclusion: DEPARTMENT,
  approveExecutionConclusion: HEAD_OR_DEPUTY,
  planOfficeCheck: [...DEPARTMENT, 'auditor'],
  startOfficeCheck: ['head', 'deputy_head', 'specialist', 'auditor'],
  completeOfficeCheck: ['head', 'deputy_head', 'specialist', 'auditor'],
  recordOfficeCheckFollowUp: ['head', 'deputy_head', 'specialist', 'auditor'],
  createWorkingGroup: DEPARTMENT,
  linkWorkingGroupProblemCards: DEPARTMENT,
  addWorkingGroupMember: DEPARTMENT,
  recordWorkingGroupMeeting: DEPARTMENT,
  closeWorkingGroup: DEPARTMENT,
  followUpWorkingGroupDecision: [...DEPARTMENT, 'executor'],
  recordConsultation: [...DEPARTMENT, 'executor'],
  // problem cards (issue 4)
  detectSystemicIssues: ['admin', 'head', 'analyst'],
  reviewProblemCard: [...DEPARTMENT, 'analyst'],
  changeProblemCardStatus: [...DEPARTMENT, 'analyst'],
  addProblemCardNote: [...DEPARTMENT, 'analyst'],
  linkProblemCardInstruction: [...DEPARTMENT, 'analyst'],
};

/** Personal data of the scenario's applicant, as it would appear anywhere in a response. */
const PERSON = {
  fullName: 'Тулегенов Марат Серикович',
  iin: '850215300025',
  phone: '+7 (705) 987-65-43',
  email: 'marat.tulegenov@mail.kz',
  address: 'Енбекшиказахский район, с. Шелек, ул. Жибек Жолы, 45, кв. 7',
};
const PERSONAL_TRACES = ['Тулегенов', 'Марат Серикович', '850215300025', '987-65-43', '987 65 43', '7059876543', 'marat.tulegenov', 'Жибек Жолы'];
const APPEAL_TEXT =
  `Я, ${PERSON.fullName} (ИИН ${PERSON.iin}), прошу восстановить подачу воды по улице Абая в селе Шелек: воды нет две недели. ` +
  `Мой телефон 8 705 987 65 43, почта ${PERSON.email}.`;

let app: TestApp;
let w: TestWorld;
let schema: GraphQLSchema;
const anonymous = { name: 'nobody', token: null as string | null };

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  app.clock.set('2026-03-02T11:00:00+05:00');
  schema = await buildAppSchema();
});
afterAll(() => app?.close());

const fields = (kind: 'query' | 'mutation') => rootFields(schema, kind).map((f) => ({ field: f, kind }));
const allFields = () => [...fields('query'), ...fields('mutation')];
/** The fields with a declared expectation (the first test fails for the others). */
const declaredFields = () => allFields().filter((f) => f.field.name in EXPECTED);

describe('every operation is declared', () => {
  it('each Query and Mutation field has an expected set of roles here and an operation in the policy', () => {
    const names = allFields().map((f) => f.field.name);
    const undeclared = names.filter((n) => !(n in EXPECTED));
    expect(undeclared, `declare these in EXPECTED (test/api/access-matrix.test.ts)`).toEqual([]);
    const notInPolicy = names.filter((n) => operationOfRootField(n) === null);
    expect(notInPolicy, 'map these to an operation in ROOT_FIELD_OPERATIONS (src/access/policy.ts)').toEqual([]);
    const stale = Object.keys(EXPECTED).filter((n) => !names.includes(n));
    expect(stale, 'these are declared but no longer in the schema').toEqual([]);
  });
});

describe('the role × operation matrix', () => {
  it('refuses every operation to nobody (UNAUTHENTICATED) and to each role outside its set (FORBIDDEN), writing nothing', async () => {
    const principals = [anonymous, ...ROLES.map((r) => ({ name: r, token: tokenOf(w, r) }))];
    const cases = declaredFields().flatMap(({ field, kind }) =>
      principals
        .filter((p) => p.token === null || !(EXPECTED[field.name] ?? []).includes(p.name as Role))
        .map((p) => ({ field: field.name, kind, who: p.name, token: p.token, call: buildCall(field, kind) })),
    );
    const before = await dbFingerprint(app);
    const auditedBefore = await auditCount(app);
    const results = await pool(cases, 6, async (c) => ({ ...c, res: await app.raw(c.call, c.token) }));
    const wrong = results
      .map((r) => ({ op: `${r.who} → ${r.field}`, want: r.token ? 'FORBIDDEN' : 'UNAUTHENTICATED', got: codesOf(r.res.json).join(',') || 'allowed' }))
      .filter((r) => r.got !== r.want);
    expect(wrong).toEqual([]);
    expect(await dbFingerprint(app)).toEqual(before);
    // Every refused mutation by a signed-in official is in the audit trail; nobody's attempts are only logged.
    const refusedMutations = results.filter((r) => r.kind === 'mutation' && r.token);
    expect(await auditCount(app)).toBe(auditedBefore + refusedMutations.length);
    for (const m of new Set(refusedMutations.map((r) => r.field))) {
      expect(await auditCount(app, "action = ? and outcome = 'FORBIDDEN'", [m]), m).toBeGreaterThan(0);
    }
    expect(results.length).toBeGreaterThan(100);
  });

  it('lets each role in its set past the gate: no FORBIDDEN, no UNAUTHENTICATED, and never an internal error', async () => {
    const cases = declaredFields().flatMap(({ field, kind }) =>
      (EXPECTED[field.name] ?? []).map((role) => ({ field: field.name, kind, role, call: buildCall(field, kind) as Call })),
    );
    const results = await pool(cases, 6, async (c) => ({ ...c, res: await app.raw(c.call, tokenOf(w, c.role)) }));
    const wrong = results
      .map((r) => ({ op: `${r.role} → ${r.field}`, codes: codesOf(r.res.json), status: r.res.status }))
      .filter((r) => r.status >= 500 || r.codes.some((c) => ['FORBIDDEN', 'UNAUTHENTICATED', 'INTERNAL_SERVER_ERROR'].includes(c)));
    expect(wrong).toEqual([]);
  });
});

describe('what each role sees of real appeals', () => {
  let appealEnbek: { id: string; registrationNumber: string };
  let appealRural: string;
  let appealZhambyl: string;
  let instructionZhambyl: string;
  let instructionEnbek: string;

  beforeAll(async () => {
    const spec = w.users.specialist.token;
    const register = async (over = {}) =>
      (
        await app.ok(
          RegisterAppealDocument,
          {
            input: appealInput(w, {
              text: APPEAL_TEXT,
              applicants: [{ kind: 'INDIVIDUAL', fullName: PERSON.fullName, iin: PERSON.iin, phone: PERSON.phone, email: PERSON.email, address: PERSON.address }],
              ...over,
            }),
          },
          spec,
        )
      ).registerAppeal;
    appealEnbek = await register();
    appealRural = (await register()).id;
    appealZhambyl = (await register({ adminUnitId: w.districts.zhambyl.id })).id;
    await app.ok(AssignAppealDocument, { input: { appealId: appealEnbek.id, organizationId: w.orgs.enbekshikazakhAkimat } }, spec);
    await app.ok(AssignAppealDocument, { input: { appealId: appealRural, organizationId: w.orgs.ruralAkimat } }, spec);
    await app.ok(AssignAppealDocument, { input: { appealId: appealZhambyl, organizationId: w.orgs.zhambylAkimat } }, spec);
    await app.ok(StartAppealWorkDocument, { appealId: appealEnbek.id }, w.users.executorEnbek.token);
    const r = await app.ok(
      SubmitResponseDocument,
      { input: { appealId: appealEnbek.id, text: `Водопровод отремонтирован; заявителю ${PERSON.fullName} сообщено по телефону ${PERSON.phone}.`, decision: 'SATISFIED' } },
      w.users.executorEnbek.token,
    );
    await app.ok(
      ReviewResponseDocument,
      { input: { responseId: r.submitResponse.id, verdict: 'RETURNED', reasons: ['OTHER'], comment: `Уточните, получил ли ${PERSON.fullName} ответ на ${PERSON.email}` } },
      spec,
    );
    const issue = async (number: string, assigneeIds: string[], appealIds: string[]) =>
      (
        await app.ok(
          IssueInstructionDocument,
          {
            input: {
              number,
              source: 'AKIM',
              text: `Проверить подачу воды по обращению ${PERSON.fullName}, тел. ${PERSON.phone}, и доложить.`,
              issuedAt: '2026-03-02T09:00:00+05:00',
              dueDate: '2026-03-20',
              assigneeIds,
              appealIds,
            },
          },
          spec,
        )
      ).issueInstruction.id;
    // Also assigned to the akim's apparatus, where the liaison sits (it sees the instructions of its organization).
    instructionEnbek = await issue('АК-1', [w.orgs.enbekshikazakhAkimat, w.orgs.apparatus], [appealEnbek.id]);
    instructionZhambyl = await issue('АК-2', [w.orgs.zhambylAkimat], [appealZhambyl]);
    // A personal reception with the same person booked (regulation 6.1): the booking carries personal data too.
    const session = await app.raw(
      {
        query: `mutation($i: ScheduleReceptionSessionInput!) { scheduleReceptionSession(input: $i) { id } }`,
        variables: {
          i: {
            organizationId: w.orgs.apparatus,
            officialKind: 'AKIM',
            officialName: 'Аким области',
            kind: 'OFFICE',
            startsAt: '2026-03-05T10:00:00+05:00',
            endsAt: '2026-03-05T12:00:00+05:00',
            place: 'Конаев, ул. Абая, 1',
            capacity: 10,
          },
        },
      },
      spec,
    );
    expect(session.json.errors, JSON.stringify(session.json.errors)).toBeUndefined();
    const booking = await app.raw(
      {
        query: `mutation($i: BookReceptionInput!) { bookReception(input: $i) { id } }`,
        variables: {
          i: {
            sessionId: session.json.data.scheduleReceptionSession.id,
            person: { fullName: PERSON.fullName, iin: PERSON.iin, phone: PERSON.phone, email: PERSON.email, address: PERSON.address },
            subject: `Вода в селе Шелек; ${PERSON.fullName} просит перезвонить на ${PERSON.phone}`,
          },
        },
      },
      spec,
    );
    expect(booking.json.errors, JSON.stringify(booking.json.errors)).toBeUndefined();
    await app.ok(
      SubmitInstructionReportDocument,
      { input: { instructionId: instructionEnbek, kind: 'INTERIM', text: `Связались с заявителем ${PERSON.fullName} (${PERSON.email}).` } },
      w.users.executorEnbek.token,
    );
  });

  /** Every query this role may call, with everything selectable three levels deep, on the scenario's objects. */
  async function everythingVisibleTo(token: string, role: Role) {
    const realArgs: Record<string, Record<string, unknown>> = {
      appeal: { id: appealEnbek.id },
      appealByNumber: { registrationNumber: appealEnbek.registrationNumber },
      instruction: { id: instructionEnbek },
      notifications: { appealId: appealEnbek.id },
      appeals: { first: 10 },
      instructions: { first: 10 },
    };
    const allowed = fields('query').filter(({ field }) => (EXPECTED[field.name] ?? []).includes(role));
    return pool(allowed, 4, async ({ field }) => {
      // as deep as the query limits allow (a list of lists of lists costs too much at depth 4)
      for (let depth = 4; ; depth--) {
        const call = buildCall(field, 'query', { args: realArgs[field.name], depth });
        const res = await app.raw(call, token);
        if (depth > 2 && codesOf(res.json).includes('QUERY_TOO_COMPLEX')) continue;
        expect(codesOf(res.json), field.name).not.toContain('QUERY_TOO_COMPLEX');
        return { field: field.name, res };
      }
    });
  }

  const noInternalErrors = (rs: { field: string; res: { status: number; json: any } }[]) =>
    expect(rs.filter((r) => r.res.status >= 500 || codesOf(r.res.json).includes('INTERNAL_SERVER_ERROR')).map((r) => r.field)).toEqual([]);

  it('the department sees the applicant in full', async () => {
    const rs = await everythingVisibleTo(w.users.specialist.token, 'specialist');
    noInternalErrors(rs);
    const appeal = rs.find((r) => r.field === 'appeal')!.res.json.data.appeal;
    expect(appeal.text).toBe(APPEAL_TEXT);
    expect(appeal.applicants[0]).toMatchObject({ fullName: PERSON.fullName, iin: PERSON.iin, phone: PERSON.phone, email: PERSON.email, masked: false });
    // the reception booking is reached by these queries too (so the checks below see it)
    expect(JSON.stringify(rs.find((r) => r.field === 'receptionSessions')!.res.json)).toContain(PERSON.iin);
  });

  it('the liaison never receives an applicant\'s name, IIN, phone, e-mail or address, in any response', async () => {
    const rs = await everythingVisibleTo(w.users.liaison.token, 'liaison');
    noInternalErrors(rs);
    const all = JSON.stringify(rs.map((r) => r.res.json));
    for (const trace of PERSONAL_TRACES) expect(all, trace).not.toContain(trace);
    // It does read the instruction, with the personal data inside its texts masked.
    const instrRes = rs.find((r) => r.field === 'instruction')!.res.json;
    expect(instrRes.errors, JSON.stringify(instrRes.errors)).toBeUndefined();
    const instr = instrRes.data.instruction;
    expect(instr.text).toBe('Проверить подачу воды по обращению [name], тел. [phone], и доложить.');
    expect(instr.appeals).toEqual([]);
    expect(instr.reports[0].text).toBe('Связались с заявителем [name] ([e-mail]).');
    // The reception booking reaches it without the person.
    const sessions = rs.find((r) => r.field === 'receptionSessions')!.res.json.data.receptionSessions;
    expect(sessions[0].bookings[0].subject).toBe('Вода в селе Шелек; [name] просит перезвонить на [phone]');
    const visitor = await app.raw({ query: `{ receptionSessions { bookings { person { fullName iin phone } } } }` }, w.users.liaison.token);
    expect(visitor.json.errors, JSON.stringify(visitor.json)).toBeUndefined();
    expect(visitor.json.data.receptionSessions[0].bookings[0].person).toBeNull();
    // And appeals themselves are refused.
    expect(codesOf((await app.raw({ query: `{ appeal(id: "${appealEnbek.id}") { id } }` }, w.users.liaison.token)).json)).toEqual(['FORBIDDEN']);
  });

  for (const role of ['analyst', 'auditor'] as const) {
    it(`the ${role} reads the texts with personal data masked, everywhere`, async () => {
      const rs = await everythingVisibleTo(tokenOf(w, role), role);
      noInternalErrors(rs);
      const all = JSON.stringify(rs.map((r) => r.res.json));
      for (const trace of PERSONAL_TRACES) expect(all, trace).not.toContain(trace);
      const appeal = rs.find((r) => r.field === 'appeal')!.res.json.data.appeal;
      expect(appeal.text).toBe(
        'Я, [name] (ИИН [IIN/BIN]), прошу восстановить подачу воды по улице Абая в селе Шелек: воды нет две недели. Мой телефон [phone], почта [e-mail].',
      );
      expect(appeal.applicants[0]).toMatchObject({ fullName: 'Т. М. С.', iin: '************', email: '***', address: null, masked: true });
      expect(appeal.responses[0].text).toBe('Водопровод отремонтирован; заявителю [name] сообщено по телефону [phone].');
    });
  }

  it('an executor sees only what is assigned to its organization and those below it; the rest is NOT_FOUND', async () => {
    const visible = async (token: string) => {
      const list = await app.raw({ query: '{ appeals(first: 50) { totalCount edges { node { id } } } }' }, token);
      return list.json.data.appeals.edges.map((e: any) => e.node.id).sort();
    };
    expect(await visible(w.users.executorEnbek.token)).toEqual([appealEnbek.id, appealRural].sort());
    expect(await visible(w.users.executorRural.token)).toEqual([appealRural]);
    expect(await visible(w.users.executorZhambyl.token)).toEqual([appealZhambyl]);
    const one = (token: string, id: string) => app.raw({ query: `{ appeal(id: "${id}") { id applicants { fullName } } }` }, token);
    expect(codesOf((await one(w.users.executorZhambyl.token, appealEnbek.id)).json)).toEqual(['NOT_FOUND']);
    expect(codesOf((await one(w.users.executorRural.token, appealEnbek.id)).json)).toEqual(['NOT_FOUND']);
    expect((await one(w.users.executorEnbek.token, appealRural)).json.data.appeal.applicants[0].fullName).toBe(PERSON.fullName);
    const byNumber = await app.raw({ query: `{ appealByNumber(registrationNumber: "${appealEnbek.registrationNumber}") { id } }` }, w.users.executorZhambyl.token);
    expect(codesOf(byNumber.json)).toEqual(['NOT_FOUND']);
    const instr = (token: string, id: string) => app.raw({ query: `{ instruction(id: "${id}") { id } }` }, token);
    expect(codesOf((await instr(w.users.executorEnbek.token, instructionZhambyl)).json)).toEqual(['NOT_FOUND']);
    expect((await instr(w.users.executorZhambyl.token, instructionZhambyl)).json.data.instruction.id).toBe(instructionZhambyl);
  });

  it("an executor acting on another organization's appeal or instruction gets NOT_FOUND and changes nothing", async () => {
    const before = await dbFingerprint(app);
    const z = w.users.executorZhambyl.token;
    const tries = [
      app.raw({ query: `mutation { startAppealWork(appealId: "${appealEnbek.id}") { id } }` }, z),
      app.raw({ query: `mutation { submitResponse(input: { appealId: "${appealRural}", text: "Вопрос решён полностью, вода подана.", decision: SATISFIED }) { id } }` }, z),
      app.raw({ query: `mutation { submitInstructionReport(input: { instructionId: "${instructionEnbek}", kind: FINAL, text: "Исполнено полностью." }) { id } }` }, z),
    ];
    for (const r of await Promise.all(tries)) expect(codesOf(r.json)).toEqual(['NOT_FOUND']);
    expect(await dbFingerprint(app)).toEqual(before);
  });

  it('history is read by the department, executors and the auditor; the analyst gets none of it', async () => {
    const q = { query: `{ appeal(id: "${appealEnbek.id}") { history { action } } }` };
    expect((await app.raw(q, w.users.auditor.token)).json.data.appeal.history.length).toBeGreaterThan(3);
    expect((await app.raw(q, w.users.executorEnbek.token)).json.data.appeal.history.length).toBeGreaterThan(3);
    expect((await app.raw(q, w.users.analyst.token)).json.data.appeal.history).toEqual([]);
  });
});

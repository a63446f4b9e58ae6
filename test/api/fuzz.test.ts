import fc from 'fast-check';
import {
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppSchema } from '../../src/graphql/schema';
import type { Role } from '../../src/users/roles';
import { AssignAppealDocument, RegisterAppealDocument, SubmitResponseDocument } from '../generated/graphql';
import { startTestApp, type TestApp } from '../support/app';
import { appealInput } from '../support/fixtures';
import { createWorld, type TestWorld } from '../support/world';
import { STABLE_CODES, buildCall, codesOf, dbFingerprint, rootFields, tokenOf } from './access-support';

/**
 * Bad input, thrown at every public operation (property-based, fast-check): SQL fragments, huge strings, control
 * characters, unicode oddities, wrong types, values just outside the limits, deep and wide queries, broken
 * documents and bodies. Whatever comes in: never a 500, only the stable codes, no internals in the answer, and a
 * refused call writes nothing (every table's rows and contents unchanged).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const params = (numRuns: number) => ({ numRuns: Math.max(1, Math.round(numRuns * RUNS)), seed: SEED, endOnFailure: true });

let app: TestApp;
let w: TestWorld;
let schema: GraphQLSchema;
let appealId: string;
let responseId: string;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  app.clock.set('2026-03-02T11:00:00+05:00');
  schema = await buildAppSchema();
  appealId = (await app.ok(RegisterAppealDocument, { input: appealInput(w) }, w.users.specialist.token)).registerAppeal.id;
  await app.ok(AssignAppealDocument, { input: { appealId, organizationId: w.orgs.enbekshikazakhAkimat } }, w.users.specialist.token);
  responseId = (
    await app.ok(
      SubmitResponseDocument,
      { input: { appealId, text: 'Водопровод отремонтирован, подача воды восстановлена 3 марта.', decision: 'SATISFIED' } },
      w.users.executorEnbek.token,
    )
  ).submitResponse.id;
});
afterAll(() => app?.close());

const HOSTILE = [
  "' OR '1'='1",
  "'; DROP TABLE appeal; --",
  '"; select pg_sleep(10); --',
  '1; delete from history_event',
  "') union select iin, phone from applicant --",
  '$1',
  '?',
  '%_%',
  '\\',
  '\\x00',
  '\u0000',
  'abc\u0000def',
  '\u0007\u0008\u001b[31m',
  '\r\n\r\nHTTP/1.1 200 OK',
  '\u202eevil',
  '\ud800',
  '\udfff\ud800',
  '😀👨‍👩‍👧‍👦',
  'İıŞşĞğ',
  'Z̸̢̛̲̟a̷l̸g̶o̵',
  '<script>alert(1)</script>',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '   ',
  '',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '2147483648',
  '99999999999999999999999',
  '1e309',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00T00:00:00Z',
  '9999-12-31T23:59:59+14:00',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'Ә'.repeat(25_000),
  'x'.repeat(120_000),
];

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 2000, unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 10 })).map(([a, b]) => a + b) },
);
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.constantFrom(...HOSTILE.slice(0, 10)), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.constantFrom(...HOSTILE.slice(0, 10)), { maxKeys: 3 }),
);

function scalarArb(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'ID':
      return fc.oneof(fc.uuid(), fc.constantFrom('1', '-1', '0', '2147483648', appealId, responseId, w.orgs.enbekshikazakhAkimat), hostileString);
    case 'Int':
      return fc.oneof(fc.integer({ min: -5, max: 200 }), fc.constantFrom(2 ** 31 - 1, -(2 ** 31), 2 ** 31, 1.5, '1'), fc.integer());
    case 'Float':
      return fc.oneof(fc.double(), fc.constantFrom('1', 1e308));
    case 'Boolean':
      return fc.oneof(fc.boolean(), fc.constantFrom('true', 0));
    case 'DateTime':
      return fc.oneof(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
        hostileString,
      );
    case 'LocalDate':
      return fc.oneof(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        hostileString,
      );
    default:
      return hostileString;
  }
}

/** Values for a GraphQL input type: mostly of the right shape with hostile content, sometimes of any type at all. */
function arbFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const nonNull = isNonNullType(type);
  const t = nonNull ? type.ofType : type;
  let typed: fc.Arbitrary<unknown>;
  if (isListType(t)) typed = fc.array(arbFor(t.ofType, depth + 1), { maxLength: depth > 2 ? 1 : 3 });
  else if (isEnumType(t)) typed = fc.constantFrom(...t.getValues().map((v) => v.name), 'NOT_A_VALUE', "'; --");
  else if (isInputObjectType(t)) {
    const fields = Object.values(t.getFields());
    if (depth > 4) typed = fc.constant({});
    else
      typed = fc.record(Object.fromEntries(fields.map((f) => [f.name, arbFor(f.type, depth + 1)])), {
        requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
      });
  } else if (isScalarType(t)) typed = scalarArb(t.name);
  else typed = anyJson;
  return fc.oneof({ weight: 8, arbitrary: typed }, { weight: 1, arbitrary: anyJson }, { weight: nonNull ? 1 : 2, arbitrary: fc.constant(null) });
}

/** What a client must never see: stack frames, SQL of ours, relation names, driver messages. */
const INTERNALS = /\.ts:\d+|node_modules|\bat [\w.<>]+ \(|relation "|syntax error at or near|violates (?:check|not-null|foreign key)|invalid input syntax|\bdriver\b|MikroORM|knex/i;

interface Outcome {
  status: number;
  json: any;
}

function assertSafe(label: string, r: Outcome) {
  expect(r.status, `${label}: HTTP ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`).toBeLessThan(500);
  for (const code of codesOf(r.json)) expect(STABLE_CODES.has(code), `${label}: code ${code} ${JSON.stringify(r.json).slice(0, 500)}`).toBe(true);
  for (const e of r.json?.errors ?? []) expect(String(e.message), label).not.toMatch(INTERNALS);
  expect(JSON.stringify(r.json?.errors ?? []), label).not.toMatch(/stacktrace|exception/i);
}

/** Runs a call; if it was refused (errors and nothing returned), asserts that not one row anywhere changed. */
async function callAndCheck(label: string, body: unknown, token: string | null, field?: string) {
  const before = await dbFingerprint(app);
  const r = await app.raw(body, token);
  assertSafe(label, r);
  const refused = (r.json?.errors?.length ?? 0) > 0 && (r.json?.data == null || (field !== undefined && r.json.data[field] == null));
  if (refused || r.status >= 400) expect(await dbFingerprint(app), `${label} wrote while refused`).toEqual(before);
  return r;
}

const ROLES_TRIED: Role[] = ['specialist', 'head', 'executor', 'admin'];

describe('hostile values at every public operation', () => {
  it('typed-but-hostile and wrongly typed arguments: no 500, stable codes, nothing written when refused', async () => {
    const ops = [...rootFields(schema, 'query').map((f) => ({ f, kind: 'query' as const })), ...rootFields(schema, 'mutation').map((f) => ({ f, kind: 'mutation' as const }))];
    const opArb = fc.constantFrom(...ops).chain(({ f, kind }) =>
      fc.record({
        op: fc.constant({ f, kind }),
        role: fc.constantFrom(...ROLES_TRIED),
        args: fc.record(Object.fromEntries(f.args.map((a) => [a.name, arbFor(a.type)])), { requiredKeys: [] }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(opArb, async ({ op, role, args }) => {
        const call = buildCall(op.f as GraphQLField<unknown, unknown>, op.kind, { args: args as Record<string, unknown> });
        await callAndCheck(`${role} → ${op.f.name}`, call, tokenOf(w, role), op.f.name);
      }),
      params(Math.max(150, ops.length * 2)),
    );
  }, 120_000);

  it('a valid registration, review or report with one field made hostile: refused with a field-level code, nothing written', async () => {
    const registration = appealInput(w, { idempotencyKey: null });
    const bases: { op: string; token: () => string; variables: Record<string, unknown> }[] = [
      { op: 'registerAppeal', token: () => w.users.specialist.token, variables: { input: registration } },
      { op: 'assignAppeal', token: () => w.users.specialist.token, variables: { input: { appealId, organizationId: w.orgs.zhambylAkimat, role: 'CO_EXECUTOR' } } },
      { op: 'reviewResponse', token: () => w.users.specialist.token, variables: { input: { responseId, verdict: 'RETURNED', reasons: ['OTHER'], comment: 'Нет ссылки на акт выполненных работ.' } } },
      { op: 'extendAppealDeadline', token: () => w.users.head.token, variables: { input: { appealId, newDueDate: '2026-04-10', reason: 'Нужна проверка на месте' } } },
      { op: 'forwardAppeal', token: () => w.users.specialist.token, variables: { input: { appealId, to: 'Департамент полиции', reason: 'Вопрос вне компетенции акимата области' } } },
      {
        op: 'issueInstruction',
        token: () => w.users.specialist.token,
        variables: { input: { number: 'ФЗ-1', source: 'AKIM', text: 'Проверить и доложить.', issuedAt: '2026-03-02T09:00:00+05:00', dueDate: '2026-03-20', assigneeIds: [w.orgs.zhambylAkimat] } },
      },
    ];
    const leafPaths = (v: unknown, p: (string | number)[] = []): (string | number)[][] =>
      v !== null && typeof v === 'object' ? Object.entries(v as object).flatMap(([k, x]) => leafPaths(x, [...p, Array.isArray(v) ? Number(k) : k])) : [p];
    const setAt = (v: any, path: (string | number)[], value: unknown): any => {
      if (path.length === 0) return value;
      const copy = Array.isArray(v) ? [...v] : { ...v };
      copy[path[0]!] = setAt(v[path[0]!], path.slice(1), value);
      return copy;
    };
    const arb = fc.constantFrom(...bases).chain((b) =>
      fc.record({ base: fc.constant(b), path: fc.constantFrom(...leafPaths(b.variables)), value: fc.oneof(hostileString, anyJson) }),
    );
    const mutationField = (name: string) => schema.getMutationType()!.getFields()[name]!;
    await fc.assert(
      fc.asyncProperty(arb, async ({ base, path, value }) => {
        const variables = setAt(base.variables, path, value);
        const call = buildCall(mutationField(base.op) as GraphQLField<unknown, unknown>, 'mutation', { args: variables });
        const r = await callAndCheck(`${base.op} ${path.join('.')}=${JSON.stringify(value).slice(0, 60)}`, call, base.token(), base.op);
        // A hostile value that is still valid is accepted as text; anything else is a client error, not ours.
        if (r.json.errors) expect(codesOf(r.json)[0]).not.toBe('INTERNAL_SERVER_ERROR');
      }),
      params(120),
    );
  }, 120_000);
});

describe('hostile documents and bodies', () => {
  it('deep, wide, aliased and fragment-heavy queries: answered or refused with QUERY_TOO_COMPLEX / validation codes', async () => {
    const doc = fc.oneof(
      fc.integer({ min: 1, max: 60 }).map((d) => `{ organizations { ${'parent { '.repeat(d)}id${' }'.repeat(d)} } }`),
      fc.integer({ min: 1, max: 120 }).map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: topics { id nameRu }`).join(' ')} }`),
      fc.integer({ min: 1, max: 400 }).map((n) => `{ topics { ${'id '.repeat(n)} } }`),
      fc.integer({ min: 1, max: 12 }).map(
        (n) =>
          `query { appeals(first: 100) { edges { node { ...F0 } } } } ` +
          Array.from({ length: n }, (_, i) => `fragment F${i} on Appeal { id ${i + 1 < n ? `instructions { appeals { ...F${i + 1} } }` : 'text'} }`).join(' '),
      ),
      fc.constantFrom(
        'fragment A on Query { ...B } fragment B on Query { ...A } { ...A }',
        '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }',
        '{ appeals(first: -1) { totalCount } }',
        '{ appeals(first: 2147483647) { totalCount } }',
        'mutation { registerAppeal(input: null) { id } }',
        'subscription { appeals { totalCount } }',
        '{ topics { id } } { topics { id } }',
        'query A { topics { id } } query B { topics { id } }',
      ),
      fc.string({ maxLength: 300 }),
    );
    await fc.assert(
      fc.asyncProperty(doc, fc.constantFrom<Role>('head', 'liaison'), async (query, role) => {
        await callAndCheck(`document ${query.slice(0, 80)}`, { query }, tokenOf(w, role));
      }),
      params(80),
    );
  }, 120_000);

  it('bodies that are not GraphQL requests: 4xx with a code, never a 500', async () => {
    const body = fc.oneof(
      anyJson.map((v) => JSON.stringify(v)),
      fc.record({ query: anyJson, variables: anyJson, operationName: anyJson }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 200, unit: 'binary' }),
      fc.constantFrom('{"query": ', '[]', '[{"query":"{ topics { id } }"}]', '{"query":"{ topics { id } }","variables":"x"}', '\u0000'),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        await callAndCheck(`body ${b.slice(0, 80)}`, b, w.users.head.token);
      }),
      params(60),
    );
  }, 120_000);
});

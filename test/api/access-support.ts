import type { EntityManager } from '@mikro-orm/postgresql';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { query } from '../../src/db/sql';
import type { Role } from '../../src/users/roles';
import type { TestApp } from '../support/app';
import type { TestWorld, WorldUser } from '../support/world';

/**
 * Helpers for the access, audit and fuzz tests: calls built from the schema itself (so a new operation is tried
 * without anyone writing a query for it), a fingerprint of every table (so "nothing was written" covers every
 * feature's tables, updates included), and the world's official for each role.
 */

export const ROLE_USER: Record<Role, WorldUser> = {
  admin: 'admin',
  head: 'head',
  deputy_head: 'deputy',
  specialist: 'specialist',
  executor: 'executorEnbek',
  analyst: 'analyst',
  liaison: 'liaison',
  auditor: 'auditor',
};

export const tokenOf = (w: TestWorld, role: Role) => w.users[ROLE_USER[role]].token;

/** The codes a client may ever see; anything else (INTERNAL_SERVER_ERROR above all) is a defect. */
export const STABLE_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
]);

export const NIL_UUID = '00000000-0000-4000-8000-000000000000';

export function rootFields(schema: GraphQLSchema, kind: 'query' | 'mutation'): GraphQLField<unknown, unknown>[] {
  const t = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
  return t ? Object.values(t.getFields()) : [];
}

/** A value of the right type: the smallest that passes GraphQL's own coercion. */
export function sampleInput(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return sampleInput(type.ofType, depth);
  if (isListType(type)) return [sampleInput(type.ofType, depth + 1)];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      if (isNonNullType(f.type) && f.defaultValue === undefined && depth < 6) out[f.name] = sampleInput(f.type, depth + 1);
    }
    return out;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return NIL_UUID;
      case 'String':
        return 'Проверка доступа';
      case 'Int':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return false;
      case 'DateTime':
        return '2026-03-02T10:00:00+05:00';
      case 'LocalDate':
        return '2026-03-02';
      case 'JSONObject':
      case 'JSON':
        return {};
      default:
        return 'x';
    }
  }
  return null;
}

const typeRef = (t: GraphQLInputType): string => t.toString();

/** A selection set for an output type: scalars and enums, objects down to `depth`, `__typename` elsewhere. */
export function selectionFor(type: GraphQLOutputType, depth: number, seen: string[] = []): string {
  const named = getNamedType(type);
  if (isScalarType(named) || isEnumType(named)) return '';
  if (isUnionType(named) || isInterfaceType(named) || !isObjectType(named)) return '{ __typename }';
  if (depth <= 0) return '{ __typename }';
  const parts: string[] = ['__typename'];
  for (const f of Object.values(named.getFields())) {
    const required = f.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    if (required.length) continue;
    const inner = getNamedType(f.type);
    if (isObjectType(inner) || isInterfaceType(inner) || isUnionType(inner)) {
      if (depth <= 1 || seen.filter((s) => s === inner.name).length >= 1) continue;
      parts.push(`${f.name} ${selectionFor(f.type, depth - 1, [...seen, named.name])}`);
    } else parts.push(f.name);
  }
  return `{ ${parts.join(' ')} }`;
}

export interface Call {
  query: string;
  variables: Record<string, unknown>;
}

/**
 * One call of a root field: its required arguments as variables (samples unless given), optional ones only
 * when given; `depth` 1 selects `__typename`, more selects fields down to that depth.
 */
export function buildCall(
  field: GraphQLField<unknown, unknown>,
  kind: 'query' | 'mutation',
  opts: { args?: Record<string, unknown>; depth?: number; operationName?: string } = {},
): Call {
  const given = opts.args ?? {};
  const used: GraphQLArgument[] = field.args.filter(
    (a) => Object.prototype.hasOwnProperty.call(given, a.name) || (isNonNullType(a.type) && a.defaultValue === undefined),
  );
  const variables: Record<string, unknown> = {};
  for (const a of used) variables[a.name] = Object.prototype.hasOwnProperty.call(given, a.name) ? given[a.name] : sampleInput(a.type);
  const defs = used.length ? `(${used.map((a) => `$${a.name}: ${typeRef(a.type)}`).join(', ')})` : '';
  const args = used.length ? `(${used.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  const sel = selectionFor(field.type, opts.depth ?? 1);
  const name = opts.operationName ?? `${kind === 'query' ? 'Q' : 'M'}_${field.name}`;
  return { query: `${kind} ${name}${defs} { ${field.name}${args} ${sel} }`, variables };
}

/** Every user table's row count and content hash (audit_event and the migration log apart): any write shows. */
export async function dbFingerprint(app: TestApp): Promise<Record<string, string>> {
  const em = app.database.db.orm.em.fork() as EntityManager;
  const tables = (
    await query<{ tablename: string }>(
      em,
      `select tablename from pg_tables where schemaname = 'public'
          and tablename not in ('audit_event', 'mikro_orm_migrations') order by tablename`,
    )
  ).map((r) => r.tablename);
  const sql = tables
    .map((t) => `select '${t}' as t, count(*)::text || ':' || coalesce(sum(hashtext(x::text)::bigint), 0)::text as f from "${t}" x`)
    .join(' union all ');
  const rows = await query<{ t: string; f: string }>(em, sql);
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}

export async function auditCount(app: TestApp, where = 'true', params: unknown[] = []): Promise<number> {
  const em = app.database.db.orm.em.fork() as EntityManager;
  const [{ n }] = await query<{ n: string }>(em, `select count(*) as n from audit_event where ${where}`, params);
  return Number(n);
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!);
      }
    }),
  );
  return out;
}

export const codesOf = (json: any): string[] => (json?.errors ?? []).map((e: any) => String(e?.extensions?.code));

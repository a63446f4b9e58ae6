import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import type { RequestContext } from '../graphql/context';
import { errorCodeOf } from '../graphql/errors';
import { badInput, forbidden, unauthenticated } from '../shared/errors';
import type { Actor } from './actor';
import { maskPersonalDataDeep, maskPersonalDataInText, personalDataAccess } from './personal-data';
import { FIELD_OPERATIONS, authorize, can, operationOfRootField } from './policy';
import { systemClock } from '../shared/clock';

/**
 * The one gate every GraphQL call passes, applied to the built schema (not to each resolver, so a new field is
 * covered without anyone remembering to):
 *  - every Query and Mutation field: authentication, the rate limit (mutations), the operation's roles from
 *    `src/access/policy.ts`, generic input checks, then the resolver; mutations are written to the audit trail
 *    with their outcome, whatever it is;
 *  - fields listed in FIELD_OPERATIONS: read only by the roles of their operation (others get [] or null);
 *  - every text and JSON field: personal data masked for roles without full access (`personalDataAccess`).
 *    Reference data (officials, organizations, KATO units, topics) and applicants (already presented by
 *    `presentApplicant`) are exempt.
 */

/** What the HTTP layer gives the guard for one request (all optional: the schema also runs without it). */
export interface GuardServices {
  /** Takes one token from the actor's bucket for a mutation; throws RATE_LIMITED when empty. */
  rateLimit?: (actor: Actor) => void;
  /** Writes one audit record for a mutation call (never throws). */
  audit?: (entry: MutationCall) => Promise<void>;
  /** Root fields seen in this request, for logs and metrics. */
  rootFields?: Set<string>;
}

export interface MutationCall {
  action: string;
  operationName: string | null;
  args: Record<string, unknown>;
  result: unknown;
  returnType: string;
  outcome: string;
  errorField: string | null;
  startedAt: Date;
  durationMs: number;
}

export type GuardedContext = RequestContext & { guard?: GuardServices };

/** Types whose text is reference data or already presented by the personal-data module. */
const UNMASKED_TYPES = new Set(['Official', 'Organization', 'AdminUnit', 'Topic', 'PageInfo', 'Applicant']);
const UNMASKED_FIELDS = new Set(['cursor', 'startCursor', 'endCursor']);
const JSON_SCALARS = new Set(['JSONObject', 'JSON']);

export const MAX_ID_LENGTH = 128;
export const MAX_LIST_ITEMS = 10_000;
const ID_FORMAT = /^[\w.:-]+$/;

const GUARDED = Symbol('baqylau.guarded');

function isPromiseLike(v: unknown): v is PromiseLike<unknown> {
  return typeof (v as any)?.then === 'function';
}

/** Generic input checks every operation gets: IDs are short tokens, no NUL characters or lone surrogates, bounded lists. */
export function checkInput(args: readonly GraphQLArgument[], values: Record<string, unknown>): void {
  for (const arg of args) checkValue(arg.type, values?.[arg.name], arg.name, 0);
}

function checkValue(type: GraphQLInputType, value: unknown, path: string, depth: number): void {
  if (value === null || value === undefined || depth > 32) return;
  const t = isNonNullType(type) ? type.ofType : type;
  if (isListType(t)) {
    if (!Array.isArray(value)) return checkValue(t.ofType, value, path, depth + 1);
    if (value.length > MAX_LIST_ITEMS) throw badInput(path, `at most ${MAX_LIST_ITEMS} items`);
    value.forEach((v, i) => checkValue(t.ofType, v, `${path}[${i}]`, depth + 1));
    return;
  }
  if (isInputObjectType(t)) {
    const fields = t.getFields();
    for (const [name, f] of Object.entries(fields)) checkValue(f.type, (value as Record<string, unknown>)[name], `${path}.${name}`, depth + 1);
    return;
  }
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw badInput(path, 'must not contain NUL characters');
    // Lone surrogates cannot be stored as UTF-8: the database would silently store U+FFFD instead.
    if (!(value as string & { isWellFormed(): boolean }).isWellFormed()) throw badInput(path, 'must be valid Unicode text');
    if (isScalarType(t) && t.name === 'ID' && (value.length > MAX_ID_LENGTH || !ID_FORMAT.test(value))) {
      throw badInput(path, `${path} must be an ID`);
    }
  }
}

function wrapRootField(field: GraphQLField<unknown, GuardedContext>, kind: 'query' | 'mutation'): void {
  const resolve = field.resolve ?? defaultFieldResolver;
  const operation = operationOfRootField(field.name);
  const args = field.args;
  const returnType = getNamedType(field.type).name;
  field.resolve = async (source, values, ctx, info: GraphQLResolveInfo) => {
    const guard = ctx?.guard;
    guard?.rootFields?.add(field.name);
    const actor = ctx?.actor;
    const startedAt: Date = ctx?.now ? ctx.now() : systemClock.now();
    const t0 = performance.now();
    let outcome = 'ok';
    let errorField: string | null = null;
    let result: unknown = null;
    let audited = false;
    try {
      if (!actor || (!actor.system && !actor.userId)) throw unauthenticated();
      if (kind === 'mutation') guard?.rateLimit?.(actor);
      audited = kind === 'mutation';
      if (operation) authorize(actor, operation);
      checkInput(args, values);
      result = await resolve(source, values, ctx, info);
      return result;
    } catch (e) {
      outcome = errorCodeOf(e);
      errorField = typeof (e as any)?.field === 'string' ? (e as any).field : null;
      throw e;
    } finally {
      if (audited && guard?.audit) {
        await guard.audit({
          action: field.name,
          operationName: info.operation.name?.value ?? null,
          args: values,
          result,
          returnType,
          outcome,
          errorField,
          startedAt,
          durationMs: Math.round(performance.now() - t0),
        });
      }
    }
  };
}

function wrapRestrictedField(field: GraphQLField<unknown, GuardedContext>, op: (typeof FIELD_OPERATIONS)[string]): void {
  const resolve = field.resolve ?? defaultFieldResolver;
  const nullable = getNullableType(field.type);
  const empty = isListType(nullable) ? () => [] : isNonNullType(field.type) ? null : () => null;
  field.resolve = (source, args, ctx, info) => {
    if (ctx?.actor && can(ctx.actor, op)) return resolve(source, args, ctx, info);
    if (empty) return empty();
    throw forbidden();
  };
}

function maskValue(v: unknown, json: boolean): unknown {
  if (v === null || v === undefined) return v;
  if (json) return maskPersonalDataDeep(v);
  if (typeof v === 'string') return maskPersonalDataInText(v);
  if (Array.isArray(v)) return v.map((x) => maskValue(x, json));
  return v;
}

function wrapMaskedField(field: GraphQLField<unknown, GuardedContext>, json: boolean): void {
  const resolve: GraphQLFieldResolver<unknown, GuardedContext> = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args, ctx, info) => {
    const v = resolve(source, args, ctx, info);
    if (ctx?.actor && personalDataAccess(ctx.actor) === 'full') return v;
    return isPromiseLike(v) ? Promise.resolve(v).then((x) => maskValue(x, json)) : maskValue(v, json);
  };
}

/** Applies the gate to a built schema, in place; a second call is a no-op. */
export function guardSchema(schema: GraphQLSchema): GraphQLSchema {
  if ((schema as any)[GUARDED]) return schema;
  (schema as any)[GUARDED] = true;
  const roots = new Map<string, 'query' | 'mutation'>();
  const q = schema.getQueryType();
  const m = schema.getMutationType();
  if (q) roots.set(q.name, 'query');
  if (m) roots.set(m.name, 'mutation');
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const kind = roots.get(type.name);
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, GuardedContext>[]) {
      if (kind) {
        wrapRootField(field, kind);
        continue;
      }
      const restricted = FIELD_OPERATIONS[`${type.name}.${field.name}`];
      if (restricted) wrapRestrictedField(field, restricted);
      const named = getNamedType(field.type);
      if (!isScalarType(named) || UNMASKED_TYPES.has(type.name) || UNMASKED_FIELDS.has(field.name)) continue;
      if (named.name === 'String') wrapMaskedField(field, false);
      else if (JSON_SCALARS.has(named.name)) wrapMaskedField(field, true);
    }
  }
  return schema;
}

import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { hasRole } from '../access/actor';
import { query } from '../db/sql';
import type { RequestContext } from '../graphql/context';
import { pageInfo } from '../graphql/pagination';
import { HistoryEventView } from '../history/history.types';
import { OrganizationView } from '../organizations/organization.types';
import { badInput } from '../shared/errors';
import { OfficialView } from '../users/user.types';
import { AuditEventConnection, AuditEventFilter, AuditEventView, toAuditEventView } from './audit.types';

export const MAX_AUDIT_PAGE = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function auditWhere(ctx: RequestContext, f: AuditEventFilter | null | undefined) {
  const where: string[] = [];
  const params: unknown[] = [];
  // The administrator sees every region; the head and the auditor the region of their organization.
  if (!hasRole(ctx.actor, 'admin')) {
    where.push('e.region_id = ?');
    params.push(ctx.actor.regionId ?? -1);
  }
  if (f?.actorId != null) {
    if (!UUID.test(f.actorId)) throw badInput('filter.actorId', 'must be an official ID');
    where.push('e.actor_id = ?');
    params.push(f.actorId);
  }
  if (f?.action != null) {
    if (!/^\w{1,100}$/.test(f.action)) throw badInput('filter.action', 'must be a mutation name');
    where.push('e.action = ?');
    params.push(f.action);
  }
  if (f?.targetId != null) {
    where.push('e.target_id = ?');
    params.push(f.targetId);
  }
  if (f?.outcome != null) {
    if (!/^[\w]{1,32}$/.test(f.outcome)) throw badInput('filter.outcome', "must be 'ok' or an error code");
    where.push('e.outcome = ?');
    params.push(f.outcome);
  }
  if (f?.requestId != null) {
    if (!/^[\w-]{1,64}$/.test(f.requestId)) throw badInput('filter.requestId', 'must be a request id');
    where.push('e.request_id = ?');
    params.push(f.requestId);
  }
  if (f?.from != null) {
    where.push('e.at >= ?');
    params.push(f.from);
  }
  if (f?.to != null) {
    where.push('e.at < ?');
    params.push(f.to);
  }
  return { where, params };
}

function decodeCursor(after: string): [string, string] {
  try {
    const c = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (Array.isArray(c) && c.length === 2 && !Number.isNaN(Date.parse(c[0])) && /^\d{1,19}$/.test(String(c[1]))) return [c[0], String(c[1])];
  } catch {
    /* below */
  }
  throw badInput('after', 'The cursor is not valid');
}

@Resolver(() => AuditEventConnection)
export class AuditEventConnectionResolver {
  @FieldResolver(() => Int, { description: 'All records matching the filter (one extra query, only when asked)' })
  async totalCount(@Root() c: AuditEventConnection, @Ctx() ctx: RequestContext): Promise<number> {
    const { where, params } = auditWhere(ctx, c.filter);
    const [{ n }] = await query<{ n: string }>(ctx.em, `select count(*) as n from audit_event e ${where.length ? 'where ' + where.join(' and ') : ''}`, params);
    return Number(n);
  }
}

@Resolver(() => AuditEventView)
export class AuditEventResolver {
  @Authorized('readAudit')
  @Query(() => AuditEventConnection, { description: 'The audit trail of mutation calls, newest first (auditor, head, administrator)' })
  async auditEvents(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter?: AuditEventFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<AuditEventConnection> {
    const n = first ?? 20;
    if (!Number.isInteger(n) || n < 0 || n > MAX_AUDIT_PAGE) throw badInput('first', `first must be 0–${MAX_AUDIT_PAGE}`);
    const { where, params } = auditWhere(ctx, filter);
    if (after) {
      const [at, id] = decodeCursor(after);
      where.push('(e.at, e.id) < (?::timestamptz, ?::bigint)');
      params.push(at, id);
    }
    const rows = await query(
      ctx.em,
      `select e.* from audit_event e ${where.length ? 'where ' + where.join(' and ') : ''} order by e.at desc, e.id desc limit ?`,
      [...params, n + 1],
    );
    const nodes = rows.slice(0, n).map(toAuditEventView);
    const cursors = nodes.map((x) => Buffer.from(JSON.stringify([x.at.toISOString(), x.id])).toString('base64url'));
    return {
      edges: nodes.map((node, i) => ({ node, cursor: cursors[i]! })),
      pageInfo: pageInfo(cursors, rows.length > n, Boolean(after)),
      filter: filter ?? null,
    };
  }

  @FieldResolver(() => OfficialView, { nullable: true })
  actor(@Root() e: AuditEventView, @Ctx() ctx: RequestContext) {
    return e.actorId ? ctx.loaders.official.load(e.actorId) : null;
  }

  @FieldResolver(() => OrganizationView, { nullable: true })
  organization(@Root() e: AuditEventView, @Ctx() ctx: RequestContext) {
    return e.organizationId ? ctx.loaders.organization.load(e.organizationId) : null;
  }

  @FieldResolver(() => [HistoryEventView], { description: 'What the call changed: the history records of its request (before/after)' })
  changes(@Root() e: AuditEventView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.historyByRequest.load(e.requestId);
  }
}

export const AUDIT_RESOLVERS = [AuditEventResolver, AuditEventConnectionResolver] as const;


import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../access/actor';
import { isRestrictedToOwnOrganization } from '../access/policy';
import { endOfLocalDay, startOfLocalDay } from '../calendar/working-calendar';
import { isUuid } from '../control/domain/input';
import { pgArray, query } from '../db/sql';
import type { OrgKind } from '../organizations/vocabulary';
import { badInput } from '../shared/errors';
import { LATE_ENTRY_MINUTES, regularity, type ReceptionKind } from './domain/reception-rules';
import { toSessionView, type ReceptionMonitoringRow, type ReceptionSessionView } from './reception.types';

const NONE = '00000000-0000-0000-0000-000000000000';

export interface SessionFilter {
  organizationId?: string | null;
  kind?: ReceptionKind[] | null;
  from?: string | null;
  to?: string | null;
  includeCancelled?: boolean | null;
}

/** Sessions an actor may see: an executor only its own organization's and those below it. */
function scope(actor: Actor, where: string[], params: unknown[]) {
  if (isRestrictedToOwnOrganization(actor)) {
    where.push('s.organization_id in (select o.id from organization o where o.id = ? or o.parent_id = ?)');
    params.push(actor.organizationId ?? NONE, actor.organizationId ?? NONE);
  }
}

export async function listSessions(em: EntityManager, actor: Actor, f: SessionFilter, first: number): Promise<ReceptionSessionView[]> {
  if (!Number.isInteger(first) || first < 1 || first > 200) throw badInput('first', 'first must be 1–200');
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.organizationId != null) {
    if (!isUuid(f.organizationId)) throw badInput('filter.organizationId', 'must be an organization ID');
    where.push('(s.organization_id = ? or s.organization_id in (select id from organization where parent_id = ?))');
    params.push(f.organizationId, f.organizationId);
  }
  if (f.kind?.length) {
    where.push('s.kind = any(?::text[])');
    params.push(pgArray(f.kind));
  }
  if (f.from) {
    where.push('s.starts_at >= ?');
    params.push(startOfLocalDay(f.from));
  }
  if (f.to) {
    where.push('s.starts_at <= ?');
    params.push(endOfLocalDay(f.to));
  }
  if (!f.includeCancelled) where.push(`s.status <> 'cancelled'`);
  scope(actor, where, params);
  const rows = await query(
    em,
    `select s.* from reception_session s ${where.length ? 'where ' + where.join(' and ') : ''} order by s.starts_at desc, s.id limit ?`,
    [...params, first],
  );
  return rows.map(toSessionView);
}

export async function findVisibleSession(em: EntityManager, actor: Actor, id: string): Promise<ReceptionSessionView | null> {
  if (!isUuid(id)) return null;
  const where = ['s.id = ?'];
  const params: unknown[] = [id];
  scope(actor, where, params);
  const rows = await query(em, `select s.* from reception_session s where ${where.join(' and ')}`, params);
  return rows[0] ? toSessionView(rows[0]) : null;
}

export const MONITORED_KINDS: OrgKind[] = ['district_akimat', 'city_akimat', 'rural_akimat'];

/**
 * Receptions held by district and rural akimats (6.5, 6.6) in a period: how many, in which form, how regularly,
 * how many people came, and what came of it. Bodies with no reception at all are listed too (that is the finding).
 * One statement whatever the number of bodies.
 */
export async function receptionMonitoring(
  em: EntityManager,
  actor: Actor,
  args: { from: string; to: string; kinds: OrgKind[]; now: Date },
): Promise<ReceptionMonitoringRow[]> {
  if (args.from > args.to) throw badInput('to', 'The period ends before it starts');
  const fromTs = startOfLocalDay(args.from);
  const toTs = endOfLocalDay(args.to);
  const orgWhere = ['o.kind = any(?::text[])'];
  const orgParams: unknown[] = [pgArray(args.kinds)];
  if (isRestrictedToOwnOrganization(actor)) {
    orgWhere.push('(o.id = ? or o.parent_id = ?)');
    orgParams.push(actor.organizationId ?? NONE, actor.organizationId ?? NONE);
  } else if (actor.regionId != null) {
    orgWhere.push('o.region_id = ?');
    orgParams.push(actor.regionId);
  }
  const rows = await query<any>(
    em,
    `with s as (
       select s.id, s.organization_id, s.kind, s.status, s.starts_at,
              -- held: not cancelled, over, and entered before it began (a back-filled session is not a held one)
              (s.status <> 'cancelled' and s.ends_at <= ? and s.created_at <= s.starts_at + make_interval(mins => ?)) as held
         from reception_session s where s.starts_at >= ? and s.starts_at <= ?
     ), b as (
       select b.session_id,
              count(*) filter (where b.status in ('booked', 'attended', 'no_show'))::int as booked,
              count(*) filter (where b.status = 'attended')::int as came,
              count(*) filter (where b.status = 'no_show')::int as no_show,
              count(b.appeal_id)::int as appeals,
              coalesce(sum((select count(*) from reception_instruction ri where ri.booking_id = b.id)), 0)::int as instructions
         from reception_booking b where b.session_id in (select id from s) group by b.session_id
     )
     select o.id, o.name_ru, o.kind,
            count(s.id) filter (where s.held)::int as held,
            count(s.id) filter (where s.held and s.kind = 'visiting')::int as visiting,
            count(s.id) filter (where s.held and s.kind = 'videoconference')::int as video,
            count(s.id) filter (where s.status = 'cancelled')::int as cancelled,
            coalesce(sum(b.booked) filter (where s.held), 0)::int as booked,
            coalesce(sum(b.came) filter (where s.held), 0)::int as came,
            coalesce(sum(b.no_show) filter (where s.held), 0)::int as no_show,
            coalesce(sum(b.appeals) filter (where s.held), 0)::int as appeals,
            coalesce(sum(b.instructions) filter (where s.held), 0)::int as instructions,
            coalesce(array_agg(to_char(s.starts_at at time zone 'UTC' + interval '5 hours', 'YYYY-MM-DD') order by s.starts_at)
                     filter (where s.held), '{}') as held_dates
       from organization o
       left join s on s.organization_id = o.id
       left join b on b.session_id = s.id
      where ${orgWhere.join(' and ')}
      group by o.id, o.name_ru, o.kind
      order by o.name_ru, o.id`,
    [args.now, LATE_ENTRY_MINUTES, fromTs, toTs, ...orgParams],
  );
  return rows.map((r) => {
    const dates: string[] = Array.isArray(r.held_dates) ? r.held_dates : String(r.held_dates).replace(/[{}]/g, '').split(',').filter(Boolean);
    const reg = regularity(dates, args.from, args.to);
    return {
      organizationId: r.id,
      organizationName: r.name_ru,
      organizationKind: r.kind,
      sessionsHeld: r.held,
      visitingSessions: r.visiting,
      videoconferenceSessions: r.video,
      sessionsCancelled: r.cancelled,
      peopleBooked: r.booked,
      peopleCame: r.came,
      peopleDidNotCome: r.no_show,
      appealsRegistered: r.appeals,
      instructionsGiven: r.instructions,
      monthsInPeriod: reg.monthsInPeriod,
      monthsWithReceptions: reg.monthsWithReceptions,
      regular: reg.regular,
      longestGapDays: reg.longestGapDays,
      lastHeldOn: dates.length ? dates[dates.length - 1] : null,
    };
  });
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../access/actor';
import { isRestrictedToOwnOrganization } from '../access/policy';
import { endOfLocalDay, startOfLocalDay } from '../calendar/working-calendar';
import { isUuid, requireDate } from '../control/domain/input';
import { pgArray, query } from '../db/sql';
import { badInput } from '../shared/errors';
import { toConsultationView, type ConsultationStatisticsView, type ConsultationView } from './consultation.types';
import { validateStatisticsRange, type ConsultationChannel, type StatisticsPeriod } from './domain/consultation-rules';

const NONE = '00000000-0000-0000-0000-000000000000';

export async function listConsultations(
  em: EntityManager,
  actor: Actor,
  f: { from?: string | null; to?: string | null; channel?: ConsultationChannel[] | null; organizationId?: string | null; id?: string | null },
  first: number,
): Promise<ConsultationView[]> {
  if (!Number.isInteger(first) || first < 1 || first > 200) throw badInput('first', 'first must be 1–200');
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.from) {
    where.push('c.given_at >= ?');
    params.push(startOfLocalDay(requireDate('filter.from', f.from)));
  }
  if (f.to) {
    where.push('c.given_at <= ?');
    params.push(endOfLocalDay(requireDate('filter.to', f.to)));
  }
  if (f.channel?.length) {
    where.push('c.channel = any(?::text[])');
    params.push(pgArray(f.channel));
  }
  if (f.organizationId) {
    if (!isUuid(f.organizationId)) throw badInput('filter.organizationId', 'must be an organization ID');
    where.push('c.organization_id = ?');
    params.push(f.organizationId);
  }
  if (f.id) {
    where.push('c.id = ?');
    params.push(f.id);
  }
  if (isRestrictedToOwnOrganization(actor)) {
    where.push('c.organization_id in (select o.id from organization o where o.id = ? or o.parent_id = ?)');
    params.push(actor.organizationId ?? NONE, actor.organizationId ?? NONE);
  }
  const rows = await query(em, `select c.* from consultation c ${where.length ? 'where ' + where.join(' and ') : ''} order by c.given_at desc, c.id limit ?`, [...params, first]);
  return rows.map(toConsultationView);
}

const LOCAL = (col: string) => `(${col} at time zone 'UTC' + interval '5 hours')`;

/**
 * Consultations beside appeals (5.8): counts by period (day/week/month, weeks from Monday), by top-level topic and by
 * channel, for the actor's region. Three statements.
 */
export async function consultationStatistics(em: EntityManager, actor: Actor, args: { from: string; to: string; period: StatisticsPeriod }): Promise<ConsultationStatisticsView> {
  requireDate('from', args.from);
  requireDate('to', args.to);
  validateStatisticsRange(args.from, args.to);
  const range = [startOfLocalDay(args.from), endOfLocalDay(args.to)];
  const region = actor.regionId;
  const cRegion = region != null ? 'and c.region_id = ?' : '';
  const aRegion = region != null ? 'and a.region_id = ?' : '';
  const rp = region != null ? [region] : [];
  const unit = { day: 'day', week: 'week', month: 'month' }[args.period];
  const byPeriod = await query<any>(
    em,
    `with c as (select date_trunc('${unit}', ${LOCAL('c.given_at')})::date as p, count(*)::int as n from consultation c
                 where c.given_at between ? and ? ${cRegion} group by 1),
          a as (select date_trunc('${unit}', ${LOCAL('a.received_at')})::date as p, count(*)::int as n from appeal a
                 where a.received_at between ? and ? ${aRegion} group by 1)
     select coalesce(c.p, a.p)::text as period, coalesce(c.n, 0) as consultations, coalesce(a.n, 0) as appeals
       from c full join a on a.p = c.p order by 1`,
    [...range, ...rp, ...range, ...rp],
  );
  const byTopic = await query<any>(
    em,
    `with ct as (select coalesce(t.parent_id, t.id) as topic, count(*)::int as n from consultation c left join topic t on t.id = c.topic_id
                  where c.given_at between ? and ? ${cRegion} group by 1),
          at as (select coalesce(t.parent_id, t.id) as topic, count(*)::int as n from appeal a left join topic t on t.id = a.topic_id
                  where a.received_at between ? and ? ${aRegion} group by 1)
     select x.topic, tt.name_ru, coalesce(ct.n, 0) as consultations, coalesce(at.n, 0) as appeals
       from (select topic from ct union select topic from at) x
       left join ct on ct.topic is not distinct from x.topic
       left join at on at.topic is not distinct from x.topic
       left join topic tt on tt.id = x.topic
      where ct.n is not null
      order by consultations desc, tt.name_ru nulls last`,
    [...range, ...rp, ...range, ...rp],
  );
  const byChannel = await query<any>(
    em,
    `select c.channel, count(*)::int as n from consultation c where c.given_at between ? and ? ${cRegion} group by c.channel order by n desc, c.channel`,
    [...range, ...rp],
  );
  return {
    consultations: byPeriod.reduce((s, r) => s + r.consultations, 0),
    appeals: byPeriod.reduce((s, r) => s + r.appeals, 0),
    byPeriod: byPeriod.map((r) => ({ period: r.period, consultations: r.consultations, appeals: r.appeals })),
    byTopic: byTopic.map((r) => ({ topicId: r.topic == null ? null : String(r.topic), topic: r.name_ru ?? '—', consultations: r.consultations, appeals: r.appeals })),
    byChannel: byChannel.map((r) => ({ channel: r.channel, consultations: r.n })),
  };
}

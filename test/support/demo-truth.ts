/**
 * What a loaded demo world says about its appeals, with every generated id replaced by a name that means the same in
 * any database (a registration number, an IIN, an organization's name, an official's e-mail), so that two loads of
 * one world can be compared table by table.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../../src/db/sql';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function appealTruth(em: EntityManager): Promise<Record<string, unknown[]>> {
  const labels = new Map<string, string>();
  const label = (rows: { id: string; label: string }[]) => rows.forEach((r) => labels.set(r.id, r.label));
  label(await query(em, `select id, 'org:' || name_en as label from organization`));
  label(await query(em, `select id, 'user:' || email as label from app_user`));
  label(await query(em, `select id, registration_number as label from appeal`));
  label(await query(em, `select p.id, coalesce(p.iin, p.bin, (select 'applicant:' || a.registration_number || '/' || l.position from appeal_applicant l join appeal a on a.id = l.appeal_id where l.applicant_id = p.id order by a.registration_number limit 1)) as label from applicant p`));
  label(await query(em, `select s.id, a.registration_number || '/assignment/' || o.name_en as label from assignment s join appeal a on a.id = s.appeal_id join organization o on o.id = s.organization_id`));
  label(await query(em, `select r.id, a.registration_number || '/response/' || r.round as label from response r join appeal a on a.id = r.appeal_id`));
  label(await query(em, `select id, 'instruction:' || number as label from instruction`));

  const named = (v: unknown): unknown => {
    if (typeof v === 'string' && UUID.test(v)) return labels.get(v) ?? `unknown:${v}`;
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(named);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, named(x)]));
    return v;
  };
  const rows = async (sql: string, drop: string[] = []) =>
    (await query<Record<string, unknown>>(em, sql)).map((r) => {
      for (const k of drop) delete r[k];
      return named(r) as Record<string, unknown>;
    });
  const sorted = (list: Record<string, unknown>[]) => list.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

  return {
    appeal: await rows('select * from appeal order by registration_number'),
    applicant: sorted(await rows('select * from applicant')),
    appeal_applicant: sorted(await rows('select * from appeal_applicant', ['id'])),
    assignment: sorted(await rows('select * from assignment')),
    response: sorted(await rows('select * from response')),
    response_review: sorted(await rows('select * from response_review', ['id'])),
    deadline_extension: sorted(await rows('select * from deadline_extension', ['id'])),
    // history in the order it was written, appeal by appeal
    history_event: await rows(
      `select h.* from history_event h join appeal a on a.id = h.appeal_id order by a.registration_number, h.at, h.id`,
      ['id'],
    ),
    notification: sorted(await rows('select * from notification', ['id', 'claimed_by'])),
    appeal_fact: sorted(await rows('select * from appeal_fact')),
    appeal_daily_count: sorted(await rows('select * from appeal_daily_count')),
    registration_counter: sorted(await rows('select * from registration_counter')),
  };
}

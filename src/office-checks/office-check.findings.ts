/**
 * The findings an office-work check computes from the record (regulation 10.1–10.2), for one organization and the
 * appeals received in the check's period, as of a date. Five statements, whatever the size of the period and the
 * number of checks.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { toLocalDate, type WorkingCalendar } from '../calendar/working-calendar';
import { query } from '../db/sql';
import { FINDING_LEGAL_BASIS, FINDING_SAMPLE, reviewDueDate, type FindingKind } from './domain/office-check-rules';

export interface FindingItem {
  appealId: string;
  registrationNumber: string;
  detail: string;
}

export interface Finding {
  kind: FindingKind;
  legalBasis: string;
  count: number;
  items: FindingItem[];
}

const LOCAL = (col: string) => `(${col} at time zone 'UTC' + interval '5 hours')`;

/**
 * The findings of several checks at once (one statement per kind of finding, whatever the number of checks): each
 * check's organization, over the appeals received in its own period, as of `asOf`.
 */
export async function computeFindingsMany(em: EntityManager, cal: WorkingCalendar, checkIds: readonly string[], asOf: Date): Promise<Map<string, Finding[]>> {
  const today = toLocalDate(asOf);
  const ids = `{${checkIds.join(',')}}`;
  // The checks with their period as instants in Kazakhstan time.
  const checks = `select c.id as check_id, c.organization_id as org,
                         (c.period_from::timestamp - interval '5 hours') at time zone 'UTC' as p_from,
                         (c.period_to::timestamp + interval '19 hours') at time zone 'UTC' as p_to
                    from office_check c where c.id = any(?::uuid[])`;
  const lateRegistration = await query<any>(
    em,
    `with c as (${checks})
     select c.check_id, a.id, a.registration_number, a.registration_date::text as due, ${LOCAL('a.registered_at')}::date::text as registered
       from c join appeal a on a.addressee_id = c.org and a.received_at >= c.p_from and a.received_at < c.p_to
      where ${LOCAL('a.registered_at')}::date > a.registration_date
      order by c.check_id, a.received_at, a.id`,
    [ids],
  );
  const missed = await query<any>(
    em,
    `with c as (${checks})
     select c.check_id, a.id, a.registration_number, a.due_date::text as due, ${LOCAL('a.finished_at')}::date::text as finished
       from c join assignment s on s.organization_id = c.org and s.role = 'lead'
       join appeal a on a.id = s.appeal_id and a.received_at >= c.p_from and a.received_at < c.p_to
      where a.status <> 'forwarded' and ((a.finished_at is null and a.due_date < ?::date) or ${LOCAL('a.finished_at')}::date > a.due_date)
      order by c.check_id, a.due_date, a.id`,
    [ids, today],
  );
  const pending = await query<any>(
    em,
    `with c as (${checks})
     select c.check_id, a.id, a.registration_number, ${LOCAL('r.submitted_at')}::date::text as submitted
       from c join response r on r.organization_id = c.org and r.review_state = 'pending'
       join appeal a on a.id = r.appeal_id and a.received_at >= c.p_from and a.received_at < c.p_to
      order by c.check_id, r.submitted_at, a.id`,
    [ids],
  );
  const unreviewed = pending.filter((r) => reviewDueDate(cal, r.submitted) < today);
  const repeated = await query<any>(
    em,
    `with c as (${checks})
     select c.check_id, a.id, a.registration_number, p.registration_number as earlier
       from c join assignment s on s.organization_id = c.org and s.role = 'lead'
       join appeal p on p.id = s.appeal_id
       join appeal a on a.repeat_of_id = p.id and a.received_at >= c.p_from and a.received_at < c.p_to
      order by c.check_id, a.received_at, a.id`,
    [ids],
  );
  const lateNotices = await query<any>(
    em,
    `with c as (${checks})
     select c.check_id, a.id, a.registration_number, n.kind, n.due_date::text as due, ${LOCAL('n.sent_at')}::date::text as sent, n.status
       from c join appeal a on a.received_at >= c.p_from and a.received_at < c.p_to
             and (a.addressee_id = c.org or exists (select 1 from assignment s where s.appeal_id = a.id and s.organization_id = c.org and s.role = 'lead'))
       join notification n on n.appeal_id = a.id
      where (n.sent_at is not null and ${LOCAL('n.sent_at')}::date > n.due_date) or (n.sent_at is null and n.due_date < ?::date)
      order by c.check_id, n.due_date, a.id, n.kind`,
    [ids, today],
  );

  const group = (kind: FindingKind, rows: any[], detail: (r: any) => string): Finding => ({
    kind,
    legalBasis: FINDING_LEGAL_BASIS[kind],
    count: rows.length,
    items: rows.slice(0, FINDING_SAMPLE).map((r) => ({ appealId: r.id, registrationNumber: r.registration_number, detail: detail(r) })),
  });
  const of = (rows: any[], id: string) => rows.filter((r) => r.check_id === id);
  const out = new Map<string, Finding[]>();
  for (const id of checkIds) {
    out.set(id, [
      group('late_registration', of(lateRegistration, id), (r) => `registered ${r.registered}, due ${r.due}`),
      group('missed_deadline', of(missed, id), (r) => (r.finished ? `finished ${r.finished}, due ${r.due}` : `still open, due ${r.due}`)),
      group('answer_without_review', of(unreviewed, id), (r) => `answer of ${r.submitted} not reviewed by ${reviewDueDate(cal, r.submitted)}`),
      group('repeated_appeal', of(repeated, id), (r) => `repeats ${r.earlier}`),
      group('late_notice', of(lateNotices, id), (r) => `${r.kind} notice due ${r.due}, ${r.sent ? `sent ${r.sent}` : `not sent (${r.status})`}`),
    ]);
  }
  return out;
}

export async function computeFindings(em: EntityManager, cal: WorkingCalendar, checkId: string, asOf: Date): Promise<Finding[]> {
  return (await computeFindingsMany(em, cal, [checkId], asOf)).get(checkId)!;
}

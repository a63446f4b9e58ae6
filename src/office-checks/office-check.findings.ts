/**
 * The findings an office-work check computes from the record (regulation 10.1–10.2), for one organization and the
 * appeals received in the check's period, as of a date. Five statements, whatever the size of the period.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { endOfLocalDay, startOfLocalDay, toLocalDate, type WorkingCalendar } from '../calendar/working-calendar';
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

export async function computeFindings(
  em: EntityManager,
  cal: WorkingCalendar,
  check: { organizationId: string; periodFrom: string; periodTo: string },
  asOf: Date,
): Promise<Finding[]> {
  const from = startOfLocalDay(check.periodFrom);
  const to = endOfLocalDay(check.periodTo);
  const today = toLocalDate(asOf);
  const org = check.organizationId;
  // The organization's appeals: addressed to it, or routed to it as lead executor.
  const own = `(a.addressee_id = ? or exists (select 1 from assignment s where s.appeal_id = a.id and s.organization_id = ? and s.role = 'lead'))`;

  const lateRegistration = await query<any>(
    em,
    `select a.id, a.registration_number, a.registration_date::text as due, ${LOCAL('a.registered_at')}::date::text as registered
       from appeal a
      where a.addressee_id = ? and a.received_at between ? and ? and ${LOCAL('a.registered_at')}::date > a.registration_date
      order by a.received_at, a.id`,
    [org, from, to],
  );
  const missed = await query<any>(
    em,
    `select a.id, a.registration_number, a.due_date::text as due, ${LOCAL('a.finished_at')}::date::text as finished
       from appeal a
      where exists (select 1 from assignment s where s.appeal_id = a.id and s.organization_id = ? and s.role = 'lead')
        and a.received_at between ? and ? and a.status <> 'forwarded'
        and ((a.finished_at is null and a.due_date < ?::date) or ${LOCAL('a.finished_at')}::date > a.due_date)
      order by a.due_date, a.id`,
    [org, from, to, today],
  );
  const pending = await query<any>(
    em,
    `select a.id, a.registration_number, ${LOCAL('r.submitted_at')}::date::text as submitted
       from response r join appeal a on a.id = r.appeal_id
      where r.organization_id = ? and r.review_state = 'pending' and a.received_at between ? and ?
      order by r.submitted_at, a.id`,
    [org, from, to],
  );
  const unreviewed = pending.filter((r) => reviewDueDate(cal, r.submitted) < today);
  const repeated = await query<any>(
    em,
    `select a.id, a.registration_number, p.registration_number as earlier
       from appeal a join appeal p on p.id = a.repeat_of_id
      where exists (select 1 from assignment s where s.appeal_id = p.id and s.organization_id = ? and s.role = 'lead')
        and a.received_at between ? and ?
      order by a.received_at, a.id`,
    [org, from, to],
  );
  const lateNotices = await query<any>(
    em,
    `select a.id, a.registration_number, n.kind, n.due_date::text as due, ${LOCAL('n.sent_at')}::date::text as sent, n.status
       from notification n join appeal a on a.id = n.appeal_id
      where ${own} and a.received_at between ? and ?
        and ((n.sent_at is not null and ${LOCAL('n.sent_at')}::date > n.due_date) or (n.sent_at is null and n.due_date < ?::date))
      order by n.due_date, a.id, n.kind`,
    [org, org, from, to, today],
  );

  const group = (kind: FindingKind, rows: any[], detail: (r: any) => string): Finding => ({
    kind,
    legalBasis: FINDING_LEGAL_BASIS[kind],
    count: rows.length,
    items: rows.slice(0, FINDING_SAMPLE).map((r) => ({ appealId: r.id, registrationNumber: r.registration_number, detail: detail(r) })),
  });
  return [
    group('late_registration', lateRegistration, (r) => `registered ${r.registered}, due ${r.due}`),
    group('missed_deadline', missed, (r) => (r.finished ? `finished ${r.finished}, due ${r.due}` : `still open, due ${r.due}`)),
    group('answer_without_review', unreviewed, (r) => `answer of ${r.submitted} not reviewed by ${reviewDueDate(cal, r.submitted)}`),
    group('repeated_appeal', repeated, (r) => `repeats ${r.earlier}`),
    group('late_notice', lateNotices, (r) => `${r.kind} notice due ${r.due}, ${r.sent ? `sent ${r.sent}` : `not sent (${r.status})`}`),
  ];
}

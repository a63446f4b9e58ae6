/**
 * What must hold of any loaded demo world, whatever the day it was made for: the rules a department relies on, read
 * back from the database and checked against the domain's own functions.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { staleDailyCounts, staleFacts } from '../../src/analytics/rollup';
import { TRANSITIONS } from '../../src/appeals/domain/appeal-status';
import type { AppealForm } from '../../src/appeals/domain/deadline-rules';
import { forwardingDueDate, initialDueDate, registrationDate } from '../../src/appeals/domain/deadlines';
import type { WorkingCalendar } from '../../src/calendar/working-calendar';
import { query } from '../../src/db/sql';
import type { DemoWorld } from '../../seeds/demo/generator';

const ALLOWED = new Set(TRANSITIONS.map((t) => `${t.from}>${t.to}`));

/** Every broken rule, as a sentence; empty when the world is sound. */
export async function demoWorldProblems(em: EntityManager, calendar: WorkingCalendar, world: DemoWorld): Promise<string[]> {
  const problems: string[] = [];
  const appeals = await query<{ id: string; registration_number: string; form: string; received_at: Date; registration_date: string; due_date: string; forward_due_date: string; status: string }>(
    em,
    `select id, registration_number, form, received_at, registration_date::text, due_date::text, forward_due_date::text, status from appeal`,
  );
  const history = await query<{ appeal_id: string; entity_type: string; action: string; at: Date; after: any }>(
    em,
    `select appeal_id, entity_type, action, at, after from history_event where appeal_id is not null order by appeal_id, id`,
  );
  const extensions = await query<{ appeal_id: string; new_due_date: string }>(em, `select appeal_id, new_due_date::text from deadline_extension order by extended_at`);
  const byAppeal = new Map<string, typeof history>();
  for (const h of history) byAppeal.set(h.appeal_id, [...(byAppeal.get(h.appeal_id) ?? []), h]);
  const extended = new Map(extensions.map((e) => [e.appeal_id, e.new_due_date]));

  for (const a of appeals) {
    const received = new Date(a.received_at);
    const events = byAppeal.get(a.id) ?? [];
    // history: complete (starts with the registration) and in time order
    if (events[0]?.action !== 'register') problems.push(`${a.registration_number}: history does not start with its registration`);
    for (let i = 1; i < events.length; i++) {
      if (new Date(events[i].at) < new Date(events[i - 1].at)) problems.push(`${a.registration_number}: history out of order at ${events[i].action}`);
    }
    // statuses: each move allowed by the transition table, ending in the appeal's status
    let status = 'registered';
    for (const e of events) {
      const next = e.entity_type === 'appeal' ? e.after?.status : undefined;
      if (e.action === 'register' || next === undefined || next === status) continue;
      if (!ALLOWED.has(`${status}>${next}`)) problems.push(`${a.registration_number}: ${status} → ${next} is not in the transition table`);
      status = next;
    }
    if (status !== a.status) problems.push(`${a.registration_number}: history ends in ${status}, the appeal is ${a.status}`);
    // deadlines by the working calendar
    if (a.registration_date !== registrationDate(calendar, received)) problems.push(`${a.registration_number}: registration date ${a.registration_date}`);
    if (a.forward_due_date !== forwardingDueDate(calendar, received)) problems.push(`${a.registration_number}: forwarding due date ${a.forward_due_date}`);
    const due = extended.get(a.id) ?? initialDueDate(calendar, a.form as AppealForm, received);
    if (a.due_date !== due) problems.push(`${a.registration_number}: due ${a.due_date}, the calendar says ${due}`);
    if (!calendar.isWorkingDay(a.due_date)) problems.push(`${a.registration_number}: due on a day off (${a.due_date})`);
  }

  // registration numbers: 1…N per region and year, N the counter's value
  const counters = await query<{ region_id: number; year: number; last_value: number; numbers: number; highest: number }>(
    em,
    `select c.region_id, c.year, c.last_value,
            (select count(*) from appeal a where a.region_id = c.region_id and a.registration_number like '%-' || c.year || '-%')::int as numbers,
            (select coalesce(max(split_part(a.registration_number, '-', 3)::int), 0) from appeal a where a.region_id = c.region_id and a.registration_number like '%-' || c.year || '-%')::int as highest
       from registration_counter c`,
  );
  for (const c of counters) {
    if (c.numbers !== c.last_value || c.highest !== c.last_value) problems.push(`registration numbers of ${c.year}: ${c.numbers} numbers up to ${c.highest}, counter at ${c.last_value}`);
  }

  // the planted concentrations are in the register
  for (const c of world.concentrations) {
    const [{ n }] = await query<{ n: number }>(
      em,
      `select count(*)::int as n from appeal a join topic t on t.id = a.topic_id join admin_unit u on u.id = a.admin_unit_id
        where t.code = ? and u.kato = ? and a.received_at >= ?::date - interval '5 hours' and a.received_at < ?::date + interval '19 hours'`,
      [c.topicCode, c.adminUnitKato, c.from, c.to],
    );
    if (n < c.appeals) problems.push(`concentration ${c.key}: ${n} of ${c.appeals} appeals in the register`);
  }

  // analytics facts and daily counts equal a recount from the register
  const facts = await staleFacts(em);
  if (facts.length) problems.push(`${facts.length} analytics facts differ from a recount`);
  const daily = await staleDailyCounts(em);
  if (daily.length) problems.push(`${daily.length} daily counts differ from a recount`);
  return problems;
}

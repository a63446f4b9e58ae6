import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import {
  APPEAL_COLUMNS,
  toAppealView,
  toApplicantView,
  toAssignmentView,
  toExtensionView,
  type AppealView,
  type ApplicantView,
  type AssignmentView,
  type DeadlineExtensionView,
} from '../appeals/appeal.types';
import { pgArray, queryPrepared } from '../db/sql';
import { toAdminUnitView, type AdminUnitView } from '../geo/admin-unit.types';
import { toHistoryEventView, type HistoryEventView } from '../history/history.types';
import {
  toInstructionExtensionView,
  toInstructionReportView,
  toInstructionView,
  type InstructionExtensionView,
  type InstructionReportView,
  type InstructionView,
} from '../instructions/instruction.types';
import { toOrganizationView, type OrganizationView } from '../organizations/organization.types';
import { toResponseView, toReviewView, type ResponseReviewView, type ResponseView } from '../responses/response.types';
import { toTopicView, type TopicView } from '../topics/topic.types';
import { toOfficialView, type OfficialView } from '../users/user.types';
import { receptionLoaders } from '../receptions/reception.loaders';
import { controlLoaders } from '../control/control.loaders';
import { workingGroupLoaders } from '../working-groups/working-group.loaders';
import { officeCheckLoaders } from '../office-checks/office-check.loaders';
import { historyByRequestLoader } from '../audit/audit.loaders';
import { createProblemCardLoaders } from '../problem-cards/problem-card.queries';

/**
 * A DataLoader whose primed values can also be read synchronously. A resolver that returns a value it already has
 * (an organization or official read with the list's relations) instead of `load()`'s promise spares the executor a
 * promise and a microtask per field, some 400 of them in a list of 50 appeals.
 */
export class PrimedLoader<K, V> extends DataLoader<K, V> {
  private readonly known = new Map<K, V>();

  override prime(key: K, value: V | PromiseLike<V> | Error): this {
    if (!(value instanceof Error) && typeof (value as any)?.then !== 'function' && !this.known.has(key)) this.known.set(key, value as V);
    return super.prime(key, value as any);
  }

  override clear(key: K): this {
    this.known.delete(key);
    return super.clear(key);
  }

  override clearAll(): this {
    this.known.clear();
    return super.clearAll();
  }

  /** The value primed for the key, if any (else undefined: use `load`). */
  peek(key: K): V | undefined {
    return this.known.get(key);
  }
}

/**
 * Per-request DataLoaders: one SQL statement per relation per level of a query, however long the list.
 * Batch functions return results in key order (null / [] where nothing matches).
 */
function byId<K extends string | number, V>(em: EntityManager, sql: string, cast: string, map: (r: any) => V & { id: string }) {
  return new PrimedLoader<K, V | null>(async (ids) => {
    const rows = await queryPrepared(em, sql.replace('$IDS', `?::${cast}[]`), [pgArray(ids as readonly (string | number)[])]);
    const found = new Map<string, V>();
    for (const r of rows) {
      const v = map(r);
      found.set(String(v.id), v);
    }
    return ids.map((id) => found.get(String(id)) ?? null);
  });
}

function groupedBy<V>(em: EntityManager, sql: string, key: string, map: (r: any) => V) {
  return new PrimedLoader<string, V[]>(async (ids) => {
    const rows = await queryPrepared<any>(em, sql.replace('$IDS', '?::uuid[]'), [pgArray(ids as readonly string[])]);
    const groups = new Map<string, V[]>();
    for (const r of rows) {
      const k = String(r[key]);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(map(r));
    }
    return ids.map((id) => groups.get(id) ?? []);
  });
}

export function createLoaders(em: EntityManager) {
  // The relations of appeals and the reference rows they name, fetched together: batches these loaders make in the
  // same turn of the event loop (as GraphQL does for the fields of a list) go to the database as one statement
  // (issue 7: a statement costs more than its rows here). Responses carry their reviews, and the organizations and
  // officials these rows name come once each in the same statement (the `referenced` part), primed into their
  // loaders before the rows are handed out; so a list of appeals with everything down to the reviewers is three
  // statements: the caller, the page, and this.
  const fetch = combinedFetcher(em, (rel, row) => {
    if (rel === 'refOrganization') organization.prime(row.id, toOrganizationView(row));
    else if (rel === 'refOfficial') official.prime(row.id, toOfficialView(row));
  });
  const combined = <V>(part: CombinedPart, cast: 'int' | 'uuid', map: (r: any) => V) =>
    new PrimedLoader<string, V[]>(async (ids) => {
      const rows = await fetch(part, cast, ids);
      return ids.map((id) => (rows.get(String(id)) ?? []).map(map));
    });
  const single = <V>(part: CombinedPart, cast: 'int' | 'uuid', map: (r: any) => V) =>
    new PrimedLoader<string, V | null>(async (ids) => {
      const rows = await fetch(part, cast, ids);
      return ids.map((id) => {
        const r = rows.get(String(id));
        return r?.length ? map(r[0]) : null;
      });
    });
  const organization = single<OrganizationView>('organization', 'uuid', toOrganizationView);
  const official = single<OfficialView>('official', 'uuid', toOfficialView);
  // The reviews of a response asked for on its own (those of an appeal's responses are primed with them below);
  // the reviewer is read in the same statement.
  const reviewsByResponse = groupedBy<ResponseReviewView>(
    em,
    `select v.*, to_jsonb(u) as reviewer from response_review v join app_user u on u.id = v.reviewer_id
      where v.response_id = any($IDS) order by v.response_id, v.reviewed_at`,
    'response_id',
    (r) => (official.prime(r.reviewer.id, toOfficialView(r.reviewer)), toReviewView(r)),
  );

  return {
    ...receptionLoaders(em),
    ...controlLoaders(em),
    ...workingGroupLoaders(em),
    ...officeCheckLoaders(em),
    adminUnit: single<AdminUnitView>('adminUnit', 'int', toAdminUnitView),
    topic: single<TopicView>('topic', 'int', toTopicView),
    organization,
    official,
    appeal: byId<string, AppealView>(em, `select ${APPEAL_COLUMNS} from appeal a where a.id = any($IDS)`, 'uuid', toAppealView),
    applicantsByAppeal: combined<ApplicantView>('applicants', 'uuid', ([p, appealId]) => toApplicantView({ ...p, appeal_id: appealId })),
    assignmentsByAppeal: combined<AssignmentView>('assignments', 'uuid', toAssignmentView),
    responsesByAppeal: combined<ResponseView>('responses', 'uuid', ([r, reviews]) => {
      // fresher than anything cached for the response: this request just read them
      reviewsByResponse.clear(r.id).prime(r.id, (reviews as any[]).map(toReviewView));
      return toResponseView(r);
    }),
    reviewsByResponse,
    extensionsByAppeal: combined<DeadlineExtensionView>('extensions', 'uuid', toExtensionView),
    historyByAppeal: combined<HistoryEventView>('history', 'uuid', toHistoryEventView),
    historyByInstruction: groupedBy<HistoryEventView>(
      em,
      'select * from history_event where instruction_id = any($IDS) order by instruction_id, at, id',
      'instruction_id',
      toHistoryEventView,
    ),
    instructionsByAppeal: groupedBy<InstructionView & { appealId?: string }>(
      em,
      `select ia.appeal_id, i.* from instruction_appeal ia join instruction i on i.id = ia.instruction_id
        where ia.appeal_id = any($IDS) order by ia.appeal_id, i.issued_at`,
      'appeal_id',
      toInstructionView,
    ),
    appealsByInstruction: groupedBy<AppealView>(
      em,
      `select ia.instruction_id, ${APPEAL_COLUMNS} from instruction_appeal ia join appeal a on a.id = ia.appeal_id
        where ia.instruction_id = any($IDS) order by ia.instruction_id, a.received_at`,
      'instruction_id',
      toAppealView,
    ),
    assigneesByInstruction: groupedBy<OrganizationView>(
      em,
      `select ia.instruction_id, o.* from instruction_assignee ia join organization o on o.id = ia.organization_id
        where ia.instruction_id = any($IDS) order by ia.instruction_id, o.name_ru`,
      'instruction_id',
      toOrganizationView,
    ),
    reportsByInstruction: groupedBy<InstructionReportView>(
      em,
      'select * from instruction_report where instruction_id = any($IDS) order by instruction_id, submitted_at',
      'instruction_id',
      toInstructionReportView,
    ),
    extensionsByInstruction: groupedBy<InstructionExtensionView>(
      em,
      'select * from instruction_extension where instruction_id = any($IDS) order by instruction_id, extended_at',
      'instruction_id',
      toInstructionExtensionView,
    ),
    historyByRequest: historyByRequestLoader(em),
    problemCards: createProblemCardLoaders(em),
  };
}

/**
 * Each part selects (rel, k, ord, row): the relation, the key asked for, the order within the key, and the row as
 * JSON — an object, or an array of the row and its joined rows. `json`, not `jsonb`: building jsonb (and merging
 * with `||`) cost PostgreSQL about twice as much for the list's relations (issue 7).
 */
const COMBINED_PARTS = {
  adminUnit: `select 'adminUnit' as rel, u.id::text as k, 0::bigint as ord, to_json(u) as row from admin_unit u where u.id = any(?::int[])`,
  topic: `select 'topic', t.id::text, 0::bigint, to_json(t) from topic t where t.id = any(?::int[])`,
  organization: `select 'organization', o.id::text, 0::bigint, to_json(o) from organization o where o.id = any(?::uuid[])`,
  official: `select 'official', u.id::text, 0::bigint, to_json(u) from app_user u where u.id = any(?::uuid[])`,
  applicants: `select 'applicants', aa.appeal_id::text, aa.position::bigint, json_build_array(to_json(p), aa.appeal_id)
      from appeal_applicant aa join applicant p on p.id = aa.applicant_id where aa.appeal_id = any(?::uuid[])`,
  assignments: `select 'assignments', s.appeal_id::text,
      row_number() over (partition by s.appeal_id order by (s.role = 'lead') desc, s.assigned_at, s.id), to_json(s)
      from assignment s where s.appeal_id = any(?::uuid[])`,
  // the reviews of all the responses in one grouped scan by appeal (not a subquery per response)
  responses: `select 'responses', r.appeal_id::text, row_number() over (partition by r.appeal_id order by r.round, r.submitted_at, r.id),
      json_build_array(to_json(r), coalesce(rv.reviews, '[]'::json))
      from response r
      left join (select v.response_id, json_agg(to_json(v) order by v.reviewed_at, v.id) as reviews
                   from response_review v where v.appeal_id = any(?::uuid[]) group by v.response_id) rv on rv.response_id = r.id
     where r.appeal_id = any(?::uuid[])`,
  // Asked for with assignments or responses (same appeal ids): the organizations and officials they name, once each
  // (embedded in every row, they were half the bytes of a list's relations).
  referenced: `select 'refOrganization', o.id::text, 0::bigint, to_json(o) from organization o
      where o.id in (select s.organization_id from assignment s where s.appeal_id = any(?::uuid[])
                     union select r.organization_id from response r where r.appeal_id = any(?::uuid[]))
     union all select 'refOfficial', u.id::text, 0::bigint, to_json(u) from app_user u
      where u.id in (select r.author_id from response r where r.appeal_id = any(?::uuid[])
                     union select v.reviewer_id from response_review v where v.appeal_id = any(?::uuid[]))`,
  extensions: `select 'extensions', x.appeal_id::text, row_number() over (partition by x.appeal_id order by x.extended_at, x.id), to_json(x)
      from deadline_extension x where x.appeal_id = any(?::uuid[])`,
  history: `select 'history', h.appeal_id::text, row_number() over (partition by h.appeal_id order by h.at, h.id), to_json(h)
      from history_event h where h.appeal_id = any(?::uuid[])`,
} as const;
type CombinedPart = keyof typeof COMBINED_PARTS;
const PLACEHOLDERS = Object.fromEntries(Object.entries(COMBINED_PARTS).map(([k, sql]) => [k, sql.split('?').length - 1])) as Record<CombinedPart, number>;

/**
 * Collects the batches asked for in one turn of the event loop and runs them as one `union all` statement
 * (DataLoader dispatches its batches after the current promise jobs; this waits for the end of the turn).
 */
function combinedFetcher(em: EntityManager, onReference: (rel: string, row: any) => void) {
  type Waiter = { resolve: (rows: Map<string, any[]>) => void; reject: (e: unknown) => void };
  let pending: Map<CombinedPart, { ids: Set<string>; waiters: Waiter[] }> | null = null;
  const flush = async () => {
    const parts = pending!;
    pending = null;
    const order = [...parts.keys()];
    try {
      // one JSON array of [rel, key, row] triples: a single value to decode, not a protocol row per relation row
      const [{ rows }] = await queryPrepared<{ rows: [CombinedPart, string, any][] }>(
        em,
        `select coalesce(json_agg(json_build_array(rel, k, row) order by rel, k, ord), '[]'::json) as rows
           from (${order.map((p) => COMBINED_PARTS[p]).join('\n union all ')}) as x (rel, k, ord, row)`,
        // a part names its ids once per placeholder
        order.flatMap((p) => Array<string>(PLACEHOLDERS[p]).fill(pgArray([...parts.get(p)!.ids]))),
      );
      const byPart = new Map<CombinedPart, Map<string, any[]>>(order.map((p) => [p, new Map()]));
      for (const [rel, k, row] of rows) {
        const m = byPart.get(rel);
        if (!m) {
          onReference(rel, row);
          continue;
        }
        let list = m.get(k);
        if (!list) m.set(k, (list = []));
        list.push(row);
      }
      for (const p of order) for (const w of parts.get(p)!.waiters) w.resolve(byPart.get(p)!);
    } catch (e) {
      for (const p of order) for (const w of parts.get(p)!.waiters) w.reject(e);
    }
  };
  return (part: CombinedPart, cast: 'int' | 'uuid', ids: readonly string[]): Promise<Map<string, any[]>> =>
    new Promise((resolve, reject) => {
      if (!pending) {
        pending = new Map();
        setImmediate(() => void flush());
      }
      let entry = pending.get(part);
      if (!entry) pending.set(part, (entry = { ids: new Set(), waiters: [] }));
      const companion = part === 'assignments' || part === 'responses' ? pending.get('referenced') ?? { ids: new Set<string>(), waiters: [] } : null;
      if (companion) pending.set('referenced', companion);
      for (const id of ids) {
        const key = String(id);
        // an id that cannot be of the column's type matches nothing (as `= any()` would say), without failing the batch
        if (cast === 'int' ? /^\d{1,10}$/.test(key) && Number(key) <= 2_147_483_647 : UUID.test(key)) {
          entry.ids.add(key);
          companion?.ids.add(key);
        }
      }
      entry.waiters.push({ resolve, reject });
    });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Loaders = ReturnType<typeof createLoaders>;

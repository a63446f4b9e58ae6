import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Actor } from '../access/actor';
import { isLocalDate } from '../calendar/working-calendar';
import { pgArray, query, toDate } from '../db/sql';
import { toHistoryEventView, type HistoryEventView } from '../history/history.types';
import { toInstructionView, type InstructionView } from '../instructions/instruction.types';
import { badInput } from '../shared/errors';
import { PROBLEM_CARD_SOURCES, PROBLEM_CARD_STATUSES, type ProblemCardSource, type ProblemCardStatus } from './domain/card-status';
import {
  PROBLEM_CARD_COLUMNS,
  toProblemCardView,
  type ProblemCardAppealView,
  type ProblemCardNoteView,
  type ProblemCardUnitView,
  type ProblemCardView,
} from './problem-card.types';

export interface ProblemCardFilterInput {
  status?: ProblemCardStatus[] | null;
  source?: ProblemCardSource[] | null;
  /** A topic (its subtopics' cards carry the parent topic). */
  topicId?: string | null;
  /** A district (cards covering it) or a region. */
  adminUnitId?: string | null;
  minSeverity?: number | null;
  /** Cards seen (first_seen..last_seen) overlapping this period. */
  seenFrom?: string | null;
  seenTo?: string | null;
}

export const MAX_CARDS_PAGE = 100;

const intId = (field: string, v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0 || n > 2_147_483_647) throw badInput(field, `${field} must be an ID`);
  return n;
};

/** The WHERE clause: the filter, and the actor's region (the department sees its own region's cards). */
export function problemCardWhere(filter: ProblemCardFilterInput, actor: Actor): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.status?.length) {
    if (filter.status.some((s) => !PROBLEM_CARD_STATUSES.includes(s))) throw badInput('filter.status', 'unknown status');
    where.push('c.status = any(?::text[])');
    params.push(pgArray(filter.status));
  }
  if (filter.source?.length) {
    if (filter.source.some((s) => !PROBLEM_CARD_SOURCES.includes(s))) throw badInput('filter.source', 'unknown source');
    where.push('c.source = any(?::text[])');
    params.push(pgArray(filter.source));
  }
  if (filter.topicId != null) {
    const id = intId('filter.topicId', filter.topicId);
    where.push('c.topic_id in (select t.id from topic t where t.id = ? or t.id = (select parent_id from topic where id = ?))');
    params.push(id, id);
  }
  if (filter.adminUnitId != null) {
    const id = intId('filter.adminUnitId', filter.adminUnitId);
    where.push('(c.region_id = ? or exists (select 1 from problem_card_unit u where u.card_id = c.id and u.admin_unit_id = ?))');
    params.push(id, id);
  }
  if (filter.minSeverity != null) {
    if (!Number.isFinite(filter.minSeverity) || filter.minSeverity < 0 || filter.minSeverity > 100) throw badInput('filter.minSeverity', 'minSeverity is 0–100');
    where.push('c.severity >= ?');
    params.push(filter.minSeverity);
  }
  if (filter.seenFrom != null) {
    if (!isLocalDate(filter.seenFrom)) throw badInput('filter.seenFrom', 'seenFrom must be a date YYYY-MM-DD');
    where.push('c.last_seen >= ?::date');
    params.push(filter.seenFrom);
  }
  if (filter.seenTo != null) {
    if (!isLocalDate(filter.seenTo)) throw badInput('filter.seenTo', 'seenTo must be a date YYYY-MM-DD');
    where.push('c.first_seen <= ?::date');
    params.push(filter.seenTo);
  }
  if (!actor.system && actor.regionId != null) {
    where.push('c.region_id = ?');
    params.push(actor.regionId);
  }
  return { where, params };
}

const encodeCursor = (c: ProblemCardView) => Buffer.from(JSON.stringify([c.severity, c.id])).toString('base64url');

function decodeCursor(cursor: string): { severity: number; id: string } {
  try {
    const [severity, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof severity !== 'number' || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error();
    return { severity, id };
  } catch {
    throw badInput('after', 'The cursor is not valid');
  }
}

/** Cards, most severe first (severity desc, id asc); a Relay page. */
export async function listProblemCards(
  em: EntityManager,
  actor: Actor,
  args: { filter?: ProblemCardFilterInput | null; first?: number | null; after?: string | null },
) {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 0 || first > MAX_CARDS_PAGE) throw badInput('first', `first must be 0–${MAX_CARDS_PAGE}`);
  const { where, params } = problemCardWhere(args.filter ?? {}, actor);
  const w = [...where];
  const p = [...params];
  if (args.after) {
    const c = decodeCursor(args.after);
    w.push('(c.severity < ? or (c.severity = ? and c.id > ?::uuid))');
    p.push(c.severity, c.severity, c.id);
  }
  const rows = await query(
    em,
    `select ${PROBLEM_CARD_COLUMNS} from problem_card c ${w.length ? `where ${w.join(' and ')}` : ''}
      order by c.severity desc, c.id limit ?`,
    [...p, first + 1],
  );
  const nodes = rows.slice(0, first).map(toProblemCardView);
  return { nodes, cursors: nodes.map(encodeCursor), hasNextPage: rows.length > first, hasPreviousPage: Boolean(args.after) };
}

export async function countProblemCards(em: EntityManager, actor: Actor, filter: ProblemCardFilterInput | null | undefined) {
  const { where, params } = problemCardWhere(filter ?? {}, actor);
  const [row] = await query<{ n: string }>(em, `select count(*) as n from problem_card c ${where.length ? `where ${where.join(' and ')}` : ''}`, params);
  return Number(row.n);
}

export async function findProblemCard(em: EntityManager, actor: Actor, id: string): Promise<ProblemCardView | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const { where, params } = problemCardWhere({}, actor);
  const rows = await query(em, `select ${PROBLEM_CARD_COLUMNS} from problem_card c where ${['c.id = ?', ...where].join(' and ')}`, [id, ...params]);
  return rows[0] ? toProblemCardView(rows[0]) : null;
}

function grouped<V>(em: EntityManager, sql: string, key: string, map: (r: any) => V) {
  return new DataLoader<string, V[]>(async (ids) => {
    const rows = await query<any>(em, sql, [pgArray(ids as readonly string[])]);
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

/** Per-request loaders for a card's relations: one statement per relation, however many cards are listed. */
export function createProblemCardLoaders(em: EntityManager) {
  return {
    units: grouped<ProblemCardUnitView>(
      em,
      'select card_id, admin_unit_id, appeals_count from problem_card_unit where card_id = any(?::uuid[]) order by card_id, appeals_count desc, admin_unit_id',
      'card_id',
      (r) => ({ cardId: r.card_id, adminUnitId: String(r.admin_unit_id), appealsCount: Number(r.appeals_count) }),
    ),
    representatives: grouped<ProblemCardAppealView>(
      em,
      `select p.card_id, a.id, a.registration_number, a.received_at, a.admin_unit_id, a.summary, a.text
         from problem_card_appeal p join appeal a on a.id = p.appeal_id
        where p.card_id = any(?::uuid[]) and p.representative order by p.card_id, a.received_at, a.id`,
      'card_id',
      (r) => ({
        cardId: r.card_id,
        appealId: r.id,
        registrationNumber: r.registration_number,
        receivedAt: toDate(r.received_at)!,
        adminUnitId: String(r.admin_unit_id),
        summary: r.summary,
        text: r.text,
      }),
    ),
    notes: grouped<ProblemCardNoteView>(
      em,
      'select id, card_id, author_id, text, created_at from problem_card_note where card_id = any(?::uuid[]) order by card_id, created_at, id',
      'card_id',
      (r) => ({ id: r.id, cardId: r.card_id, authorId: r.author_id, text: r.text, createdAt: toDate(r.created_at)! }),
    ),
    instructions: grouped<InstructionView & { cardId?: string }>(
      em,
      `select l.card_id, i.* from problem_card_instruction l join instruction i on i.id = l.instruction_id
        where l.card_id = any(?::uuid[]) order by l.card_id, l.linked_at, i.id`,
      'card_id',
      toInstructionView,
    ),
    history: grouped<HistoryEventView>(
      em,
      `select * from history_event where entity_type = 'problem_card' and entity_id = any(?::uuid[]) order by entity_id, at, id`,
      'entity_id',
      toHistoryEventView,
    ),
  };
}

export type ProblemCardLoaders = ReturnType<typeof createProblemCardLoaders>;

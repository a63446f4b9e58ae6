import type { EntityManager } from '@mikro-orm/postgresql';
import { primaryRole } from '../access/actor';
import type { CommandContext } from '../shared/command-context';
import { HistoryEvent, type HistoryEntityType } from './history-event.entity';

export interface HistoryEntry {
  regionId: number;
  entityType: HistoryEntityType;
  entityId: string;
  appealId?: string | null;
  instructionId?: string | null;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Adds a history record to the unit of work of the change it describes (same transaction). */
export function recordHistory(em: EntityManager, ctx: CommandContext, entry: HistoryEntry, at: Date): void {
  const e = new HistoryEvent();
  e.regionId = entry.regionId;
  e.entityType = entry.entityType;
  e.entityId = entry.entityId;
  e.appealId = entry.appealId ?? null;
  e.instructionId = entry.instructionId ?? null;
  e.action = entry.action;
  e.actorId = ctx.actor.userId;
  e.actorRole = primaryRole(ctx.actor);
  e.actorOrganizationId = ctx.actor.organizationId;
  e.at = at;
  e.before = entry.before ?? null;
  e.after = entry.after ?? null;
  e.requestId = ctx.requestId;
  em.persist(e);
}

/** The fields that differ, as {before, after} snapshots. */
export function diff<T extends object>(before: T, after: T, keys: (keyof T)[]) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of keys) {
    const x = before[k] instanceof Date ? (before[k] as Date).toISOString() : before[k];
    const y = after[k] instanceof Date ? (after[k] as Date).toISOString() : after[k];
    if (JSON.stringify(x) !== JSON.stringify(y)) {
      b[k as string] = x ?? null;
      a[k as string] = y ?? null;
    }
  }
  return { before: b, after: a };
}

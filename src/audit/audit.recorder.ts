import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { primaryRole, type Actor } from '../access/actor';
import type { MutationCall } from '../access/guard';
import { query } from '../db/sql';

const MAX_IDS = 50;
/** Ids of reference data an operation mentions but does not act on. */
const REFERENCE_KEYS = /(adminUnitId|addresseeId|organizationId|topicId|regionId|parentId|assigneeIds\[\d+\])$/;

/** Every id named in the arguments: keys `id`, `…Id` (a string) and `…Ids` (a list), by path. */
export function collectIds(value: unknown, path = '', out: Record<string, string> = {}, depth = 0): Record<string, string> {
  if (value === null || typeof value !== 'object' || depth > 4) return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (Object.keys(out).length >= MAX_IDS) break;
    const p = path ? `${path}.${k}` : k;
    if (typeof v === 'string' && (k === 'id' || k.endsWith('Id')) && v.length <= 128) out[p] = v;
    else if (Array.isArray(v) && k.endsWith('Ids')) {
      v.slice(0, MAX_IDS).forEach((x, i) => {
        if (typeof x === 'string' && x.length <= 128) out[`${p}[${i}]`] = x;
      });
    } else if (v && typeof v === 'object') collectIds(v, p, out, depth + 1);
  }
  return out;
}

const typeOfKey = (key: string) => {
  const m = /(\w+?)Id(?:s?\[\d+\])?$/.exec(key.split('.').pop() ?? '');
  return m ? m[1]!.charAt(0).toUpperCase() + m[1]!.slice(1) : null;
};

export interface AuditMeta {
  requestId: string;
  actor: Actor;
  at: Date;
}

/**
 * Writes the audit record of a mutation call, in its own statement after the call (so refused and failed calls
 * are recorded too, and a rolled-back change still leaves its attempt). Never throws: a failure is logged and
 * counted, and the caller's answer stands.
 */
export class AuditRecorder {
  constructor(
    private readonly orm: MikroORM,
    private readonly logger: Logger,
    private readonly onFailure: () => void = () => undefined,
  ) {}

  async record(meta: AuditMeta, call: MutationCall): Promise<void> {
    try {
      const ids = collectIds(call.args);
      const resultId = typeof (call.result as any)?.id === 'string' ? ((call.result as any).id as string) : null;
      if (resultId) ids['result.id'] = resultId;
      // The object acted on: what the call returned; else the argument naming an object of the returned type
      // (input.responseId for a Response); else the first id that is not reference data (an appeal, not its
      // admin unit or addressee).
      const own = new RegExp(`(^|\\.)(id|${call.returnType.charAt(0).toLowerCase()}${call.returnType.slice(1)}Id)$`);
      const argKeys = Object.keys(ids).filter((k) => k !== 'result.id');
      const firstArg = argKeys.find((k) => own.test(k)) ?? argKeys.find((k) => !REFERENCE_KEYS.test(k));
      const targetId = resultId ?? (firstArg ? ids[firstArg]! : null);
      const targetType = resultId ? call.returnType : firstArg ? (typeOfKey(firstArg) ?? call.returnType) : null;
      await query(
        this.orm.em.fork() as any,
        `insert into audit_event (at, request_id, actor_id, actor_role, actor_organization_id, region_id, action, operation_name,
           target_type, target_id, target_ids, outcome, error_field, duration_ms)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)`,
        [
          meta.at,
          meta.requestId,
          meta.actor.userId,
          primaryRole(meta.actor),
          meta.actor.organizationId,
          meta.actor.regionId,
          call.action.slice(0, 100),
          call.operationName?.slice(0, 100) ?? null,
          targetType?.slice(0, 100) ?? null,
          targetId,
          Object.keys(ids).length ? JSON.stringify(ids) : null,
          call.outcome.slice(0, 32),
          call.errorField?.slice(0, 200) ?? null,
          Math.min(call.durationMs, 2_147_483_647),
        ],
      );
    } catch (e) {
      this.onFailure();
      this.logger.error({ err: e, requestId: meta.requestId, action: call.action }, 'audit record could not be written');
    }
  }
}

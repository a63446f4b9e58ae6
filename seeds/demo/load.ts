import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../src/access/actor';
import { AppealCommands } from '../../src/appeals/appeal.commands';
import type { WorkingCalendar } from '../../src/calendar/working-calendar';
import { query } from '../../src/db/sql';
import { InstructionCommands } from '../../src/instructions/instruction.commands';
import type { DemoWorld } from './generator';

export interface LoadResult {
  organizations: number;
  users: number;
  appeals: number;
  instructions: number;
  /** Steps the domain refused (the generator and the rules disagree): counted, never silently dropped. */
  refused: { key: string; action: string; message: string }[];
  seconds: number;
  /** Demo keys → database ids, for tests. */
  ids: { users: Map<string, string>; organizations: Map<string, string>; appeals: Map<string, string> };
}

async function insertMany(em: EntityManager, table: string, columns: string[], rows: unknown[][]) {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const tuples = chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    await query(em, `insert into ${table} (${columns.join(', ')}) values ${tuples}`, chunk.flat());
  }
}

/**
 * Loads a generated demo world. Organizations, officials and applicants go in directly; every appeal and
 * instruction is played through the same use cases the API uses, acting as the official the story names and at
 * the time it names, so the history, deadlines and statuses are exactly what the service itself would produce.
 */
export interface LoadOptions {
  onProgress?: (done: number, total: number) => void;
  /** Called once the organizations and officials exist (before the appeals), e.g. to hand out demo tokens. */
  onOfficials?: () => Promise<void>;
  /** Appeals per transaction. Small batches keep an embedded single-connection database responsive meanwhile. */
  batchSize?: number;
  /** Stops cleanly between batches (on shutdown). */
  signal?: AbortSignal;
}

export async function loadDemoWorld(
  rootEm: EntityManager,
  calendar: WorkingCalendar,
  world: DemoWorld,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const { onProgress } = options;
  const started = performance.now();
  const em = rootEm.fork() as EntityManager;
  const units = new Map((await query<{ id: number; kato: string }>(em, 'select id, kato from admin_unit')).map((u) => [u.kato, u.id]));
  const topics = new Map((await query<{ id: number; code: string }>(em, 'select id, code from topic')).map((t) => [t.code, t.id]));
  const unit = (kato: string) => {
    const id = units.get(kato);
    if (!id) throw new Error(`Demo data names KATO ${kato}, which is not seeded`);
    return id;
  };
  const regionId = unit(world.regionKato);

  const orgIds = new Map(world.organizations.map((o) => [o.key, randomUUID()]));
  await insertMany(
    em,
    'organization',
    ['id', 'region_id', 'name_ru', 'name_kk', 'name_en', 'kind', 'level', 'admin_unit_id', 'parent_id'],
    world.organizations.map((o) => [
      orgIds.get(o.key),
      regionId,
      o.nameRu,
      o.nameKk,
      o.nameEn,
      o.kind,
      o.level,
      unit(o.adminUnitKato),
      o.parentKey ? orgIds.get(o.parentKey) : null,
    ]),
  );
  const userIds = new Map(world.users.map((u) => [u.key, randomUUID()]));
  await insertMany(
    em,
    'app_user',
    ['id', 'full_name', 'position', 'organization_id', 'roles', 'email', 'active'],
    world.users.map((u) => [userIds.get(u.key), u.fullName, u.position, orgIds.get(u.orgKey), `{${u.roles.join(',')}}`, u.email, true]),
  );
  const actors = new Map<string, Actor>(
    world.users.map((u) => [
      u.key,
      { userId: userIds.get(u.key)!, roles: u.roles, organizationId: orgIds.get(u.orgKey)!, regionId, system: false },
    ]),
  );
  const applicants = new Map(world.applicants.map((a) => [a.key, a]));
  await options.onOfficials?.();

  const appealIds = new Map<string, string>();
  const refused: LoadResult['refused'] = [];
  let clock = new Date();
  // The use cases run inside one transaction per batch (each use case nests as a savepoint, so a refused step
  // rolls back alone); the batch commits without waiting for the disk, which is what makes loading fast.
  let tx: EntityManager = em;
  const ctx = (actorKey: string) => {
    const actor = actors.get(actorKey);
    if (!actor) throw new Error(`Demo data names official ${actorKey}, who does not exist`);
    return { em: tx, actor, calendar, now: () => clock, requestId: 'demo-seed' };
  };
  const BATCH = options.batchSize ?? 50;
  const inBatches = async <T>(items: T[], work: (item: T) => Promise<void>) => {
    for (let i = 0; i < items.length; i += BATCH) {
      if (options.signal?.aborted) return;
      await em.fork().transactional(async (t) => {
        tx = t as EntityManager;
        await query(tx, 'set local synchronous_commit = off');
        for (const item of items.slice(i, i + BATCH)) await work(item);
      });
      tx = em;
    }
  };
  const total = world.appeals.length + world.instructions.length;
  let done = 0;
  await inBatches(world.appeals, async (a) => {
    clock = new Date(a.receivedAt);
    try {
      const appeal = await new AppealCommands(ctx(a.registeredBy)).register({
        form: a.form,
        channel: a.channel,
        receivedAt: new Date(a.receivedAt),
        text: a.text,
        summary: a.summary,
        language: a.language,
        adminUnitId: String(unit(a.adminUnitKato)),
        addresseeId: orgIds.get(a.addresseeOrgKey)!,
        applicants: a.anonymous
          ? []
          : a.applicantKeys.map((k) => {
              const p = applicants.get(k)!;
              return { ...p, adminUnitId: String(unit(p.adminUnitKato)) };
            }),
        anonymous: a.anonymous ?? false,
        signatoriesCount: a.signatoriesCount ?? null,
        repeatOfId: a.repeatOfKey ? appealIds.get(a.repeatOfKey) ?? null : null,
        outOfScope: a.outOfScope ?? null,
        topicId: topics.has(a.topicCode) ? String(topics.get(a.topicCode)) : null,
      });
      appealIds.set(a.key, appeal.id);
      for (const s of a.steps) {
        clock = new Date(s.at);
        const c = new AppealCommands(ctx(s.actor));
        try {
          switch (s.action) {
            case 'assign':
              await c.assign(appeal.id, { organizationId: orgIds.get(s.orgKey)!, role: s.role });
              break;
            case 'start_work':
              await c.startWork(appeal.id);
              break;
            case 'respond':
              await c.submitResponse(appeal.id, { text: s.text, decision: s.decision });
              break;
            case 'review': {
              const [last] = await query<{ id: string }>(tx, 'select id from response where appeal_id = ? order by round desc limit 1', [appeal.id]);
              await c.reviewResponse(last.id, { verdict: s.verdict, reasons: s.reasons ?? [], comment: s.comment });
              break;
            }
            case 'close':
              await c.close(appeal.id);
              break;
            case 'forward':
              await c.forward(appeal.id, { to: s.toBody, reason: s.reason });
              break;
            case 'extend':
              await c.extendDeadline(appeal.id, { newDueDate: s.newDueDate, reason: s.reason });
              break;
            case 'leave':
              await c.leaveWithoutConsideration(appeal.id, { reason: s.reason, comment: s.comment });
              break;
            case 'take_on_control':
              await c.takeOnControl(appeal.id);
              break;
          }
        } catch (e: any) {
          refused.push({ key: a.key, action: s.action, message: e?.message ?? String(e) });
          break; // the rest of the story depends on this step
        }
      }
    } catch (e: any) {
      refused.push({ key: a.key, action: 'register', message: e?.message ?? String(e) });
    }
    if (++done % 100 === 0) onProgress?.(done, total);
  });

  await inBatches(world.instructions, async (ins) => {
    clock = new Date(ins.issuedAt);
    try {
      const i = await new InstructionCommands(ctx(ins.issuedBy)).issue({
        number: ins.number,
        source: ins.source,
        text: ins.text,
        issuedAt: new Date(ins.issuedAt),
        dueDate: ins.dueDate,
        assigneeIds: ins.assigneeOrgKeys.map((k) => orgIds.get(k)!),
        appealIds: ins.appealKeys.map((k) => appealIds.get(k)).filter((x): x is string => !!x),
        regionId: String(regionId),
      });
      for (const s of ins.steps) {
        clock = new Date(s.at);
        const c = new InstructionCommands(ctx(s.actor));
        try {
          switch (s.action) {
            case 'report':
              await c.submitReport(i.id, { kind: s.kind, text: s.text });
              break;
            case 'review_report': {
              const [last] = await query<{ id: string }>(tx, 'select id from instruction_report where instruction_id = ? order by submitted_at desc limit 1', [i.id]);
              await c.reviewReport(last.id, { verdict: s.verdict, comment: s.comment });
              break;
            }
            case 'extend':
              await c.extend(i.id, { newDueDate: s.newDueDate, reason: s.reason });
              break;
            case 'remove_from_control':
              await c.removeFromControl(i.id, { reason: s.reason });
              break;
          }
        } catch (e: any) {
          refused.push({ key: ins.key, action: s.action, message: e?.message ?? String(e) });
          break;
        }
      }
    } catch (e: any) {
      refused.push({ key: ins.key, action: 'issue', message: e?.message ?? String(e) });
    }
    if (++done % 100 === 0) onProgress?.(done, total);
  });
  return {
    organizations: world.organizations.length,
    users: world.users.length,
    appeals: appealIds.size,
    instructions: world.instructions.length,
    refused,
    seconds: (performance.now() - started) / 1000,
    ids: { users: userIds, organizations: orgIds, appeals: appealIds },
  };
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../src/access/actor';
import { AppealCommands } from '../../src/appeals/appeal.commands';
import type { WorkingCalendar } from '../../src/calendar/working-calendar';
import { toLocalDate } from '../../src/calendar/working-calendar';
import { query } from '../../src/db/sql';
import { chooseChannel } from '../../src/notifications/domain/notice-rules';
import { InstructionCommands } from '../../src/instructions/instruction.commands';
import { ConsultationCommands } from '../../src/consultations/consultation.commands';
import { ControlCommands } from '../../src/control/control.commands';
import { LoggingSender } from '../../src/notifications/senders';
import { NotificationWorker } from '../../src/notifications/worker';
import { OfficeCheckCommands } from '../../src/office-checks/office-check.commands';
import { ReceptionCommands } from '../../src/receptions/reception.commands';
import { WorkingGroupCommands } from '../../src/working-groups/working-group.commands';
import type { WriteMode } from '../../src/import/copy';
import { planAppealStories } from './appeal-stories';
import { writePlannedAppeals } from './bulk-write';
import type { DemoWorld } from './generator';

export interface LoadResult {
  organizations: number;
  users: number;
  appeals: number;
  instructions: number;
  /** Issue 6: reception sessions, consultations, verifications, office checks, working groups, notices delivered. */
  extras: { receptions: number; consultations: number; verifications: number; officeChecks: number; workingGroups: number; noticesSent: number };
  /** Steps the domain refused (the generator and the rules disagree): counted, never silently dropped. */
  refused: { key: string; action: string; message: string }[];
  /** Where the time went, seconds: officials, appeals, instructions, the rest (receptions, control, notices…). */
  phases: { officials: number; appeals: number; instructions: number; extras: number };
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
  /** 'bulk' (default): the appeals' stories planned in memory and written in bulk; 'use-cases': played one by one through the use cases. */
  appeals?: 'bulk' | 'use-cases';
  /** How the bulk path writes: COPY (PostgreSQL) or multi-row INSERT (also the embedded PGlite). Default 'insert'. */
  writeMode?: WriteMode;
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
  const marks = [performance.now()];

  const appealIds = new Map<string, string>();
  const refused: LoadResult['refused'] = [];
  let clock = new Date(0); // set to each step's own time before it runs
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
        for (const item of items.slice(i, i + BATCH)) {
          await work(item);
          tx.clear(); // keep the unit of work small: every flush scans what it manages
        }
      });
      tx = em;
    }
  };
  const total = world.appeals.length + world.instructions.length;
  let done = 0;
  if ((options.appeals ?? 'bulk') === 'bulk') {
    // The stories are played in memory by the use cases' rules and written in one go (test/api/demo-fast-load.test.ts
    // proves the result equals the use cases' own).
    const unitRows = await query<{ id: number; kato: string; parent_id: number | null; iso_code: string | null }>(em, 'select id, kato, parent_id, iso_code from admin_unit');
    const unitRefs = unitRows.map((u) => ({ id: u.id, kato: u.kato, parentId: u.parent_id, isoCode: u.iso_code }));
    const counters = await query<{ region_id: number; year: number; last_value: number }>(em, 'select region_id, year, last_value from registration_counter');
    const plan = planAppealStories(world, {
      calendar,
      units: new Map(unitRefs.map((u) => [u.kato, u])),
      unitsById: new Map(unitRefs.map((u) => [u.id, u])),
      topics: new Map([...topics].map(([code, id]) => [code, Number(id)])),
      orgIds,
      orgParent: new Map(world.organizations.map((o) => [orgIds.get(o.key)!, o.parentKey ? orgIds.get(o.parentKey)! : null])),
      actors,
      officials: new Map(world.users.map((u) => [userIds.get(u.key)!, { fullName: u.fullName, position: u.position }])),
      counters: new Map(counters.map((c) => [`${c.region_id}|${c.year}`, Number(c.last_value)])),
      requestId: 'demo-seed',
    });
    if (!options.signal?.aborted) await writePlannedAppeals(em, plan, options.writeMode ?? 'insert');
    for (const [k, id] of plan.appealIds) appealIds.set(k, id);
    refused.push(...plan.refused);
    done = world.appeals.length;
    onProgress?.(done, total);
  } else {
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
  }

  marks.push(performance.now());
  const instructionIds = new Map<string, string>();
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
      instructionIds.set(ins.key, i.id);
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
  marks.push(performance.now());
  const extras = await loadExtras({ world, rootEm: em, calendar, inBatches, ctx, setClock: (d) => (clock = d), unit, topics, orgIds, userIds, instructionIds, applicants, refused, signal: options.signal, fast: (options.appeals ?? 'bulk') === 'bulk' });
  return {
    extras,
    organizations: world.organizations.length,
    users: world.users.length,
    appeals: appealIds.size,
    instructions: world.instructions.length,
    refused,
    seconds: (performance.now() - started) / 1000,
    phases: {
      officials: (marks[0] - started) / 1000,
      appeals: (marks[1] - marks[0]) / 1000,
      instructions: (marks[2] - marks[1]) / 1000,
      extras: (performance.now() - marks[2]) / 1000,
    },
    ids: { users: userIds, organizations: orgIds, appeals: appealIds },
  };
}

/**
 * Issue 6: personal receptions (with their bookings, attendance, the appeals and instructions they produced),
 * consultations, on-site verifications with a violation and a disciplinary proposal, office-work checks, a working
 * group; each through its use cases as the official and at the time the story names. Then the outbox is delivered as
 * of each day's end (not during the demo's gateway outage), so the notices have the dates a running worker would give.
 */
async function loadExtras(a: {
  world: DemoWorld;
  rootEm: EntityManager;
  calendar: WorkingCalendar;
  inBatches: <T>(items: T[], work: (item: T) => Promise<void>) => Promise<void>;
  ctx: (actorKey: string) => { em: EntityManager; actor: Actor; calendar: WorkingCalendar; now: () => Date; requestId: string };
  setClock: (d: Date) => void;
  unit: (kato: string) => number;
  topics: Map<string, number>;
  orgIds: Map<string, string>;
  userIds: Map<string, string>;
  instructionIds: Map<string, string>;
  applicants: Map<string, DemoWorld['applicants'][number]>;
  refused: LoadResult['refused'];
  signal?: AbortSignal;
  /** Notices delivered in one pass instead of by the worker day by day (same result). */
  fast: boolean;
}): Promise<LoadResult['extras']> {
  const x = a.world.extras;
  const out = { receptions: 0, consultations: 0, verifications: 0, officeChecks: 0, workingGroups: 0, noticesSent: 0 };
  if (!x) return out;
  const step = async (key: string, action: string, at: string, work: () => Promise<unknown>): Promise<boolean> => {
    a.setClock(new Date(at));
    try {
      await work();
      return true;
    } catch (e: any) {
      a.refused.push({ key, action, message: e?.message ?? String(e) });
      return false;
    }
  };
  const topicId = (code: string) => (a.topics.has(code) ? String(a.topics.get(code)) : null);
  const person = (key: string) => {
    const p = a.applicants.get(key)!;
    return { fullName: p.fullName ?? p.organizationName ?? '—', iin: p.iin ?? null, phone: p.phone ?? null, email: p.email ?? null, address: p.address };
  };

  await a.inBatches(x.receptions, async (r) => {
    let sessionId = '';
    const scheduled = await step(r.key, 'schedule', r.scheduledAt, async () => {
      sessionId = (
        await new ReceptionCommands(a.ctx(r.scheduledBy)).schedule({
          organizationId: a.orgIds.get(r.orgKey)!, officialKind: r.officialKind, officialName: r.officialName, kind: r.kind,
          startsAt: new Date(r.startsAt), endsAt: new Date(r.endsAt), place: r.place, link: r.link,
          settlementUnitId: r.settlementKato ? String(a.unit(r.settlementKato)) : null, capacity: r.capacity,
          supervisingDeputy: r.supervisingDeputy, withPaAppealsHead: r.withPaAppealsHead,
        })
      ).id;
    });
    if (!scheduled) return;
    out.receptions++;
    const events: { at: string; run: () => Promise<unknown>; action: string }[] = [];
    const bookingIds: string[] = [];
    r.bookings.forEach((b, i) => {
      events.push({ at: b.bookedAt, action: 'book', run: async () => {
        bookingIds[i] = (await new ReceptionCommands(a.ctx(b.bookedBy)).book({ sessionId, person: person(b.applicantKey), subject: b.subject, topicId: topicId(b.topicCode) })).id;
      } });
      if (b.attendance) {
        const m = b.attendance;
        events.push({ at: m.at, action: `attendance_${m.mark}`, run: () => new ReceptionCommands(a.ctx(m.by)).recordAttendance(bookingIds[i], { mark: m.mark, reason: m.reason }) });
      }
      if (b.outcome) {
        const o = b.outcome;
        events.push({ at: o.at, action: 'record_outcome', run: () => new ReceptionCommands(a.ctx(o.by)).recordOutcome(bookingIds[i], {
          note: o.note,
          appeal: o.appeal ? { form: o.appeal.form, text: o.appeal.text, summary: o.appeal.summary, adminUnitId: String(a.unit(o.appeal.adminUnitKato)), addresseeId: a.orgIds.get(o.appeal.addresseeOrgKey)!, topicId: topicId(b.topicCode) } : null,
          instructions: (o.instructions ?? []).map((ins) => ({ number: ins.number, text: ins.text, dueDate: ins.dueDate, assigneeIds: ins.assigneeOrgKeys.map((k) => a.orgIds.get(k)!) })),
        }) });
      }
      for (const ins of b.outcome?.instructions ?? []) {
        const rep = ins.report;
        if (!rep) continue;
        const idOf = async () =>
          (await query<{ id: string }>(a.ctx(rep.by).em, 'select id from instruction where number = ? and region_id = ?', [ins.number, a.unit(a.world.regionKato)]))[0]?.id;
        events.push({ at: rep.at, action: 'report', run: async () => new InstructionCommands(a.ctx(rep.by)).submitReport((await idOf())!, { kind: 'final', text: rep.text }) });
        events.push({ at: rep.reviewAt, action: 'review_report', run: async () => {
          const [last] = await query<{ id: string }>(a.ctx(rep.reviewBy).em, 'select r.id from instruction_report r join instruction i on i.id = r.instruction_id where i.number = ? order by r.submitted_at desc limit 1', [ins.number]);
          return new InstructionCommands(a.ctx(rep.reviewBy)).reviewReport(last.id, { verdict: 'accepted' });
        } });
      }
    });
    if (r.cancel) {
      const c = r.cancel;
      events.push({ at: c.at, action: 'cancel', run: () => new ReceptionCommands(a.ctx(c.by)).cancelSession(sessionId, { reason: c.reason }) });
    }
    events.sort((p, q) => Date.parse(p.at) - Date.parse(q.at));
    for (const e of events) await step(r.key, e.action, e.at, e.run);
  });

  await a.inBatches(x.consultations, async (c) => {
    const ok = await step('consultation', 'record', c.at, () =>
      new ConsultationCommands(a.ctx(c.official)).record({
        channel: c.channel, givenAt: new Date(c.at), durationMinutes: c.minutes,
        person: c.applicantKey ? (({ fullName, iin, phone, email }) => ({ fullName, iin, phone, email }))(person(c.applicantKey)) : null,
        adminUnitId: String(a.unit(c.adminUnitKato)), topicId: topicId(c.topicCode), question: c.question, advice: c.advice,
      }),
    );
    if (ok) out.consultations++;
  });

  await a.inBatches(x.verifications, async (v) => {
    let id = '';
    const planned = await step(v.instructionKey, 'plan_verification', v.plannedAt, async () => {
      id = (await new ControlCommands(a.ctx(v.plannedBy)).planVerification({
        organizationId: a.orgIds.get(v.orgKey)!, place: v.place, adminUnitId: String(a.unit(v.adminUnitKato)), instructionId: a.instructionIds.get(v.instructionKey) ?? null,
        issue: v.issue, visitedOn: v.visitedOn, participantIds: v.participants.map((k) => a.userIds.get(k)!),
      })).id;
    });
    if (!planned) return;
    out.verifications++;
    await step(v.instructionKey, 'complete_verification', v.completedAt, () => new ControlCommands(a.ctx(v.completedBy)).completeVerification(id, { findings: v.findings }));
    if (!v.violation) return;
    const vi = v.violation;
    let violationId = '';
    await step(v.instructionKey, 'record_violation', vi.at, async () => {
      violationId = (await new ControlCommands(a.ctx(vi.by)).recordViolation({
        organizationId: a.orgIds.get(v.orgKey)!, kind: vi.kind, description: vi.description, foundOn: vi.at.slice(0, 10), officialId: a.userIds.get(vi.officialKey) ?? null,
        verificationId: id, instructionId: a.instructionIds.get(v.instructionKey) ?? null,
      })).id;
    });
    if (!v.proposal || !violationId) return;
    const p = v.proposal;
    let proposalId = '';
    const official = a.world.users.find((u) => u.key === vi.officialKey);
    await step(v.instructionKey, 'propose_disciplinary_action', p.at, async () => {
      proposalId = (await new ControlCommands(a.ctx(p.by)).proposeDisciplinaryAction({
        organizationId: a.orgIds.get(v.orgKey)!, officialName: official?.fullName ?? '—', officialPosition: official?.position ?? null, officialId: a.userIds.get(vi.officialKey) ?? null,
        violationId, grounds: p.grounds, measure: p.measure,
      })).id;
    });
    if (p.decision && proposalId) {
      const d = p.decision;
      await step(v.instructionKey, 'decide_disciplinary_proposal', d.at, () =>
        new ControlCommands(a.ctx(d.by)).decideDisciplinaryProposal(proposalId, { decision: d.applied ? 'applied' : 'rejected', appliedMeasure: d.applied, text: d.text, decidedOn: d.at.slice(0, 10) }),
      );
    }
  });

  // The findings of a completed check are computed from the notices as delivered: deliver the backlog up to the
  // first completion (outside any transaction: the embedded database has one connection).
  const completions = x.officeChecks.flatMap((c) => (c.complete ? [Date.parse(c.complete.at)] : []));
  if (completions.length && !a.signal?.aborted) {
    const until = new Date(Math.min(...completions));
    if (a.fast) await deliverNoticesInBulk(a.rootEm, x.noticeOutage, until, out);
    await deliverNotices(a, x.noticeOutage, until, out);
  }
  await a.inBatches(x.officeChecks, async (c) => {
    let id = '';
    const planned = await step(c.orgKey, 'plan_office_check', c.plannedAt, async () => {
      id = (await new OfficeCheckCommands(a.ctx(c.plannedBy)).plan({ organizationId: a.orgIds.get(c.orgKey)!, periodFrom: c.periodFrom, periodTo: c.periodTo, plannedOn: c.plannedOn, inspectorId: a.userIds.get(c.inspector)! })).id;
    });
    if (!planned) return;
    out.officeChecks++;
    if (c.start) await step(c.orgKey, 'start_office_check', c.start, () => new OfficeCheckCommands(a.ctx(c.inspector)).start(id));
    if (c.complete) {
      const f = c.complete;
      await step(c.orgKey, 'complete_office_check', f.at, () => new OfficeCheckCommands(a.ctx(c.inspector)).complete(id, { inspectorFindings: f.inspectorFindings, recommendations: f.recommendations, followUpDate: f.followUpDate }));
    }
  });

  await a.inBatches(x.workingGroups, async (g) => {
    let groupId = '';
    const created = await step(g.name, 'create_working_group', g.createdAt, async () => {
      groupId = (await new WorkingGroupCommands(a.ctx(g.createdBy)).create({ kind: g.kind, name: g.name, issue: g.issue, regionId: String(a.unit(a.world.regionKato)) })).id;
    });
    if (!created) return;
    out.workingGroups++;
    const memberIds: string[] = [];
    for (const m of g.members) {
      await step(g.name, 'add_member', g.createdAt, async () => {
        memberIds.push((await new WorkingGroupCommands(a.ctx(g.createdBy)).addMember(groupId, {
          kind: m.kind, role: m.role, fullName: m.fullName, affiliation: m.affiliation, userId: m.userKey ? a.userIds.get(m.userKey) ?? null : null, organizationId: m.orgKey ? a.orgIds.get(m.orgKey) ?? null : null,
        })).id);
      });
    }
    for (const mt of g.meetings) {
      let meetingId = '';
      await step(g.name, 'record_meeting', mt.recordedAt, async () => {
        meetingId = (await new WorkingGroupCommands(a.ctx(g.createdBy)).recordMeeting(groupId, {
          heldAt: new Date(mt.heldAt), place: mt.place, minutesNumber: mt.minutesNumber, minutes: mt.minutes, attendeeIds: mt.attendees.map((k) => memberIds[k]).filter(Boolean),
          decisions: mt.decisions.map((d) => ({ text: d.text, responsibleOrganizationId: a.orgIds.get(d.orgKey) ?? null, dueDate: d.dueDate })),
        })).id;
      });
      if (!meetingId) continue;
      const decisions = await query<{ id: string; text: string }>(a.ctx(g.createdBy).em, 'select id, text from working_group_decision where meeting_id = ?', [meetingId]);
      for (const d of mt.decisions) {
        const row = decisions.find((r) => r.text === d.text);
        if (d.followUp && row) {
          const f = d.followUp;
          await step(g.name, 'follow_up_decision', f.at, () => new WorkingGroupCommands(a.ctx(f.by)).followUpDecision(row.id, { status: 'done', followUp: f.text }));
        }
      }
    }
  });

  if (!a.signal?.aborted) {
    if (a.fast) await deliverNoticesInBulk(a.rootEm, x.noticeOutage, null, out);
    await deliverNotices(a, x.noticeOutage, null, out);
  }
  return out;
}

/**
 * What `deliverNotices` below does, computed in one pass and written with one statement a chunk: each pending notice
 * goes out at the end of the day it became due (the evening of the outage's last day for the outage's days), through
 * the channel the worker would choose, and no later than `until`. Notices it cannot place (no channel: the worker's
 * failure path) are left pending for the worker itself.
 */
async function deliverNoticesInBulk(rootEm: EntityManager, outage: { from: string; to: string }, until: Date | null, out: { noticesSent: number }) {
  const em = rootEm.fork() as EntityManager;
  const pending = await query<{ id: string; next_attempt_at: Date | string; email: string | null; phone: string | null; address: string | null }>(
    em,
    `select n.id, n.next_attempt_at, p.email, p.phone, p.address from notification n join applicant p on p.id = n.applicant_id
      where n.status = 'pending' and (?::timestamptz is null or n.next_attempt_at <= ?::timestamptz)`,
    [until, until],
  );
  const ids: string[] = [];
  const times: string[] = [];
  const channels: string[] = [];
  for (const n of pending) {
    const channel = chooseChannel(n);
    if (!channel) continue;
    const due = new Date(n.next_attempt_at);
    const day = toLocalDate(due);
    let at = new Date(`${day >= outage.from && day <= outage.to ? outage.to : day}T23:00:00+05:00`);
    if (at.getTime() < due.getTime()) at = due;
    if (until && at.getTime() > until.getTime()) at = until;
    ids.push(n.id);
    times.push(at.toISOString());
    channels.push(channel);
  }
  for (let i = 0; i < ids.length; i += 20_000) {
    await query(
      em,
      `update notification n set status = 'sent', sent_at = d.at, channel = d.channel, sender = 'log', attempts = n.attempts + 1,
              claimed_by = null, claimed_until = null, last_error = null
         from unnest(?::uuid[], ?::timestamptz[], ?::text[]) as d(id, at, channel) where n.id = d.id`,
      [`{${ids.slice(i, i + 20_000).join(',')}}`, `{${times.slice(i, i + 20_000).join(',')}}`, `{${channels.slice(i, i + 20_000).join(',')}}`],
    );
  }
  out.noticesSent += ids.length;
}

/**
 * Delivers the outbox as a worker running through the demo's year would have: each day's notices at the end of that
 * day, and those of the gateway outage on the evening of its last day. Stops at `until` (or when nothing is pending).
 */
async function deliverNotices(
  a: { rootEm: EntityManager; setClock: (d: Date) => void },
  outage: { from: string; to: string },
  until: Date | null,
  out: { noticesSent: number },
) {
  let now = new Date(0);
  const worker = new NotificationWorker({ orm: { em: a.rootEm } as any, senders: [new LoggingSender({ info() {} })], now: () => now, batchSize: 200 });
  for (;;) {
    const [next] = await query<{ at: string }>(a.rootEm.fork() as EntityManager, "select min(next_attempt_at) as at from notification where status = 'pending'");
    if (!next?.at) break;
    const first = new Date(String(next.at).replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
    if (until && first.getTime() > until.getTime()) break;
    const day = new Date(first.getTime() + 5 * 3_600_000).toISOString().slice(0, 10);
    now = day >= outage.from && day <= outage.to ? new Date(`${outage.to}T23:00:00+05:00`) : new Date(`${day}T23:00:00+05:00`);
    if (now.getTime() < first.getTime()) now = first;
    if (until && now.getTime() > until.getTime()) now = until;
    const r = await worker.runOnce();
    out.noticesSent += r.sent;
    if (r.claimed === 0) break;
  }
}

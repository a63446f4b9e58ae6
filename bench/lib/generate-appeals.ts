/**
 * Fills a migrated database with N appeals for the benchmarks, fast: rows are made in memory chunk by chunk and
 * written with COPY while the next chunk is being made.
 *
 * Realism comes from the demo generator (seeds/demo/generator.ts, texts written for this project): it makes the
 * region's organizations and officials and a pool of a few thousand appeal stories (text, district, topic, form,
 * channel, applicants' kinds, and the whole life: assignment, work, responses, reviews with reasons, rework,
 * extensions, forwarding, leaving, control). Each generated appeal takes one story, moves it to a new receipt time
 * (spread over `years` years, weekdays heavier, volume growing over time), recomputes its deadlines on the working
 * calendar, replays the life through the status table (src/appeals/domain/appeal-status.ts), and drops whatever
 * would happen after the end date, so the most recent appeals are open and some of them overdue.
 *
 * Speed: secondary indexes of the appeal-scale tables are dropped for the load and rebuilt afterwards, and (when
 * the connection may) foreign-key triggers are skipped with session_replication_role = replica: the rows are
 * consistent by construction. Then VACUUM ANALYZE, as a database that has lived would be.
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Client } from 'pg';
import { generateDemoWorld, type DemoAppeal, type DemoWorld } from '../../seeds/demo/generator';
import { nextStatus, type AppealAction, type AppealStatus } from '../../src/appeals/domain/appeal-status';
import { WORKING_DAY_END_MINUTES, type AppealForm } from '../../src/appeals/domain/deadline-rules';
import { forwardingDueDate, initialDueDate, maxExtendedDueDate, registrationDate } from '../../src/appeals/domain/deadlines';
import { makeBin, makeIin } from '../../src/applicants/identity-number';
import { addDays, localMinutesOfDay, toLocalDate, type WorkingCalendar } from '../../src/calendar/working-calendar';
import { TextClassifier } from '../../src/classifier/classifier';
import { copyText, TableRows } from '../../src/import/copy';

export interface GenerateOptions {
  appeals: number;
  /** Last day of history, 'YYYY-MM-DD' (appeals are received up to 18:00 +05:00 that day). */
  endDate: string;
  years: number;
  seed: number;
  /** Stories to sample from (each generated appeal copies one). */
  stories: number;
  /** Distinct applicants, as a share of the appeals (the rest are repeat appellants). */
  applicantShare: number;
  /** Appeals per chunk written with one COPY per table. */
  chunk: number;
  /** 'all': a history record per step of each appeal; 'none': no history (faster, smaller). */
  history: 'all' | 'none';
  onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_GENERATE_OPTIONS: Omit<GenerateOptions, 'appeals'> = {
  endDate: '2026-11-20',
  years: 3,
  seed: 7,
  stories: 6000,
  applicantShare: 0.55,
  chunk: 20_000,
  history: 'all',
};

export interface GenerateResult {
  rows: Record<string, number>;
  seconds: { total: number; rows: number; indexes: number; vacuum: number };
  fkChecksSkipped: boolean;
  regionId: number;
  status: Record<string, number>;
  overdueOpen: number;
}

/** mulberry32 */
class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = (seed ^ 0x5bd1e995) >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const DAY_MS = 86_400_000;
const APPEAL_SCALE_TABLES = ['applicant', 'appeal', 'appeal_applicant', 'assignment', 'response', 'response_review', 'deadline_extension', 'history_event'];

const COLUMNS = {
  applicant: ['id', 'region_id', 'kind', 'full_name', 'iin', 'organization_name', 'bin', 'phone', 'email', 'address', 'admin_unit_id', 'created_at'],
  appeal: [
    'id', 'region_id', 'registration_number', 'form', 'channel', 'received_at', 'registered_at', 'registration_date', 'text', 'summary',
    'language', 'admin_unit_id', 'addressee_id', 'registered_by_id', 'signatories_count', 'anonymous', 'out_of_scope', 'on_control',
    'control_taken_by_id', 'control_taken_at', 'topic_id', 'topic_source', 'machine_topic_id', 'machine_topic_confidence',
    'machine_model_version', 'status', 'leave_reason', 'status_comment', 'due_date',
    'forward_due_date', 'forwarded_to', 'forwarded_at', 'answered_at', 'closed_at', 'finished_at', 'version', 'created_at', 'updated_at',
  ],
  appeal_applicant: ['id', 'region_id', 'appeal_id', 'applicant_id', 'position'],
  assignment: ['id', 'region_id', 'appeal_id', 'organization_id', 'role', 'assigned_by_id', 'assigned_at', 'due_date', 'note'],
  response: ['id', 'region_id', 'appeal_id', 'assignment_id', 'organization_id', 'author_id', 'text', 'decision', 'submitted_at', 'round', 'review_state'],
  response_review: ['id', 'region_id', 'response_id', 'appeal_id', 'reviewer_id', 'verdict', 'reasons', 'comment', 'reviewed_at'],
  deadline_extension: ['id', 'region_id', 'appeal_id', 'previous_due_date', 'new_due_date', 'reason', 'extended_by_id', 'extended_at', 'notice_due_date'],
  history_event: ['region_id', 'entity_type', 'entity_id', 'appeal_id', 'action', 'actor_id', 'actor_role', 'actor_organization_id', 'at', 'after'],
} as const;

type Table = keyof typeof COLUMNS;

interface Refs {
  regionId: number;
  prefix: string;
  units: Map<string, number>;
  topics: Map<string, number>;
  orgs: Map<string, string>;
  users: Map<string, { id: string; orgId: string; role: string }>;
}

async function loadWorld(c: Client, world: DemoWorld): Promise<Refs> {
  const units = new Map((await c.query<{ id: number; kato: string }>('select id, kato from admin_unit')).rows.map((u) => [u.kato, u.id]));
  const topics = new Map((await c.query<{ id: number; code: string }>('select id, code from topic')).rows.map((t) => [t.code, t.id]));
  const regionId = units.get(world.regionKato);
  if (!regionId) throw new Error(`Region ${world.regionKato} is not seeded`);
  const [{ iso_code: iso, kato }] = (await c.query('select iso_code, kato from admin_unit where id = $1', [regionId])).rows;
  const orgs = new Map<string, string>();
  for (const o of world.organizations) orgs.set(o.key, randomUUID());
  for (const o of world.organizations) {
    await c.query(
      `insert into organization (id, region_id, name_ru, name_kk, name_en, kind, level, admin_unit_id, parent_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [orgs.get(o.key), regionId, o.nameRu, o.nameKk, o.nameEn, o.kind, o.level, units.get(o.adminUnitKato), o.parentKey ? orgs.get(o.parentKey) : null],
    );
  }
  const users = new Map<string, { id: string; orgId: string; role: string }>();
  for (const u of world.users) {
    const id = randomUUID();
    users.set(u.key, { id, orgId: orgs.get(u.orgKey)!, role: u.roles[0] });
    await c.query(
      `insert into app_user (id, full_name, position, organization_id, roles, email, active) values ($1, $2, $3, $4, $5, $6, true)`,
      [id, u.fullName, u.position, orgs.get(u.orgKey), `{${u.roles.join(',')}}`, `bench.${u.email}`],
    );
  }
  return { regionId, prefix: (iso ?? `KZ-${String(kato).slice(0, 2)}`).replace(/^KZ-/, ''), units, topics, orgs, users };
}

/** Receipt times over the period: weekdays heavier, volume growing ~40 % from first to last year; sorted. */
function receiptTimes(n: number, endDate: string, years: number, rng: Rng): Float64Array {
  const endDay = Date.parse(`${endDate}T00:00:00Z`) / DAY_MS;
  const days = Math.round(years * 365.25);
  const startDay = endDay - days + 1;
  const weights = new Float64Array(days);
  let total = 0;
  for (let i = 0; i < days; i++) {
    const wd = new Date((startDay + i) * DAY_MS).getUTCDay();
    const w = (wd === 0 ? 0.15 : wd === 6 ? 0.3 : 1) * (1 + (0.4 * i) / days);
    total += w;
    weights[i] = total;
  }
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const x = rng.next() * total;
    let lo = 0;
    let hi = days - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (weights[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    // office hours mostly (08:00–20:00 local), some at night (electronic channels)
    const minute = rng.chance(0.85) ? 8 * 60 + rng.int(12 * 60) : rng.int(24 * 60);
    out[k] = (startDay + lo) * DAY_MS + (minute - 5 * 60) * 60_000 + rng.int(60) * 1000;
  }
  out.sort();
  return out;
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];

export async function generateBenchData(c: Client, calendar: WorkingCalendar, opts: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const rng = new Rng(opts.seed);
  const world = generateDemoWorld({ appeals: opts.stories, seed: opts.seed, endDate: opts.endDate, months: 12 });
  const stories = world.appeals.filter((a) => !a.repeatOfKey);

  // FK checks off for this session when we may (superuser); the rows are consistent by construction.
  let fkChecksSkipped = false;
  try {
    await c.query('set session_replication_role = replica');
    fkChecksSkipped = true;
  } catch {
    fkChecksSkipped = false;
  }
  await c.query('set maintenance_work_mem = \'256MB\'');

  const refs = await loadWorld(c, world);
  const machine = await storeModels(c, refs, stories);
  const endLimit = Date.parse(`${opts.endDate}T18:00:00+05:00`);

  // Secondary indexes off during the load (constraint indexes stay: primary keys and unique keys).
  const indexes = (
    await c.query<{ indexname: string; indexdef: string }>(
      `select i.indexname, i.indexdef from pg_indexes i
        where i.schemaname = current_schema() and i.tablename = any($1::text[])
          and not exists (select 1 from pg_constraint k where k.conname = i.indexname)`,
      [APPEAL_SCALE_TABLES],
    )
  ).rows;
  for (const ix of indexes) await c.query(`drop index ${ix.indexname}`);

  const rows: Record<string, number> = {};
  const buffers = Object.fromEntries(Object.entries(COLUMNS).map(([t, cols]) => [t, new TableRows(t, cols)])) as Record<Table, TableRows>;
  let pending: Promise<void> = Promise.resolve();
  const flush = async () => {
    const taken = (Object.keys(COLUMNS) as Table[]).map((t) => ({ t, ...buffers[t].take() }));
    await pending;
    pending = (async () => {
      for (const x of taken) {
        if (!x.count) continue;
        await copyText(c, x.t, COLUMNS[x.t], x.text);
        rows[x.t] = (rows[x.t] ?? 0) + x.count;
      }
    })();
    // surface errors promptly, but let the COPY run while the next chunk is made
    pending.catch(() => undefined);
  };

  // ── applicants: a pool; most people write once, some often (repeat appellants)
  const poolSize = Math.max(1, Math.round(opts.appeals * opts.applicantShare));
  const applicantIds: string[] = new Array(poolSize);
  const districtKatos = [...new Set(stories.map((s) => s.adminUnitKato))];
  const people = world.applicants.filter((a) => a.kind === 'individual');
  const firms = world.applicants.filter((a) => a.kind === 'legal');
  const createdAt = new Date(endLimit - opts.years * 365 * DAY_MS);
  for (let i = 0; i < poolSize; i++) {
    const id = randomUUID();
    applicantIds[i] = id;
    const legal = firms.length > 0 && rng.chance(0.03);
    const tpl = legal ? pick(rng, firms) : pick(rng, people);
    const birth = `${1945 + rng.int(60)}-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`;
    const unitId = refs.units.get(pick(rng, districtKatos)) ?? null;
    buffers.applicant.add([
      id, refs.regionId, legal ? 'legal' : 'individual', legal ? null : tpl.fullName ?? null,
      legal ? null : makeIin(birth, rng.chance(0.5) ? 'male' : 'female', rng.int(10_000)),
      legal ? tpl.organizationName ?? null : null, legal ? makeBin(2000 + rng.int(25), 1 + rng.int(12), rng.int(100_000)) : null,
      tpl.phone ?? null, tpl.email ? `${i}.${tpl.email}` : null, tpl.address, unitId, createdAt,
    ]);
    if (buffers.applicant.count >= 50_000) await flush();
  }
  await flush();
  const frequent = Math.max(1, Math.floor(poolSize * 0.02));
  const pickApplicant = () => applicantIds[rng.chance(0.2) ? rng.int(frequent) : rng.int(poolSize)];

  // ── appeals
  const times = receiptTimes(opts.appeals, opts.endDate, opts.years, rng);
  const counters = new Map<number, number>();
  const statusCount: Record<string, number> = {};
  let overdueOpen = 0;
  const todayLocal = opts.endDate;
  const dueCache = new Map<string, { reg: string; due: string; fwd: string }>();

  for (let k = 0; k < opts.appeals; k++) {
    const story = stories[rng.int(stories.length)];
    const receivedMs = times[k];
    const received = new Date(receivedMs);
    const localDay = toLocalDate(received);
    const key = `${story.form}|${localDay}|${localMinutesOfDay(received) < WORKING_DAY_END_MINUTES ? 0 : 1}`;
    let d = dueCache.get(key);
    if (!d) {
      d = {
        reg: registrationDate(calendar, received),
        due: initialDueDate(calendar, story.form as AppealForm, received),
        fwd: forwardingDueDate(calendar, received),
      };
      dueCache.set(key, d);
    }
    const year = Number(localDay.slice(0, 4));
    const seq = (counters.get(year) ?? 0) + 1;
    counters.set(year, seq);
    const appealId = randomUUID();
    const shift = receivedMs - Date.parse(story.receivedAt);
    const at = (s: string) => new Date(Date.parse(s) + shift);
    const registeredAt = new Date(receivedMs + (5 + rng.int(55)) * 60_000);
    const registrar = refs.users.get(story.registeredBy)!;

    let status: AppealStatus = 'registered';
    let dueDate = d.due;
    let onControl = false;
    let controlBy: string | null = null;
    let controlAt: Date | null = null;
    let answeredAt: Date | null = null;
    let closedAt: Date | null = null;
    let finishedAt: Date | null = null;
    let forwardedTo: string | null = null;
    let forwardedAt: Date | null = null;
    let leaveReason: string | null = null;
    let statusComment: string | null = null;
    let version = 1;
    let updatedAt = registeredAt;
    let round = 0;
    // responses are written after the life is replayed, with the review state they ended in
    const responses: (string | number | Date | null)[][] = [];
    let lastResponse: { id: string; row: (string | number | Date | null)[] } | null = null;
    const leadByOrg = new Map<string, string>();
    const history = opts.history === 'all';
    const event = (action: string, actor: { id: string; orgId: string; role: string } | null, when: Date, after: Record<string, unknown>, entity = 'appeal', entityId: string = appealId) => {
      if (!history) return;
      buffers.history_event.add([refs.regionId, entity, entityId, appealId, action, actor?.id ?? null, actor?.role ?? null, actor?.orgId ?? null, when, after]);
    };
    event('register', registrar, registeredAt, { form: story.form, channel: story.channel, status: 'registered', dueDate });

    const move = (action: AppealAction): boolean => {
      try {
        status = nextStatus(status, action);
        return true;
      } catch {
        return false;
      }
    };
    for (const step of story.steps) {
      const when = at(step.at);
      if (when.getTime() > endLimit) break;
      const actor = refs.users.get(step.actor) ?? registrar;
      let ok = true;
      switch (step.action) {
        case 'assign': {
          ok = move('assign');
          if (!ok) break;
          const orgId = refs.orgs.get(step.orgKey)!;
          const sid = randomUUID();
          if (step.role === 'lead' || !leadByOrg.has(orgId)) leadByOrg.set(orgId, sid);
          buffers.assignment.add([sid, refs.regionId, appealId, orgId, step.role, actor.id, when, dueDate, null]);
          event('assign', actor, when, { organizationId: orgId, role: step.role }, 'assignment', sid);
          break;
        }
        case 'start_work':
          ok = move('start_work');
          if (ok) event('start_work', actor, when, { status });
          break;
        case 'respond': {
          ok = move('submit_response');
          if (!ok) break;
          const orgId = refs.orgs.get(step.orgKey)!;
          round++;
          const id = randomUUID();
          const row = [id, refs.regionId, appealId, leadByOrg.get(orgId) ?? null, orgId, actor.id, step.text, step.decision, when, round, 'pending'];
          responses.push(row);
          lastResponse = { id, row };
          answeredAt = when;
          finishedAt = when;
          event('submit_response', actor, when, { round, decision: step.decision }, 'response', lastResponse.id);
          break;
        }
        case 'review': {
          if (!lastResponse) {
            ok = false;
            break;
          }
          if (step.verdict === 'returned') {
            ok = move('return_for_rework');
            if (!ok) break;
            answeredAt = null;
            finishedAt = null;
          } else {
            ok = move('accept_response');
            if (!ok) break;
          }
          lastResponse.row[10] = step.verdict;
          buffers.response_review.add([randomUUID(), refs.regionId, lastResponse.id, appealId, actor.id, step.verdict, step.reasons ?? [], step.comment ?? null, when]);
          event('review_response', actor, when, { verdict: step.verdict, reasons: step.reasons ?? [] }, 'response', lastResponse.id);
          break;
        }
        case 'close':
          ok = move('close');
          if (ok) {
            closedAt = when;
            event('close', actor, when, { status });
          }
          break;
        case 'forward':
          ok = move('forward');
          if (ok) {
            forwardedTo = step.toBody;
            forwardedAt = when;
            finishedAt = when;
            statusComment = step.reason;
            event('forward', actor, when, { status, forwardedTo });
          }
          break;
        case 'extend': {
          ok = move('extend_deadline');
          if (!ok) break;
          const shiftedDays = Math.round(shift / DAY_MS);
          let nd = calendar.nextWorkingDay(addDays(step.newDueDate, shiftedDays));
          const max = maxExtendedDueDate(story.form as AppealForm, received);
          if (nd > max) nd = calendar.previousWorkingDay(max);
          if (nd <= dueDate) break;
          const decided = toLocalDate(when);
          buffers.deadline_extension.add([
            randomUUID(), refs.regionId, appealId, dueDate, nd, step.reason, actor.id, when, calendar.addWorkingDays(decided, 3),
          ]);
          event('extend_deadline', actor, when, { dueDate: nd }, 'appeal');
          dueDate = nd;
          break;
        }
        case 'leave':
          ok = move('leave_without_consideration');
          if (ok) {
            leaveReason = step.reason;
            statusComment = step.comment ?? null;
            finishedAt = when;
            event('leave_without_consideration', actor, when, { status, leaveReason });
          }
          break;
        case 'take_on_control':
          ok = move('take_on_control');
          if (ok) {
            onControl = true;
            controlBy = actor.id;
            controlAt = when;
            event('take_on_control', actor, when, { onControl: true });
          }
          break;
      }
      if (!ok) break;
      version++;
      updatedAt = when;
    }
    for (const r of responses) buffers.response.add(r);

    const anonymous = Boolean(story.anonymous) || story.applicantKeys.length === 0;
    const nApplicants = anonymous ? 0 : story.applicantKeys.length;
    const seen = new Set<string>();
    for (let i = 0; i < nApplicants; i++) {
      let pid = pickApplicant();
      while (seen.has(pid)) pid = applicantIds[rng.int(poolSize)];
      seen.add(pid);
      buffers.appeal_applicant.add([randomUUID(), refs.regionId, appealId, pid, i]);
    }
    buffers.appeal.add([
      appealId, refs.regionId, `${refs.prefix}-${year}-${String(seq).padStart(6, '0')}`, story.form, story.channel, received, registeredAt, d.reg,
      story.text, story.summary, story.language, refs.units.get(story.adminUnitKato)!, refs.orgs.get(story.addresseeOrgKey)!, registrar.id,
      story.signatoriesCount ?? (nApplicants > 1 ? nApplicants : null), anonymous, story.outOfScope ?? null, onControl, controlBy, controlAt,
      refs.topics.get(story.topicCode) ?? null, refs.topics.has(story.topicCode) ? 'person' : null,
      machine.get(story)?.topicId ?? null, machine.get(story)?.probability ?? null, machine.has(story) ? 1 : null,
      status, leaveReason, statusComment, dueDate, d.fwd,
      forwardedTo, forwardedAt, answeredAt, closedAt, finishedAt, version, registeredAt, updatedAt,
    ]);
    statusCount[status] = (statusCount[status] ?? 0) + 1;
    if (!finishedAt && (status as AppealStatus) !== 'forwarded' && dueDate < todayLocal) overdueOpen++;

    if (buffers.appeal.count >= opts.chunk) {
      await flush();
      opts.onProgress?.(k + 1, opts.appeals);
    } else if ((k & 1023) === 1023) {
      await yieldToLoop(); // let the COPY in flight move on
    }
  }
  await flush();
  await pending;
  opts.onProgress?.(opts.appeals, opts.appeals);

  for (const [year, last] of counters) {
    await c.query(
      `insert into registration_counter (region_id, year, last_value) values ($1, $2, $3)
       on conflict (region_id, year) do update set last_value = greatest(registration_counter.last_value, excluded.last_value)`,
      [refs.regionId, year, last],
    );
  }
  const rowsDone = performance.now();
  for (const ix of indexes) await c.query(ix.indexdef);
  const indexesDone = performance.now();
  await c.query('set session_replication_role = origin').catch(() => undefined);
  // Triggers did not run under the replica role: bring derived tables up to date in one pass (the analytics
  // rollup keeps one fact row per appeal through appeal_fact_refresh(ids), when that migration is present).
  if (fkChecksSkipped) rows.appeal_fact = await refreshFacts(c);
  for (const t of APPEAL_SCALE_TABLES) await c.query(`vacuum (analyze) ${t}`);
  await c.query('analyze');
  const end = performance.now();
  return {
    rows,
    seconds: {
      total: (end - started) / 1000,
      rows: (rowsDone - started) / 1000,
      indexes: (indexesDone - rowsDone) / 1000,
      vacuum: (end - indexesDone) / 1000,
    },
    fkChecksSkipped,
    regionId: refs.regionId,
    status: statusCount,
    overdueOpen,
  };
}

/**
 * The service trains missing models at start and then classifies every appeal without a suggestion: on a million
 * appeals that would run during the benchmark. So the database gets what it would have had in service: a topic
 * model and an executor model (trained on the stories, version 1, active) and each appeal its machine suggestion
 * (predicted once per story).
 */
async function storeModels(c: Client, refs: Refs, stories: DemoAppeal[]): Promise<Map<DemoAppeal, { topicId: number; probability: number }>> {
  const topicDocs = stories.filter((s) => refs.topics.has(s.topicCode)).map((s) => ({ text: s.text, label: s.topicCode }));
  const topic = TextClassifier.train(topicDocs);
  const executorDocs = stories.flatMap((s) => {
    const lead = s.steps.find((x) => x.action === 'assign' && x.role === 'lead') as { orgKey: string } | undefined;
    return lead ? [{ text: s.text, label: refs.orgs.get(lead.orgKey)!, extras: { unit: String(refs.units.get(s.adminUnitKato)) } }] : [];
  });
  const executor = TextClassifier.train(executorDocs);
  for (const [kind, m, docs] of [['topic', topic, topicDocs.length], ['executor', executor, executorDocs.length]] as const) {
    await c.query(
      `insert into classifier_model (kind, version, trained_at, labels, metrics, training_set, model, active)
       values ($1, 1, now(), $2::jsonb, null, $3::jsonb, $4, true)`,
      [kind, JSON.stringify(m.labels), JSON.stringify({ docs, source: 'bench:generate' }), m.serialize()],
    );
  }
  const out = new Map<DemoAppeal, { topicId: number; probability: number }>();
  for (const s of stories) {
    const [best] = topic.predict(s.text, undefined, 1);
    const topicId = best ? refs.topics.get(best.label) : undefined;
    if (topicId) out.set(s, { topicId, probability: best.probability });
  }
  return out;
}

/** Calls appeal_fact_refresh over all appeals in id order, 50k at a time; 0 when the function does not exist. */
async function refreshFacts(c: Client): Promise<number> {
  const [{ fn }] = (await c.query("select to_regproc('appeal_fact_refresh') is not null as fn")).rows;
  if (!fn) return 0;
  let after = '00000000-0000-0000-0000-000000000000';
  let n = 0;
  for (;;) {
    const { rows } = await c.query<{ last: string | null; k: number }>(
      `with ids as (select id from appeal where id > $1 order by id limit 50000)
       select (select max(id::text) from ids) as last, (select count(*)::int from ids) as k,
              appeal_fact_refresh(array(select id from ids)) as done`,
      [after],
    );
    if (!rows[0].k) break;
    n += rows[0].k;
    after = rows[0].last!;
  }
  return n;
}

export type { DemoAppeal };

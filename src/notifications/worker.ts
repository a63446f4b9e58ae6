/**
 * The outbox worker: claims due notices, delivers each through the sender for its channel, and marks it sent, or
 * schedules a retry with exponential backoff, or marks it failed.
 *
 * Exactly-once, as far as a database can promise it:
 *  - a claim is one UPDATE over rows picked `FOR UPDATE SKIP LOCKED`: two workers never claim the same notice;
 *  - a claim is a lease (claimed_until): a worker that dies after claiming leaves the notice to be claimed again
 *    when the lease runs out — it is never lost;
 *  - marking is conditional on still holding the claim (`where claimed_by = me and status = 'pending'`), so a
 *    notice is marked once; a worker that dies after the gateway accepted but before marking causes one more
 *    hand-over with the same idempotency key (the notice id), which the gateway must drop (see senders.ts).
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { maskPersonalDataInText } from '../access/personal-data';
import { query } from '../db/sql';
import {
  chooseChannel,
  DEFAULT_RETRY_POLICY,
  nextAttemptAt,
  renderNotice,
  type NoticeKind,
  type NoticePayload,
  type RetryPolicy,
} from './domain/notice-rules';
import { LoggingSender, PermanentDeliveryError, senderFor, type NoticeSender, type OutgoingNotice } from './senders';
import { systemClock } from '../shared/clock';

export interface WorkerOptions {
  orm: MikroORM;
  senders?: NoticeSender[];
  logger?: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  now?: () => Date;
  batchSize?: number;
  /** How long a claim holds before another worker may take the notice over. */
  leaseMs?: number;
  retry?: RetryPolicy;
  workerId?: string;
}

export interface ClaimedNotice {
  id: string;
  kind: NoticeKind;
  attempts: number;
  payload: NoticePayload;
  recipient: OutgoingNotice['recipient'];
  responseText: string | null;
}

export interface RunResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

const silent = { info() {}, warn() {}, error() {}, debug() {} };

export class NotificationWorker {
  readonly id: string;
  private readonly senders: NoticeSender[];
  private readonly logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  private readonly now: () => Date;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly retry: RetryPolicy;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(private readonly opts: WorkerOptions) {
    this.id = opts.workerId ?? `w-${randomUUID().slice(0, 8)}`;
    this.logger = opts.logger ?? silent;
    this.senders = opts.senders ?? [new LoggingSender(this.logger)];
    this.now = opts.now ?? systemClock.now;
    this.batchSize = opts.batchSize ?? 50;
    this.leaseMs = opts.leaseMs ?? 5 * 60_000;
    this.retry = opts.retry ?? DEFAULT_RETRY_POLICY;
  }

  private em() {
    return this.opts.orm.em.fork() as any;
  }

  /** Claims up to a batch of due notices (one atomic statement) and returns what is needed to deliver them. */
  async claim(limit = this.batchSize): Promise<ClaimedNotice[]> {
    const now = this.now();
    const em = this.em();
    const claimed = await query<{ id: string }>(
      em,
      `update notification n set claimed_by = ?, claimed_until = ?, attempts = n.attempts + 1
        where n.id in (select x.id from notification x
                        where x.status = 'pending' and x.next_attempt_at <= ? and (x.claimed_until is null or x.claimed_until < ?)
                        order by x.next_attempt_at, x.id limit ? for update skip locked)
        returning n.id`,
      [this.id, new Date(now.getTime() + this.leaseMs), now, now, limit],
    );
    if (!claimed.length) return [];
    const rows = await query<any>(
      em,
      `select n.id, n.kind, n.attempts, n.payload, p.full_name, p.organization_name, p.email, p.phone, p.address, r.text as response_text
         from notification n join applicant p on p.id = n.applicant_id
         left join response r on n.kind = 'answer' and r.id = (n.payload->>'responseId')::uuid
        where n.id = any(?::uuid[]) and n.claimed_by = ? order by n.next_attempt_at, n.id`,
      [`{${claimed.map((c) => c.id).join(',')}}`, this.id],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      attempts: r.attempts,
      payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
      recipient: { name: r.full_name ?? r.organization_name ?? null, email: r.email, phone: r.phone, address: r.address },
      responseText: r.response_text ?? null,
    }));
  }

  /** Delivers one claimed notice and records the outcome. */
  async deliver(n: ClaimedNotice): Promise<'sent' | 'retried' | 'failed'> {
    const channel = chooseChannel(n.recipient);
    const sender = channel ? senderFor(this.senders, channel) : null;
    try {
      if (!channel) throw new PermanentDeliveryError('the appeal gives no e-mail, phone or postal address');
      if (!sender) throw new PermanentDeliveryError(`no sender is configured for ${channel}`);
      const text = renderNotice(n.kind, n.payload);
      await sender.send({
        idempotencyKey: n.id,
        kind: n.kind,
        channel,
        registrationNumber: n.payload.registrationNumber,
        recipient: n.recipient,
        subject: text.subject,
        body: n.responseText ? `${text.body}\n\n${n.responseText}` : text.body,
      });
    } catch (e: any) {
      return this.markFailure(n, e, channel);
    }
    return this.markSent(n, channel!, sender!.name);
  }

  async markSent(n: ClaimedNotice, channel: string, sender: string): Promise<'sent'> {
    const rows = await query(
      this.em(),
      `update notification set status = 'sent', sent_at = ?, channel = ?, sender = ?, claimed_by = null, claimed_until = null, last_error = null
        where id = ? and claimed_by = ? and status = 'pending' returning id`,
      [this.now(), channel, sender, n.id, this.id],
    );
    if (!rows.length) this.logger.warn({ notice: n.id, worker: this.id }, 'notice was taken over by another worker before it was marked sent');
    return 'sent';
  }

  private async markFailure(n: ClaimedNotice, e: any, channel: string | null): Promise<'retried' | 'failed'> {
    const permanent = e instanceof PermanentDeliveryError;
    const at = this.now();
    const next = nextAttemptAt(this.retry, n.attempts, at, permanent);
    // The error text is kept for the registry; anything that looks like personal data is masked first.
    const message = maskPersonalDataInText(`${e?.name ?? 'Error'}: ${String(e?.message ?? e)}`).slice(0, 500);
    await query(
      this.em(),
      `update notification set status = ?, next_attempt_at = ?, last_error = ?, channel = ?, claimed_by = null, claimed_until = null
        where id = ? and claimed_by = ? and status = 'pending'`,
      [next ? 'pending' : 'failed', next ?? at, message, channel, n.id, this.id],
    );
    this.logger.warn({ notice: n.id, attempt: n.attempts, permanent, willRetry: Boolean(next) }, 'applicant notice not delivered');
    return next ? 'retried' : 'failed';
  }

  /** Claims and delivers batches until nothing is due. */
  async runOnce(): Promise<RunResult> {
    const result: RunResult = { claimed: 0, sent: 0, retried: 0, failed: 0 };
    for (;;) {
      const batch = await this.claim();
      result.claimed += batch.length;
      for (const n of batch) result[await this.deliver(n)]++;
      if (batch.length < this.batchSize || this.stopped) break;
    }
    if (result.claimed) this.logger.info({ worker: this.id, ...result }, 'applicant notices processed');
    return result;
  }

  /** Runs every `intervalMs` until stopped; errors (e.g. the database restarting) are logged and the loop goes on. */
  start(intervalMs: number): this {
    this.stopped = false;
    const tick = () => {
      this.running = this.runOnce()
        .catch((e) => this.logger.error({ err: { name: e?.name, code: e?.code } }, 'notification worker run failed'))
        .finally(() => {
          this.running = null;
          if (!this.stopped) {
            this.timer = setTimeout(tick, intervalMs);
            this.timer.unref();
          }
        });
    };
    this.timer = setTimeout(tick, 0);
    this.timer.unref();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}

/** NOTIFY_INTERVAL_MS: how often the worker looks for due notices (default 10 s; 0 turns it off; off under NODE_ENV=test). */
export function notificationIntervalFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.NOTIFY_INTERVAL_MS;
  if (raw === undefined || raw === '') return env.NODE_ENV === 'test' ? 0 : 10_000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 86_400_000) throw new Error(`NOTIFY_INTERVAL_MS must be 0–86400000 milliseconds (got "${raw}")`);
  return n;
}

/**
 * Starts the worker for the running service once `after` has settled (the demo data, which delivers its own
 * backlog as of its own dates), unless the interval is 0. Returns something to stop on shutdown.
 */
export function startNotificationWorker(opts: { orm: MikroORM; logger: Logger; after?: Promise<unknown> }): { stop(): Promise<void> } {
  const interval = notificationIntervalFromEnv();
  if (interval === 0) return { stop: async () => undefined };
  const worker = new NotificationWorker({ orm: opts.orm, logger: opts.logger.child({ component: 'notifications' }) });
  let started = true;
  void (opts.after ?? Promise.resolve()).finally(() => started && worker.start(interval));
  return {
    async stop() {
      started = false;
      await worker.stop();
    },
  };
}

/**
 * Writing notices into the outbox. Called by the appeal's use cases inside their transaction (one line each), so a
 * notice exists exactly when the change that requires it was committed: nothing is lost between the change and the
 * delivery, whatever happens to the process.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Appeal } from '../appeals/appeal.entity';
import type { DeadlineExtension } from '../appeals/deadline-extension.entity';
import { query } from '../db/sql';
import type { Response } from '../responses/response.entity';
import type { CommandContext } from '../shared/command-context';
import type { NoticeKind, NoticePayload } from './domain/notice-rules';

export type NoticeCause =
  | { kind: 'registration' }
  | { kind: 'forwarding' }
  | { kind: 'extension'; extension: DeadlineExtension }
  | { kind: 'answer'; response: Response };

/**
 * One notice per applicant of the appeal (none for an anonymous appeal). The appeal and its applicant links must be
 * flushed already; the rows are inserted with one statement in the caller's transaction.
 */
export async function notifyApplicants(em: EntityManager, ctx: CommandContext, appeal: Appeal, cause: NoticeCause): Promise<void> {
  const now = ctx.now();
  let dueDate: string;
  const payload: NoticePayload = { registrationNumber: appeal.registrationNumber, language: appeal.language };
  switch (cause.kind) {
    case 'registration':
      dueDate = appeal.registrationDate;
      payload.registeredAt = new Date(appeal.registeredAt.getTime() + 5 * 3_600_000).toISOString().slice(0, 19);
      break;
    case 'forwarding':
      dueDate = appeal.forwardDueDate;
      payload.forwardedTo = appeal.forwardedTo ?? null;
      break;
    case 'extension':
      dueDate = cause.extension.noticeDueDate;
      payload.newDueDate = cause.extension.newDueDate;
      payload.reason = cause.extension.reason;
      break;
    case 'answer':
      dueDate = appeal.dueDate;
      payload.decision = cause.response.decision;
      payload.responseId = cause.response.id;
      break;
  }
  const kind: NoticeKind = cause.kind;
  // The receiving official (talon) is named from the officials' register, inside the statement.
  await query(
    em,
    `insert into notification (id, region_id, appeal_id, applicant_id, kind, due_date, payload, status, attempts, next_attempt_at, created_at)
     select gen_random_uuid(), ?, aa.appeal_id, aa.applicant_id, ?, ?::date,
            ?::jsonb || case when ? = 'registration' then jsonb_build_object('receivingOfficial',
              (select u.full_name || ', ' || u.position from app_user u where u.id = ?::uuid)) else '{}'::jsonb end,
            'pending', 0, ?, ?
       from appeal_applicant aa where aa.appeal_id = ? order by aa.position`,
    [appeal.region.id, kind, dueDate, JSON.stringify(payload), kind, ctx.actor.userId ?? appeal.registeredBy?.id ?? null, now, now, appeal.id],
  );
}

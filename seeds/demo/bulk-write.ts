/**
 * Writes planned appeal stories (appeal-stories.ts) in one transaction: COPY on PostgreSQL, multi-row INSERTs on the
 * embedded PGlite (which does not speak the COPY sub-protocol). The analytics facts are refreshed once, after every
 * table is written, exactly as the bulk import does.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { acquireImportConnection, BULK_SESSION_SETTINGS } from '../../src/import/connection';
import { flushRows, TableRows, type CopyValue, type PgClient, type WriteMode } from '../../src/import/copy';
import type { PlannedAppeals } from './appeal-stories';

/** Rows of one table written in chunks (each chunk encoded just before it is sent, so memory stays bounded). */
async function write<T>(client: PgClient, name: string, columns: readonly (keyof T & string)[], rows: T[], mode: WriteMode) {
  const CHUNK = 20_000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const t = new TableRows(name, columns, mode === 'insert');
    for (const r of rows.slice(i, i + CHUNK)) t.add(columns.map((c) => r[c] as CopyValue));
    await flushRows(client, t, mode);
  }
}

export async function writePlannedAppeals(em: EntityManager, plan: PlannedAppeals, mode: WriteMode): Promise<void> {
  const db = await acquireImportConnection({ em } as any, BULK_SESSION_SETTINGS);
  try {
    await db.tx(async () => {
      await db.q('set local statement_timeout = 0'); // one long transaction by design
      await db.q("select set_config('baqylau.rollups_deferred', 'on', true)");
      const c = db.client;
      const tables = [
        () => write(c, 'applicant', ['id', 'region_id', 'kind', 'full_name', 'iin', 'organization_name', 'bin', 'phone', 'email', 'address', 'admin_unit_id', 'created_at'], plan.applicants, mode),
        () => write(c, 'appeal', [
          'id', 'region_id', 'registration_number', 'form', 'channel', 'received_at', 'registered_at', 'registration_date', 'text', 'summary', 'language',
          'admin_unit_id', 'addressee_id', 'registered_by_id', 'signatories_count', 'anonymous', 'repeat_of_id', 'out_of_scope', 'on_control',
          'control_taken_by_id', 'control_taken_at', 'topic_id', 'topic_source', 'topic_confidence', 'status', 'leave_reason', 'status_comment',
          'due_date', 'forward_due_date', 'forwarded_to', 'forwarded_at', 'answered_at', 'closed_at', 'finished_at', 'version', 'created_at',
          'updated_at', 'topic_review_required',
        ], plan.appeals, mode),
        () => write(c, 'appeal_applicant', ['id', 'region_id', 'appeal_id', 'applicant_id', 'position'], plan.links, mode),
        () => write(c, 'assignment', ['id', 'region_id', 'appeal_id', 'organization_id', 'role', 'assigned_by_id', 'assigned_at', 'due_date', 'note'], plan.assignments, mode),
        () => write(c, 'response', ['id', 'region_id', 'appeal_id', 'assignment_id', 'organization_id', 'author_id', 'text', 'decision', 'submitted_at', 'round', 'review_state'], plan.responses, mode),
        () => write(c, 'response_review', ['id', 'region_id', 'response_id', 'appeal_id', 'reviewer_id', 'verdict', 'reasons', 'comment', 'reviewed_at'], plan.reviews, mode),
        () => write(c, 'deadline_extension', ['id', 'region_id', 'appeal_id', 'previous_due_date', 'new_due_date', 'reason', 'extended_by_id', 'extended_at', 'notice_due_date'], plan.extensions, mode),
        () => write(c, 'history_event', ['region_id', 'entity_type', 'entity_id', 'appeal_id', 'action', 'actor_id', 'actor_role', 'actor_organization_id', 'at', 'before', 'after', 'request_id'], plan.history, mode),
        () => write(c, 'notification', ['id', 'region_id', 'appeal_id', 'applicant_id', 'kind', 'due_date', 'payload', 'next_attempt_at', 'created_at'], plan.notices, mode),
      ];
      for (const t of tables) await t();
      for (const c of plan.counters) {
        await db.q(
          `insert into registration_counter (region_id, year, last_value) values (?, ?, ?)
           on conflict (region_id, year) do update set last_value = greatest(registration_counter.last_value, excluded.last_value)`,
          [c.region_id, c.year, c.last_value],
        );
      }
      await db.q("select set_config('baqylau.rollups_deferred', 'off', true)");
      const ids = plan.appeals.map((a) => a.id);
      for (let i = 0; i < ids.length; i += 10_000) await db.q('select appeal_fact_refresh(?::uuid[])', [`{${ids.slice(i, i + 10_000).join(',')}}`]);
    });
  } finally {
    await db.release();
  }
}

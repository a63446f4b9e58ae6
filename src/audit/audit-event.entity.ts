import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The audit trail of the API: one record per mutation call, whatever its outcome — who (official, role,
 * organization), what (the mutation), on what (ids from the arguments and the result), when, in which request,
 * and how it ended ('ok' or the error code). What changed (before/after) is in `history_event`, joined by
 * request id. Append-only: the database refuses UPDATE, DELETE and TRUNCATE (see the migration).
 */
@Entity({ tableName: 'audit_event' })
@Index({ name: 'audit_event_region_id_at_index', properties: ['regionId', 'at'] })
@Index({ name: 'audit_event_actor_id_at_index', properties: ['actorId', 'at'] })
@Index({ name: 'audit_event_target_id_index', properties: ['targetId'] })
@Index({ name: 'audit_event_request_id_index', properties: ['requestId'] })
@Index({ name: 'audit_event_at_id_index', expression: 'create index "audit_event_at_id_index" on "audit_event" ("at" desc, "id" desc)' })
export class AuditEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'timestamptz' })
  at!: Date;

  @Property({ type: 'string', length: 64 })
  requestId!: string;

  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  @Property({ type: 'string', length: 32, nullable: true })
  actorRole?: string | null;

  @Property({ type: 'uuid', nullable: true })
  actorOrganizationId?: string | null;

  @Property({ type: 'integer', nullable: true })
  regionId?: number | null;

  /** The mutation's name, e.g. registerAppeal. */
  @Property({ type: 'string', length: 100 })
  action!: string;

  /** The operation name the client gave, if any. */
  @Property({ type: 'string', length: 100, nullable: true })
  operationName?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  targetType?: string | null;

  @Property({ type: 'string', length: 128, nullable: true })
  targetId?: string | null;

  /** Every id named in the arguments and the result's id, by argument path ({ "input.appealId": "…" }). */
  @Property({ type: 'json', nullable: true })
  targetIds?: Record<string, string> | null;

  /** 'ok' or the error code the client received. */
  @Property({ type: 'string', length: 32 })
  outcome!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  errorField?: string | null;

  @Property({ type: 'integer' })
  durationMs!: number;
}

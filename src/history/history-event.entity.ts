import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

export const HISTORY_ENTITY_TYPES = [
  'appeal',
  'assignment',
  'response',
  'instruction',
  'instruction_report',
  // issue 6
  'reception_session',
  'reception_booking',
  'onsite_verification',
  'violation',
  'disciplinary_proposal',
  'execution_conclusion',
  'office_check',
  'working_group',
  'working_group_decision',
  'consultation',
  // issue 4
  'problem_card',
] as const;
export type HistoryEntityType = (typeof HISTORY_ENTITY_TYPES)[number];

/**
 * The record of every change (regulation 5.7): who did what, when, before and after.
 * Append-only: the database refuses UPDATE and DELETE on this table (see the migration).
 */
@Entity({ tableName: 'history_event' })
@Index({ properties: ['appealId', 'at'] })
@Index({ properties: ['instructionId', 'at'] })
export class HistoryEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'integer' })
  regionId!: number;

  @Property({ type: 'string', length: 32 })
  entityType!: HistoryEntityType;

  @Property({ type: 'uuid' })
  entityId!: string;

  @Property({ type: 'uuid', nullable: true })
  appealId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  instructionId?: string | null;

  @Property({ type: 'string', length: 64 })
  action!: string;

  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  @Property({ type: 'string', length: 32, nullable: true })
  actorRole?: string | null;

  @Property({ type: 'uuid', nullable: true })
  actorOrganizationId?: string | null;

  @Property({ type: 'timestamptz' })
  at!: Date;

  @Property({ type: 'json', nullable: true })
  before?: Record<string, unknown> | null;

  @Property({ type: 'json', nullable: true })
  after?: Record<string, unknown> | null;

  @Property({ type: 'string', length: 64, nullable: true })
  requestId?: string | null;
}

import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { AdminUnit } from '../geo/admin-unit.entity';

export const IMPORT_RUN_STATUSES = ['running', 'finished', 'failed'] as const;
export type ImportRunStatus = (typeof IMPORT_RUN_STATUSES)[number];

/**
 * One run of the bulk import: which file from which source system went into which region, and what came of it.
 * The history record of every imported appeal carries the run's id as its request id.
 */
@Entity({ tableName: 'import_run' })
@Index({ properties: ['sourceSystem', 'startedAt'] })
export class ImportRun {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @Property({ type: 'string', length: 64 })
  sourceSystem!: string;

  @Property({ type: 'text' })
  fileName!: string;

  @Property({ type: 'timestamptz' })
  startedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  finishedAt?: Date | null;

  @Enum({ items: () => [...IMPORT_RUN_STATUSES], type: 'string', default: 'running' })
  status: ImportRunStatus = 'running';

  @Property({ type: 'integer', default: 0 })
  rowsRead: number = 0;

  @Property({ type: 'integer', default: 0 })
  imported: number = 0;

  @Property({ type: 'integer', default: 0 })
  duplicates: number = 0;

  @Property({ type: 'integer', default: 0 })
  rejected: number = 0;

  @Property({ type: 'integer', nullable: true })
  modelVersion?: number | null;

  @Property({ type: 'json', nullable: true })
  summary?: Record<string, unknown> | null;
}

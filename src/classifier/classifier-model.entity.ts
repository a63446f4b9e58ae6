import { Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export const MODEL_KINDS = ['topic', 'executor'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/**
 * A trained model, versioned, with its training metrics. Exactly one active version per kind; retraining inserts a
 * new version and moves the active flag in one transaction (readers switch atomically).
 */
@Entity({ tableName: 'classifier_model' })
@Unique({ properties: ['kind', 'version'] })
export class ClassifierModel {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Enum({ items: () => [...MODEL_KINDS], type: 'string' })
  kind!: ModelKind;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'timestamptz' })
  trainedAt!: Date;

  @Property({ type: 'uuid', nullable: true })
  trainedById?: string | null;

  @Property({ type: 'json' })
  labels!: string[];

  @Property({ type: 'json', nullable: true })
  metrics?: Record<string, unknown> | null;

  @Property({ type: 'json', nullable: true })
  trainingSet?: Record<string, unknown> | null;

  @Property({ type: 'blob' })
  model!: Buffer;

  @Property({ type: 'boolean', default: false })
  active: boolean = false;
}

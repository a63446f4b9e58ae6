import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { AdminUnit } from '../geo/admin-unit.entity';
import { APPLICANT_KINDS, type ApplicantKind } from '../appeals/domain/vocabulary';

/** A citizen (full name, IIN) or a legal entity (name, BIN) who files appeals. Personal data: see src/access. */
@Entity({ tableName: 'applicant' })
@Index({ properties: ['iin'] })
@Index({ properties: ['bin'] })
export class Applicant {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @Enum({ items: () => [...APPLICANT_KINDS], type: 'string' })
  kind!: ApplicantKind;

  @Property({ type: 'text', nullable: true })
  fullName?: string | null;

  @Property({ type: 'string', length: 12, nullable: true })
  iin?: string | null;

  @Property({ type: 'text', nullable: true })
  organizationName?: string | null;

  @Property({ type: 'string', length: 12, nullable: true })
  bin?: string | null;

  @Property({ type: 'string', length: 32, nullable: true })
  phone?: string | null;

  @Property({ type: 'text', nullable: true })
  email?: string | null;

  @Property({ type: 'text', nullable: true })
  address?: string | null;

  @ManyToOne(() => AdminUnit, { nullable: true, ref: true })
  adminUnit?: Ref<AdminUnit> | null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date; // set by the use case from its clock
}

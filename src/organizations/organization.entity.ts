import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { AdminUnit } from '../geo/admin-unit.entity';
import { ORG_KINDS, ORG_LEVELS, type OrgKind, type OrgLevel } from './vocabulary';

/** A body that registers or answers appeals: the akim's apparatus, a department, an akimat, another state body. */
@Entity({ tableName: 'organization' })
export class Organization {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AdminUnit, { ref: true })
  region!: Ref<AdminUnit>;

  @Property({ type: 'text' })
  nameRu!: string;

  @Property({ type: 'text' })
  nameKk!: string;

  @Property({ type: 'text' })
  nameEn!: string;

  @Enum({ items: () => [...ORG_KINDS], type: 'string' })
  kind!: OrgKind;

  @Enum({ items: () => [...ORG_LEVELS], type: 'string' })
  level!: OrgLevel;

  @ManyToOne(() => AdminUnit, { ref: true })
  adminUnit!: Ref<AdminUnit>;

  @ManyToOne(() => Organization, { nullable: true, ref: true })
  parent?: Ref<Organization> | null;
}

import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';

export const ADMIN_LEVELS = ['region', 'district'] as const;
export type AdminLevel = (typeof ADMIN_LEVELS)[number];

/** A unit of the KATO hierarchy: a region (oblys or city of republican significance) or a district. */
@Entity({ tableName: 'admin_unit' })
export class AdminUnit {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** KATO code, 9 digits. */
  @Property({ type: 'string', length: 9, unique: true })
  kato!: string;

  @Property({ type: 'string', length: 16 })
  level!: AdminLevel;

  @ManyToOne(() => AdminUnit, { nullable: true, ref: true })
  parent?: Ref<AdminUnit> | null;

  /** ISO 3166-2 code for regions (KZ-ABY…), used in registration numbers. */
  @Property({ type: 'string', length: 8, nullable: true })
  isoCode?: string | null;

  @Property({ type: 'text' })
  nameKk!: string;

  @Property({ type: 'text' })
  nameRu!: string;

  @Property({ type: 'text' })
  nameEn!: string;

  @Property({ type: 'integer', nullable: true })
  population?: number | null;
}

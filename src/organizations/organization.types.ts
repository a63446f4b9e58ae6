import { Field, ID, ObjectType } from 'type-graphql';
import { OrgKindEnum, OrgLevelEnum } from '../graphql/enums';
import type { OrgKind, OrgLevel } from './vocabulary';

@ObjectType('Organization', { description: 'A body that registers or answers appeals' })
export class OrganizationView {
  @Field(() => ID) id!: string;
  @Field(() => String) nameRu!: string;
  @Field(() => String) nameKk!: string;
  @Field(() => String) nameEn!: string;
  @Field(() => OrgKindEnum) kind!: OrgKind;
  @Field(() => OrgLevelEnum) level!: OrgLevel;
  @Field(() => ID) adminUnitId!: string;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  regionId!: string;
}

export function toOrganizationView(r: any): OrganizationView {
  return {
    id: r.id,
    nameRu: r.name_ru,
    nameKk: r.name_kk,
    nameEn: r.name_en,
    kind: r.kind,
    level: r.level,
    adminUnitId: String(r.admin_unit_id),
    parentId: r.parent_id,
    regionId: String(r.region_id),
  };
}

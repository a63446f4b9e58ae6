import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AdminLevelEnum } from '../graphql/enums';
import type { AdminLevel } from './admin-unit.entity';

@ObjectType('AdminUnit', { description: 'A KATO unit: a region or a district' })
export class AdminUnitView {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'KATO code (9 digits)' }) kato!: string;
  @Field(() => AdminLevelEnum) level!: AdminLevel;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-2 code of a region' }) isoCode!: string | null;
  @Field(() => String) nameKk!: string;
  @Field(() => String) nameRu!: string;
  @Field(() => String) nameEn!: string;
  @Field(() => Int, { nullable: true }) population!: number | null;
}

export function toAdminUnitView(r: any): AdminUnitView {
  return {
    id: String(r.id),
    kato: r.kato,
    level: r.level,
    parentId: r.parent_id == null ? null : String(r.parent_id),
    isoCode: r.iso_code,
    nameKk: r.name_kk,
    nameRu: r.name_ru,
    nameEn: r.name_en,
    population: r.population,
  };
}

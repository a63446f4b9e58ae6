import { Field, ID, ObjectType } from 'type-graphql';
import { RoleEnum } from '../graphql/enums';
import type { Role } from './roles';

@ObjectType('Official', { description: 'An official working in the system (a public servant acting in office)' })
export class OfficialView {
  @Field(() => ID) id!: string;
  @Field(() => String) fullName!: string;
  @Field(() => String) position!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => [RoleEnum]) roles!: Role[];
}

export function toOfficialView(r: any): OfficialView {
  return {
    id: r.id,
    fullName: r.full_name,
    position: r.position,
    organizationId: r.organization_id,
    roles: r.roles ?? [],
  };
}

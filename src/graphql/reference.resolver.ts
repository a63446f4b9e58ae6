import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { authorize } from '../access/policy';
import { query } from '../db/sql';
import { AdminUnitView, toAdminUnitView } from '../geo/admin-unit.types';
import type { AdminLevel } from '../geo/admin-unit.entity';
import { OrganizationView, toOrganizationView } from '../organizations/organization.types';
import type { OrgKind } from '../organizations/vocabulary';
import { badInput } from '../shared/errors';
import { TopicView, toTopicView } from '../topics/topic.types';
import type { RequestContext } from './context';
import { AdminLevelEnum, OrgKindEnum } from './enums';

const intId = (field: string, v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0 || n > 2_147_483_647) throw badInput(field, `${field} must be an ID`);
  return n;
};

/** Reference data: the KATO units, the topic tree, the organizations. */
@Resolver()
export class ReferenceResolver {
  @Query(() => [AdminUnitView], { description: 'KATO units; filter by level or parent' })
  async adminUnits(
    @Ctx() ctx: RequestContext,
    @Arg('level', () => AdminLevelEnum, { nullable: true }) level?: AdminLevel | null,
    @Arg('parentId', () => ID, { nullable: true }) parentId?: string | null,
  ) {
    authorize(ctx.actor, 'readReference');
    const where: string[] = [];
    const params: unknown[] = [];
    if (level) {
      where.push('level = ?');
      params.push(level);
    }
    if (parentId) {
      where.push('parent_id = ?');
      params.push(intId('parentId', parentId));
    }
    const rows = await query(ctx.em, `select * from admin_unit ${where.length ? 'where ' + where.join(' and ') : ''} order by kato`, params);
    return rows.map(toAdminUnitView);
  }

  @Query(() => [TopicView], { description: 'The topic tree, parents before children' })
  async topics(@Ctx() ctx: RequestContext) {
    authorize(ctx.actor, 'readReference');
    const rows = await query(ctx.em, 'select * from topic order by coalesce(parent_id, id), parent_id nulls first, code');
    return rows.map(toTopicView);
  }

  @Query(() => [OrganizationView])
  async organizations(
    @Ctx() ctx: RequestContext,
    @Arg('adminUnitId', () => ID, { nullable: true }) adminUnitId?: string | null,
    @Arg('kind', () => OrgKindEnum, { nullable: true }) kind?: OrgKind | null,
  ) {
    authorize(ctx.actor, 'readReference');
    const where: string[] = [];
    const params: unknown[] = [];
    if (adminUnitId) {
      const id = intId('adminUnitId', adminUnitId);
      where.push('(admin_unit_id = ? or region_id = ?)');
      params.push(id, id);
    }
    if (kind) {
      where.push('kind = ?');
      params.push(kind);
    }
    const rows = await query(ctx.em, `select * from organization ${where.length ? 'where ' + where.join(' and ') : ''} order by level, name_ru`, params);
    return rows.map(toOrganizationView);
  }
}

@Resolver(() => OrganizationView)
export class OrganizationResolver {
  @FieldResolver(() => AdminUnitView)
  adminUnit(@Root() o: OrganizationView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.adminUnit.load(o.adminUnitId);
  }

  @FieldResolver(() => OrganizationView, { nullable: true })
  parent(@Root() o: OrganizationView, @Ctx() ctx: RequestContext) {
    return o.parentId ? ctx.loaders.organization.load(o.parentId) : null;
  }
}

@Resolver(() => AdminUnitView)
export class AdminUnitResolver {
  @FieldResolver(() => AdminUnitView, { nullable: true })
  parent(@Root() u: AdminUnitView, @Ctx() ctx: RequestContext) {
    return u.parentId ? ctx.loaders.adminUnit.load(u.parentId) : null;
  }
}

@Resolver(() => TopicView)
export class TopicResolver {
  @FieldResolver(() => TopicView, { nullable: true })
  parent(@Root() t: TopicView, @Ctx() ctx: RequestContext) {
    return t.parentId ? ctx.loaders.topic.load(t.parentId) : null;
  }
}

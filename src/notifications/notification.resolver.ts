import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { authorize } from '../access/policy';
import { findVisibleAppeal } from '../appeals/appeal.queries';
import { query } from '../db/sql';
import type { RequestContext } from '../graphql/context';
import { notFound } from '../shared/errors';
import { isNoticeLate } from './domain/notice-rules';
import { NoticeView, toNoticeView } from './notification.types';

@Resolver(() => NoticeView)
export class NotificationResolver {
  @Query(() => [NoticeView], { description: "The notices of an appeal: what was sent to the applicant and when (oldest first)" })
  async notifications(@Ctx() ctx: RequestContext, @Arg('appealId', () => ID) appealId: string): Promise<NoticeView[]> {
    authorize(ctx.actor, 'readNotifications');
    const appeal = await findVisibleAppeal(ctx.em, ctx.actor, ctx.now(), { id: appealId });
    if (!appeal) throw notFound('Appeal', appealId);
    const rows = await query(ctx.em, `select * from notification where appeal_id = ?
        order by created_at, array_position(array['registration', 'forwarding', 'extension', 'answer'], kind::text), id`, [appeal.id]);
    return rows.map(toNoticeView);
  }

  @FieldResolver(() => Boolean, { description: 'Delivered after its legal deadline, or still undelivered past it' })
  isLate(@Root() n: NoticeView, @Ctx() ctx: RequestContext): boolean {
    return isNoticeLate(n, ctx.now());
  }
}

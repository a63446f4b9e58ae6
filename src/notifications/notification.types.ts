import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { toDate } from '../db/sql';
import { DeliveryChannelEnum, NoticeKindEnum, NoticeStatusEnum } from '../graphql/enums';
import { NOTICE_LEGAL_BASIS, renderNotice, type DeliveryChannel, type NoticeKind, type NoticeStatus } from './domain/notice-rules';

@ObjectType('ApplicantNotice', { description: 'A notice the law requires the applicant to receive (APPK arts. 64, 65, 76), and its delivery' })
export class NoticeView {
  @Field(() => ID) id!: string;
  @Field(() => ID) appealId!: string;
  @Field(() => ID, { description: 'The applicant it is addressed to (see Appeal.applicants)' }) recipientId!: string;
  @Field(() => NoticeKindEnum) kind!: NoticeKind;
  @Field(() => String) legalBasis!: string;
  @Field(() => String, { description: 'The subject line sent' }) subject!: string;
  @Field(() => LocalDateResolver, { description: 'The last day the law allows' }) dueDate!: string;
  @Field(() => NoticeStatusEnum) status!: NoticeStatus;
  @Field(() => DeliveryChannelEnum, { nullable: true }) channel!: DeliveryChannel | null;
  @Field(() => String, { nullable: true, description: 'Which sender delivered it' }) sender!: string | null;
  @Field(() => Int) attempts!: number;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) sentAt!: Date | null;
}

export function toNoticeView(r: any): NoticeView {
  const payload = typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload;
  return {
    id: r.id,
    appealId: r.appeal_id,
    recipientId: r.applicant_id,
    kind: r.kind,
    legalBasis: NOTICE_LEGAL_BASIS[r.kind as NoticeKind],
    subject: renderNotice(r.kind, payload).subject,
    dueDate: r.due_date,
    status: r.status,
    channel: r.channel,
    sender: r.sender,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: toDate(r.created_at)!,
    sentAt: toDate(r.sent_at),
  };
}

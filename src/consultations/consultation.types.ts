import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { toDate } from '../db/sql';
import { ConsultationChannelEnum } from '../graphql/enums';
import type { ConsultationChannel } from './domain/consultation-rules';

@ObjectType('ConsultationPerson', { description: 'Who asked: personal data, masked or withheld by role like an applicant' })
export class ConsultationPersonView {
  @Field(() => String, { nullable: true }) fullName!: string | null;
  @Field(() => String, { nullable: true }) iin!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => Boolean) masked!: boolean;
}

@ObjectType('Consultation', { description: 'Advisory assistance given to a person (regulation 5.8)' })
export class ConsultationView {
  @Field(() => ID) id!: string;
  @Field(() => ConsultationChannelEnum) channel!: ConsultationChannel;
  @Field(() => DateTimeResolver) givenAt!: Date;
  @Field(() => Int, { nullable: true }) durationMinutes!: number | null;
  @Field(() => String) question!: string;
  @Field(() => String) advice!: string;
  @Field(() => ID, { nullable: true }) appealId!: string | null;
  officialId!: string;
  organizationId!: string;
  topicId!: string | null;
  adminUnitId!: string | null;
  person!: ConsultationPersonView;
}

export const toConsultationView = (r: any): ConsultationView => ({
  id: r.id,
  channel: r.channel,
  givenAt: toDate(r.given_at)!,
  durationMinutes: r.duration_minutes,
  question: r.question,
  advice: r.advice,
  appealId: r.appeal_id,
  officialId: r.official_id,
  organizationId: r.organization_id,
  topicId: r.topic_id == null ? null : String(r.topic_id),
  adminUnitId: r.admin_unit_id == null ? null : String(r.admin_unit_id),
  person: { fullName: r.full_name, iin: r.iin, phone: r.phone, email: r.email, address: null, masked: false },
});

@ObjectType('ConsultationCountByPeriod')
export class CountByPeriodView {
  @Field(() => String, { description: 'First day of the period (YYYY-MM-DD)' }) period!: string;
  @Field(() => Int) consultations!: number;
  @Field(() => Int, { description: 'Appeals received in the same period' }) appeals!: number;
}

@ObjectType('ConsultationCountByTopic')
export class CountByTopicView {
  @Field(() => ID, { nullable: true, description: 'Top-level topic; null when none was set' }) topicId!: string | null;
  @Field(() => String) topic!: string;
  @Field(() => Int) consultations!: number;
  @Field(() => Int) appeals!: number;
}

@ObjectType('ConsultationCountByChannel')
export class CountByChannelView {
  @Field(() => ConsultationChannelEnum) channel!: ConsultationChannel;
  @Field(() => Int) consultations!: number;
}

@ObjectType('ConsultationStatistics', { description: 'Consultations counted beside appeals over a period' })
export class ConsultationStatisticsView {
  @Field(() => Int) consultations!: number;
  @Field(() => Int) appeals!: number;
  @Field(() => [CountByPeriodView]) byPeriod!: CountByPeriodView[];
  @Field(() => [CountByTopicView]) byTopic!: CountByTopicView[];
  @Field(() => [CountByChannelView]) byChannel!: CountByChannelView[];
}

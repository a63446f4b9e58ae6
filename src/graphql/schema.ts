import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { guardSchema } from '../access/guard';
import { ANALYTICS_RESOLVERS } from '../analytics/analytics.resolver';
import { policyAuthChecker } from '../access/policy';
import { APPEAL_RESOLVERS } from '../appeals/appeal.resolver';
import { AUDIT_RESOLVERS } from '../audit/audit.resolver';
import { AppealClassificationResolver, ClassifierResolver } from '../classifier/classifier.resolver';
import { InstructionReportResolver, InstructionResolver } from '../instructions/instruction.resolver';
import { NotificationResolver } from '../notifications/notification.resolver';
import { RECEPTION_RESOLVERS } from '../receptions/reception.resolver';
import { CONTROL_RESOLVERS } from '../control/control.resolver';
import { OFFICE_CHECK_RESOLVERS } from '../office-checks/office-check.resolver';
import { WORKING_GROUP_RESOLVERS } from '../working-groups/working-group.resolver';
import { CONSULTATION_RESOLVERS } from '../consultations/consultation.resolver';
import { AdminUnitResolver, OrganizationResolver, ReferenceResolver, TopicResolver } from './reference.resolver';
import { PROBLEM_CARD_RESOLVERS } from '../problem-cards/problem-card.resolver';

export const RESOLVERS = [
  ...RECEPTION_RESOLVERS,
  ...CONTROL_RESOLVERS,
  ...OFFICE_CHECK_RESOLVERS,
  ...WORKING_GROUP_RESOLVERS,
  ...CONSULTATION_RESOLVERS,
  NotificationResolver,
  ...APPEAL_RESOLVERS,
  InstructionResolver,
  InstructionReportResolver,
  ReferenceResolver,
  OrganizationResolver,
  AdminUnitResolver,
  TopicResolver,
  ClassifierResolver,
  AppealClassificationResolver,
  ...AUDIT_RESOLVERS,
  ...ANALYTICS_RESOLVERS,
  ...PROBLEM_CARD_RESOLVERS,
] as const;

let built: Promise<GraphQLSchema> | null = null;

/**
 * The schema, built once per process. Validation is the domain's job (stable codes), not class-validator's.
 * `@Authorized(op)` goes through the policy module; `guardSchema` puts every field behind the access gate.
 */
export function buildAppSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers: RESOLVERS as any, validate: false, authChecker: policyAuthChecker }).then(guardSchema);
  return built;
}

export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}

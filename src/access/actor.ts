import type { Role } from '../users/roles';

/**
 * Who is acting in a request. Authentication (src/auth) turns a request into an Actor; everything downstream
 * (policies, masking, the history record) reads only this.
 */
export interface Actor {
  userId: string | null;
  roles: Role[];
  organizationId: string | null;
  regionId: number | null;
  /**
   * The organization and those directly below it (read with the official at authentication): what an executor's
   * view is restricted to. Absent for actors made elsewhere; the queries then work it out in SQL.
   */
  organizationScope?: string[];
  /** Trusted in-process callers (seeding, imports, scheduled jobs). */
  system: boolean;
}

export const ANONYMOUS: Actor = Object.freeze({
  userId: null,
  roles: [],
  organizationId: null,
  regionId: null,
  system: false,
}) as Actor;

export const SYSTEM: Actor = Object.freeze({
  userId: null,
  roles: ['admin'],
  organizationId: null,
  regionId: null,
  system: true,
}) as Actor;

export const hasRole = (actor: Actor, ...roles: Role[]) => actor.system || actor.roles.some((r) => roles.includes(r));

/** The role recorded in the history for this actor (the most senior one it holds). */
export function primaryRole(actor: Actor): string | null {
  if (actor.system) return 'system';
  const order: Role[] = ['admin', 'head', 'deputy_head', 'specialist', 'analyst', 'auditor', 'liaison', 'executor'];
  return order.find((r) => actor.roles.includes(r)) ?? null;
}

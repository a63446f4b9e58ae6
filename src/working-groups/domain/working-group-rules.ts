/**
 * Working groups on issues of wide public outcry (8.3) and meetings/hearings with heads of bodies, NGOs, the media
 * and public figures (8.7): members, meetings with minutes, decisions and their follow-up. Pure rules.
 */
import { badInput, conflict } from '../../shared/errors';

export const GROUP_KINDS = ['working_group', 'hearing'] as const; // рабочая группа / встреча-слушание
export type GroupKind = (typeof GROUP_KINDS)[number];

export const GROUP_STATUSES = ['active', 'closed'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];

/** Who a member is (8.3: interested state bodies, civil society, expert communities; 8.7: NGOs, media, public figures). */
export const MEMBER_KINDS = ['official', 'state_body', 'civil_society', 'expert', 'media', 'public_figure'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

export const MEMBER_ROLES = ['chair', 'secretary', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const DECISION_STATUSES = ['open', 'done', 'cancelled'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export function assertActive(g: { status: GroupStatus }): void {
  if (g.status !== 'active') throw conflict('The working group is closed', { reason: 'GROUP_CLOSED' });
}

/** A group has at most one chair; a member is listed once. */
export function assertMemberAddable(existing: { fullName: string; role: MemberRole; userId: string | null }[], m: { fullName: string; role: MemberRole; userId: string | null }): void {
  if (m.role === 'chair' && existing.some((e) => e.role === 'chair')) throw conflict('The group already has a chair', { reason: 'CHAIR_EXISTS' });
  const same = existing.find((e) => (m.userId && e.userId === m.userId) || e.fullName.toLocaleLowerCase('ru') === m.fullName.toLocaleLowerCase('ru'));
  if (same) throw conflict(`${m.fullName} is already a member`, { reason: 'ALREADY_MEMBER' });
}

/** A meeting is recorded after it was held, with its minutes (протокол). */
export function validateMeeting(m: { heldAt: Date; minutes: string; attendeeIds: string[] }, now: Date): void {
  if (m.heldAt.getTime() > now.getTime()) throw badInput('heldAt', 'Record a meeting after it was held');
  if (m.minutes.replace(/\s/g, '').length < 20) throw badInput('minutes', 'The minutes must say what was discussed (at least 20 characters)');
  if (m.attendeeIds.length === 0) throw badInput('attendeeIds', 'Name the members who attended');
}

/** A decision's follow-up: open → done (with what was done) or cancelled; once. */
export function nextDecisionStatus(current: DecisionStatus, to: 'done' | 'cancelled'): DecisionStatus {
  if (current !== 'open') throw conflict(`The decision is already ${current}`, { reason: 'ALREADY_FOLLOWED_UP' });
  return to;
}

/** A group is closed only when none of its decisions is still open. */
export function assertClosable(openDecisions: number): void {
  if (openDecisions > 0) throw conflict(`${openDecisions} decision(s) are still open`, { reason: 'OPEN_DECISIONS', openDecisions });
}

/**
 * The life of a problem card (карта проблемных вопросов, regulation 7.2) as one table of allowed moves:
 * new → under review → working group formed (8.3) → proposal submitted (7.3–7.5) → resolved, or dismissed on the
 * way. Forbidden moves raise CONFLICT with details.code = 'FORBIDDEN_TRANSITION'.
 */
import { conflict } from '../../shared/errors';

export type ProblemCardStatus =
  | 'new' // новая: найдена детектором
  | 'under_review' // на рассмотрении у аналитика
  | 'working_group_formed' // создана рабочая группа (п. 8.3)
  | 'proposal_submitted' // внесено предложение (пп. 7.3–7.5)
  | 'resolved' // проблема решена
  | 'dismissed'; // отклонена (не системная, ложная тревога)

export const PROBLEM_CARD_STATUSES: readonly ProblemCardStatus[] = [
  'new',
  'under_review',
  'working_group_formed',
  'proposal_submitted',
  'resolved',
  'dismissed',
];

/** What made the card: a spike of counts, a cluster of texts, or both. */
export const PROBLEM_CARD_SOURCES = ['spike', 'cluster', 'spike_and_cluster'] as const;
export type ProblemCardSource = (typeof PROBLEM_CARD_SOURCES)[number];

/** Cards the detector may still update (a resolved or dismissed problem that recurs gets a new card). */
export const OPEN_PROBLEM_CARD_STATUSES: readonly ProblemCardStatus[] = ['new', 'under_review', 'working_group_formed', 'proposal_submitted'];

export const PROBLEM_CARD_TRANSITIONS: readonly { from: ProblemCardStatus; to: ProblemCardStatus }[] = Object.freeze([
  { from: 'new', to: 'under_review' },
  // Forming a working group on a fresh card is the review's outcome (see cardStatusWhenGroupFormed).
  { from: 'new', to: 'working_group_formed' },
  { from: 'new', to: 'dismissed' },
  { from: 'under_review', to: 'working_group_formed' },
  { from: 'under_review', to: 'proposal_submitted' },
  { from: 'under_review', to: 'resolved' },
  { from: 'under_review', to: 'dismissed' },
  { from: 'working_group_formed', to: 'proposal_submitted' },
  { from: 'working_group_formed', to: 'dismissed' },
  { from: 'proposal_submitted', to: 'resolved' },
]);

const ALLOWED = new Set(PROBLEM_CARD_TRANSITIONS.map((t) => `${t.from}>${t.to}`));

export function canMoveProblemCard(from: ProblemCardStatus, to: ProblemCardStatus): boolean {
  return ALLOWED.has(`${from}>${to}`);
}

/** Checks a move; CONFLICT (details.code 'FORBIDDEN_TRANSITION') when the table does not allow it. */
export function moveProblemCard(from: ProblemCardStatus, to: ProblemCardStatus): ProblemCardStatus {
  if (!canMoveProblemCard(from, to)) {
    throw conflict(`A problem card that is ${from} cannot become ${to}`, { code: 'FORBIDDEN_TRANSITION', reason: 'FORBIDDEN_TRANSITION', from, to });
  }
  return to;
}

/** Moves that need a reason written down (why it was dismissed, how it was resolved). */
export function moveNeedsComment(to: ProblemCardStatus): boolean {
  return to === 'dismissed' || to === 'resolved';
}

export const isOpenProblemCard = (s: ProblemCardStatus) => OPEN_PROBLEM_CARD_STATUSES.includes(s);

/**
 * A working group is formed on (or linked to) a card (8.3): a new or reviewed card moves to working_group_formed; a
 * card already worked on by a group or with a proposal submitted keeps its status (null: no move); a resolved or
 * dismissed card is final and takes no group (CONFLICT, reason PROBLEM_CARD_CLOSED).
 */
export function cardStatusWhenGroupFormed(from: ProblemCardStatus): ProblemCardStatus | null {
  if (!isOpenProblemCard(from)) {
    throw conflict(`A problem card that is ${from} is closed; no working group is formed on it`, { reason: 'PROBLEM_CARD_CLOSED', status: from });
  }
  return from === 'new' || from === 'under_review' ? moveProblemCard(from, 'working_group_formed') : null;
}

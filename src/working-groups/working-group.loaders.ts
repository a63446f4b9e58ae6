import type { EntityManager } from '@mikro-orm/postgresql';
import { groupedLoader } from '../control/batch-loaders';
import { toDecisionView, toGroupView, toMeetingView, toMemberView, type DecisionView, type MeetingView, type MemberView, type WorkingGroupView } from './working-group.types';

export function workingGroupLoaders(em: EntityManager) {
  return {
    membersByGroup: groupedLoader<MemberView>(em, 'select * from working_group_member where group_id = any($IDS) order by group_id, added_at, id', 'group_id', toMemberView),
    meetingsByGroup: groupedLoader<MeetingView>(em, 'select * from working_group_meeting where group_id = any($IDS) order by group_id, held_at, id', 'group_id', toMeetingView),
    decisionsByGroup: groupedLoader<DecisionView>(em, 'select * from working_group_decision where group_id = any($IDS) order by group_id, due_date nulls last, id', 'group_id', toDecisionView),
    problemCardIdsByGroup: groupedLoader<string>(em, 'select group_id, problem_card_id from working_group_problem_card where group_id = any($IDS) order by group_id, problem_card_id', 'group_id', (r) => r.problem_card_id),
    // The groups working on each card (only groups of the card's own region are ever linked), oldest first.
    workingGroupsByCard: groupedLoader<WorkingGroupView>(
      em,
      `select l.problem_card_id, g.* from working_group_problem_card l join working_group g on g.id = l.group_id
        where l.problem_card_id = any($IDS) order by l.problem_card_id, g.created_at, g.id`,
      'problem_card_id',
      toGroupView,
    ),
  };
}

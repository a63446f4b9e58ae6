import type { EntityManager } from '@mikro-orm/postgresql';
import { toInstructionView, type InstructionView } from '../instructions/instruction.types';
import { toOfficialView, type OfficialView } from '../users/user.types';
import { groupedLoader } from './batch-loaders';
import { toViolationView, type ViolationView } from './control.types';

export function controlLoaders(em: EntityManager) {
  return {
    participantsByVerification: groupedLoader<OfficialView>(
      em,
      `select p.verification_id, u.* from onsite_verification_participant p join app_user u on u.id = p.user_id
        where p.verification_id = any($IDS) order by p.verification_id, u.full_name`,
      'verification_id',
      toOfficialView,
    ),
    violationsByVerification: groupedLoader<ViolationView>(
      em,
      'select * from control_violation where verification_id = any($IDS) order by verification_id, found_on, id',
      'verification_id',
      toViolationView,
    ),
    violationsByOfficeCheck: groupedLoader<ViolationView>(
      em,
      'select * from control_violation where office_check_id = any($IDS) order by office_check_id, kind, id',
      'office_check_id',
      toViolationView,
    ),
    /** An instruction by id (a one-element group). */
    instructionById: groupedLoader<InstructionView>(em, 'select * from instruction where id = any($IDS)', 'id', toInstructionView),
  };
}

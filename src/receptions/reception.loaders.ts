import type { EntityManager } from '@mikro-orm/postgresql';
import { groupedLoader } from '../control/batch-loaders';
import { toInstructionView, type InstructionView } from '../instructions/instruction.types';
import { toBookingView, type ReceptionBookingView } from './reception.types';

export function receptionLoaders(em: EntityManager) {
  return {
    bookingsBySession: groupedLoader<ReceptionBookingView>(
      em,
      'select * from reception_booking where session_id = any($IDS) order by session_id, booked_at, id',
      'session_id',
      toBookingView,
    ),
    instructionsByBooking: groupedLoader<InstructionView>(
      em,
      `select ri.booking_id, i.* from reception_instruction ri join instruction i on i.id = ri.instruction_id
        where ri.booking_id = any($IDS) order by ri.booking_id, i.issued_at, i.id`,
      'booking_id',
      toInstructionView,
    ),
  };
}

/**
 * Personal receptions (личный приём / жеке қабылдау), regulation task 6: who holds them, in which form, preliminary
 * registration of applicants, attendance. Pure rules: no database, no clock of their own.
 */
import { conflict, badInput } from '../../shared/errors';

/** Who holds the reception (6.1, 6.4). */
export const RECEPTION_OFFICIALS = [
  'akim', // аким области / города
  'deputy_akim', // заместитель акима
  'head_of_apparatus', // руководитель аппарата акима
  'deputy_head_of_apparatus', // заместитель руководителя аппарата
  'head_of_subdivision', // руководитель структурного подразделения
  'district_akim', // аким района / города областного значения
  'deputy_district_akim', // заместитель акима района
  'rural_akim', // аким сельского округа
  'authorized_employee', // иной уполномоченный работник аппарата
] as const;
export type ReceptionOfficial = (typeof RECEPTION_OFFICIALS)[number];

/** In the office, a visiting reception in another settlement, or by videoconference (6.3, 6.4). */
export const RECEPTION_KINDS = ['office', 'visiting', 'videoconference'] as const;
export type ReceptionKind = (typeof RECEPTION_KINDS)[number];

export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
/** Derived for display: scheduled (before start), in progress, held (after end), cancelled. */
export type SessionState = 'scheduled' | 'in_progress' | 'held' | 'cancelled';
export const SESSION_STATES: readonly SessionState[] = ['scheduled', 'in_progress', 'held', 'cancelled'];

export const BOOKING_STATUSES = ['booked', 'attended', 'no_show', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/** Bookings that hold a seat and a time. */
export const ACTIVE_BOOKING_STATUSES: readonly BookingStatus[] = ['booked', 'attended'];

export const MAX_SESSION_HOURS = 12;
export const MAX_CAPACITY = 500;
/**
 * A reception is planned ahead: its start may lie at most this many minutes before the moment it is scheduled (the
 * official has just sat down and the specialist enters it). Anything earlier is a back-filled session, refused.
 */
export const LATE_ENTRY_MINUTES = 15;

/** Was the session entered before it began (within LATE_ENTRY_MINUTES)? Only such sessions count as held. */
export const enteredInAdvance = (s: { startsAt: Date; createdAt: Date }) =>
  s.createdAt.getTime() <= s.startsAt.getTime() + LATE_ENTRY_MINUTES * 60_000;

export interface SessionPlan {
  official: ReceptionOfficial;
  kind: ReceptionKind;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  link: string | null;
  capacity: number;
  withPaAppealsHead: boolean;
  settlementUnitId: number | null;
}

/** Checks a session's plan; throws BAD_USER_INPUT on the first problem. */
export function validateSessionPlan(p: SessionPlan, now: Date): void {
  if (!(p.endsAt.getTime() > p.startsAt.getTime())) throw badInput('endsAt', 'The reception must end after it starts');
  if (p.endsAt.getTime() - p.startsAt.getTime() > MAX_SESSION_HOURS * 3_600_000) throw badInput('endsAt', `A reception lasts at most ${MAX_SESSION_HOURS} hours`);
  if (p.startsAt.getTime() < now.getTime() - LATE_ENTRY_MINUTES * 60_000) {
    throw badInput('startsAt', `A reception is scheduled ahead; it may not start more than ${LATE_ENTRY_MINUTES} minutes before it is entered`, {
      reason: 'STARTS_IN_THE_PAST',
    });
  }
  if (p.startsAt.getTime() > now.getTime() + 366 * 86_400_000) throw badInput('startsAt', 'A reception is scheduled at most a year ahead');
  if (!Number.isInteger(p.capacity) || p.capacity < 1 || p.capacity > MAX_CAPACITY) throw badInput('capacity', `capacity must be 1–${MAX_CAPACITY}`);
  if (p.kind === 'videoconference') {
    if (!p.link || !/^https:\/\/\S+$/.test(p.link)) throw badInput('link', 'A videoconference needs an https link');
  } else if (!p.place) {
    throw badInput('place', 'Say where the reception is held');
  }
  if (p.kind === 'visiting' && p.settlementUnitId == null) throw badInput('settlementUnitId', 'A visiting reception names the settlement (district) it goes to');
  if (p.withPaAppealsHead && p.kind !== 'videoconference') {
    throw badInput('withPaAppealsHead', "The head of the Presidential Administration's appeals department joins by videoconference only");
  }
}

export function sessionState(s: { status: SessionStatus; startsAt: Date; endsAt: Date }, now: Date): SessionState {
  if (s.status === 'cancelled') return 'cancelled';
  if (now.getTime() < s.startsAt.getTime()) return 'scheduled';
  if (now.getTime() < s.endsAt.getTime()) return 'in_progress';
  return 'held';
}

export const overlaps = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) =>
  a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();

/**
 * May this person book this session? A cancelled or finished session takes no bookings; a full session takes no more;
 * the same person may not hold two bookings at overlapping times (CONFLICT with a reason a form can show).
 */
export function assertBookable(
  session: { id: string; status: SessionStatus; startsAt: Date; endsAt: Date; capacity: number },
  activeBookings: number,
  personsOtherBookings: { sessionId: string; startsAt: Date; endsAt: Date }[],
  now: Date,
): void {
  if (session.status === 'cancelled') throw conflict('The reception was cancelled', { reason: 'SESSION_CANCELLED' });
  if (now.getTime() >= session.endsAt.getTime()) throw conflict('The reception is over', { reason: 'SESSION_OVER' });
  if (activeBookings >= session.capacity) {
    throw conflict(`The reception is full (${session.capacity} places)`, { reason: 'SESSION_FULL', capacity: session.capacity });
  }
  const clash = personsOtherBookings.find((b) => overlaps(b, session));
  if (clash) {
    throw conflict(
      clash.sessionId === session.id ? 'This person is already registered for this reception' : 'This person is already registered for another reception at an overlapping time',
      { reason: 'BOOKING_CLASH', sessionId: clash.sessionId },
    );
  }
}

export type AttendanceMark = 'attended' | 'no_show' | 'cancelled';

/** The booking's next status; attendance is marked once the reception has started, a cancellation before it ends. */
export function nextBookingStatus(current: BookingStatus, mark: AttendanceMark, session: { status: SessionStatus; startsAt: Date; endsAt: Date }, now: Date): BookingStatus {
  if (current !== 'booked') throw conflict(`The booking is already ${current.replace('_', ' ')}`, { reason: 'ATTENDANCE_ALREADY_RECORDED', status: current });
  if (mark === 'cancelled') {
    if (now.getTime() >= session.endsAt.getTime()) throw conflict('The reception is over; mark attendance instead', { reason: 'SESSION_OVER' });
    return 'cancelled';
  }
  if (session.status === 'cancelled') throw conflict('The reception was cancelled', { reason: 'SESSION_CANCELLED' });
  if (now.getTime() < session.startsAt.getTime()) throw conflict('The reception has not started yet', { reason: 'SESSION_NOT_STARTED' });
  return mark;
}

/**
 * Regularity of an official body's receptions over a period: held sessions per month, and whether every month of the
 * period had at least one (district akims hold regular visiting receptions, 6.4).
 */
export function regularity(heldDates: string[], from: string, to: string): { monthsInPeriod: number; monthsWithReceptions: number; regular: boolean; longestGapDays: number | null } {
  const months = new Set<string>();
  for (let y = Number(from.slice(0, 4)), m = Number(from.slice(5, 7)); `${y}-${String(m).padStart(2, '0')}` <= to.slice(0, 7); m === 12 ? (y++, (m = 1)) : m++) {
    months.add(`${y}-${String(m).padStart(2, '0')}`);
  }
  const withSessions = new Set(heldDates.map((d) => d.slice(0, 7)).filter((m) => months.has(m)));
  const sorted = [...heldDates].sort();
  let gap: number | null = null;
  for (let i = 1; i < sorted.length; i++) {
    const d = (Date.parse(sorted[i]) - Date.parse(sorted[i - 1])) / 86_400_000;
    gap = gap == null ? d : Math.max(gap, d);
  }
  return { monthsInPeriod: months.size, monthsWithReceptions: withSessions.size, regular: months.size > 0 && withSessions.size === months.size, longestGapDays: gap };
}

/**
 * The notices the law requires the applicant to receive, when each is due, and how delivery is retried.
 *
 *  - registration (APPK art. 64): the talon — registration number, date and time, receiving official — on the day of
 *    registration;
 *  - forwarding (APPK art. 65): the appeal was sent to the competent body; the forwarding and the notice are due
 *    within 3 working days of receipt;
 *  - extension (APPK art. 76): the period was extended; the applicant is told within 3 working days of the decision;
 *  - answer: the answer on the merits, within the period of consideration in force.
 * Pure code: no database, no clock of its own.
 */
import { toLocalDate, type LocalDate } from '../../calendar/working-calendar';

export const NOTICE_KINDS = ['registration', 'forwarding', 'extension', 'answer'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_STATUSES = ['pending', 'sent', 'failed'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** How a notice reaches the applicant, from the contacts the appeal gives (e-mail first, then SMS, then post). */
export const DELIVERY_CHANNELS = ['email', 'sms', 'post'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export const NOTICE_LEGAL_BASIS: Record<NoticeKind, string> = {
  registration: 'APPK art. 64: the applicant receives a talon with the registration number, the date and time and the receiving official.',
  forwarding: 'APPK art. 65: an appeal outside the competence is forwarded within 3 working days of receipt and the applicant is told.',
  extension: 'APPK art. 76: the applicant is told of an extension of the period within 3 working days.',
  answer: 'APPK art. 76: the applicant receives the answer within the period of consideration.',
};

export function chooseChannel(contacts: { email?: string | null; phone?: string | null; address?: string | null }): DeliveryChannel | null {
  if (contacts.email) return 'email';
  if (contacts.phone) return 'sms';
  if (contacts.address) return 'post';
  return null;
}

/** A notice is late when it was delivered (or is still undelivered) after the end of its due date (local time). */
export function isNoticeLate(n: { dueDate: LocalDate; sentAt: Date | null }, now: Date): boolean {
  return toLocalDate(n.sentAt ?? now) > n.dueDate;
}

export interface RetryPolicy {
  /** Attempts in all, the first included; after the last failure the notice is marked failed. */
  maxAttempts: number;
  /** Delay before the second attempt; doubled for each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 60_000, maxDelayMs: 6 * 3_600_000 };

/**
 * After the `attempt`-th failed attempt (1-based): when to try again, or null when the notice has failed for good
 * (attempts used up, or a permanent error such as a malformed address).
 */
export function nextAttemptAt(policy: RetryPolicy, attempt: number, failedAt: Date, permanent = false): Date | null {
  if (permanent || attempt >= policy.maxAttempts) return null;
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return new Date(failedAt.getTime() + delay);
}

/** What the notice says, by kind (no personal data of the applicant is put into it). */
export interface NoticePayload {
  registrationNumber: string;
  language: 'ru' | 'kk' | 'en';
  registeredAt?: string;
  receivingOfficial?: string | null;
  forwardedTo?: string | null;
  newDueDate?: string | null;
  reason?: string | null;
  decision?: string | null;
  responseId?: string | null;
}

/** The message text of a notice, in the appeal's language (Kazakh or Russian; English appeals get Russian). */
export function renderNotice(kind: NoticeKind, p: NoticePayload): { subject: string; body: string } {
  const kk = p.language === 'kk';
  const at = p.registeredAt ? p.registeredAt.replace('T', ' ').slice(0, 16) : '';
  switch (kind) {
    case 'registration':
      return kk
        ? { subject: `Өтініш ${p.registrationNumber} тіркелді`, body: `Талон: №${p.registrationNumber}, ${at} (UTC+5). Қабылдаған: ${p.receivingOfficial ?? '—'}.` }
        : { subject: `Обращение ${p.registrationNumber} зарегистрировано`, body: `Талон: №${p.registrationNumber}, ${at} (UTC+5). Принял: ${p.receivingOfficial ?? '—'}.` };
    case 'forwarding':
      return kk
        ? { subject: `Өтініш ${p.registrationNumber} жіберілді`, body: `Өтінішіңіз қарау үшін құзыретті органға жіберілді: ${p.forwardedTo}.` }
        : { subject: `Обращение ${p.registrationNumber} направлено по компетенции`, body: `Ваше обращение направлено для рассмотрения в ${p.forwardedTo}.` };
    case 'extension':
      return kk
        ? { subject: `Өтініш ${p.registrationNumber}: қарау мерзімі ұзартылды`, body: `Қарау мерзімі ${p.newDueDate} дейін ұзартылды. Себебі: ${p.reason}` }
        : { subject: `Обращение ${p.registrationNumber}: срок рассмотрения продлён`, body: `Срок рассмотрения продлён до ${p.newDueDate}. Причина: ${p.reason}` };
    case 'answer':
      return kk
        ? { subject: `Өтініш ${p.registrationNumber} бойынша жауап`, body: `Өтінішіңіз қаралды; жауап қоса беріледі.` }
        : { subject: `Ответ на обращение ${p.registrationNumber}`, body: `Ваше обращение рассмотрено; ответ прилагается.` };
  }
}

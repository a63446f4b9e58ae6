/**
 * Deadline rules for appeals (обращения), one table a lawyer can check line by line.
 *
 * Source: Administrative Procedural and Process Code of the RK (APPK, No. 350-VI of 29 June 2020, in force
 * 1 July 2021). Periods in working days count weekends, public holidays and transfers as non-working (see
 * seeds/calendar/kz-calendar.json). The arithmetic lives in ./deadlines.ts.
 */

/** Forms of appeal under the APPK. */
export type AppealForm = 'application' | 'complaint' | 'proposal' | 'feedback' | 'request' | 'report';

export const APPEAL_FORMS: readonly AppealForm[] = ['application', 'complaint', 'proposal', 'feedback', 'request', 'report'];

export interface FormRule {
  form: AppealForm;
  /** Russian / Kazakh names, for people checking the table. */
  nameRu: string;
  nameKk: string;
  /** Period of consideration, in working days counted from the day after receipt. */
  considerationWorkingDays: number;
  /** The extended deadline may not be later than this many calendar months after receipt. */
  maxExtensionMonths: number;
  legalBasis: string;
  /** Doubts a lawyer should resolve. */
  note?: string;
}

const ART_76 =
  'APPK art. 76: considered within 15 working days of receipt unless a law sets another period; the head of the body or a deputy may extend it by a reasoned decision to a reasonable period of not more than two months, informing the applicant within 3 working days.';

export const DEADLINE_RULES: Record<AppealForm, FormRule> = {
  application: {
    form: 'application',
    nameRu: 'заявление',
    nameKk: 'өтініш',
    considerationWorkingDays: 15,
    maxExtensionMonths: 2,
    legalBasis: ART_76,
  },
  complaint: {
    form: 'complaint',
    nameRu: 'жалоба',
    nameKk: 'шағым',
    considerationWorkingDays: 15,
    maxExtensionMonths: 2,
    legalBasis: `${ART_76} A complaint against an administrative act or action is filed through the body concerned and decided by the higher body (APPK art. 91).`,
    note: 'A complaint under the APPK pre-trial procedure (arts. 91-100) may have its own period for the body deciding it (reportedly 20 working days); complaints about public services have shorter periods under the Law on Public Services. Not verified against the code text: 15 working days kept.',
  },
  proposal: {
    form: 'proposal',
    nameRu: 'предложение',
    nameKk: 'ұсыныс',
    considerationWorkingDays: 15,
    maxExtensionMonths: 2,
    legalBasis: ART_76,
  },
  feedback: {
    form: 'feedback',
    nameRu: 'отклик',
    nameKk: 'пікір',
    considerationWorkingDays: 15,
    maxExtensionMonths: 2,
    legalBasis: ART_76,
    note: 'Unsure whether a reply to the applicant is mandatory for a response/feedback (it expresses an opinion on a decision or event); 15 working days kept as the general period.',
  },
  request: {
    form: 'request',
    nameRu: 'запрос',
    nameKk: 'сұрау',
    considerationWorkingDays: 15,
    maxExtensionMonths: 2,
    legalBasis: ART_76,
    note: 'A request for information may instead fall under the Law on Access to Information (No. 401-V of 16 Nov 2015), which sets its own periods; not verified, 15 working days kept.',
  },
  report: {
    form: 'report',
    nameRu: 'сообщение',
    nameKk: 'хабарлама',
    considerationWorkingDays: 15,
    maxExtensionMonths: 2,
    legalBasis: ART_76,
    note: 'Unsure whether a reply is mandatory for a report/message (information about violations or facts); 15 working days kept as the general period.',
  },
};

/** Uncertainty shared by every form: how "not more than two months" is measured. */
export const EXTENSION_RULE_NOTE =
  'APPK art. 76 says the period may be extended "to a reasonable period, not more than two months". We read it as: the extended deadline is at most two calendar months after receipt (as the project issue states). Another reading is two months on top of the 15 working days; a lawyer should confirm.';

/** APPK art. 65: an appeal outside the body's competence is sent to the competent body within 3 working days, and the applicant told. */
export const FORWARDING_WORKING_DAYS = 3;
export const FORWARDING_LEGAL_BASIS =
  "APPK art. 65: an appeal outside the body's competence is forwarded to the competent body within 3 working days, and the applicant is informed.";

/** APPK art. 76: the applicant is told about an extension within 3 working days. */
export const EXTENSION_NOTICE_WORKING_DAYS = 3;

/** Office hours for registration (APPK art. 64: registered the same day, or the next working day if received after hours). */
export const WORKING_HOURS = { start: '09:00', end: '18:30' } as const;
export const WORKING_DAY_START_MINUTES = 9 * 60;
export const WORKING_DAY_END_MINUTES = 18 * 60 + 30;
export const REGISTRATION_LEGAL_BASIS =
  'APPK art. 64: acceptance and registration of an appeal are mandatory; it is registered on the day of receipt, or on the next working day if received after working hours or on a non-working day.';

/** Minimum length of the reason for an extension (non-space characters): the decision must be reasoned (APPK art. 76). */
export const EXTENSION_REASON_MIN_CHARS = 10;

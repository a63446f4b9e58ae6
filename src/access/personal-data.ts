import type { Actor } from './actor';

/**
 * Personal data (names, IIN/BIN, phones, e-mails, addresses) and who may see it. The one place that decides;
 * resolvers call `presentApplicant` and `presentAppealText` and never decide themselves.
 */
export type PersonalDataAccess = 'full' | 'masked' | 'none';

export function personalDataAccess(actor: Actor): PersonalDataAccess {
  if (actor.system) return 'full';
  if (actor.roles.some((r) => r === 'admin' || r === 'head' || r === 'deputy_head' || r === 'specialist' || r === 'executor')) {
    return 'full';
  }
  if (actor.roles.some((r) => r === 'analyst' || r === 'auditor')) return 'masked';
  return 'none';
}

const IIN_LIKE = /(?<!\d)\d{12}(?!\d)/g;
const PHONE_LIKE = /(?<![\w+])(?:\+?[78])[\s\-(]*\d{3}[\s\-)]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)/g;
const EMAIL_LIKE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;

/** Replaces IIN/BIN-like numbers, phone numbers and e-mail addresses inside free text. */
export function maskPersonalDataInText(text: string): string {
  return text.replace(EMAIL_LIKE, '[e-mail]').replace(IIN_LIKE, '[IIN/BIN]').replace(PHONE_LIKE, '[phone]');
}

/** "Айгерим Сапарова" → "А. С." */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => `${[...p][0]}.`)
    .join(' ');
}

export function maskDigits(value: string | null | undefined, keepLast = 0): string | null {
  if (!value) return null;
  const digits = value.length;
  return '*'.repeat(Math.max(0, digits - keepLast)) + (keepLast ? value.slice(-keepLast) : '');
}

export interface ApplicantData {
  id: string;
  kind: 'individual' | 'legal';
  fullName: string | null;
  iin: string | null;
  organizationName: string | null;
  bin: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  adminUnitId: string | null;
  masked: boolean;
}

/** What of an applicant leaves the server for this actor. A legal entity's name is not personal data. */
export function presentApplicant<T extends ApplicantData>(actor: Actor, a: T): T | null {
  const access = personalDataAccess(actor);
  if (access === 'full') return a;
  if (access === 'none') return null;
  return {
    ...a,
    fullName: maskName(a.fullName),
    iin: maskDigits(a.iin),
    bin: a.bin,
    phone: maskDigits(a.phone?.replace(/\D/g, '') ?? null),
    email: a.email ? '***' : null,
    address: null,
    masked: true,
  };
}

export function presentAppealText(actor: Actor, text: string): string {
  return personalDataAccess(actor) === 'full' ? text : maskPersonalDataInText(text);
}

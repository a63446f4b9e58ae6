import type { Actor } from './actor';

/**
 * Personal data (names, IIN/BIN, phones, e-mails, addresses) and who may see it. The one place that decides;
 * resolvers call `presentApplicant` and `presentAppealText`, and the schema guard (src/access/guard.ts) passes
 * every other text and JSON field through `maskPersonalDataInText` for roles without full access, so a new field
 * is masked by default.
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

// Every pattern starts with a look-behind that forbids a match in the middle of a run of the same characters:
// the engine then tries each run once, so a megabyte of letters or digits is scanned in linear time.

/** UUIDs are identifiers, never personal data: they are kept whole even when their last group is 12 digits. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/gu;

/** 12 digits (IIN/BIN), also written in groups: 900101 400013, 9001 0140 0013, 900 101 400 013. */
const IIN_LIKE = /(?<![\d-])(?:\d{12}|\d{6}[ -]\d{6}|\d{4}[ -]\d{4}[ -]\d{4}|\d{3}[ -]\d{3}[ -]\d{3}[ -]\d{3})(?![\d])/g;

/**
 * Kazakhstan phone numbers: +7 / 8 / 7 and ten digits with spaces, dashes or parentheses anywhere
 * (+7 (701) 123-45-67, 8 727 250 50 50, 87011234567), a mobile number without the prefix (701 123 45 67),
 * and any number of 5+ digits after a word that says it is a phone (тел. 250-50-50).
 */
const PHONE_FULL = /(?<![\p{L}\p{N}+])(?:\+[ ]?7|8|7)(?:[ \-()]{0,3}\d){10}(?!\d)/gu;
const PHONE_MOBILE = /(?<![\p{L}\p{N}+(])\(?7\d{2}\)?(?:[ \-]{0,2}\d){7}(?!\d)/gu;
const PHONE_AFTER_WORD =
  /(?<![\p{L}])(тел\.?|телефон[а-я]*|моб\.?|мобильный|сот\.?|phone|tel\.?|mobile|ұялы|байланыс)(\s*(?:№|no\.?|:)?\s*)(?:\+?\d[ \-()]{0,3}){4,14}\d(?!\d)/giu;

const UP = 'А-ЯЁӘҒҚҢӨҰҮҺІ';
const LOW = 'а-яёәғқңөұүһі';
const WORD = `[${UP}][${LOW}]+(?:-[${UP}][${LOW}]+)?`;
// Patronymics and surnames in any grammatical case (Айгерим Нурлановне, Сапаровой, Ахметова Болата Ерлановича).
const PATRONYMIC = `[${UP}][${LOW}]+(?:(?:ович|евич|ьич|ич)(?:а|у|ем|е)?|(?:овн|евн|ичн|иничн)(?:а|ы|е|у|ой)|ұлы|улы|қызы|кызы)`;
const SURNAME = `[${UP}][${LOW}]*(?:(?:ов|ев|ёв|ин|ын)(?:а|у|ым|ом|е|ой|ую|ых)?|(?:ск|цк)(?:ий|ая|ого|ому|им|ом|ой|ую)|енко|ұлы|ули)`;
const INITIALS = `[${UP}]\\.\\s?(?:[${UP}]\\.)?`;
const NOT_LETTER_BEFORE = `(?<![\\p{L}])`;
const NOT_LETTER_AFTER = `(?![\\p{L}])`;
/** "Шелек Енбекшиказахского района" is a place, not a person: no name right before a word for a territory. */
const NOT_BEFORE_PLACE = `(?!\\s+(?:район|област|облыс|округ|аудан|сельск|ауыл|город|қала|улиц|көше|проспект|микрорайон|мкр))`;
/** Full names: Фамилия Имя Отчество, Имя Отчество, Фамилия Имя, Фамилия И. О., И. О. Фамилия, and Latin forms. */
const NAMES = new RegExp(
  [
    `${WORD}\\s+${WORD}\\s+${PATRONYMIC}`,
    `${WORD}\\s+${PATRONYMIC}`,
    `${SURNAME}\\s+${INITIALS}`,
    `${INITIALS}\\s?${SURNAME}`,
    `${SURNAME}\\s+${WORD}`,
    // not when a capitalised word follows: then the name starts at the surname (Позвоните Сапаровой Айгерим …)
    `${WORD}\\s+${SURNAME}(?!\\s+[${UP}])`,
    `[A-Z][a-z]+\\s+[A-Z][a-z]+\\s+[A-Z][a-z]+(?:ovich|evich|ovna|evna|ichna|uly|ulu|qyzy|kyzy)`,
  ]
    .map((p) => `${NOT_LETTER_BEFORE}${p}${NOT_LETTER_AFTER}${NOT_BEFORE_PLACE}`)
    .join('|'),
  'gu',
);
/** A flat number identifies a household: "кв. 12" keeps the word and hides the number. */
const FLAT = /(?<![\p{L}])(кв\.?|квартира|пәтер|apt\.?)(\s*№?\s*)\d+[а-яa-z]?(?![\p{L}\p{N}])/giu;

function maskSegment(s: string): string {
  return s
    .replace(EMAIL, '[e-mail]')
    .replace(IIN_LIKE, '[IIN/BIN]')
    .replace(PHONE_AFTER_WORD, '$1$2[phone]')
    .replace(PHONE_FULL, '[phone]')
    .replace(PHONE_MOBILE, '[phone]')
    .replace(NAMES, '[name]')
    .replace(FLAT, '$1$2[*]');
}

/**
 * Replaces IIN/BIN-like numbers, phone numbers, e-mail addresses, full names and flat numbers inside free text.
 * Idempotent (masking twice changes nothing more) and linear in the length of the text.
 */
export function maskPersonalDataInText(text: string): string {
  if (!text) return text;
  let out = '';
  let last = 0;
  UUID.lastIndex = 0;
  for (let m = UUID.exec(text); m; m = UUID.exec(text)) {
    out += maskSegment(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + maskSegment(text.slice(last));
}

/** Masks every string inside a JSON value (history before/after, details), keys untouched. */
export function maskPersonalDataDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return maskPersonalDataInText(value) as T;
  if (value === null || typeof value !== 'object' || depth > 20) return value;
  if (Array.isArray(value)) return value.map((v) => maskPersonalDataDeep(v, depth + 1)) as T;
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = maskPersonalDataDeep(v, depth + 1);
  return out as T;
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

/** A person who books a personal reception or asks for a consultation: protected exactly like an applicant. */
export interface PersonData {
  fullName: string | null;
  iin: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  masked: boolean;
}

export function presentPerson<T extends PersonData>(actor: Actor, p: T): T | null {
  const access = personalDataAccess(actor);
  if (access === 'full') return p;
  if (access === 'none') return null;
  return {
    ...p,
    fullName: maskName(p.fullName),
    iin: maskDigits(p.iin),
    phone: maskDigits(p.phone?.replace(/\D/g, '') ?? null),
    email: p.email ? '***' : null,
    address: null,
    masked: true,
  };
}

/**
 * What an appeal must contain to be registered (APPK art. 63): who the applicant is (full name and IIN, or a legal
 * entity's name and BIN), a postal address, and the essence of the appeal. Returns every problem at once with a
 * field path, so a form can show them next to the fields.
 */
import { invalidFields, type FieldProblem } from '../../shared/errors';
import { APPEAL_FORMS, type AppealForm } from './deadline-rules';
import { isValidBin, isValidIin } from '../../applicants/identity-number';
import {
  APPEAL_CHANNELS,
  LANGUAGES,
  OUT_OF_SCOPE_KINDS,
  type AppealChannel,
  type Language,
  type OutOfScopeKind,
} from './vocabulary';

export interface RegistrationApplicantInput {
  kind: 'individual' | 'legal';
  fullName?: string | null;
  iin?: string | null;
  organizationName?: string | null;
  bin?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  adminUnitId?: string | null;
}

export interface RegistrationInput {
  form: string;
  channel: string;
  receivedAt: Date;
  text: string;
  summary?: string | null;
  language?: string | null;
  applicants: RegistrationApplicantInput[];
  anonymous?: boolean;
  signatoriesCount?: number | null;
  outOfScope?: string | null;
}

export const TEXT_MIN_MEANINGFUL_CHARS = 10;
export const TEXT_MAX_CHARS = 20_000;
export const FULL_NAME_MIN = 2;
export const FULL_NAME_MAX = 200;
export const ORGANIZATION_NAME_MAX = 500;
export const ADDRESS_MIN = 5;
export const ADDRESS_MAX = 500;
/** Tolerated clock difference between the receiving system and ours. */
export const RECEIVED_AT_SKEW_MS = 5 * 60_000;
/** No appeal in this system is older than this (00:00 on 1 Jan 2000, Kazakhstan time). */
export const EARLIEST_RECEIVED_AT = new Date('2000-01-01T00:00:00+05:00');

/**
 * A Kazakhstan phone number as +7XXXXXXXXXX, or null when it cannot be one. Accepts spaces, dashes, dots and
 * brackets, and the domestic prefix 8 (8 701 123 45 67 → +77011234567).
 */
export function normalizePhone(phone: string): string | null {
  const compact = phone.trim().replace(/[\s\-().]/g, '');
  let digits: string;
  if (/^\+7\d{10}$/.test(compact)) return compact;
  if (/^[78]\d{10}$/.test(compact)) digits = compact.slice(1);
  else return null;
  return `+7${digits}`;
}

const EMAIL_RE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[^\s@.]{2,}$/;
export function isValidEmail(email: string): boolean {
  const e = email.trim();
  return e.length <= 254 && EMAIL_RE.test(e);
}

/** Letters and digits in any script: what counts as "meaningful" in the essence. */
function meaningfulChars(s: string): number {
  return (s.match(/[\p{L}\p{N}]/gu) ?? []).length;
}

const blank = (s: string | null | undefined): boolean => s === null || s === undefined || s.trim() === '';

export function registrationProblems(input: RegistrationInput, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });

  if (!APPEAL_FORMS.includes(input.form as AppealForm))
    add('form', `Unknown form of appeal "${String(input.form)}"; expected one of ${APPEAL_FORMS.join(', ')}`);
  if (!APPEAL_CHANNELS.includes(input.channel as AppealChannel))
    add('channel', `Unknown channel "${String(input.channel)}"; expected one of ${APPEAL_CHANNELS.join(', ')}`);

  if (!blank(input.language) && !LANGUAGES.includes(input.language as Language))
    add('language', `Unknown language "${input.language}"; expected one of ${LANGUAGES.join(', ')}`);
  if (!blank(input.outOfScope) && !OUT_OF_SCOPE_KINDS.includes(input.outOfScope as OutOfScopeKind))
    add('outOfScope', `Unknown procedure "${input.outOfScope}"; expected one of ${OUT_OF_SCOPE_KINDS.join(', ')}`);

  // receipt time
  const received = input.receivedAt instanceof Date ? input.receivedAt.getTime() : NaN;
  if (Number.isNaN(received)) add('receivedAt', 'The time of receipt is required');
  else if (received > now.getTime() + RECEIVED_AT_SKEW_MS) add('receivedAt', 'The time of receipt cannot be in the future');
  else if (received < EARLIEST_RECEIVED_AT.getTime()) add('receivedAt', 'The time of receipt cannot be before the year 2000');

  // the essence
  const text = typeof input.text === 'string' ? input.text : '';
  if (blank(text)) add('text', 'APPK art. 63 requires the essence of the appeal: the text is empty');
  else if (meaningfulChars(text) < TEXT_MIN_MEANINGFUL_CHARS)
    add('text', `The essence of the appeal is too short: at least ${TEXT_MIN_MEANINGFUL_CHARS} letters or digits are needed (APPK art. 63)`);
  else if (text.trim().length > TEXT_MAX_CHARS)
    add('text', `The text is too long: at most ${TEXT_MAX_CHARS.toLocaleString('en-US')} characters`);

  // applicants
  const applicants = Array.isArray(input.applicants) ? input.applicants : [];
  if (input.anonymous) {
    if (applicants.length > 0)
      add('applicants', 'An anonymous appeal has no applicants: remove them or do not mark the appeal anonymous');
  } else if (applicants.length === 0) {
    add(
      'applicants',
      'APPK art. 63 requires the applicant: add at least one applicant (an appeal without one is registered as anonymous and left without consideration)',
    );
  }

  const oral = input.channel === 'personal_reception';
  applicants.forEach((a, i) => {
    const at = `applicants[${i}]`;
    if (a.kind === 'individual') {
      const name = (a.fullName ?? '').trim();
      if (!name) add(`${at}.fullName`, "APPK art. 63 requires the applicant's full name");
      else if (name.length < FULL_NAME_MIN || name.length > FULL_NAME_MAX)
        add(`${at}.fullName`, `The full name must be ${FULL_NAME_MIN} to ${FULL_NAME_MAX} characters long`);
      const iin = (a.iin ?? '').trim();
      if (!iin) add(`${at}.iin`, "APPK art. 63 requires the applicant's IIN");
      else if (!isValidIin(iin))
        add(`${at}.iin`, 'The IIN is not valid: it must be 12 digits with a real birth date and a correct check digit');
    } else if (a.kind === 'legal') {
      const name = (a.organizationName ?? '').trim();
      if (!name) add(`${at}.organizationName`, "APPK art. 63 requires the legal entity's name");
      else if (name.length < 2 || name.length > ORGANIZATION_NAME_MAX)
        add(`${at}.organizationName`, `The organisation name must be 2 to ${ORGANIZATION_NAME_MAX} characters long`);
      const bin = (a.bin ?? '').trim();
      if (!bin) add(`${at}.bin`, "APPK art. 63 requires the legal entity's BIN");
      else if (!isValidBin(bin))
        add(`${at}.bin`, 'The BIN is not valid: it must be 12 digits with a correct entity type and check digit');
    } else {
      add(`${at}.kind`, `Unknown applicant kind "${String(a.kind)}"; expected individual or legal`);
    }

    const address = (a.address ?? '').trim();
    if (!address)
      add(
        `${at}.address`,
        oral
          ? "APPK art. 63 requires the applicant's postal address; for an oral appeal write it into the reception protocol"
          : "APPK art. 63 requires the applicant's postal address",
      );
    else if (address.length < ADDRESS_MIN) add(`${at}.address`, `The postal address is too short (at least ${ADDRESS_MIN} characters)`);
    else if (address.length > ADDRESS_MAX) add(`${at}.address`, `The postal address is too long (at most ${ADDRESS_MAX} characters)`);

    if (!blank(a.phone) && normalizePhone(a.phone!) === null)
      add(`${at}.phone`, 'The phone number must be a Kazakhstan number: +7 followed by 10 digits');
    if (!blank(a.email) && !isValidEmail(a.email!)) add(`${at}.email`, 'The email address is not valid');
  });

  // collective appeals
  const sc = input.signatoriesCount;
  if (sc !== null && sc !== undefined) {
    if (!Number.isInteger(sc) || sc < 1) add('signatoriesCount', 'The number of signatories must be a whole number of at least 1');
    else if (sc < applicants.length)
      add('signatoriesCount', `The number of signatories (${sc}) cannot be less than the number of applicants (${applicants.length})`);
  }

  return problems;
}

/** Throws BAD_USER_INPUT with details.problems (every field-level problem) when the appeal cannot be registered. */
export function assertRegistrable(input: RegistrationInput, now: Date): void {
  const problems = registrationProblems(input, now);
  if (problems.length > 0) throw invalidFields(problems);
}

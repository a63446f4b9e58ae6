/**
 * IIN (ИИН, individual identification number) and BIN (БИН, business identification number) of Kazakhstan.
 *
 * Both are 12 digits whose last digit is a check digit: the first 11 digits weighted 1..11, summed, mod 11; if that
 * gives 10, weighted 3,4,5,6,7,8,9,10,11,1,2 instead; if that gives 10 again the number is never issued.
 *  - IIN: YYMMDD (birth date), then the century/sex digit 1-6 (1/2: 1800s, 3/4: 1900s, 5/6: 2000s; odd male,
 *    even female), a 4-digit serial, the check digit.
 *  - BIN: YYMM (registration year and month), the entity type 4 (resident legal entity), 5 (non-resident legal
 *    entity) or 6 (joint individual entrepreneurship), a subdivision digit (0 head office, 1 branch,
 *    2 representative office, 3 peasant farm), a 5-digit serial, the check digit.
 */

const WEIGHTS_1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const WEIGHTS_2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
const TWELVE_DIGITS = /^\d{12}$/;

/** The check digit for the first 11 digits, or null when none exists (10 under both weightings). */
export function checkDigit(first11: string): number | null {
  if (!/^\d{11}$/.test(first11)) return null;
  const digits = [...first11].map(Number);
  const sum = (w: number[]) => digits.reduce((s, d, i) => s + d * w[i]!, 0) % 11;
  let c = sum(WEIGHTS_1);
  if (c === 10) c = sum(WEIGHTS_2);
  return c === 10 ? null : c;
}

function hasValidCheckDigit(n: string): boolean {
  return TWELVE_DIGITS.test(n) && checkDigit(n.slice(0, 11)) === Number(n[11]);
}

function centuryOf(digit7: number): number | null {
  if (digit7 >= 1 && digit7 <= 6) return 1800 + Math.floor((digit7 - 1) / 2) * 100;
  return null;
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The birth date an IIN encodes, 'YYYY-MM-DD', or null when the IIN's date part is not a real date. */
export function iinBirthDate(iin: string): string | null {
  if (typeof iin !== 'string' || !TWELVE_DIGITS.test(iin)) return null;
  const century = centuryOf(Number(iin[6]));
  if (century === null) return null;
  const y = century + Number(iin.slice(0, 2));
  const m = Number(iin.slice(2, 4));
  const d = Number(iin.slice(4, 6));
  if (!isRealDate(y, m, d)) return null;
  return `${y}-${iin.slice(2, 4)}-${iin.slice(4, 6)}`;
}

/** Sex from the 7th digit (odd male, even female), or null when the digit is not 1-6. */
export function iinSex(iin: string): 'male' | 'female' | null {
  if (typeof iin !== 'string' || !TWELVE_DIGITS.test(iin)) return null;
  const d = Number(iin[6]);
  if (d < 1 || d > 6) return null;
  return d % 2 === 1 ? 'male' : 'female';
}

export function isValidIin(iin: string): boolean {
  return typeof iin === 'string' && hasValidCheckDigit(iin) && iinBirthDate(iin) !== null;
}

export function isValidBin(bin: string): boolean {
  if (typeof bin !== 'string' || !hasValidCheckDigit(bin)) return false;
  const month = Number(bin.slice(2, 4));
  if (month < 1 || month > 12) return false;
  return bin[4] === '4' || bin[4] === '5' || bin[4] === '6';
}

/** Appends a check digit, trying serial, serial+1, … (wrapping within `width` digits) until one exists. */
function withCheckDigit(prefix: string, serial: number, width: number): string {
  const limit = 10 ** width;
  if (!Number.isInteger(serial) || serial < 0 || serial >= limit)
    throw new RangeError(`serial must be a whole number from 0 to ${limit - 1}, got ${serial}`);
  for (let i = 0; i < limit; i++) {
    const first11 = prefix + String((serial + i) % limit).padStart(width, '0');
    const c = checkDigit(first11);
    if (c !== null) return first11 + String(c);
  }
  throw new RangeError(`No valid number exists for prefix ${prefix}`);
}

/** A valid IIN for a birth date (YYYY-MM-DD, years 1800-2099) and sex; for tests and demo data. */
export function makeIin(birth: string, sex: 'male' | 'female', serial: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birth);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw new RangeError(`Not a date YYYY-MM-DD: ${birth}`);
  const year = Number(m[1]);
  if (year < 1800 || year > 2099) throw new RangeError(`An IIN encodes birth years 1800-2099 only, got ${year}`);
  const centuryDigit = (Math.floor(year / 100) - 18) * 2 + (sex === 'male' ? 1 : 2);
  return withCheckDigit(`${m[1]!.slice(2)}${m[2]}${m[3]}${centuryDigit}`, serial, 4);
}

/** A valid BIN of a resident legal entity's head office (type digit 4, subdivision 0); for tests and demo data. */
export function makeBin(year: number, month: number, serial: number): string {
  if (!Number.isInteger(year) || year < 1900 || year > 2099) throw new RangeError(`year must be 1900-2099, got ${year}`);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month must be 1-12, got ${month}`);
  return withCheckDigit(`${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}40`, serial, 5);
}

/**
 * Small input checks shared by the department's own registers (receptions, control, office checks, working groups,
 * consultations). Each throws BAD_USER_INPUT with the field that is wrong.
 */
import { isLocalDate } from '../../calendar/working-calendar';
import { badInput } from '../../shared/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Trimmed text without control characters (tab and newline kept), or null when empty. */
export function clean(s: string | null | undefined): string | null {
  if (s == null) return null;
  const t = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();
  return t === '' ? null : t;
}

/** Required text of min..max characters. */
export function requireText(field: string, s: string | null | undefined, min: number, max: number, what = field): string {
  const t = clean(s);
  if (!t || t.length < min) throw badInput(field, `${what} must be at least ${min} characters`);
  if (t.length > max) throw badInput(field, `${what} must be at most ${max.toLocaleString('en')} characters`);
  return t;
}

/** Optional text up to max characters. */
export function optionalText(field: string, s: string | null | undefined, max: number): string | null {
  const t = clean(s);
  if (t && t.length > max) throw badInput(field, `at most ${max.toLocaleString('en')} characters`);
  return t;
}

export function isUuid(id: unknown): id is string {
  return typeof id === 'string' && UUID.test(id);
}

export function requireUuid(field: string, id: string | null | undefined): string {
  if (!isUuid(id)) throw badInput(field, `${field} must be an ID`);
  return id;
}

export function optionalUuid(field: string, id: string | null | undefined): string | null {
  return id == null ? null : requireUuid(field, id);
}

export function requireIntId(field: string, id: string | number | null | undefined): number {
  const n = Number(id);
  if (id == null || id === '' || !Number.isInteger(n) || n <= 0 || n > 2_147_483_647) throw badInput(field, `${field} must be an ID`);
  return n;
}

export function optionalIntId(field: string, id: string | number | null | undefined): number | null {
  return id == null ? null : requireIntId(field, id);
}

export function requireDate(field: string, d: string | null | undefined): string {
  if (!isLocalDate(d)) throw badInput(field, `${field} must be a date YYYY-MM-DD`);
  return d;
}

export function requireInstant(field: string, d: Date | null | undefined): Date {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw badInput(field, `${field} must be a date and time`);
  return d;
}

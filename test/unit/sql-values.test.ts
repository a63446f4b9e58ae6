import { describe, expect, it } from 'vitest';
import { preparedStatement, toDate } from '../../src/db/sql';

describe('values read from the database', () => {
  it('timestamps from the driver and from JSON become the same instants', () => {
    expect(toDate('2026-01-05 09:00:00+00')!.toISOString()).toBe('2026-01-05T09:00:00.000Z');
    expect(toDate('2026-01-05 09:00:00.123456+05')!.toISOString()).toBe('2026-01-05T04:00:00.123Z');
    expect(toDate('2026-01-05 09:00:00-03')!.toISOString()).toBe('2026-01-05T12:00:00.000Z');
    expect(toDate('2026-01-05 09:00:00.5+05:30')!.toISOString()).toBe('2026-01-05T03:30:00.500Z');
    expect(toDate('2026-07-01T15:00:00+05:00')!.toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(toDate('2026-07-01T10:00:00.123+00:00')!.toISOString()).toBe('2026-07-01T10:00:00.123Z');
    expect(toDate(null)).toBeNull();
    const d = new Date();
    expect(toDate(d)).toBe(d);
  });

  it('a prepared statement numbers its placeholders and is named by its text', () => {
    const a = preparedStatement('select * from appeal where id = any(?::uuid[]) and region_id = ?');
    expect(a.text).toBe('select * from appeal where id = any($1::uuid[]) and region_id = $2');
    expect(preparedStatement('select * from appeal where id = any(?::uuid[]) and region_id = ?')).toEqual(a);
    expect(preparedStatement('select 1 where ? = 1').name).not.toBe(a.name);
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return /\.(ts|mts)$/.test(name) ? [path] : [];
  });
}

describe('time comes from an injected clock', () => {
  it('no code of the service, the demo or the benchmarks reads the wall clock except src/shared/clock.ts', () => {
    const readers = ['src', 'seeds', 'bench']
      .flatMap(sources)
      .filter((f) => !f.endsWith(join('shared', 'clock.ts')))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${f}:${i + 1}`, line }))
          .filter(({ line }) => /new Date\(\s*\)|Date\.now\(\)/.test(line) && !/^\s*(\/\/|\*)/.test(line)),
      )
      .map((x) => x.where);
    expect(readers).toEqual([]);
  });

  it('a fixed clock answers the same instant every time, and refuses a non-instant', () => {
    const c = fixedClock('2028-02-29T10:00:00+05:00');
    expect(c.now().toISOString()).toBe('2028-02-29T05:00:00.000Z');
    expect(c.now()).not.toBe(c.now()); // a fresh Date: a caller cannot move the clock by mutating it
    expect(() => fixedClock('yesterday')).toThrow(RangeError);
  });
});

import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkInput } from '../../src/access/guard';
import { RateLimiter } from '../../src/access/rate-limit';
import { measureOperation, operationCost } from '../../src/graphql/limits';
import { buildAppSchema } from '../../src/graphql/schema';

describe('the per-user rate limit (token bucket)', () => {
  it('allows a burst, then one change per refill interval, each official apart', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 6, burst: 3 }, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(10); // one token comes back every 10 s
    expect(limiter.take('b')).toBe(0);
    now = 9_999;
    expect(limiter.take('a')).toBe(1);
    now = 20_000;
    expect(limiter.take('a')).toBe(0);
    now = 10 * 60_000; // a long pause refills the bucket, never above the burst
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0, 10]);
  });

  it('RATE_LIMITED carries the wait; perMinute 0 turns the limit off', () => {
    const limiter = new RateLimiter({ perMinute: 60, burst: 1 }, () => 0);
    limiter.consume('a');
    expect(() => limiter.consume('a')).toThrow(expect.objectContaining({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 1 } }));
    const off = new RateLimiter({ perMinute: 0, burst: 1 });
    for (let i = 0; i < 100; i++) expect(off.take('a')).toBe(0);
  });

  it('forgets full buckets when it holds too many', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 60_000, burst: 5 }, () => now);
    for (let i = 0; i < 50_000; i++) limiter.take(`u${i}`);
    now = 1_000;
    limiter.take('late');
    expect((limiter as any).buckets.size).toBe(1);
  });
});

describe('measuring a query before it runs', () => {
  it('depth counts nested fields through fragments; aliases are counted; introspection is not', () => {
    const doc = parse(`query Q { a: organizations { ...F } b: topics { id } __schema { types { name } } }
      fragment F on Organization { parent { parent { id } } }`);
    expect(measureOperation(doc, 'Q')).toEqual({ depth: 4, aliases: 2 });
    expect(measureOperation(parse('{ topics { id } }'))).toEqual({ depth: 2, aliases: 0 });
  });

  it('cost multiplies a page by its size and other lists by 5', async () => {
    const schema = await buildAppSchema();
    const cost = (q: string, v: Record<string, unknown> = {}) => operationCost(schema, parse(q), v);
    expect(cost('{ topics { id } }')).toBe(1 + 5 * 1);
    expect(cost('{ appeals(first: 10) { edges { node { id } } } }')).toBe(1 + 10 * (1 + 1 + 1));
    expect(cost('query($n: Int) { appeals(first: $n) { edges { node { id } } } }', { n: 100 })).toBe(1 + 100 * 3);
    expect(cost('{ appeals(first: 100) { edges { node { id history { id } } } } }')).toBe(1 + 100 * (1 + 1 + 1 + 1 + 5));
  });
});

describe('generic input checks', () => {
  it('refuse an overlong or odd ID, a NUL, a lone surrogate, and too long a list — naming the field', async () => {
    const schema = await buildAppSchema();
    const args = (field: string) => schema.getMutationType()!.getFields()[field]!.args;
    const reg = args('registerAppeal');
    const fails = (values: Record<string, unknown>, a = reg) => {
      try {
        checkInput(a, values);
        return null;
      } catch (e: any) {
        return `${e.code} ${e.field}`;
      }
    };
    expect(fails({ input: { text: 'ok', applicants: [{ fullName: 'a\u0000b' }] } })).toBe('BAD_USER_INPUT input.applicants[0].fullName');
    expect(fails({ input: { text: 'bad \ud800' } })).toBe('BAD_USER_INPUT input.text');
    expect(fails({ input: { addresseeId: 'x'.repeat(129) } })).toBe('BAD_USER_INPUT input.addresseeId');
    expect(fails({ input: { addresseeId: "1' or '1'='1" } })).toBe('BAD_USER_INPUT input.addresseeId');
    expect(fails({ input: { text: 'Нормальный текст обращения', addresseeId: '0a1b2c3d-0000-4000-8000-000000000000' } })).toBeNull();
    expect(fails({ input: { assigneeIds: Array(10_001).fill('1') } }, args('issueInstruction'))).toBe('BAD_USER_INPUT input.assigneeIds');
  });
});

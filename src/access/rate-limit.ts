import { DomainError } from '../shared/errors';

/**
 * Per-user rate limit for mutations: an in-memory token bucket per official. A bucket holds `burst` tokens and
 * refills at `perMinute` tokens a minute; each mutation takes one. One process keeps its own buckets (several
 * instances behind a balancer each allow the rate: size the numbers for that).
 */
export interface RateLimitSettings {
  /** Tokens added per minute; 0 turns the limit off. */
  perMinute: number;
  /** The most a user can spend at once. */
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    readonly settings: RateLimitSettings,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.perMs = settings.perMinute / 60_000;
  }

  get enabled(): boolean {
    return this.settings.perMinute > 0 && this.settings.burst > 0;
  }

  /** Takes a token for `key`; returns 0 when allowed, else the seconds until a token is back. */
  take(key: string): number {
    if (!this.enabled) return 0;
    const now = this.clock();
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= 50_000) this.evictFull(now);
      b = { tokens: this.settings.burst, at: now };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(this.settings.burst, b.tokens + (now - b.at) * this.perMs);
      b.at = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000));
  }

  /** Throws RATE_LIMITED when `key` has no token left. */
  consume(key: string): void {
    const wait = this.take(key);
    if (wait > 0) {
      throw new DomainError('RATE_LIMITED', `Too many changes in a short time; try again in ${wait} s`, undefined, {
        retryAfterSeconds: wait,
      });
    }
  }

  /** Buckets that have refilled completely carry no information: drop them. */
  private evictFull(now: number) {
    for (const [k, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.perMs >= this.settings.burst) this.buckets.delete(k);
    }
  }
}

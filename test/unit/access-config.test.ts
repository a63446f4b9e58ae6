import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';

describe('configuration of authentication, limits and metrics', () => {
  it('has safe defaults: HS256 only, 120 changes a minute with a burst of 60, the query limits, open /metrics', () => {
    const c = loadConfig({});
    expect(c.auth.jwksUrl).toBeNull();
    expect(c.rateLimit).toEqual({ perMinute: 120, burst: 60 });
    expect(c.queryLimits).toEqual({ maxDepth: 12, maxAliases: 30, maxCost: 50_000, maxTokens: 5_000 });
    expect(c.metricsToken).toBeNull();
  });

  it('takes an identity provider instead of a secret in production', () => {
    const c = loadConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.gov.kz/.well-known/jwks.json' });
    expect(c.auth).toMatchObject({ secret: '', jwksUrl: 'https://idp.gov.kz/.well-known/jwks.json' });
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET is required in production .* unless AUTH_JWKS_URL/);
  });

  it('refuses a JWKS URL over plain http (except on this machine), and bad numbers, all at once', () => {
    expect(loadConfig({ AUTH_JWKS_URL: 'http://127.0.0.1:8080/jwks.json' }).auth.jwksUrl).toBe('http://127.0.0.1:8080/jwks.json');
    try {
      loadConfig({
        AUTH_JWKS_URL: 'http://idp.example.kz/jwks',
        RATE_LIMIT_MUTATIONS_PER_MINUTE: 'lots',
        RATE_LIMIT_MUTATIONS_BURST: '0',
        GRAPHQL_MAX_DEPTH: '1',
        GRAPHQL_MAX_COST: '-5',
        METRICS_TOKEN: 'short',
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const p = (e as ConfigError).problems.join('\n');
      expect(p).toMatch(/AUTH_JWKS_URL must be an https:\/\/ URL/);
      expect(p).toMatch(/RATE_LIMIT_MUTATIONS_PER_MINUTE must be an integer/);
      expect(p).toMatch(/RATE_LIMIT_MUTATIONS_BURST must be an integer between 1/);
      expect(p).toMatch(/GRAPHQL_MAX_DEPTH must be an integer between 2/);
      expect(p).toMatch(/GRAPHQL_MAX_COST must be an integer/);
      expect(p).toMatch(/METRICS_TOKEN must be at least 16 characters/);
    }
  });

  it('turns the rate limit off with 0', () => {
    expect(loadConfig({ RATE_LIMIT_MUTATIONS_PER_MINUTE: '0' }).rateLimit.perMinute).toBe(0);
  });
});

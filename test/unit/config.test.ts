import { describe, expect, it } from 'vitest';
import { ConfigError, describeDatabaseUrl, loadConfig } from '../../src/config';

describe('configuration from the environment', () => {
  it('has working defaults for a newcomer: port 4000, the embedded database, a demo region', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 4000, databaseUrl: null, dataDir: '.data/pglite', demoAppeals: 2000, nodeEnv: 'development', logLevel: 'info', graphqlExecutor: 'jit' });
  });

  it('lists every problem at once, in words a person can act on', () => {
    try {
      loadConfig({ PORT: '99999', LOG_LEVEL: 'chatty', DATABASE_URL: 'mysql://db', DEMO_APPEALS: '-1', GRAPHQL_EXECUTOR: 'fast' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT must be an integer between 0 and 65535/);
      expect(problems).toMatch(/LOG_LEVEL must be one of/);
      expect(problems).toMatch(/DATABASE_URL must start with postgres/);
      expect(problems).toMatch(/DEMO_APPEALS/);
      expect(problems).toMatch(/GRAPHQL_EXECUTOR must be jit or graphql-js/);
    }
  });

  it('requires a real AUTH_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET is required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'short' })).toThrow(/at least 32 characters/);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40) }).auth.secret).toBe('x'.repeat(40));
  });

  it('never prints a database password', () => {
    expect(describeDatabaseUrl('postgres://app:s3cret@db:5432/baqylau')).toBe('postgres://app:****@db:5432/baqylau');
  });
});

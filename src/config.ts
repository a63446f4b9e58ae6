/**
 * Configuration from environment variables, validated once at start. Every problem is reported at once,
 * in words a newcomer can act on.
 */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type NodeEnv = 'development' | 'production' | 'test';

export interface Config {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  /** A real PostgreSQL; when null the embedded PGlite is used. */
  databaseUrl: string | null;
  /** Where the embedded database keeps its files. */
  dataDir: string;
  logLevel: LogLevel;
  /** How many demo appeals the first start loads into an empty database (0 turns the demo off). */
  demoAppeals: number;
  databasePoolMax: number;
  auth: {
    /** HS256 secret for bearer tokens ('' when only an identity provider's JWKS is trusted). */
    secret: string;
    issuer: string;
    audience: string;
    /** An identity provider's JWKS URL (AUTH_JWKS_URL): RS/ES/PS/EdDSA tokens are verified against its keys. */
    jwksUrl: string | null;
  };
  /** Per-user token bucket for mutations (RATE_LIMIT_MUTATIONS_PER_MINUTE = 0 turns it off). */
  rateLimit: { perMinute: number; burst: number };
  /** What one GraphQL request may ask for (src/graphql/limits.ts). */
  queryLimits: { maxDepth: number; maxAliases: number; maxCost: number; maxTokens: number };
  /** When set, /metrics answers only `Authorization: Bearer <METRICS_TOKEN>`. */
  metricsToken: string | null;
  /** How queries are executed: compiled once per document (graphql-jit, default) or interpreted (graphql-js). */
  graphqlExecutor: 'jit' | 'graphql-js';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const NODE_ENVS: NodeEnv[] = ['development', 'production', 'test'];

function intVar(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number, problems: string[]) {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    return def;
  }
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const nodeEnv = (env.NODE_ENV || 'development') as NodeEnv;
  if (!NODE_ENVS.includes(nodeEnv)) problems.push(`NODE_ENV must be one of ${NODE_ENVS.join(', ')} (got "${env.NODE_ENV}")`);
  const logLevel = (env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info')) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`);
  const port = intVar(env, 'PORT', 4000, 0, 65535, problems);
  const demoAppeals = intVar(env, 'DEMO_APPEALS', 2000, 0, 1_000_000, problems);
  const databasePoolMax = intVar(env, 'DATABASE_POOL_MAX', 10, 1, 200, problems);
  let databaseUrl: string | null = env.DATABASE_URL?.trim() || null;
  if (databaseUrl) {
    try {
      const u = new URL(databaseUrl);
      if (!['postgres:', 'postgresql:'].includes(u.protocol)) {
        problems.push(`DATABASE_URL must start with postgres:// or postgresql:// (got "${u.protocol}//…")`);
      }
    } catch {
      problems.push('DATABASE_URL is not a valid URL (expected postgres://user@host:5432/dbname)');
      databaseUrl = null;
    }
  }
  const DEV_SECRET = 'baqylau-development-secret-do-not-use-in-production';
  const jwksUrl = env.AUTH_JWKS_URL?.trim() || null;
  if (jwksUrl) {
    try {
      const u = new URL(jwksUrl);
      const local = ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
      if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local)) {
        problems.push(`AUTH_JWKS_URL must be an https:// URL (http:// only for localhost) (got "${u.protocol}//…")`);
      }
    } catch {
      problems.push('AUTH_JWKS_URL is not a valid URL (expected https://idp.example.kz/.well-known/jwks.json)');
    }
  }
  const secret = env.AUTH_SECRET || (nodeEnv === 'production' ? '' : DEV_SECRET);
  if (nodeEnv === 'production' && !env.AUTH_SECRET && !jwksUrl) {
    problems.push('AUTH_SECRET is required in production (32+ random characters), unless AUTH_JWKS_URL names an identity provider');
  } else if (secret && secret.length < 32) problems.push('AUTH_SECRET must be at least 32 characters');
  const rateLimit = {
    perMinute: intVar(env, 'RATE_LIMIT_MUTATIONS_PER_MINUTE', 120, 0, 1_000_000, problems),
    burst: intVar(env, 'RATE_LIMIT_MUTATIONS_BURST', 60, 1, 1_000_000, problems),
  };
  const queryLimits = {
    maxDepth: intVar(env, 'GRAPHQL_MAX_DEPTH', 12, 2, 100, problems),
    maxAliases: intVar(env, 'GRAPHQL_MAX_ALIASES', 30, 0, 10_000, problems),
    maxCost: intVar(env, 'GRAPHQL_MAX_COST', 50_000, 10, 100_000_000, problems),
    maxTokens: intVar(env, 'GRAPHQL_MAX_TOKENS', 5_000, 100, 1_000_000, problems),
  };
  const graphqlExecutor = (env.GRAPHQL_EXECUTOR || 'jit') as Config['graphqlExecutor'];
  if (graphqlExecutor !== 'jit' && graphqlExecutor !== 'graphql-js') problems.push(`GRAPHQL_EXECUTOR must be jit or graphql-js (got "${env.GRAPHQL_EXECUTOR}")`);
  const metricsToken = env.METRICS_TOKEN || null;
  if (metricsToken && metricsToken.length < 16) problems.push('METRICS_TOKEN must be at least 16 characters');
  if (problems.length) throw new ConfigError(problems);
  return {
    nodeEnv,
    host: env.HOST || '127.0.0.1',
    port,
    databaseUrl,
    dataDir: env.DATA_DIR || '.data/pglite',
    logLevel,
    demoAppeals,
    databasePoolMax,
    auth: {
      secret,
      issuer: env.AUTH_ISSUER || 'baqylau',
      audience: env.AUTH_AUDIENCE || 'baqylau-api',
      jwksUrl,
    },
    rateLimit,
    queryLimits,
    metricsToken,
    graphqlExecutor,
  };
}

/** A URL safe to print: the password is replaced. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '****';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

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
    /** HS256 secret for bearer tokens. */
    secret: string;
    issuer: string;
    audience: string;
  };
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
  const secret = env.AUTH_SECRET || (nodeEnv === 'production' ? '' : DEV_SECRET);
  if (nodeEnv === 'production' && !env.AUTH_SECRET) problems.push('AUTH_SECRET is required in production (32+ random characters)');
  else if (secret.length < 32) problems.push('AUTH_SECRET must be at least 32 characters');
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
    },
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

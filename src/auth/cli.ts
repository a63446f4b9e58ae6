/**
 * Mints a bearer token for local use, signed with AUTH_SECRET (issuer AUTH_ISSUER, audience AUTH_AUDIENCE).
 * Prints only the token on stdout, so it can be captured:
 *
 *   npm run -s token -- --user 3f0c…-uuid            an official by id
 *   npm run -s token -- --email head@akimat.kz      an official by e-mail
 *   npm run -s token -- --role head --org ORG_UUID  the first active official with that role in that organization
 *   options: --ttl 8h (s, m, h or d; at most 30d)
 *
 * With DATABASE_URL set, the official is looked up now and a missing one is an error; without it (the embedded
 * database may be in use by the running server) the token is minted as asked and the server resolves it on
 * each request. Roles and organization always come from the database, never from the token.
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { ROLES, type Role } from '../users/roles';
import { mintClaimsToken, mintToken } from './tokens';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USAGE = `usage: npm run -s token -- (--user ID | --email EMAIL | --role ROLE --org ORG_ID) [--ttl 8h]
  roles: ${ROLES.join(', ')}`;

export interface TokenRequest {
  user?: string;
  email?: string;
  role?: Role;
  org?: string;
  ttlSeconds: number;
}

export function parseTtl(s: string): number {
  const m = /^(\d+)([smhd]?)$/.exec(s.trim());
  if (!m) throw new Error(`--ttl must look like 3600, 90m, 8h or 7d (got "${s}")`);
  const n = Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  if (n < 60 || n > 30 * 86400) throw new Error('--ttl must be between 1 minute and 30 days');
  return n;
}

export function parseTokenArgs(argv: string[]): TokenRequest {
  const opts: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') throw new Error(USAGE);
    const m = /^--(user|email|role|org|ttl)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument "${a}"\n${USAGE}`);
    const v = m[2] ?? argv[++i];
    if (v === undefined || v.startsWith('--')) throw new Error(`--${m[1]} needs a value\n${USAGE}`);
    opts[m[1]!] = v;
  }
  const ttlSeconds = opts.ttl ? parseTtl(opts.ttl) : 8 * 3600;
  const ways = [opts.user ? 1 : 0, opts.email ? 1 : 0, opts.role || opts.org ? 1 : 0].reduce((a, b) => a + b, 0);
  if (ways !== 1) throw new Error(`name the official one way: --user, --email, or --role with --org\n${USAGE}`);
  if (opts.user) {
    if (!UUID.test(opts.user)) throw new Error(`--user must be an official's id (a UUID), got "${opts.user}"`);
    return { user: opts.user, ttlSeconds };
  }
  if (opts.email) {
    if (!/^[^\s@]+@[^\s@]+$/.test(opts.email)) throw new Error(`--email must be an e-mail address, got "${opts.email}"`);
    return { email: opts.email, ttlSeconds };
  }
  if (!opts.role || !opts.org) throw new Error(`--role and --org go together\n${USAGE}`);
  if (!(ROLES as readonly string[]).includes(opts.role)) throw new Error(`--role must be one of ${ROLES.join(', ')} (got "${opts.role}")`);
  if (!UUID.test(opts.org)) throw new Error(`--org must be an organization id (a UUID), got "${opts.org}"`);
  return { role: opts.role as Role, org: opts.org, ttlSeconds };
}

async function checkOfficial(databaseUrl: string, r: TokenRequest): Promise<string> {
  // Loaded only when needed: minting by id without a database stays instant.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { openDatabase } = require('../db/database') as typeof import('../db/database');
  const { query } = require('../db/sql') as typeof import('../db/sql');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const db = await openDatabase({ databaseUrl, dataDir: null, poolMax: 1, migrate: false });
  try {
    const em = db.orm.em.fork() as any;
    const sql = `select u.id, u.email, u.full_name, u.roles, u.active from app_user u where `;
    const rows = await query<{ id: string; email: string; roles: string[]; active: boolean }>(
      em,
      r.user ? `${sql} u.id = ?` : r.email ? `${sql} lower(u.email) = lower(?)` : `${sql} u.organization_id = ? and ? = any(u.roles) and u.active order by u.email limit 1`,
      r.user ? [r.user] : r.email ? [r.email] : [r.org, r.role],
    );
    const u = rows[0];
    if (!u) throw new Error(r.role ? `no active official holds the role ${r.role} in organization ${r.org}` : 'no such official');
    if (!u.active) throw new Error(`the official ${u.email} is disabled`);
    return `${u.email} (${u.roles.join(', ')})`;
  } finally {
    await db.close();
  }
}

async function main() {
  let request: TokenRequest;
  try {
    request = parseTokenArgs(process.argv.slice(2));
  } catch (e: any) {
    console.error(e.message);
    process.exit(2);
  }
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  if (!config.auth.secret) {
    console.error('AUTH_SECRET is not set: tokens for this deployment come from its identity provider (AUTH_JWKS_URL)');
    process.exit(2);
  }
  let who = request.user ?? request.email ?? `${request.role} of ${request.org}`;
  if (config.databaseUrl) {
    try {
      who = await checkOfficial(config.databaseUrl, request);
    } catch (e: any) {
      console.error(`cannot mint: ${e.message}`);
      process.exit(1);
    }
  } else {
    console.error('(no DATABASE_URL: the official is not checked now; the server checks it on every request)');
  }
  const token = request.user
    ? await mintToken(config.auth, request.user, request.ttlSeconds)
    : await mintClaimsToken(config.auth, { email: request.email, role: request.role, org: request.org }, request.ttlSeconds);
  console.error(`token for ${who}, valid ${Math.round(request.ttlSeconds / 360) / 10} h (issuer ${config.auth.issuer}, audience ${config.auth.audience})`);
  process.stdout.write(`${token}\n`);
}

if (require.main === module) void main();

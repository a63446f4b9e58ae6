import type { MikroORM } from '@mikro-orm/postgresql';
import type { IncomingMessage } from 'node:http';
import { createSecretKey } from 'node:crypto';
import { SignJWT, createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { ANONYMOUS, type Actor } from '../access/actor';
import { query, queryPrepared } from '../db/sql';
import { DomainError, unauthenticated } from '../shared/errors';
import { ROLES, type Role } from '../users/roles';
import { systemClock } from '../shared/clock';

/**
 * Bearer tokens (JWT). Two ways to trust one, both checking signature, issuer (`iss`), audience (`aud`) and
 * expiry (`exp`, required):
 *  - HS256 with the deployment's secret (AUTH_SECRET): the tokens `npm run token` and the demo mint;
 *  - an identity provider's keys (AUTH_JWKS_URL; RS256, ES256, PS256, EdDSA), fetched and cached with jose's
 *    createRemoteJWKSet.
 *
 * Whom a token names — roles and organization ALWAYS come from the database, never from the token:
 *  - `sub` is an official's id (UUID) → that official;
 *  - else an `email` claim → the official with that e-mail (how an identity provider's token is matched);
 *  - else, in a token signed with the deployment's own secret only, `role` + `org` claims → the first active
 *    official (by e-mail) holding that role in that organization: a claims-only token for local use or a
 *    service account, minted by `npm run token -- --role ROLE --org ORG_ID`. An identity provider cannot
 *    assert roles this way.
 * The official must exist and be active at every request, so a disabled official is locked out at once.
 */
export interface AuthSettings {
  /** HS256 secret; '' turns HS256 off (an identity provider only). */
  secret: string;
  issuer: string;
  audience: string;
  jwksUrl?: string | null;
  /** Seconds of clock skew tolerated on exp/nbf/iat (default 30). */
  clockToleranceSeconds?: number;
  /** The clock expiry is judged by (the service's own; the wall clock by default). */
  now?: () => Date;
}

export interface ClaimsTokenSubject {
  email?: string;
  role?: Role;
  org?: string;
}

const key = (secret: string) => new TextEncoder().encode(secret);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'PS256', 'PS384', 'PS512', 'EdDSA'];

/** A signed bearer token for an official (HS256). */
export async function mintToken(settings: AuthSettings, userId: string, ttlSeconds = 8 * 3600): Promise<string> {
  if (!settings.secret) throw new Error('AUTH_SECRET is not set: this deployment cannot mint tokens');
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(settings.secret));
}

/** A token that names an official by e-mail, or by role and organization (HS256; see the rules above). */
export async function mintClaimsToken(settings: AuthSettings, subject: ClaimsTokenSubject, ttlSeconds = 8 * 3600): Promise<string> {
  if (!settings.secret) throw new Error('AUTH_SECRET is not set: this deployment cannot mint tokens');
  const claims: Record<string, string> = {};
  if (subject.email) claims.email = subject.email;
  else if (subject.role && subject.org) {
    claims.role = subject.role;
    claims.org = subject.org;
  } else throw new Error('A claims token names an e-mail, or a role and an organization');
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(settings.secret));
}

export interface VerifiedToken {
  payload: JWTPayload;
  /** Signed with the deployment's own secret (not by an identity provider). */
  local: boolean;
}

function verificationFailure(e: any): DomainError {
  const code = e?.code as string | undefined;
  if (code === 'ERR_JWT_EXPIRED') return unauthenticated('The token has expired');
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
    if (e.claim === 'iss') return unauthenticated('The token was issued by someone else (iss)');
    if (e.claim === 'aud') return unauthenticated('The token is meant for another service (aud)');
    if (e.claim === 'exp') return unauthenticated('The token has no expiry (exp)');
    return unauthenticated(`The token's ${e.claim ?? 'claims'} are not valid`);
  }
  if (code === 'ERR_JWKS_TIMEOUT' || /fetch failed|ECONNREFUSED|ENOTFOUND/i.test(String(e?.message) + String(e?.cause?.code))) {
    return new DomainError('SERVICE_UNAVAILABLE', 'The identity provider cannot be reached; try again shortly');
  }
  if (code === 'ERR_JWKS_NO_MATCHING_KEY') return unauthenticated("The token's signing key is not the identity provider's");
  return unauthenticated('The token is invalid or expired');
}

/** Checks a token's signature, issuer, audience and expiry; returns its claims. */
export function tokenVerifier(settings: AuthSettings) {
  const jwks = settings.jwksUrl
    ? createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 })
    : null;
  // imported once: a raw secret would be imported into a key again for every request
  const hmacKey = settings.secret ? createSecretKey(Buffer.from(settings.secret, 'utf8')) : null;
  const now = settings.now ?? systemClock.now;
  const common = {
    issuer: settings.issuer,
    audience: settings.audience,
    requiredClaims: ['exp'],
    clockTolerance: settings.clockToleranceSeconds ?? 30,
  };
  // Tokens verified in the last minute, by their exact text (a dashboard sends the same token with every request):
  // the signature and claims are not checked again until the token expires or the minute is up. The official it
  // names is still read from the database on every request, so roles and deactivation take effect at once.
  const verified = new Map<string, { result: VerifiedToken; until: number }>();
  const remember = (token: string, result: VerifiedToken) => {
    const exp = typeof result.payload.exp === 'number' ? result.payload.exp * 1000 : 0;
    if (verified.size >= 10_000) verified.clear();
    verified.set(token, { result, until: Math.min(now().getTime() + 60_000, exp) });
    return result;
  };
  return async (token: string): Promise<VerifiedToken> => {
    const known = verified.get(token);
    if (known) {
      if (now().getTime() < known.until) return known.result;
      verified.delete(token);
    }
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw unauthenticated('The token is not a JWT');
    }
    try {
      if (alg === 'HS256' && hmacKey) {
        const { payload } = await jwtVerify(token, hmacKey, { ...common, currentDate: now(), algorithms: ['HS256'] });
        return remember(token, { payload, local: true });
      }
      if (jwks && alg && ASYMMETRIC.includes(alg)) {
        const { payload } = await jwtVerify(token, jwks, { ...common, currentDate: now(), algorithms: ASYMMETRIC });
        return remember(token, { payload, local: false });
      }
    } catch (e) {
      throw verificationFailure(e);
    }
    throw unauthenticated(`Tokens signed with ${alg ?? 'no algorithm'} are not accepted here`);
  };
}

interface OfficialRow {
  id: string;
  roles: Role[];
  organization_id: string;
  region_id: number;
  active: boolean;
  organization_scope: string[];
}

const OFFICIAL = `select u.id, u.roles, u.organization_id, o.region_id, u.active,
                          array(select c.id::text from organization c where c.id = o.id or c.parent_id = o.id order by c.id) as organization_scope
                    from app_user u join organization o on o.id = u.organization_id`;

/**
 * Bearer authentication: the token is verified, then the official it names is looked up so that roles and
 * organization always come from the database. No Authorization header → the anonymous actor, which every
 * operation refuses with UNAUTHENTICATED.
 */
export function bearerAuthenticator(settings: AuthSettings, orm: MikroORM) {
  const verify = tokenVerifier(settings);
  return async (req: IncomingMessage): Promise<Actor> => {
    const header = req.headers.authorization;
    if (!header) return ANONYMOUS;
    const m = /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header);
    if (!m || m[1]!.length > 8192) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    const { payload, local } = await verify(m[1]!);
    const em = orm.em.fork() as any;
    let rows: OfficialRow[];
    if (typeof payload.sub === 'string' && UUID.test(payload.sub)) {
      rows = await queryPrepared<OfficialRow>(em, `${OFFICIAL} where u.id = ?::uuid`, [payload.sub]);
    } else if (typeof payload.email === 'string' && payload.email.length <= 254 && payload.email.includes('@')) {
      rows = await query<OfficialRow>(em, `${OFFICIAL} where lower(u.email) = lower(?)`, [payload.email]);
    } else if (local && typeof payload.role === 'string' && typeof payload.org === 'string') {
      if (!(ROLES as readonly string[]).includes(payload.role) || !UUID.test(payload.org)) throw unauthenticated('The token names no official');
      rows = await query<OfficialRow>(
        em,
        `${OFFICIAL} where u.organization_id = ? and ? = any(u.roles) and u.active order by u.email limit 1`,
        [payload.org, payload.role],
      );
      if (!rows[0]) throw unauthenticated(`No active official holds the role ${payload.role} in organization ${payload.org}`);
    } else {
      throw unauthenticated('The token names no official');
    }
    const u = rows[0];
    if (!u || !u.active) throw unauthenticated('The official is unknown or disabled');
    return { userId: u.id, roles: u.roles, organizationId: u.organization_id, regionId: u.region_id, organizationScope: u.organization_scope, system: false };
  };
}

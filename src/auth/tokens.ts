import type { MikroORM } from '@mikro-orm/postgresql';
import type { IncomingMessage } from 'node:http';
import { SignJWT, jwtVerify } from 'jose';
import { ANONYMOUS, type Actor } from '../access/actor';
import { query } from '../db/sql';
import { unauthenticated } from '../shared/errors';
import type { Role } from '../users/roles';

export interface AuthSettings {
  secret: string;
  issuer: string;
  audience: string;
}

const key = (secret: string) => new TextEncoder().encode(secret);

/** A signed bearer token for an official (HS256). */
export async function mintToken(settings: AuthSettings, userId: string, ttlSeconds = 8 * 3600): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(settings.secret));
}

/**
 * Bearer authentication: the token's signature, issuer, audience and expiry are checked, then the official is
 * looked up so that roles and organization always come from the database (a disabled user is locked out at once).
 * No Authorization header → the anonymous actor, which every operation refuses with UNAUTHENTICATED.
 */
export function bearerAuthenticator(settings: AuthSettings, orm: MikroORM) {
  return async (req: IncomingMessage): Promise<Actor> => {
    const header = req.headers.authorization;
    if (!header) return ANONYMOUS;
    const m = /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header);
    if (!m) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    let sub: string | undefined;
    try {
      const { payload } = await jwtVerify(m[1], key(settings.secret), {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: ['HS256'],
      });
      sub = payload.sub;
    } catch {
      throw unauthenticated('The token is invalid or expired');
    }
    if (!sub || !/^[0-9a-f-]{36}$/i.test(sub)) throw unauthenticated('The token names no official');
    const [u] = await query<{ id: string; roles: Role[]; organization_id: string; region_id: number; active: boolean }>(
      orm.em.fork() as any,
      `select u.id, u.roles, u.organization_id, o.region_id, u.active
         from app_user u join organization o on o.id = u.organization_id where u.id = ?`,
      [sub],
    );
    if (!u || !u.active) throw unauthenticated('The official is unknown or disabled');
    return { userId: u.id, roles: u.roles, organizationId: u.organization_id, regionId: u.region_id, system: false };
  };
}

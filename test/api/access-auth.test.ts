import type { EntityManager } from '@mikro-orm/postgresql';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerAuthenticator, mintClaimsToken, mintToken, type AuthSettings } from '../../src/auth/tokens';
import { parseTokenArgs, parseTtl } from '../../src/auth/cli';
import { query } from '../../src/db/sql';
import { TEST_AUTH, startTestApp, type TestApp } from '../support/app';
import { createWorld, type TestWorld } from '../support/world';
import { codesOf } from './access-support';

/**
 * Bearer tokens: HS256 with the deployment's secret, or an identity provider's keys (JWKS); issuer, audience and
 * expiry always checked; roles and organization always from the database.
 */
let app: TestApp;
let w: TestWorld;
let jwks: Server;
let jwksUrl: string;
let idpKey: PrivateKey;
let strangerKey: PrivateKey;
let jwksRequests = 0;

const fakeRequest = (token: string | null) => ({ headers: token ? { authorization: `Bearer ${token}` } : {} }) as IncomingMessage;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  const idp = await generateKeyPair('RS256', { extractable: true });
  idpKey = idp.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(idp.publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
  jwks = createServer((req, res) => {
    jwksRequests++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', () => r()));
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(async () => {
  await app?.close();
  await new Promise((r) => jwks?.close(r));
});

const whoAmI = async (token: string) => {
  const r = await app.raw({ query: '{ topics { id } }' }, token);
  return { status: r.status, code: codesOf(r.json)[0] ?? 'ok', message: r.json.errors?.[0]?.message as string | undefined };
};

describe('HS256 tokens signed with the deployment secret', () => {
  const sign = (claims: Record<string, unknown>, over: { secret?: string; iss?: string; aud?: string; exp?: string | number | null; alg?: string } = {}) => {
    let t = new SignJWT(claims)
      .setProtectedHeader({ alg: over.alg ?? 'HS256' })
      .setIssuer(over.iss ?? TEST_AUTH.issuer)
      .setAudience(over.aud ?? TEST_AUTH.audience)
      .setIssuedAt();
    if (over.exp !== null) t = t.setExpirationTime(over.exp ?? '1h');
    return t.sign(new TextEncoder().encode(over.secret ?? TEST_AUTH.secret));
  };

  it('a valid token acts as its official', async () => {
    expect(await whoAmI(await sign({ sub: w.users.analyst.id }))).toMatchObject({ status: 200, code: 'ok' });
  });

  it('is refused when expired, from another issuer, for another audience, without expiry, or signed with another secret', async () => {
    const sub = w.users.analyst.id;
    const past = Math.floor(Date.now() / 1000) - 3600;
    expect(await whoAmI(await sign({ sub }, { exp: past }))).toEqual({ status: 401, code: 'UNAUTHENTICATED', message: 'The token has expired' });
    expect(await whoAmI(await sign({ sub }, { iss: 'someone-else' }))).toEqual({ status: 401, code: 'UNAUTHENTICATED', message: 'The token was issued by someone else (iss)' });
    expect(await whoAmI(await sign({ sub }, { aud: 'another-api' }))).toEqual({ status: 401, code: 'UNAUTHENTICATED', message: 'The token is meant for another service (aud)' });
    expect(await whoAmI(await sign({ sub }, { exp: null }))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await whoAmI(await sign({ sub }, { secret: 'another-secret-another-secret-0123456' }))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('is refused unsigned (alg none), malformed, or naming nobody', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: w.users.head.id, iss: TEST_AUTH.issuer, aud: TEST_AUTH.audience, exp: 9_999_999_999 })).toString('base64url');
    expect(await whoAmI(`${header}.${body}.x`)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await whoAmI('not-a-token')).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await whoAmI(await sign({ sub: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({ status: 401, message: 'The official is unknown or disabled' });
    expect(await whoAmI(await sign({}))).toMatchObject({ status: 401, message: 'The token names no official' });
  });

  it('locks out a disabled official at once', async () => {
    const token = await mintToken(TEST_AUTH, w.users.deputy.id);
    expect((await whoAmI(token)).code).toBe('ok');
    const em = app.database.db.orm.em.fork() as EntityManager;
    await query(em, 'update app_user set active = false where id = ?', [w.users.deputy.id]);
    expect(await whoAmI(token)).toMatchObject({ status: 401, message: 'The official is unknown or disabled' });
    await query(em, 'update app_user set active = true where id = ?', [w.users.deputy.id]);
  });
});

describe('claims tokens (npm run token -- --email / --role --org)', () => {
  const authenticate = () => bearerAuthenticator(TEST_AUTH, app.database.db.orm);

  it('an e-mail names that official', async () => {
    const email = (await query<{ email: string }>(app.database.db.orm.em.fork() as any, 'select email from app_user where id = ?', [w.users.auditor.id]))[0].email;
    const actor = await authenticate()(fakeRequest(await mintClaimsToken(TEST_AUTH, { email: email.toUpperCase() })));
    expect(actor).toMatchObject({ userId: w.users.auditor.id, roles: ['auditor'], organizationId: w.orgs.department });
  });

  it('a role in an organization acts as the active official holding it there, with the roles from the database', async () => {
    const actor = await authenticate()(fakeRequest(await mintClaimsToken(TEST_AUTH, { role: 'executor', org: w.orgs.zhambylAkimat })));
    expect(actor).toMatchObject({ userId: w.users.executorZhambyl.id, roles: ['executor'], organizationId: w.orgs.zhambylAkimat });
    // through the API: a liaison token reads instructions but not appeals
    const liaison = await mintClaimsToken(TEST_AUTH, { role: 'liaison', org: w.orgs.apparatus });
    expect(codesOf((await app.raw({ query: '{ instructions { totalCount } }' }, liaison)).json)).toEqual([]);
    expect(codesOf((await app.raw({ query: '{ appeals { totalCount } }' }, liaison)).json)).toEqual(['FORBIDDEN']);
  });

  it('a role nobody holds in that organization is refused, with the reason', async () => {
    const token = await mintClaimsToken(TEST_AUTH, { role: 'head', org: w.orgs.police });
    expect(await whoAmI(token)).toMatchObject({ status: 401, message: `No active official holds the role head in organization ${w.orgs.police}` });
  });
});

describe('tokens from an identity provider (AUTH_JWKS_URL)', () => {
  let settings: AuthSettings;
  beforeAll(() => {
    settings = { ...TEST_AUTH, jwksUrl };
  });
  const idpToken = (claims: Record<string, unknown>, over: { key?: PrivateKey; kid?: string; iss?: string; aud?: string; exp?: string | number } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: over.kid ?? 'idp-key-1' })
      .setIssuer(over.iss ?? TEST_AUTH.issuer)
      .setAudience(over.aud ?? TEST_AUTH.audience)
      .setIssuedAt()
      .setExpirationTime(over.exp ?? '10m')
      .sign(over.key ?? idpKey);

  it("are verified against the provider's published keys and matched to an official by e-mail or id", async () => {
    const authenticate = bearerAuthenticator(settings, app.database.db.orm);
    const email = (await query<{ email: string }>(app.database.db.orm.em.fork() as any, 'select email from app_user where id = ?', [w.users.head.id]))[0].email;
    expect(await authenticate(fakeRequest(await idpToken({ sub: 'idp|12345', email })))).toMatchObject({ userId: w.users.head.id, roles: ['head'] });
    expect(await authenticate(fakeRequest(await idpToken({ sub: w.users.analyst.id })))).toMatchObject({ userId: w.users.analyst.id });
    expect(jwksRequests).toBeGreaterThan(0);
    // the deployment's own HS256 tokens keep working beside them
    expect(await authenticate(fakeRequest(await mintToken(TEST_AUTH, w.users.auditor.id)))).toMatchObject({ userId: w.users.auditor.id });
  });

  it('are refused when expired, from another issuer, for another audience, or signed by a key the provider does not publish', async () => {
    const authenticate = bearerAuthenticator(settings, app.database.db.orm);
    const sub = w.users.analyst.id;
    const refused = async (token: string) => {
      try {
        await authenticate(fakeRequest(token));
        return 'accepted';
      } catch (e: any) {
        return `${e.code}: ${e.message}`;
      }
    };
    expect(await refused(await idpToken({ sub }, { exp: Math.floor(Date.now() / 1000) - 120 }))).toBe('UNAUTHENTICATED: The token has expired');
    expect(await refused(await idpToken({ sub }, { iss: 'https://evil.example' }))).toBe('UNAUTHENTICATED: The token was issued by someone else (iss)');
    expect(await refused(await idpToken({ sub }, { aud: 'another-api' }))).toBe('UNAUTHENTICATED: The token is meant for another service (aud)');
    expect(await refused(await idpToken({ sub }, { key: strangerKey }))).toMatch(/^UNAUTHENTICATED/);
    expect(await refused(await idpToken({ sub }, { key: strangerKey, kid: 'unknown-kid' }))).toMatch(/^UNAUTHENTICATED/);
  });

  it('cannot assert a role: a provider token with role and org claims but no person is refused', async () => {
    const authenticate = bearerAuthenticator(settings, app.database.db.orm);
    await expect(authenticate(fakeRequest(await idpToken({ role: 'admin', org: w.orgs.department })))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'The token names no official',
    });
  });

  it('are refused with SERVICE_UNAVAILABLE, not a crash, while the provider cannot be reached', async () => {
    const down = bearerAuthenticator({ ...TEST_AUTH, jwksUrl: 'http://127.0.0.1:9/jwks.json' }, app.database.db.orm);
    await expect(down(fakeRequest(await idpToken({ sub: w.users.head.id })))).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('without AUTH_JWKS_URL, an RS256 token is refused', async () => {
    const authenticate = bearerAuthenticator(TEST_AUTH, app.database.db.orm);
    await expect(authenticate(fakeRequest(await idpToken({ sub: w.users.head.id })))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Tokens signed with RS256 are not accepted here',
    });
  });
});

describe('the token command', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/auth/cli.ts', ...args],
        {
          env: {
            ...process.env,
            AUTH_SECRET: TEST_AUTH.secret,
            AUTH_ISSUER: TEST_AUTH.issuer,
            AUTH_AUDIENCE: TEST_AUTH.audience,
            DATABASE_URL: app.database.db.orm.config.get('clientUrl') as string,
            ...env,
          },
        },
        (err, stdout, stderr) => resolve({ code: err ? ((err as any).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('mints a working token by id, by e-mail, and by role and organization, checking the official exists', async () => {
    const email = (await query<{ email: string }>(app.database.db.orm.em.fork() as any, 'select email from app_user where id = ?', [w.users.specialist.id]))[0].email;
    const [byId, byEmail, byRole, missing] = await Promise.all([
      run(['--user', w.users.head.id]),
      run(['--email', email]),
      run(['--role', 'executor', '--org', w.orgs.ruralAkimat, '--ttl', '30m']),
      run(['--role', 'head', '--org', w.orgs.police]),
    ]);
    for (const r of [byId, byEmail, byRole]) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect((await whoAmI(r.stdout.trim())).code).toBe('ok');
    }
    expect(byRole.stderr).toMatch(/executor/);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no active official holds the role head/);
  }, 60_000);

  it('refuses unclear requests with usage and exit code 2', async () => {
    expect(() => parseTokenArgs(['--user', 'bob'])).toThrow(/must be an official's id/);
    expect(() => parseTokenArgs(['--role', 'boss', '--org', w.orgs.police])).toThrow(/--role must be one of/);
    expect(() => parseTokenArgs(['--role', 'head'])).toThrow(/--role and --org go together/);
    expect(() => parseTokenArgs(['--user', w.users.head.id, '--email', 'a@b.kz'])).toThrow(/one way/);
    expect(parseTtl('8h')).toBe(28_800);
    expect(() => parseTtl('90d')).toThrow(/30 days/);
    expect((await run(['--nonsense'])).code).toBe(2);
  }, 30_000);
});

import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { ANONYMOUS, type Actor } from '../access/actor';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { ClassifierRegistry } from '../classifier/registry';
import type { Config } from '../config';
import type { DatabaseKind } from '../db/database';
import type { RequestContext } from '../graphql/context';
import { formatError } from '../graphql/errors';
import { createLoaders } from '../graphql/loaders';
import { buildAppSchema } from '../graphql/schema';
import { DomainError } from '../shared/errors';

export const MAX_BODY_BYTES = 1_000_000;

export interface AppDeps {
  config: Pick<Config, 'nodeEnv'>;
  orm: MikroORM;
  databaseKind: DatabaseKind;
  calendar: WorkingCalendar;
  classifiers: ClassifierRegistry;
  logger: Logger;
  /** Turns a request into an actor (src/auth). */
  authenticate: (req: IncomingMessage) => Promise<Actor>;
  now?: () => Date;
}

export interface App {
  server: Server;
  apollo: ApolloServer<RequestContext>;
  stop(): Promise<void>;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      if (tooLarge) return; // drained and discarded
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export async function checkDatabase(orm: MikroORM): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = performance.now();
  try {
    await orm.em.fork().getConnection().execute('select 1');
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (e: any) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: 'unreachable' };
  }
}

export async function createApp(deps: AppDeps): Promise<App> {
  const production = deps.config.nodeEnv === 'production';
  const apollo = new ApolloServer<RequestContext>({
    schema: await buildAppSchema(),
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    stopOnTerminationSignals: false, // main.ts owns shutdown
    formatError: (formatted, error) => formatError(formatted, error, (e) => deps.logger.error({ err: e }, 'unexpected error')),
    plugins: production ? [ApolloServerPluginLandingPageDisabled()] : [],
  });
  await apollo.start();
  const now = deps.now ?? (() => new Date());

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) {
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const raw = await readBody(req);
      if ((req.headers['content-type'] ?? '').includes('application/json')) {
        try {
          body = raw ? JSON.parse(raw) : {};
        } catch {
          sendJson(res, 400, { errors: [{ message: 'The body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
          return;
        }
      } else body = raw;
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    const actor = await deps.authenticate(req);
    const em = deps.orm.em.fork();
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method!.toUpperCase(), headers, search: url.search, body },
      context: async () => ({
        requestId,
        actor,
        em: em as any,
        loaders: createLoaders(em as any),
        calendar: deps.calendar,
        classifiers: deps.classifiers,
        now,
      }),
    });
    for (const [k, v] of result.headers) res.setHeader(k, v);
    res.setHeader('x-request-id', requestId);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  const server = createServer(async (req, res) => {
    const requestId = (typeof req.headers['x-request-id'] === 'string' && /^[\w-]{1,64}$/.test(req.headers['x-request-id'])
      ? req.headers['x-request-id']
      : randomUUID());
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/health' && req.method === 'GET') {
        const db = await checkDatabase(deps.orm);
        sendJson(res, db.ok ? 200 : 503, { status: db.ok ? 'ok' : 'degraded', database: { kind: deps.databaseKind, ...db } });
        return;
      }
      if (url.pathname === '/graphql') {
        await handleGraphQL(req, res, url, requestId);
        return;
      }
      sendJson(res, 404, { error: 'Not found. The API is at /graphql, health at /health.' });
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        sendJson(res, 413, { errors: [{ message: `Request body over ${MAX_BODY_BYTES} bytes`, extensions: { code: 'BAD_REQUEST' } }] });
        return;
      }
      if (e instanceof DomainError) {
        sendJson(res, e.code === 'UNAUTHENTICATED' ? 401 : 400, { errors: [{ message: e.message, extensions: { code: e.code } }] });
        return;
      }
      deps.logger.error({ err: e, requestId }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    }
  });

  return {
    server,
    apollo,
    /** Stops accepting connections, lets requests in flight finish (up to 10 s), then stops. */
    async stop() {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      const idle = setInterval(() => server.closeIdleConnections(), 100);
      const force = setTimeout(() => server.closeAllConnections(), 10_000);
      await closed;
      clearInterval(idle);
      clearTimeout(force);
      await apollo.stop();
    },
  };
}

export { ANONYMOUS };

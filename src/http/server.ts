import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { ANONYMOUS, primaryRole, type Actor } from '../access/actor';
import type { GuardServices } from '../access/guard';
import { RateLimiter } from '../access/rate-limit';
import { AuditRecorder } from '../audit/audit.recorder';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { ClassifierRegistry } from '../classifier/registry';
import type { Config } from '../config';
import type { DatabaseKind } from '../db/database';
import type { RequestContext } from '../graphql/context';
import { errorCodeOf, formatError, isConnectionFailure } from '../graphql/errors';
import { DEFAULT_QUERY_LIMITS, queryLimitsPlugin, type QueryLimits } from '../graphql/limits';
import { createLoaders } from '../graphql/loaders';
import { buildAppSchema } from '../graphql/schema';
import { jitGateway } from '../graphql/jit-executor';
import { Metrics, poolStats } from '../observability/metrics';
import { DomainError } from '../shared/errors';
import { systemClock } from '../shared/clock';

export const MAX_BODY_BYTES = 1_000_000;

export interface AppDeps {
  /**
   * nodeEnv switches production mode (no introspection, no landing page). The rate limit applies only when
   * given (main.ts passes the whole Config; tests pass what they test); the query limits default to
   * DEFAULT_QUERY_LIMITS.
   */
  config: Pick<Config, 'nodeEnv'> & Partial<Pick<Config, 'rateLimit' | 'queryLimits' | 'metricsToken' | 'graphqlExecutor'>>;
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
  metrics: Metrics;
  /** Requests being handled right now. */
  inFlight(): number;
  stop(): Promise<void>;
}

/** What one request did, filled in as it goes; written as one log line and into the metrics at the end. */
interface RequestRecord {
  operationName: string | null;
  kind: string | null;
  rootFields: Set<string>;
  errorCodes: string[];
  actor: Actor;
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

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

const errorBody = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

export async function checkDatabase(orm: MikroORM): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = performance.now();
  try {
    await orm.em.fork().getConnection().execute('select 1');
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: 'unreachable' };
  }
}

/** Operation name, kind and error codes of each GraphQL request; HTTP 503/429 when nothing could be answered. */
function observabilityPlugin(logger: Logger): ApolloServerPlugin<RequestContext & { record?: RequestRecord }> {
  return {
    async requestDidStart({ contextValue }) {
      const record = contextValue.record;
      return {
        async didEncounterErrors({ errors }) {
          // What a client sees as INTERNAL_SERVER_ERROR is logged here, with the request's id (scrubbed: src/logger.ts).
          for (const e of errors) {
            if (errorCodeOf(e) !== 'INTERNAL_SERVER_ERROR') continue;
            logger.error({ err: (e as any).originalError ?? e, requestId: contextValue.requestId, path: e.path?.join('.') }, 'unexpected error');
          }
        },
        async didResolveOperation({ operationName, operation }) {
          if (!record) return;
          record.operationName = operationName && /^\w{1,100}$/.test(operationName) ? operationName : null;
          record.kind = operation?.operation ?? null;
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { errors, data } = response.body.singleResult;
          if (!errors?.length) return;
          const codes = errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          record?.errorCodes.push(...codes);
          if (data == null && codes.every((c) => c === 'SERVICE_UNAVAILABLE')) {
            response.http.status = 503;
            response.http.headers.set('retry-after', '5');
          } else if (data == null && codes.every((c) => c === 'RATE_LIMITED')) {
            response.http.status = 429;
            const wait = errors.map((e) => Number((e.extensions?.details as any)?.retryAfterSeconds) || 1);
            response.http.headers.set('retry-after', String(Math.max(...wait)));
          }
        },
      };
    },
  };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(.+)$/.exec(header ?? '')?.[1] ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

export async function createApp(deps: AppDeps): Promise<App> {
  const production = deps.config.nodeEnv === 'production';
  const limits: QueryLimits = { ...DEFAULT_QUERY_LIMITS, ...deps.config.queryLimits };
  const metrics = new Metrics({ pool: () => poolStats(deps.orm) });
  const rateLimiter = deps.config.rateLimit ? new RateLimiter(deps.config.rateLimit) : null;
  const auditRecorder = new AuditRecorder(deps.orm, deps.logger, () => metrics.auditFailures.inc());
  const apollo = new ApolloServer<RequestContext>({
    ...(deps.config.graphqlExecutor === 'graphql-js' ? { schema: await buildAppSchema() } : { gateway: jitGateway(await buildAppSchema()) }),
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    parseOptions: { maxTokens: limits.maxTokens },
    stopOnTerminationSignals: false, // main.ts owns shutdown
    formatError: (formatted, error) => formatError(formatted, error),
    plugins: [
      queryLimitsPlugin(limits, (measure) => metrics.refused.inc({ measure })),
      observabilityPlugin(deps.logger) as ApolloServerPlugin<RequestContext>,
      // No field carries cache hints; the plugin would still wrap every field resolver to compute a policy
      // (about a fifth of the CPU of a list of appeals). The header it set, no-store, is set below instead.
      ApolloServerPluginCacheControlDisabled(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();
  const now = deps.now ?? systemClock.now;
  let inFlight = 0;

  function rateLimit(actor: Actor) {
    if (!rateLimiter?.enabled || actor.system || !actor.userId) return;
    try {
      rateLimiter.consume(actor.userId);
    } catch (e) {
      metrics.rateLimited.inc();
      throw e;
    }
  }

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string, record: RequestRecord) {
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const raw = await readBody(req);
      if ((req.headers['content-type'] ?? '').includes('application/json')) {
        try {
          body = raw ? JSON.parse(raw) : {};
        } catch {
          sendJson(res, 400, errorBody('BAD_REQUEST', 'The body is not valid JSON'));
          return;
        }
      } else body = raw;
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    const actor = await deps.authenticate(req);
    record.actor = actor;
    const em = deps.orm.em.fork();
    const guard: GuardServices = {
      rateLimit,
      audit: (call) => auditRecorder.record({ requestId, actor, at: now() }, call),
      rootFields: record.rootFields,
    };
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
        guard,
        record,
      }),
    });
    for (const [k, v] of result.headers) res.setHeader(k, v);
    if (!res.hasHeader('cache-control')) res.setHeader('cache-control', 'no-store'); // answers carry personal data
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
    const started = performance.now();
    inFlight++;
    // The request id is always the server's own (unique, so the audit trail can join on it); a caller's
    // X-Request-Id is kept in the log line as clientRequestId.
    const requestId = randomUUID();
    const clientId = req.headers['x-request-id'];
    const clientRequestId = typeof clientId === 'string' && /^[\w.:-]{1,64}$/.test(clientId) ? clientId : undefined;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = url.pathname === '/graphql' || url.pathname === '/health' || url.pathname === '/metrics' ? url.pathname : 'other';
    const record: RequestRecord = { operationName: null, kind: null, rootFields: new Set(), errorCodes: [], actor: ANONYMOUS };
    res.once('close', () => {
      inFlight--;
      const seconds = (performance.now() - started) / 1000;
      // The caller went away before the answer was sent: 499, as proxies say.
      const status = res.writableFinished ? res.statusCode : 499;
      metrics.httpRequests.inc({ route, method: req.method ?? 'other', status: String(status) });
      const line: Record<string, unknown> = {
        requestId,
        clientRequestId,
        method: req.method,
        path: route,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
      };
      if (route === '/graphql') {
        const operation = metrics.operationLabel(record.rootFields);
        const kind = record.kind ?? 'unknown';
        const outcome = record.errorCodes[0] ?? (status >= 400 ? `HTTP_${status}` : 'ok');
        metrics.operations.inc({ operation, kind, outcome });
        metrics.operationSeconds.observe({ operation, kind }, seconds);
        for (const code of record.errorCodes) metrics.errors.inc({ code });
        Object.assign(line, {
          operationName: record.operationName,
          operation,
          kind,
          errorCodes: record.errorCodes.length ? [...new Set(record.errorCodes)] : undefined,
          actorId: record.actor.userId ?? undefined,
          role: primaryRole(record.actor) ?? undefined,
        });
        deps.logger.info(line, 'request');
      } else deps.logger.debug(line, 'request');
    });
    try {
      if (url.pathname === '/health' && req.method === 'GET') {
        const db = await checkDatabase(deps.orm);
        sendJson(res, db.ok ? 200 : 503, { status: db.ok ? 'ok' : 'degraded', database: { kind: deps.databaseKind, ...db } });
        return;
      }
      if (url.pathname === '/metrics' && req.method === 'GET') {
        if (deps.config.metricsToken && !bearerMatches(req.headers.authorization, deps.config.metricsToken)) {
          sendJson(res, 401, errorBody('UNAUTHENTICATED', 'The metrics need the METRICS_TOKEN bearer token'));
          return;
        }
        const m = await metrics.render();
        res.writeHead(200, { 'content-type': m.contentType });
        res.end(m.body);
        return;
      }
      if (url.pathname === '/graphql') {
        res.setHeader('x-request-id', requestId);
        await handleGraphQL(req, res, url, requestId, record);
        return;
      }
      sendJson(res, 404, { error: 'Not found. The API is at /graphql, health at /health, metrics at /metrics.' });
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        sendJson(res, 413, errorBody('BAD_REQUEST', `Request body over ${MAX_BODY_BYTES} bytes`));
        return;
      }
      if (e instanceof DomainError) {
        record.errorCodes.push(e.code);
        const status = e.code === 'UNAUTHENTICATED' ? 401 : e.code === 'SERVICE_UNAVAILABLE' ? 503 : 400;
        sendJson(res, status, errorBody(e.code, e.message), e.code === 'SERVICE_UNAVAILABLE' ? { 'retry-after': '5' } : {});
        return;
      }
      if (isConnectionFailure(e)) {
        // The database is down while authenticating: say so at once, never hang or show internals.
        record.errorCodes.push('SERVICE_UNAVAILABLE');
        if (!res.headersSent) sendJson(res, 503, errorBody('SERVICE_UNAVAILABLE', 'The database is unavailable; try again shortly'), { 'retry-after': '5' });
        else res.end();
        return;
      }
      record.errorCodes.push('INTERNAL_SERVER_ERROR');
      deps.logger.error({ err: e, requestId }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, errorBody('INTERNAL_SERVER_ERROR', 'Internal server error'));
      else res.end();
    }
  });

  return {
    server,
    apollo,
    metrics,
    inFlight: () => inFlight,
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

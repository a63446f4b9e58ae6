import 'reflect-metadata';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { inject } from 'vitest';
import { bearerAuthenticator, type AuthSettings } from '../../src/auth/tokens';
import { WorkingCalendar } from '../../src/calendar/working-calendar';
import { ClassifierRegistry } from '../../src/classifier/registry';
import { createApp, type App } from '../../src/http/server';
import { createTestDatabase, type TestDatabase } from './database';

export const TEST_AUTH: AuthSettings = {
  secret: 'test-secret-test-secret-test-secret-0123',
  issuer: 'baqylau',
  audience: 'baqylau-api',
};

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string; [k: string]: unknown } }[];
}

/** A settable clock: tests move time to make deadlines pass. */
export class TestClock {
  private fixed: Date | null = null;
  now = () => (this.fixed ? new Date(this.fixed) : new Date());
  set(at: Date | string) {
    this.fixed = new Date(at);
  }
  real() {
    this.fixed = null;
  }
}

export interface TestApp {
  url: string;
  database: TestDatabase;
  clock: TestClock;
  calendar: WorkingCalendar;
  classifiers: ClassifierRegistry;
  app: App;
  /** Runs a typed operation over HTTP as the holder of `token`. */
  gql<R, V>(doc: TypedDocumentNode<R, V>, variables: V, token?: string | null): Promise<GraphQLResult<R>>;
  /** Like gql, but fails the test on any error and returns data. */
  ok<R, V>(doc: TypedDocumentNode<R, V>, variables: V, token?: string | null): Promise<R>;
  raw(body: unknown, token?: string | null, headers?: Record<string, string>): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

export async function startTestApp(): Promise<TestApp> {
  const database = await createTestDatabase(inject('testDatabase'));
  const clock = new TestClock();
  const calendar = WorkingCalendar.default();
  const classifiers = await ClassifierRegistry.load(database.db.orm.em.fork() as any);
  const app = await createApp({
    config: { nodeEnv: 'test' },
    orm: database.db.orm,
    databaseKind: database.db.kind,
    calendar,
    classifiers,
    logger: pino({ level: 'silent' }),
    authenticate: bearerAuthenticator(TEST_AUTH, database.db.orm),
    now: clock.now,
  });
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;

  const raw = async (body: unknown, token?: string | null, headers: Record<string, string> = {}) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = { text };
    }
    return { status: res.status, json };
  };
  const gql = async <R, V>(doc: TypedDocumentNode<R, V>, variables: V, token?: string | null) =>
    (await raw({ query: print(doc), variables }, token)).json as GraphQLResult<R>;
  return {
    url,
    database,
    clock,
    calendar,
    classifiers,
    app,
    raw,
    gql,
    async ok(doc, variables, token) {
      const r = await gql(doc, variables, token);
      if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
      return r.data!;
    },
    async close() {
      await app.stop();
      await database.drop();
    },
  };
}

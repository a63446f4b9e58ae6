import 'reflect-metadata';
import type { TestProject } from 'vitest/node';
import { chooseTestDatabase, dropDatabase, prepareTemplate } from './support/database';

/**
 * Decides once where the suite's databases live: DATABASE_URL if set, else the PostgreSQL on 127.0.0.1:5432,
 * else an embedded PGlite per test file. With a server, a migrated template database is made once and each test
 * file clones it.
 */
export default async function setup(project: TestProject) {
  const target = await chooseTestDatabase();
  if (target.kind === 'postgresql') await prepareTemplate(target.adminUrl, target.template);
  project.provide('testDatabase', target);
  console.log(`[tests] database: ${target.kind === 'postgresql' ? target.adminUrl.replace(/:[^:@/]*@/, ':****@') : 'embedded PGlite (no PostgreSQL server reachable)'}`);
  return async () => {
    if (target.kind === 'postgresql') await dropDatabase(target.adminUrl, target.template);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: import('./support/database').TestDatabaseTarget;
  }
}

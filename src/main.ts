/**
 * Starts the API.  npm start
 * Without DATABASE_URL it runs on an embedded PostgreSQL (PGlite) in .data/, migrated and filled with demo data
 * on first start; with DATABASE_URL it uses that server.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { bearerAuthenticator, mintToken } from './auth/tokens';
import { WorkingCalendar, toLocalDate } from './calendar/working-calendar';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/database';
import { query } from './db/sql';
import { createApp } from './http/server';
import { createLogger } from './logger';
import { seedReferenceData } from './seed/reference-data';
import { generateDemoWorld } from '../seeds/demo/generator';
import { loadDemoWorld } from '../seeds/demo/load';

async function main() {
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
  const logger = createLogger(config.logLevel);
  const calendar = WorkingCalendar.default();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: config.databasePoolMax });
  const em = db.orm.em.fork() as any;
  await seedReferenceData(em);

  const [{ n }] = await query<{ n: string }>(em, 'select count(*) as n from app_user');
  if (Number(n) === 0 && config.demoAppeals > 0) {
    const world = generateDemoWorld({ appeals: config.demoAppeals, endDate: toLocalDate(new Date()) });
    console.log(`Empty database: loading demo data (${world.appeals.length} appeals, ${world.instructions.length} instructions)…`);
    const result = await loadDemoWorld(em, calendar, world, (done, total) => {
      if (process.stdout.isTTY) process.stdout.write(`\r  ${done}/${total}`);
    });
    if (process.stdout.isTTY) process.stdout.write('\n');
    console.log(`Demo data loaded in ${result.seconds.toFixed(1)} s (${result.refused.length} story steps refused by the rules).`);
  }

  const authenticate = bearerAuthenticator(config.auth, db.orm);
  const app = await createApp({ config, orm: db.orm, databaseKind: db.kind, calendar, logger, authenticate });
  await new Promise<void>((r) => app.server.listen(config.port, config.host, () => r()));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  if (db.kind === 'pglite' && config.nodeEnv !== 'production') {
    // One step to a token in the local demo: a file with a token per demo official (git-ignored, never logged).
    const users = await query<{ id: string; email: string; roles: string[]; full_name: string }>(
      em,
      'select id, email, roles, full_name from app_user where active order by email',
    );
    const tokens: Record<string, { role: string; name: string; token: string }> = {};
    for (const u of users) tokens[u.email] = { role: u.roles.join(','), name: u.full_name, token: await mintToken(config.auth, u.id, 30 * 86400) };
    const file = resolve(dirname(resolve(config.dataDir)), 'demo-tokens.json');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(tokens, null, 2));
    console.log(`Demo tokens for ${users.length} officials: ${file}`);
  }
  console.log(`baqylau API at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/graphql`);
  console.log(`Database: ${db.description}`);
  console.log(`Health: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/health`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e) => {
  console.error('baqylau failed to start:', e?.message ?? e);
  process.exit(1);
});

/**
 * Starts the API.  npm start
 * Without DATABASE_URL it runs on an embedded PostgreSQL (PGlite) in .data/, migrated and filled with demo data
 * on first start; with DATABASE_URL it uses that server.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { generateDemoWorld } from '../seeds/demo/generator';
import { loadDemoWorld } from '../seeds/demo/load';
import { bearerAuthenticator, mintToken } from './auth/tokens';
import { WorkingCalendar, toLocalDate } from './calendar/working-calendar';
import { ClassifierRegistry } from './classifier/registry';
import { classifyBacklog, trainAndActivate } from './classifier/training';
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase, type Database } from './db/database';
import { query } from './db/sql';
import { createApp } from './http/server';
import { createLogger } from './logger';
import { seedReferenceData } from './seed/reference-data';
import { startNotificationWorker } from './notifications/worker';
import { detectionScheduleFromEnv, startDetectionSchedule } from './problem-cards/detection.schedule';
import { systemClock } from './shared/clock';

/** One step to a token in the local demo: a file with a token per official (git-ignored, never logged). */
async function writeDemoTokens(config: Config, db: Database): Promise<string> {
  const users = await query<{ id: string; email: string; roles: string[]; full_name: string; position: string }>(
    db.orm.em.fork() as any,
    'select id, email, roles, full_name, position from app_user where active order by email',
  );
  const tokens: Record<string, { roles: string; name: string; position: string; token: string }> = {};
  for (const u of users) {
    tokens[u.email] = { roles: u.roles.join(','), name: u.full_name, position: u.position, token: await mintToken(config.auth, u.id, 30 * 86400) };
  }
  const file = resolve(dirname(resolve(config.dataDir)), 'demo-tokens.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(tokens, null, 2));
  return file;
}

async function main() {
  const clock = systemClock; // the one wall clock, handed to everything below
  let config: Config;
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
  const needsDemo = Number(n) === 0 && config.demoAppeals > 0;
  const demoTokens = db.kind === 'pglite' && config.nodeEnv !== 'production';

  const classifiers = await ClassifierRegistry.load(em);
  // Other instances may retrain: pick up a newer active model within a minute.
  setInterval(() => void classifiers.refresh(db.orm.em.fork() as any).catch(() => undefined), 60_000).unref();
  const trainIfMissing = async () => {
    for (const kind of ['topic', 'executor'] as const) {
      if (classifiers.get(kind)) continue;
      try {
        const r = await trainAndActivate(db.orm.em.fork() as any, classifiers, kind, { actorId: null, now: clock.now() });
        console.log(`Trained the ${kind} model v${r.version} on ${r.docs} appeals (${r.labels} labels, ${r.trainSeconds.toFixed(1)} s).`);
      } catch (e: any) {
        if (e?.details?.reason !== 'NOT_ENOUGH_TRAINING_DATA') logger.warn({ err: e }, `could not train the ${kind} model`);
      }
    }
    await classifyBacklog(db.orm.em.fork() as any, classifiers);
  };

  const authenticate = bearerAuthenticator(config.auth, db.orm);
  const app = await createApp({ config, orm: db.orm, databaseKind: db.kind, calendar, classifiers, logger, authenticate, now: clock.now });
  await new Promise<void>((r, reject) => {
    app.server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new Error(`port ${config.port} on ${config.host} is in use; set PORT to another one`) : e),
    );
    app.server.listen(config.port, config.host, () => r());
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  console.log(`baqylau API at http://${host}:${port}/graphql`);
  console.log(`Database: ${db.description}`);
  console.log(`Health: http://${host}:${port}/health`);
  if (demoTokens && !needsDemo) console.log(`Demo tokens: ${await writeDemoTokens(config, db)}`);

  let demo: Promise<unknown> = Promise.resolve();
  const stopDemo = new AbortController();
  if (needsDemo) {
    // The API answers at once; the demo region fills in behind it, a few appeals per transaction.
    const world = generateDemoWorld({ appeals: config.demoAppeals, endDate: toLocalDate(clock.now()) });
    console.log(`Empty database: loading demo data in the background (${world.appeals.length} appeals, ${world.instructions.length} instructions)…`);
    let lastTenth = 0;
    demo = loadDemoWorld(em, calendar, world, {
      batchSize: db.kind === 'pglite' ? 5 : 50,
      writeMode: db.kind === 'pglite' ? 'insert' : 'copy',
      signal: stopDemo.signal,
      onOfficials: async () => {
        if (demoTokens) console.log(`Demo tokens: ${await writeDemoTokens(config, db)}`);
      },
      onProgress: (done, total) => {
        const tenth = Math.floor((10 * done) / total);
        if (tenth > lastTenth) {
          lastTenth = tenth;
          console.log(`  demo data: ${done}/${total}`);
        }
      },
    }).then(
      async (r) => {
        console.log(`Demo data loaded in ${r.seconds.toFixed(0)} s (${r.appeals} appeals; ${r.refused.length} story steps refused by the rules).`);
        if (!stopDemo.signal.aborted) await trainIfMissing();
      },
      (e) => logger.error({ err: e }, 'demo data failed to load'),
    );
  } else {
    demo = trainIfMissing().catch((e) => logger.warn({ err: e }, 'classifier training failed'));
  }

  const notices = startNotificationWorker({ orm: db.orm, logger, after: needsDemo ? demo : undefined }); // applicant notices (NOTIFY_INTERVAL_MS)
  const detectionSchedule = detectionScheduleFromEnv(); // systemic-issue detection (DETECTION_SCHEDULE_HOURS, off by default)
  const detection = detectionSchedule ? startDetectionSchedule({ orm: db.orm, calendar, logger, schedule: detectionSchedule }) : null;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    stopDemo.abort();
    await app.stop();
    logger.debug('http server stopped');
    await demo;
    await notices.stop();
    await detection?.stop();
    await db.close().catch((e) => logger.warn({ err: e }, 'database close failed'));
    logger.debug('database closed');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e) => {
  console.error('baqylau failed to start:', e?.message ?? e);
  process.exit(1);
});

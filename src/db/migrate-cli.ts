/**
 * Applies pending migrations and loads the reference data, then exits.
 *   npm run migrate            (DATABASE_URL, or the embedded database in DATA_DIR while the server is stopped)
 * The service does the same at every start; this is for deployments that migrate before rolling out.
 */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { seedReferenceData } from '../seed/reference-data';
import { openDatabase } from './database';

async function main() {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: 2, migrate: false });
  try {
    const migrator = db.orm.getMigrator();
    const pending = await migrator.getPendingMigrations();
    await migrator.up();
    const ref = await seedReferenceData(db.orm.em.fork() as any);
    console.log(`${db.description}: ${pending.length} migration(s) applied${pending.length ? ` (${pending.map((m) => m.name).join(', ')})` : ''}; ${ref.adminUnits} admin units and ${ref.topics} topics in place.`);
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e?.message ?? e);
  process.exit(1);
});

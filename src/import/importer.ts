/**
 * The bulk import: a CSV (or CSV.gz) file, a mapping, a region → appeals, streamed end to end.
 *
 *   file → gunzip → CSV parser (Papa Parse) → RowMapper (validate, translate) → batch → topic classifier → batch writer (COPY)
 *
 * Memory stays flat: the parser is pulled row by row, at most one batch is being built while the previous one is
 * written (awaited before the next is handed over), rejects go straight to their file, and nothing else grows with
 * the file (caches hold only distinct districts, topics and organizations). RSS is sampled at every batch.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { TextClassifier } from '../classifier/classifier';
import { ClassifierRegistry, TOPIC_CONFIDENCE_THRESHOLD } from '../classifier/registry';
import { trainWithHoldout } from '../classifier/train';
import { ensureReferences, isConcurrentDuplicate, writeBatch, type BatchContext, type BatchResult, type Suggestion } from './batch-writer';
import { acquireImportConnection, BULK_SESSION_SETTINGS, cleanGinPendingLists, type ImportConnection } from './connection';
import { CpuMeter } from './cpu';
import { openCsv, type CsvSource } from '../shared/csv-reader';
import { deferrableIndexes, dropDeferred, leftoverDeferred, rebuildDeferred, type IndexDef } from './deferred-indexes';
import type { WriteMode } from './copy';
import { validateMapping, type ImportMapping } from './mapping';
import type { ProgressReporter, ProgressState } from './progress';
import { RejectsWriter } from './rejects';
import { ensureImportAuthor, ImportSetupError, OrganizationCache, resolveDistricts, resolveRegion, TopicCache } from './references';
import { isRejection, RowMapper, type MappedAppeal } from './row-mapper';

export interface ImportOptions {
  file: string;
  mapping: ImportMapping;
  /** An existing region by KATO; otherwise the mapping's region (created when missing). */
  regionKato?: string | null;
  /** Where rejected rows go; default: `<file name>.rejects.csv` in the working directory. */
  rejectsFile?: string | null;
  batchSize?: number;
  /** 'copy' (PostgreSQL) or 'insert' (multi-row INSERT, for the embedded PGlite). */
  write: WriteMode;
  /**
   * Batches written at the same time, each on its own connection (default 2; the ORM's pool must allow one more).
   * 1 shares the setup connection: the embedded PGlite has only one.
   */
  writers?: number;
  /** Train a topic model on the file's labelled rows first (source topic codes) and make it the active one. */
  trainTopics?: boolean;
  /** Drop the secondary indexes of the tables being filled and build them again at the end (large first loads). */
  deferIndexes?: boolean;
  /** Give imported appeals the machine's topic suggestion (default true). */
  classify?: boolean;
  calendar: WorkingCalendar;
  now: () => Date;
  progress?: ProgressReporter;
}

export interface MemorySample {
  atRows: number;
  rssMb: number;
  heapMb: number;
}

export interface ImportSummary {
  runId: string;
  file: string;
  sourceSystem: string;
  region: { kato: string; nameRu: string };
  rowsRead: number;
  imported: number;
  duplicates: number;
  /** Of the imported, records another system registered that fail today's registration rules, kept and flagged. */
  withRegistrationDefects: number;
  rejected: number;
  rejectsFile: string | null;
  /** The most frequent reasons (field and message), with counts. */
  rejectReasons: { reason: string; count: number }[];
  responses: number;
  assignments: number;
  applicants: number;
  createdTopics: number;
  createdOrganizations: number;
  registrationNumbers: { first: string | null; last: string | null };
  classification: {
    model: { version: number; labels: number; trainedHere: boolean; trainDocs?: number; holdoutAccuracy?: number } | null;
    suggested: number;
    confident: number;
    reviewRequired: number;
    threshold: number;
    note?: string;
  };
  seconds: {
    total: number;
    training: number;
    /** From the first row to the last batch written, with the text index's pending entries merged. */
    import: number;
    classify: number;
    /** Summed over the writers (they overlap). */
    writeByTable: Record<string, number>;
    indexMerge: number;
    indexRebuild: number;
  };
  /** Indexes dropped for the load and built again (--defer-indexes); and those an earlier failed run left dropped. */
  indexes: { deferred: string[]; restoredFromEarlierRun: string[] };
  writers: number;
  /** CPU time of the import phase: this process, and its database backends when they run on this machine. */
  cpu: { nodeSeconds: number; databaseSeconds: number | null; microsecondsPerAppeal: number | null };
  appealsPerSecond: number;
  rowsPerSecond: number;
  memory: { samples: MemorySample[]; startMb: number; peakMb: number; endMb: number };
}

const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;

/** Pass 1 of --train-topics: the file's valid rows with a source topic, a bounded random sample in time order. */
async function trainTopicModel(
  file: string,
  mapping: ImportMapping,
  mapperFor: (header: string[]) => RowMapper,
  maxDocs = 100_000,
): Promise<{ model: TextClassifier; docs: number; accuracy: number | null; seconds: number; topics: Map<string, string> }> {
  const started = performance.now();
  const csv = openCsv(file);
  let mapper: RowMapper | null = null;
  const sample: { t: number; text: string; label: string; extras?: Record<string, string> }[] = [];
  const topics = new Map<string, string>();
  let seen = 0;
  let row = 0;
  let state = 0x9e3779b9;
  const rnd = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  try {
    for await (const { fields: rec, error } of csv.records) {
      if (!mapper) {
        mapper = mapperFor(rec.map((h) => h.trim()));
        continue;
      }
      ++row;
      if (error) continue;
      const m = mapper.map(rec, row);
      if (isRejection(m) || !m.topic) continue;
      topics.set(m.topic.code, m.topic.name);
      const doc = { t: m.receivedAt.getTime(), text: m.text, label: m.topic.code, extras: m.extras };
      seen++;
      if (sample.length < maxDocs) sample.push(doc);
      else {
        const j = Math.floor(rnd() * seen);
        if (j < maxDocs) sample[j] = doc;
      }
    }
  } finally {
    csv.close();
  }
  sample.sort((a, b) => a.t - b.t);
  if (new Set(sample.map((d) => d.label)).size < 2) throw new ImportSetupError(`--train-topics: the file has ${sample.length} labelled rows with fewer than 2 topics`);
  const { model, metrics } = trainWithHoldout(sample, {}, 0.1);
  return { model, docs: sample.length, accuracy: metrics?.accuracy ?? null, seconds: (performance.now() - started) / 1000, topics };
}

async function storeTopicModel(db: ImportConnection, model: TextClassifier, docs: number, accuracy: number | null, now: Date): Promise<number> {
  return db.tx(async () => {
    await db.q('lock table classifier_model in share row exclusive mode');
    const [{ v }] = await db.q<{ v: number }>("select coalesce(max(version), 0) + 1 as v from classifier_model where kind = 'topic'");
    await db.q("update classifier_model set active = false where kind = 'topic' and active");
    await db.q(
      `insert into classifier_model (kind, version, trained_at, trained_by_id, labels, metrics, training_set, model, active)
       values ('topic', ?, ?, null, ?::jsonb, ?::jsonb, ?::jsonb, ?, true)`,
      [v, now, JSON.stringify(model.labels), JSON.stringify({ holdoutAccuracy: accuracy }), JSON.stringify({ docs, source: 'import' }), model.serialize()],
    );
    return v;
  });
}

export async function runImport(orm: MikroORM, opts: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const batchSize = opts.batchSize ?? 2000;
  const fileName = basename(opts.file);
  const totalBytes = statSync(opts.file).size;
  const registry = opts.classify === false ? null : await ClassifierRegistry.load(orm.em.fork() as any);
  const writerCount = Math.max(1, Math.min(8, Math.floor(opts.writers ?? 2)));
  const db = await acquireImportConnection(orm, BULK_SESSION_SETTINGS);
  const writerDbs: ImportConnection[] = [];
  const inflight = new Map<symbol, Promise<void>>();
  const runId = randomUUID();
  const rejectsFile = opts.rejectsFile ?? `${fileName.replace(/\.gz$/i, '').replace(/\.csv$/i, '')}.rejects.csv`;
  const memory: MemorySample[] = [];
  const sampleMemory = (atRows: number) => {
    const u = process.memoryUsage();
    memory.push({ atRows, rssMb: mb(u.rss), heapMb: mb(u.heapUsed) });
  };
  sampleMemory(0);
  let lockKey: string | null = null;
  let deferredLeft: IndexDef[] = [];
  let csv: CsvSource | null = null;
  try {
    const mapping = opts.mapping;
    const [{ locked }] = await db.q<{ locked: boolean }>('select pg_try_advisory_lock(hashtext(?)) as locked', [`baqylau.import:${mapping.sourceSystem}`]);
    if (!locked) throw new ImportSetupError(`Another import from ${mapping.sourceSystem} is running; try again when it ends`);
    lockKey = `baqylau.import:${mapping.sourceSystem}`;
    const leftovers = await leftoverDeferred(db);
    if (leftovers.length) await rebuildDeferred([db], leftovers);

    const region = await resolveRegion(db, mapping, opts.regionKato ?? null);
    const districtOf = await resolveDistricts(db, mapping, region);
    const orgs = new OrganizationCache(db, region.id);
    await orgs.load();
    const { id: addresseeId } = await orgs.ensure(mapping.addressee);
    const authorId = await ensureImportAuthor(db, mapping.sourceSystem, addresseeId);
    const topics = new TopicCache(db);
    await topics.load();
    const now = opts.now();
    const mapperFor = (header: string[]) => {
      validateMapping(mapping, header);
      return new RowMapper(mapping, header, { calendar: opts.calendar, now, adminUnit: districtOf });
    };

    // the topic model: trained here from the file, or the database's active one
    let model: { version: number; model: TextClassifier; trainedHere: boolean; trainDocs?: number; holdoutAccuracy?: number } | null = null;
    let trainingSeconds = 0;
    const totals0 = { createdTopics: 0 };
    if (opts.trainTopics) {
      if (!mapping.topic) throw new ImportSetupError('--train-topics needs a "topic" section in the mapping (the labels to learn)');
      const t = await trainTopicModel(opts.file, mapping, mapperFor);
      trainingSeconds = t.seconds;
      totals0.createdTopics = await topics.ensure(mapping, t.topics);
      const version = await storeTopicModel(db, t.model, t.docs, t.accuracy, now);
      model = { version, model: t.model, trainedHere: true, trainDocs: t.docs, holdoutAccuracy: t.accuracy ?? undefined };
    } else if (registry?.get('topic')) {
      const m = registry.get('topic')!;
      model = { version: m.version, model: m.model, trainedHere: false };
    }
    const importStarted = performance.now();

    await db.q(
      `insert into import_run (id, region_id, source_system, file_name, started_at, status, model_version) values (?, ?, ?, ?, ?, 'running', ?)`,
      [runId, region.id, mapping.sourceSystem, fileName, now, model?.version ?? null],
    );

    let deferred: IndexDef[] = [];
    if (opts.deferIndexes) {
      deferred = await deferrableIndexes(db);
      await dropDeferred(db, runId, deferred);
      deferredLeft = deferred;
    }

    const ctx: BatchContext = {
      db, mapping, region, addresseeId, authorId, topics, orgs, mode: opts.write, runId, fileName, now,
      modelVersion: model?.version ?? null, threshold: TOPIC_CONFIDENCE_THRESHOLD,
    };
    // writers: their own connections, or the setup connection itself when there is one writer
    if (writerCount === 1) writerDbs.push(db);
    else for (let i = 0; i < writerCount; i++) writerDbs.push(await acquireImportConnection(orm, BULK_SESSION_SETTINGS));
    const idle = [...writerDbs];
    const pids: number[] = [];
    for (const c of new Set([db, ...writerDbs])) pids.push((await c.q<{ pid: number }>('select pg_backend_pid() as pid'))[0].pid);
    const cpu = new CpuMeter(pids);
    memory.length = 0; // the import proper starts here (after any training)
    sampleMemory(0);
    const totals: BatchResult = {
      imported: 0, duplicates: 0, withRegistrationDefects: 0, suggested: 0, responses: 0, assignments: 0, applicants: 0, confident: 0, reviewRequired: 0,
      createdTopics: totals0.createdTopics, createdOrganizations: 0, firstNumber: null, lastNumber: null, writeMs: {},
    };
    let classifyMs = 0;
    const classify = (batch: MappedAppeal[]): (Suggestion | null)[] => {
      if (!model) return batch.map(() => null);
      const t0 = performance.now();
      const preds = model.model.predictBatch(batch.map((a) => ({ text: a.text, extras: a.extras })), 1);
      classifyMs += performance.now() - t0;
      return preds.map((p) => {
        const best = p[0];
        const topicId = best ? topics.id(best.label) : undefined;
        if (topicId === undefined) return null;
        return { topicId, probability: best.probability };
      });
    };

    const reading = openCsv(opts.file);
    csv = reading; // closed in `finally` whatever happens
    let header: string[] | null = null;
    let mapper: RowMapper | null = null;
    let rejects: RejectsWriter | null = null;
    const reasonCounts = new Map<string, number>();
    let rowsRead = 0;
    let batch: MappedAppeal[] = [];
    let failure: unknown = null;
    const state = (): ProgressState => ({
      bytesRead: reading.bytesRead(),
      totalBytes,
      rows: rowsRead,
      imported: totals.imported,
      duplicates: totals.duplicates,
      rejected: rejects?.count ?? 0,
      elapsedSeconds: (performance.now() - importStarted) / 1000,
    });
    const add = (r: BatchResult) => {
      for (const k of ['imported', 'duplicates', 'withRegistrationDefects', 'suggested', 'responses', 'assignments', 'applicants', 'confident', 'reviewRequired'] as const)
        totals[k] += r[k];
      for (const [t, ms] of Object.entries(r.writeMs)) totals.writeMs[t] = (totals.writeMs[t] ?? 0) + ms;
      totals.firstNumber ??= r.firstNumber;
      totals.lastNumber = r.lastNumber ?? totals.lastNumber;
    };
    const settle = () => Promise.all([...inflight.values()]);
    const handOver = async () => {
      const b = batch;
      batch = [];
      // backpressure: at most one batch per writer in the database, the next one being built meanwhile
      while (!idle.length) await Promise.race([...inflight.values()]);
      if (failure) throw failure;
      if (writerCount === 1) await settle(); // one connection: its transaction must end before anything else runs on it
      const created = await ensureReferences(ctx, b);
      totals.createdTopics += created.topics;
      totals.createdOrganizations += created.organizations;
      const conn = idle.pop()!;
      const id = Symbol('batch');
      inflight.set(
        id,
        (async () => {
          try {
            let r: BatchResult;
            try {
              r = await writeBatch({ ...ctx, db: conn }, b, classify);
            } catch (e) {
              if (!isConcurrentDuplicate(e)) throw e;
              // the file repeats a row that another writer had in flight: once that one is in, this batch skips it
              await Promise.all([...inflight].filter(([k]) => k !== id).map(([, p]) => p));
              r = await writeBatch({ ...ctx, db: conn }, b, classify);
            }
            add(r);
            sampleMemory(rowsRead);
            opts.progress?.update(state());
          } catch (e) {
            failure ??= e;
          } finally {
            idle.push(conn);
            inflight.delete(id);
          }
        })(),
      );
    };

    for await (const { fields: rec, error } of reading.records) {
      if (!header) {
        header = rec.map((h) => h.trim());
        mapper = mapperFor(header);
        rejects = new RejectsWriter(rejectsFile, header);
        continue;
      }
      rowsRead++;
      const m = error ? { row: rowsRead, reasons: [`malformed CSV record: ${error}`] } : mapper!.map(rec, rowsRead);
      if (isRejection(m)) {
        for (const r of m.reasons) {
          const k = r.replace(/"[^"]*"/g, '"…"');
          reasonCounts.set(k, (reasonCounts.get(k) ?? 0) + 1);
        }
        await rejects!.write(m.row, m.reasons, rec);
        continue;
      }
      batch.push(m);
      if (batch.length >= batchSize) await handOver();
    }
    if (!header) throw new ImportSetupError(`${fileName} is empty: no header row`);
    if (batch.length) await handOver();
    await settle();
    if (failure) throw failure;
    const mergeStarted = performance.now();
    await cleanGinPendingLists(db, 'appeal');
    const indexMergeSeconds = (performance.now() - mergeStarted) / 1000;
    const rebuildStarted = performance.now();
    if (deferred.length) {
      await rebuildDeferred(writerDbs.length > 1 ? writerDbs : [db], deferred);
      deferredLeft = [];
    }
    const indexRebuildSeconds = (performance.now() - rebuildStarted) / 1000;
    const cpuUsed = cpu.read();
    await rejects!.close();
    opts.progress?.stop(state());
    sampleMemory(rowsRead);

    const end = performance.now();
    const importSeconds = (end - importStarted) / 1000;
    const summary: ImportSummary = {
      runId,
      file: opts.file,
      sourceSystem: mapping.sourceSystem,
      region: { kato: region.kato, nameRu: region.nameRu },
      rowsRead,
      imported: totals.imported,
      duplicates: totals.duplicates,
      withRegistrationDefects: totals.withRegistrationDefects,
      rejected: rejects!.count,
      rejectsFile: rejects!.count ? rejectsFile : null,
      rejectReasons: [...reasonCounts].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([reason, count]) => ({ reason, count })),
      responses: totals.responses,
      assignments: totals.assignments,
      applicants: totals.applicants,
      createdTopics: totals.createdTopics,
      createdOrganizations: totals.createdOrganizations,
      registrationNumbers: { first: totals.firstNumber, last: totals.lastNumber },
      classification: {
        model: model
          ? { version: model.version, labels: model.model.labels.length, trainedHere: model.trainedHere, trainDocs: model.trainDocs, holdoutAccuracy: model.holdoutAccuracy }
          : null,
        suggested: totals.suggested,
        confident: totals.confident,
        reviewRequired: totals.reviewRequired,
        threshold: TOPIC_CONFIDENCE_THRESHOLD,
        note: model
          ? undefined
          : opts.classify === false
            ? 'classification turned off (--no-classify)'
            : 'no topic model in this database yet: imported without suggestions (train one with --train-topics, or trainClassifier)',
      },
      seconds: {
        total: (end - started) / 1000,
        training: trainingSeconds,
        import: importSeconds,
        classify: classifyMs / 1000,
        writeByTable: Object.fromEntries(Object.entries(totals.writeMs).map(([t, ms]) => [t, Math.round(ms) / 1000])),
        indexMerge: indexMergeSeconds,
        indexRebuild: indexRebuildSeconds,
      },
      indexes: { deferred: deferred.map((d) => d.name), restoredFromEarlierRun: leftovers.map((d) => d.name) },
      writers: writerCount,
      cpu: {
        ...cpuUsed,
        microsecondsPerAppeal:
          cpuUsed.databaseSeconds == null || !totals.imported
            ? null
            : Math.round(((cpuUsed.nodeSeconds + cpuUsed.databaseSeconds) * 1e6) / totals.imported),
      },
      appealsPerSecond: Math.round(totals.imported / importSeconds),
      rowsPerSecond: Math.round(rowsRead / importSeconds),
      memory: {
        samples: thin(memory, 20),
        startMb: memory[0].rssMb,
        peakMb: Math.max(...memory.map((s) => s.rssMb)),
        endMb: memory[memory.length - 1].rssMb,
      },
    };
    await db.q(
      `update import_run set finished_at = ?, status = 'finished', rows_read = ?, imported = ?, duplicates = ?, rejected = ?, summary = ?::jsonb where id = ?`,
      [opts.now(), rowsRead, totals.imported, totals.duplicates, summary.rejected, JSON.stringify({ ...summary, memory: undefined }), runId],
    );
    return summary;
  } catch (e) {
    await Promise.allSettled([...inflight.values()]);
    let rebuilt = false;
    if (deferredLeft.length) rebuilt = await rebuildDeferred([db], deferredLeft).then(() => true, () => false);
    await db
      .q(`update import_run set finished_at = ?, status = 'failed', summary = coalesce(summary, '{}'::jsonb) || ?::jsonb where id = ? and status = 'running'`, [
        opts.now(),
        JSON.stringify({ error: String((e as Error)?.message ?? e).slice(0, 1000), indexesRebuilt: rebuilt }),
        runId,
      ])
      .catch(() => undefined);
    throw e;
  } finally {
    csv?.close();
    await Promise.allSettled([...inflight.values()]);
    if (lockKey) await db.q('select pg_advisory_unlock(hashtext(?))', [lockKey]).catch(() => undefined);
    for (const w of writerDbs) if (w !== db) await w.release();
    await db.release();
  }
}

/** At most n samples, evenly spread, first and last kept. */
function thin<T>(xs: T[], n: number): T[] {
  if (xs.length <= n) return xs;
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(xs[Math.round((i * (xs.length - 1)) / (n - 1))]);
  return out;
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../db/sql';
import { conflict } from '../shared/errors';
import type { ModelKind } from './classifier-model.entity';
import type { TrainingDoc } from './classifier';
import type { ClassifierMetrics } from './metrics';
import type { ClassifierRegistry, LoadedModel } from './registry';
import { trainWithHoldout } from './train';

export const MIN_TRAINING_DOCS = 30;

/**
 * What each model learns from. Topics: only the topics people chose or confirmed (topic_source 'person'), never the
 * machine's own guesses. Executors: the lead executor of every routed appeal, with the admin unit as a feature.
 * Oldest first, so the held-out share is the most recent (topics drift in time).
 */
async function trainingDocs(em: EntityManager, kind: ModelKind): Promise<TrainingDoc[]> {
  if (kind === 'topic') {
    const rows = await query<{ text: string; label: string }>(
      em,
      `select a.text, t.code as label from appeal a join topic t on t.id = a.topic_id
        where a.topic_source = 'person' order by a.received_at, a.id`,
    );
    return rows.map((r) => ({ text: r.text, label: r.label }));
  }
  const rows = await query<{ text: string; unit: number; label: string }>(
    em,
    `select a.text, a.admin_unit_id as unit, s.organization_id as label from appeal a
       join assignment s on s.appeal_id = a.id and s.role = 'lead'
      where a.out_of_scope is null order by a.received_at, a.id`,
  );
  return rows.map((r) => ({ text: r.text, label: r.label, extras: { unit: String(r.unit) } }));
}

export interface TrainingOutcome {
  version: number;
  docs: number;
  labels: number;
  metrics: ClassifierMetrics | null;
  trainSeconds: number;
  model: LoadedModel;
}

/** Trains a new version, stores it and makes it the active one in one transaction, then swaps it in. */
export async function trainAndActivate(
  em: EntityManager,
  registry: ClassifierRegistry,
  kind: ModelKind,
  opts: { actorId: string | null; now: Date },
): Promise<TrainingOutcome> {
  const docs = await trainingDocs(em, kind);
  const labels = new Set(docs.map((d) => d.label));
  if (docs.length < MIN_TRAINING_DOCS || labels.size < 2) {
    throw conflict(`Not enough labelled appeals to train the ${kind} model (${docs.length} appeals, ${labels.size} labels; need ${MIN_TRAINING_DOCS} and 2)`, {
      reason: 'NOT_ENOUGH_TRAINING_DATA',
    });
  }
  const { model, metrics, trainSeconds } = trainWithHoldout(docs, {}, 0.1);
  const buffer = model.serialize();
  const stored = await em.transactional(async (tx) => {
    const t = tx as EntityManager;
    await query(t, 'lock table classifier_model in share row exclusive mode');
    const [{ v }] = await query<{ v: number }>(t, 'select coalesce(max(version), 0) + 1 as v from classifier_model where kind = ?', [kind]);
    await query(t, 'update classifier_model set active = false where kind = ? and active', [kind]);
    const metricsJson = metrics ? { ...metrics, trainSecondsFinal: trainSeconds } : { trainSecondsFinal: trainSeconds };
    const [row] = await query<any>(
      t,
      `insert into classifier_model (kind, version, trained_at, trained_by_id, labels, metrics, training_set, model, active)
       values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, true)
       returning kind, version, trained_at, labels, metrics, training_set, model`,
      [kind, v, opts.now, opts.actorId, JSON.stringify(model.labels), JSON.stringify(metricsJson), JSON.stringify({ docs: docs.length, labels: labels.size }), buffer],
    );
    return row;
  });
  const loaded = registry.install(stored);
  return { version: loaded.version, docs: docs.length, labels: labels.size, metrics, trainSeconds, model: loaded };
}

/**
 * Gives appeals registered before the current topic model its suggestion (machine fields only: a person's topic is
 * never touched). Batched: one read and one update per thousand appeals.
 */
export async function classifyBacklog(em: EntityManager, registry: ClassifierRegistry, batch = 1000): Promise<number> {
  const m = registry.get('topic');
  if (!m) return 0;
  let done = 0;
  for (;;) {
    const rows = await query<{ id: string; text: string }>(
      em,
      `select id, text from appeal where machine_model_version is distinct from ? order by id limit ?`,
      [m.version, batch],
    );
    if (!rows.length) return done;
    const ids: string[] = [];
    const topics: (number | null)[] = [];
    const probs: (number | null)[] = [];
    for (const r of rows) {
      const [best] = registry.suggestTopics(r.text, 1);
      ids.push(r.id);
      topics.push(best ? Number(best.topicId) : null);
      probs.push(best ? best.probability : null);
    }
    await query(
      em,
      `update appeal a set machine_topic_id = s.topic_id, machine_topic_confidence = s.p, machine_model_version = ?
         from unnest(?::uuid[], ?::int[], ?::float8[]) as s(id, topic_id, p) where a.id = s.id`,
      [m.version, `{${ids.join(',')}}`, `{${topics.map((t) => t ?? 'NULL').join(',')}}`, `{${probs.map((p) => p ?? 'NULL').join(',')}}`],
    );
    done += rows.length;
  }
}
